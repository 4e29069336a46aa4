import PlanCastForecasting
import PlanCastPlan

/// Chart data from PlanCast results: the charts themselves take plain structs, these
/// functions fill them from projections, targets and backtests.
public enum ChartData {
  /// The plan target drawn on a series' fan chart: a target on the same region and indicator
  /// whose value is on the series' scale (a level or a share). An average-growth target is
  /// drawn against its average path (``averagePath(_:model:language:)``), not the annual rates.
  public static func targetLine(
    area: String, indicator: String, model: PlanModel, language: Language
  ) -> FanChartData.TargetLine? {
    guard
      let target = model.plan.targets.first(where: {
        $0.region == area && $0.indicator == indicator
          && {
            switch $0.form {
            case .level, .share: true
            case .averageGrowth, .changeVersusBase, .cumulative: false
            }
          }($0)
      })
    else { return nil }
    let names = ModelNames(model: model, language: language)
    let unit = target.unit == "pct" ? "%" : " " + names.unit(target.unit)
    let label =
      "\(target.comparator.symbol) \(NumberLabel.compact(target.value))\(unit) (\(target.year))"
    return FanChartData.TargetLine(
      value: target.value, year: target.year, label: "\(target.id) \(label)")
  }

  /// A fan chart of a projection: history, median, 80% and 95% bands (forecast points carry no
  /// 50% band yet), and the target when there is one. `nil` when the projection failed.
  public static func fan(_ p: SeriesProjection, model: PlanModel, language: Language)
    -> FanChartData?
  {
    guard case .success(let result) = p.outcome else { return nil }
    let names = ModelNames(model: model, language: language)
    let points = result.forecast.points
    let unit = names.unit(p.unit)
    let history = zip(p.history.years, p.history.values).map { YearValue(year: $0.0, value: $0.1) }
    let modelText = "\(language == .zh ? "模型" : "model"): \(result.forecast.model)"
    let proxy = p.proxyNote.map {
      model.data.proxyNote(region: p.area, indicator: p.indicator, language) ?? $0
    }
    return FanChartData(
      title: "\(names.area(p.area)) · \(names.indicator(p.indicator))",
      subtitle: modelText
        + (proxy.map { language == .zh ? "; 代理: \($0)" : "; proxy: \($0)" } ?? ""),
      valueTitle: unit, history: history,
      forecastYears: points.map(\.year), median: points.map(\.median),
      bands: [
        .init(level: 0.95, lower: points.map(\.lo95), upper: points.map(\.hi95)),
        .init(level: 0.8, lower: points.map(\.lo80), upper: points.map(\.hi80)),
      ],
      target: targetLine(area: p.area, indicator: p.indicator, model: model, language: language),
      labels: .standard(language))
  }

  /// The backtest chart of one series and model: the outturn and the forecasts from at most
  /// `maxOrigins` origins spread over those backtested. `nil` without records.
  public static func backtest(
    _ row: SeriesBacktest.Row, history: [YearValue], unit: String, model: PlanModel,
    language: Language, maxOrigins: Int = 6
  ) -> BacktestChartData? {
    guard !row.records.isEmpty else { return nil }
    let names = ModelNames(model: model, language: language)
    let byOrigin = Dictionary(grouping: row.records, by: \.origin)
    let origins = byOrigin.keys.sorted()
    let stride = max(1, Int((Double(origins.count) / Double(maxOrigins)).rounded(.up)))
    let chosen = origins.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
    var actual = history
    let known = Set(history.map(\.year))
    for r in row.records
    where !known.contains(r.year) && !actual.contains(where: { $0.year == r.year }) {
      actual.append(YearValue(year: r.year, value: r.actual))
    }
    actual.sort { $0.year < $1.year }
    let summary = row.summary.map {
      language == .zh
        ? "模型 \(names.forecaster(row.model)); MASE \(NumberLabel.format($0.mase, decimals: 2)), 80%覆盖率 \(NumberLabel.format($0.coverage80 * 100, decimals: 0))%"
        : "model \(row.model); MASE \(NumberLabel.format($0.mase, decimals: 2)), 80% coverage \(NumberLabel.format($0.coverage80 * 100, decimals: 0))%"
    }
    return BacktestChartData(
      title: "\(names.area(row.area)) · \(names.indicator(row.indicator))", subtitle: summary,
      valueTitle: names.unit(unit), actual: actual,
      paths: chosen.map { origin in
        BacktestChartData.Path(
          origin: origin,
          points: (byOrigin[origin] ?? []).sorted { $0.year < $1.year }.map {
            .init(
              year: $0.year, mean: $0.forecast.mean, lo80: $0.forecast.lo80, hi80: $0.forecast.hi80)
          })
      }, language: language)
  }
}
