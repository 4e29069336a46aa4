/// A yearly series for modelling: strictly increasing years (gaps allowed) and finite values.
public struct YearlySeries: Sendable, Equatable {
  /// A name used in messages, e.g. "Changsha gdp_nominal".
  public let name: String
  public let years: [Int]
  public let values: [Double]

  /// The years a series may hold: calendar years, so that no arithmetic on them (spans,
  /// horizons, offsets) can overflow.
  public static let calendarYears = 0...9999

  /// Checks that years are calendar years and increase strictly, and that values are finite.
  public init(name: String, years: [Int], values: [Double]) throws {
    guard years.count == values.count else {
      throw ForecastError.invalidSeries(name, "\(years.count) years but \(values.count) values")
    }
    if let bad = years.first(where: { !Self.calendarYears.contains($0) }) {
      throw ForecastError.invalidSeries(
        name,
        "year \(bad) is outside \(Self.calendarYears.lowerBound)…\(Self.calendarYears.upperBound)")
    }
    for k in years.indices.dropFirst() where years[k] <= years[k - 1] {
      throw ForecastError.invalidSeries(
        name, "years must increase strictly (\(years[k]) after \(years[k - 1]))")
    }
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw ForecastError.invalidSeries(name, "the value for \(years[bad]) is not finite")
    }
    self.name = name
    self.years = years
    self.values = values
  }

  public var count: Int { years.count }
  public var isEmpty: Bool { years.isEmpty }
  /// The last observed year.
  public var lastYear: Int? { years.last }

  /// The series restricted to years up to and including `year`.
  public func through(_ year: Int) -> YearlySeries {
    let n = years.firstIndex { $0 > year } ?? years.count
    return YearlySeries(unchecked: name, Array(years[..<n]), Array(values[..<n]))
  }

  /// True when no year is missing between the first and the last.
  public var isContiguous: Bool {
    guard let first = years.first, let last = years.last else { return true }
    return last - first == years.count - 1
  }

  /// The value observed in `year`, if any.
  func value(at year: Int) -> Double? {
    var low = 0
    var high = years.count
    while low < high {
      let mid = (low + high) / 2
      if years[mid] < year { low = mid + 1 } else { high = mid }
    }
    return low < years.count && years[low] == year ? values[low] : nil
  }

  init(unchecked name: String, _ years: [Int], _ values: [Double]) {
    self.name = name
    self.years = years
    self.values = values
  }
}
