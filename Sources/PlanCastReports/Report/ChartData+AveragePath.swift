import PlanCastPlan

/// An average-growth target's path under one scenario, for its chart: the observed average
/// from the period's start to each year, and the simulated average to each later year.
public struct AveragePathRecord: Sendable {
  public var target: Target
  public var scenario: Scenario
  public var draws: Int
  public var observed: [YearValue]
  /// One record per projected year (its target's year), the target year last.
  public var projected: [AttainmentRecord]

  public init(
    target: Target, scenario: Scenario, draws: Int, observed: [YearValue],
    projected: [AttainmentRecord]
  ) {
    self.target = target
    self.scenario = scenario
    self.draws = draws
    self.observed = observed
    self.projected = projected
  }
}

extension ChartData {
  /// The chart of an average-growth target: the average growth since the period's start,
  /// observed and then simulated (median, 80% and 95% intervals from the attainment draws),
  /// against the target at its year. `nil` when nothing is projected.
  public static func averagePath(_ path: AveragePathRecord, model: PlanModel, language: Language)
    -> FanChartData?
  {
    guard case .averageGrowth(let start) = path.target.form else { return nil }
    let points = path.projected.compactMap { r -> (year: Int, q: [Double])? in
      guard let median = r.median, let lo80 = r.lo80, let hi80 = r.hi80, let lo95 = r.lo95,
        let hi95 = r.hi95
      else { return nil }
      return (r.target.year, [median, lo80, hi80, lo95, hi95])
    }
    guard !points.isEmpty else { return nil }
    let zh = language == .zh
    let names = ModelNames(model: model, language: language)
    let target = path.target
    var labels = FanChartData.Labels.standard(language)
    labels.history = zh ? "\(start)年以来年均(实际)" : "average since \(start), observed"
    labels.median = zh ? "\(start)年以来年均(中位数)" : "average since \(start), median"
    let probability = path.projected.last?.probability.map {
      NumberLabel.format($0 * 100, decimals: 1) + "%"
    }
    let draws = NumberLabel.format(Double(path.draws), decimals: 0)
    let subtitle =
      zh
      ? "\(start)年起各年增速的几何平均; \(path.scenario.name(.zh)), \(draws)次模拟(与达标概率表相同)"
        + (probability.map { "; 达标概率 \($0)" } ?? "")
      : "geometric average of the annual rates from \(start); \(path.scenario.name(.en)), \(draws) draws (as in the attainment table)"
        + (probability.map { "; P(attain) \($0)" } ?? "")
    let average = zh ? "\(start)–\(target.year)年均" : "average \(start)–\(target.year)"
    return FanChartData(
      title: "\(names.area(target.region)) · \(target.name(language))", subtitle: subtitle,
      valueTitle: "%", history: path.observed, forecastYears: points.map(\.year),
      median: points.map { $0.q[0] },
      bands: [
        .init(level: 0.95, lower: points.map { $0.q[3] }, upper: points.map { $0.q[4] }),
        .init(level: 0.8, lower: points.map { $0.q[1] }, upper: points.map { $0.q[2] }),
      ],
      target: .init(
        value: target.value, year: target.year,
        label:
          "\(target.id) \(target.comparator.symbol) \(NumberLabel.compact(target.value))% (\(average))"
      ),
      labels: labels)
  }
}
