/// One row of the coverage matrix: which years an area has for an indicator, and how.
public struct CoverageEntry: Sendable, Hashable {
  public let indicator: String
  public let area: String
  public let origin: SeriesOrigin
  public let years: [Int]
}

extension ModelData {
  /// The coverage matrix: for every declared indicator (in declaration order) and area (in
  /// declaration order), the years present. For a region: the series used (computed,
  /// published or proxy) and, when the published figures are not that series, also those.
  public func coverage() -> [CoverageEntry] {
    var entries: [CoverageEntry] = []
    for indicator in catalog.indicators {
      for area in config.areas {
        if area.kind == .region {
          let used = series(area: area.id, indicator: indicator.id)
          if let used {
            entries.append(
              CoverageEntry(
                indicator: indicator.id, area: area.id, origin: used.origin, years: used.years))
          }
          let published = observedSeries(area: area.id, indicator: indicator.id)
          if !published.isEmpty, used?.origin != .published {
            entries.append(
              CoverageEntry(
                indicator: indicator.id, area: area.id, origin: .published, years: published.years))
          }
        } else {
          let s = areaSeries(area: area.id, indicator: indicator.id)
          if !s.isEmpty {
            entries.append(
              CoverageEntry(
                indicator: indicator.id, area: area.id, origin: .observed, years: s.years))
          }
        }
      }
    }
    return entries
  }
}

/// Compact text for a set of years: `2000–2016, 2019–2021`.
public enum YearRanges {
  public static func describe(_ years: [Int]) -> String {
    let sorted = Array(Set(years)).sorted()
    var parts: [String] = []
    var i = 0
    while i < sorted.count {
      var j = i
      while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
      parts.append(j == i ? "\(sorted[i])" : "\(sorted[i])–\(sorted[j])")
      i = j + 1
    }
    return parts.joined(separator: ", ")
  }
}
