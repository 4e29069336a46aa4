/// Computes a region's series from its members' series by an indicator's aggregation rule.
///
/// A region value exists only for years in which every member has all the inputs the rule
/// needs; nothing is interpolated.
struct RegionAggregator {
  /// The rule's summary, recorded in each point's provenance.
  let rule: String
  /// A member's series of an indicator (observed, with derived points).
  let memberSeries: (String, String) -> IndicatorSeries

  func aggregate(region: Area, indicator: Indicator) -> [SeriesPoint] {
    let members = region.members
    guard !members.isEmpty else { return [] }
    switch indicator.aggregation {
    case .none:
      return []
    case .sum:
      let series = members.map { memberSeries($0, indicator.id) }
      return combine(years: commonYears(series)) { year in
        let points = series.compactMap { $0.point(in: year) }
        return (points.map(\.value).reduce(0, +), points)
      }
    case .ratioOfSums(let numerator, let denominator, let scale):
      let num = members.map { memberSeries($0, numerator) }
      let den = members.map { memberSeries($0, denominator) }
      return combine(years: commonYears(num).intersection(commonYears(den))) { year in
        let n = num.compactMap { $0.point(in: year) }
        let d = den.compactMap { $0.point(in: year) }
        let total = d.map(\.value).reduce(0, +)
        guard total != 0 else { return nil }
        return (scale * n.map(\.value).reduce(0, +) / total, n + d)
      }
    case .weightedMean(let weight, let lag):
      let x = members.map { memberSeries($0, indicator.id) }
      let w = members.map { memberSeries($0, weight) }
      let years = commonYears(x).filter { year in w.allSatisfy { $0.point(in: year - lag) != nil } }
      return combine(years: years) { year in
        let xs = x.compactMap { $0.point(in: year) }
        let ws = w.compactMap { $0.point(in: year - lag) }
        let total = ws.map(\.value).reduce(0, +)
        guard total != 0 else { return nil }
        let value = zip(xs, ws).map { $0.value * $1.value }.reduce(0, +) / total
        return (value, xs + ws)
      }
    }
  }

  private func commonYears(_ series: [IndicatorSeries]) -> Set<Int> {
    guard let first = series.first else { return [] }
    return series.dropFirst().reduce(Set(first.years)) { $0.intersection($1.years) }
  }

  private func combine(
    years: Set<Int>, _ compute: (Int) -> (Double, [SeriesPoint])?
  ) -> [SeriesPoint] {
    years.sorted().compactMap { year in
      guard let (value, inputs) = compute(year), value.isFinite else { return nil }
      return SeriesPoint(
        year: year, value: value,
        provenance: .computed(rule: rule, inputs: inputs.flatMap(\.provenance.observations)))
    }
  }
}
