/// Evaluates plan targets on a model's data.
public struct TargetEvaluator: Sendable {
  public let data: ModelData
  public let language: Language

  public init(data: ModelData, language: Language = .en) {
    self.data = data
    self.language = language
  }

  /// Evaluates every numeric target, using only observations up to `asOf` when given.
  public func evaluate(_ plan: PlanTargets, asOf: Int? = nil) -> [TargetEvaluation] {
    plan.targets.map { evaluate($0, asOf: asOf) }
  }

  /// Evaluates one target, using only observations up to `asOf` when given.
  public func evaluate(_ target: Target, asOf: Int? = nil) -> TargetEvaluation {
    guard let indicator = data.catalog[target.indicator],
      var series = data.series(area: target.region, indicator: target.indicator, language: language)
    else {
      return noData(target, reason: Self.noDataReason(target, data: data), origin: nil)
    }
    if let asOf { series = series.through(asOf) }
    guard !series.isEmpty else {
      let year = asOf ?? target.year
      return noData(
        target, reason: LocalizedText(en: "no observation up to \(year)", zh: "截至\(year)年无观测值"),
        origin: series.origin)
    }
    let m = TargetMeasurer(target: target, indicator: indicator, window: data.config.recentWindow)
      .measure(series)
    guard let latest = m.latestValue else {
      return noData(
        target, reason: m.reason ?? LocalizedText(en: "no observation", zh: "无观测值"),
        origin: series.origin)
    }
    // Stale: older than the plan's base year, or than the last year of data in an earlier view.
    let lastDataYear = min(asOf ?? .max, data.lastObservedYear ?? .max)
    let fresh = min(data.config.baseYear, lastDataYear)
    if let year = m.latestYear, year < fresh {
      let base = fresh == data.config.baseYear
      let reference = base ? "the plan's base year \(fresh)" : "the last year of data \(fresh)"
      let referenceZH = base ? "规划基期\(fresh)年" : "数据最后年份\(fresh)年"
      return TargetEvaluation(
        target: target, status: .staleData, latestValue: latest, latestYear: year,
        gap: target.value - latest, requiredAnnualChange: nil, recentAnnualChange: nil,
        recentYears: nil, projectedValue: nil, changeMeasure: m.measure, origin: series.origin,
        reasonText: LocalizedText(
          en:
            "the latest observation (\(year)) is older than \(reference): too old to project from",
          zh: "最新观测值(\(year)年)早于\(referenceZH)：过旧，无法据此预测"))
    }
    if let rule = data.config.sufficiency, !rule.isSufficient(series.points.map(\.year)) {
      return TargetEvaluation(
        target: target, status: .insufficientData, latestValue: latest, latestYear: m.latestYear,
        gap: target.value - latest, requiredAnnualChange: m.required, recentAnnualChange: nil,
        recentYears: nil, projectedValue: nil, changeMeasure: m.measure, origin: series.origin,
        reasonText: rule.shortfall(series.points.map(\.year)))
    }
    let condition = TargetCondition(
      comparator: target.comparator, value: target.value, tolerance: target.tolerance,
      direction: reachDirection(target, series: series))
    let status = StatusRule.status(
      condition: condition, latest: latest, latestYear: m.latestYear, targetYear: target.year,
      projected: m.projected)
    return TargetEvaluation(
      target: target, status: status, latestValue: latest, latestYear: m.latestYear,
      gap: target.value - latest, requiredAnnualChange: m.required, recentAnnualChange: m.recent,
      recentYears: m.recentYears, projectedValue: m.projected, changeMeasure: m.measure,
      origin: series.origin, reasonText: status == .noData ? m.reason : m.note)
  }

  /// The "recent trend" call on `target` from the observations up to `asOf`: whether the
  /// value projected at the recent annual change (as in ``StatusRule``) meets it. Unlike the
  /// status, it ignores the model's insufficient-data rule and the age of the data, so that it
  /// calls whenever the series gives a recent change; nil when it gives none.
  public func recentTrendReaches(_ target: Target, asOf: Int? = nil) -> Bool? {
    guard let indicator = data.catalog[target.indicator],
      var series = data.series(area: target.region, indicator: target.indicator)
    else { return nil }
    if let asOf { series = series.through(asOf) }
    guard !series.isEmpty else { return nil }
    let m = TargetMeasurer(target: target, indicator: indicator, window: data.config.recentWindow)
      .measure(series)
    guard let projected = m.projected else { return nil }
    let condition = TargetCondition(
      comparator: target.comparator, value: target.value, tolerance: target.tolerance,
      direction: reachDirection(target, series: series))
    return condition.isMet(by: projected)
  }

  /// The condition a target's quantity must meet, with the direction of "reach" judged from
  /// the data (nil when the target's series has no data).
  public func condition(for target: Target) -> TargetCondition? {
    guard let series = data.series(area: target.region, indicator: target.indicator),
      !series.isEmpty
    else { return nil }
    return TargetCondition(
      comparator: target.comparator, value: target.value, tolerance: target.tolerance,
      direction: reachDirection(target, series: series))
  }

  /// For "=" (reach): +1 if the series must rise to the value, −1 if it must fall, judged
  /// from the last value before the plan period (else the first value).
  private func reachDirection(_ target: Target, series: IndicatorSeries) -> Double {
    let reference =
      series.points.last { $0.year < data.config.planStart } ?? series.points.first
    guard let ref = reference?.value else { return 1 }
    switch target.form {
    case .level, .share, .cumulative: return target.value >= ref ? 1 : -1
    case .averageGrowth, .changeVersusBase: return target.value >= 0 ? 1 : -1
    }
  }

  /// "No data for the indicator in the region", for a target whose region has no series of it.
  public static func noDataReason(_ target: Target, data: ModelData) -> LocalizedText {
    LocalizedText(
      en: "no data for \(target.indicator) in \(target.region)",
      zh: "\(data.areaName(target.region, .zh))无\(data.indicatorName(target.indicator, .zh))数据")
  }

  private func noData(_ target: Target, reason: LocalizedText, origin: SeriesOrigin?)
    -> TargetEvaluation
  {
    TargetEvaluation(
      target: target, status: .noData, latestValue: nil, latestYear: nil, gap: nil,
      requiredAnnualChange: nil, recentAnnualChange: nil, recentYears: nil, projectedValue: nil,
      changeMeasure: .unitsPerYear, origin: origin, reasonText: reason)
  }
}
