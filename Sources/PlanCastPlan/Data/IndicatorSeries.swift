/// One value of a series.
public struct SeriesPoint: Sendable, Hashable {
  public let year: Int
  public let value: Double
  public let provenance: Provenance

  public init(year: Int, value: Double, provenance: Provenance) {
    self.year = year
    self.value = value
    self.provenance = provenance
  }
}

/// How a series was obtained for its area.
public enum SeriesOrigin: Sendable, Hashable {
  /// Observed values of a city or reference area (possibly with derived points).
  case observed
  /// A region's values computed from its members by the indicator's aggregation rule.
  case computed(rule: String)
  /// A region's values published as such.
  case published
  /// A region's values taken from other areas under a proxy rule.
  case proxy(note: String)

  /// The proxy note, if this series is a proxy.
  public var proxyNote: String? {
    if case .proxy(let note) = self { return note }
    return nil
  }
}

/// An area's values of one indicator: years ascending, irregular years allowed, one source
/// per point. This is the type forecasting code consumes.
public struct IndicatorSeries: Sendable, Hashable {
  public let area: String
  public let indicator: String
  public let unit: String
  public let origin: SeriesOrigin
  /// Points sorted by year, at most one per year.
  public let points: [SeriesPoint]

  /// Creates a series; points are sorted by year.
  public init(
    area: String, indicator: String, unit: String, origin: SeriesOrigin, points: [SeriesPoint]
  ) {
    self.area = area
    self.indicator = indicator
    self.unit = unit
    self.origin = origin
    self.points = points.sorted { $0.year < $1.year }
  }

  public var years: [Int] { points.map(\.year) }
  public var values: [Double] { points.map(\.value) }
  public var isEmpty: Bool { points.isEmpty }

  /// The value in `year`, if observed.
  public func value(in year: Int) -> Double? {
    points.first { $0.year == year }?.value
  }

  /// The point in `year`, if any.
  public func point(in year: Int) -> SeriesPoint? {
    points.first { $0.year == year }
  }

  /// The series restricted to years up to and including `year`.
  public func through(_ year: Int) -> IndicatorSeries {
    IndicatorSeries(
      area: area, indicator: indicator, unit: unit, origin: origin,
      points: points.filter { $0.year <= year })
  }
}
