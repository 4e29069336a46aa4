import PlanCastForecasting
import PlanCastPlan

/// Backtest tables: accuracy per series and model, and every forecast with its outturn.
public enum BacktestTables {
  static let accuracyColumns: [Column] = [
    Column("city", zh: "地区"), Column("area_name", zh: "地区名称"), Column("indicator", zh: "指标"),
    Column("indicator_name", zh: "指标名称"), Column("model", zh: "模型"),
    Column("n", zh: "预测个数", .right), Column("mape", zh: "MAPE(%)", .right),
    Column("rmse", zh: "RMSE", .right), Column("mase", zh: "MASE", .right),
    Column("coverage80", zh: "80%覆盖率", .right), Column("coverage95", zh: "95%覆盖率", .right),
    Column("winkler80", zh: "80% Winkler", .right), Column("winkler95", zh: "95% Winkler", .right),
    Column("skipped_origins", zh: "未能拟合的起点"),
  ]

  static let forecastColumns: [Column] = [
    Column("city", zh: "地区"), Column("indicator", zh: "指标"),
    Column("indicator_name", zh: "指标名称"), Column("model", zh: "模型"),
    Column("origin", zh: "预测起点", .right), Column("horizon", zh: "预测步长", .right),
    Column("year", zh: "年份", .right), Column("actual", zh: "实际值", .right),
    Column("mean", zh: "预测均值", .right), Column("median", zh: "预测中位数", .right),
    Column("lo80", zh: "80%下限", .right), Column("hi80", zh: "80%上限", .right),
    Column("lo95", zh: "95%下限", .right), Column("hi95", zh: "95%上限", .right),
    Column("error", zh: "误差(实际−均值)", .right),
  ]

  /// One row per series and model; a model with no usable origin has `n = 0` and empty scores.
  public static func accuracy(
    _ rows: [SeriesBacktest.Row], model: PlanModel, language: Language
  ) -> Table {
    var table = Table(columns: accuracyColumns, language: language)
    let names = ModelNames(model: model, language: language)
    for row in rows {
      let s = row.summary
      table.append([
        .text(row.area), .text(names.area(row.area)), .text(row.indicator),
        .text(names.indicator(row.indicator)), .text(row.model), .integer(s?.count ?? 0),
        .number(s?.mape), .number(s?.rmse), .number(s?.mase), .number(s?.coverage80),
        .number(s?.coverage95), .number(s?.winkler80), .number(s?.winkler95),
        row.skippedOrigins.isEmpty
          ? .empty : .text(row.skippedOrigins.map(String.init).joined(separator: " ")),
      ])
    }
    return table
  }

  /// One row per forecast compared with its outturn.
  public static func forecasts(
    _ rows: [SeriesBacktest.Row], model: PlanModel, language: Language
  ) -> Table {
    var table = Table(columns: forecastColumns, language: language)
    let names = ModelNames(model: model, language: language)
    for row in rows {
      for r in row.records {
        table.append([
          .text(row.area), .text(row.indicator), .text(names.indicator(row.indicator)),
          .text(row.model), .integer(r.origin), .integer(r.horizon), .integer(r.year),
          .number(r.actual), .number(r.forecast.mean), .number(r.forecast.median),
          .number(r.forecast.lo80), .number(r.forecast.hi80), .number(r.forecast.lo95),
          .number(r.forecast.hi95), .number(r.actual - r.forecast.mean),
        ])
      }
    }
    return table
  }

  public static func export(
    _ rows: [SeriesBacktest.Row], model: PlanModel, language: Language
  ) -> [ExportTable] {
    let unfitted = rows.filter { $0.summary == nil }.map {
      "\($0.area) \($0.indicator) \($0.model): no backtest origin could be scored"
    }
    return [
      ExportTable(
        id: "backtest_accuracy", schema: "backtest_accuracy.v1", titleEN: "Backtest accuracy",
        titleZH: "回测精度", table: accuracy(rows, model: model, language: language),
        notes: unfitted),
      ExportTable(
        id: "backtest_forecasts", schema: "backtest_forecasts.v1",
        titleEN: "Backtest forecasts and outturns", titleZH: "回测预测与实际值",
        table: forecasts(rows, model: model, language: language)),
    ]
  }
}
