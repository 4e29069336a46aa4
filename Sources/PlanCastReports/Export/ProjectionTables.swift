import PlanCastForecasting
import PlanCastPlan

/// The tidy projection table: one row per area, indicator and year, observed years included
/// with `kind = observed` (their value in `mean` and `median`) so that a chart needs no other
/// file. Series that could not be projected are listed in the notes.
public enum ProjectionTables {
  /// The column keys `plancast project --format csv` has always written.
  static let core: [Column] = [
    Column("city", zh: "地区", .left), Column("indicator", zh: "指标", .left),
    Column("year", zh: "年份", .right), Column("kind", zh: "类型", .left),
    Column("mean", zh: "均值", .right), Column("median", zh: "中位数", .right),
    Column("lo80", zh: "80%下限", .right), Column("hi80", zh: "80%上限", .right),
    Column("lo95", zh: "95%下限", .right), Column("hi95", zh: "95%上限", .right),
    Column("model", zh: "模型", .left), Column("unit", zh: "单位", .left),
    Column("proxy", zh: "代理说明", .left),
  ]
  static let names: [Column] = [
    Column("area_name", zh: "地区名称"), Column("indicator_name", zh: "指标名称"),
    Column("unit_name", zh: "单位名称"),
  ]

  /// The table; `withNames` adds area, indicator and unit names in `language`.
  public static func tidy(
    _ projections: [SeriesProjection], model: PlanModel, language: Language,
    includeObserved: Bool = true, withNames: Bool = true
  ) -> Table {
    var table = Table(columns: core + (withNames ? names : []), language: language)
    let names = ModelNames(model: model, language: language)
    for p in projections {
      guard case .success(let result) = p.outcome else { continue }
      let proxy = Cell.text(p.proxyNote)
      let extra: [Cell] =
        withNames
        ? [
          .text(names.area(p.area)), .text(names.indicator(p.indicator)), .text(names.unit(p.unit)),
        ]
        : []
      if includeObserved {
        for (year, value) in zip(p.history.years, p.history.values) {
          table.append(
            [
              .text(p.area), .text(p.indicator), .integer(year), "observed", .number(value),
              .number(value), .empty, .empty, .empty, .empty, .empty, .text(p.unit), proxy,
            ] + extra)
        }
      }
      for point in result.forecast.points {
        table.append(
          [
            .text(p.area), .text(p.indicator), .integer(point.year), "forecast",
            .number(point.mean), .number(point.median), .number(point.lo80), .number(point.hi80),
            .number(point.lo95), .number(point.hi95), .text(result.forecast.model), .text(p.unit),
            proxy,
          ] + extra)
      }
    }
    return table
  }

  /// Why series are missing from the table.
  public static func failures(_ projections: [SeriesProjection]) -> [String] {
    projections.compactMap { p in
      guard case .failure(let error) = p.outcome else { return nil }
      return "\(p.area) \(p.indicator): no projection (\(error.description))"
    }
  }

  /// ``failures(_:)`` in `language`, areas and indicators by their names.
  public static func failures(
    _ projections: [SeriesProjection], model: PlanModel, language: Language
  ) -> [String] {
    guard language == .zh else { return failures(projections) }
    let names = ModelNames(model: model, language: language)
    return projections.compactMap { p in
      guard case .failure(let error) = p.outcome else { return nil }
      return "\(names.area(p.area)) \(names.indicator(p.indicator)):无预测(\(error.reason(language)))"
    }
  }

  /// The export table.
  public static func export(
    _ projections: [SeriesProjection], model: PlanModel, language: Language
  ) -> ExportTable {
    ExportTable(
      id: "projections", schema: "projections.v1", titleEN: "Projections",
      titleZH: "预测", table: tidy(projections, model: model, language: language),
      notes: failures(projections))
  }
}
