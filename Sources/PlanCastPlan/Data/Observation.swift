/// One validated data row: an area's value of an indicator in a year, with its provenance.
public struct Observation: Sendable, Hashable {
  public let area: String
  public let indicator: String
  public let year: Int
  public let value: Double
  public let unit: String
  /// Which vintage of the series this value belongs to (free text).
  public let vintage: String
  public let source: String
  public let note: String
  /// Where the row is in the data file.
  public let location: SourceLocation

  public init(
    area: String, indicator: String, year: Int, value: Double, unit: String, vintage: String,
    source: String, note: String, location: SourceLocation
  ) {
    self.area = area
    self.indicator = indicator
    self.year = year
    self.value = value
    self.unit = unit
    self.vintage = vintage
    self.source = source
    self.note = note
    self.location = location
  }
}
