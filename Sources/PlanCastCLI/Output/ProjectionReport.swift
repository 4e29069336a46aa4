import PlanCastForecasting
import PlanCastPlan
import PlanCastReports

/// Renders projections: a tidy table (one row per area, indicator and year; observed years
/// included with `kind = observed`), JSON, and the failures with their reasons.
struct ProjectionReport {
  let projections: [SeriesProjection]
  let model: PlanModel
  let language: Language

  /// Machine-readable rows with full-precision numbers (the export's tidy table without the
  /// name columns; see `ProjectionTables`).
  func tidyTable(includeObserved: Bool = true) -> Table {
    ProjectionTables.tidy(
      projections, model: model, language: .en, includeObserved: includeObserved,
      withNames: false)
  }

  /// A terminal table: forecasts only, names, headers and notes in the chosen language, the
  /// unit in its own column, each series rounded to the same decimals (0 from 1,000 up, 1 from
  /// 100, else 2; full precision stays in CSV and JSON).
  func displayTable() -> (Table, [String]) {
    let zh = language == .zh
    var table = Table(
      headers: zh
        ? ["地区", "指标", "单位", "年份", "中位数", "80%区间", "95%区间", "模型"]
        : ["area", "indicator", "unit", "year", "median", "80% interval", "95% interval", "model"],
      alignments: [.left, .left, .left, .right, .right, .right, .right, .left])
    var notes: [String] = []
    for p in projections {
      let area = model.data.areaName(p.area, language)
      let indicator = model.data.indicatorName(p.indicator, language)
      let unit = model.data.displayUnit(p.unit, language)
      switch p.outcome {
      case .success(let result):
        var marker = ""
        if let proxy = p.proxyNote {
          notes.append(
            model.data.proxyNote(region: p.area, indicator: p.indicator, language) ?? proxy)
          marker = " [\(notes.count)]"
        }
        let digits = NumberText.decimals(bySizeOf: result.forecast.points.map(\.median))
        func number(_ x: Double) -> String { NumberText.fixed(x, digits: digits) }
        for point in result.forecast.points {
          table.append([
            area, indicator + marker, unit, "\(point.year)", number(point.median),
            "\(number(point.lo80)) – \(number(point.hi80))",
            "\(number(point.lo95)) – \(number(point.hi95))", result.forecast.model,
          ])
        }
      case .failure(let error):
        notes.append("\(area) \(indicator)\(zh ? "：" : ": ")\(error.reason(language))")
        table.append([
          area, indicator, unit, "–", "–", "–", "–",
          (zh ? "无预测" : "no projection") + " [\(notes.count)]",
        ])
      }
    }
    return (table, notes.enumerated().map { "[\($0.offset + 1)] \($0.element)" })
  }

  func json() -> JSONValue {
    .object([
      ("model", .string(model.config.id)),
      (
        "projections",
        .array(
          projections.map { p in
            var fields: [(String, JSONValue)] = [
              ("city", .string(p.area)), ("indicator", .string(p.indicator)),
              ("unit", .string(p.unit)), ("proxy", .optional(p.proxyNote)),
              (
                "observed",
                .array(
                  zip(p.history.years, p.history.values).map {
                    .object([("year", .int($0.0)), ("value", .double($0.1))])
                  })
              ),
            ]
            switch p.outcome {
            case .success(let result):
              fields.append(("model", .string(result.forecast.model)))
              fields.append(
                (
                  "forecast",
                  .array(
                    result.forecast.points.map { point in
                      .object([
                        ("year", .int(point.year)), ("mean", .double(point.mean)),
                        ("median", .double(point.median)), ("lo80", .double(point.lo80)),
                        ("hi80", .double(point.hi80)), ("lo95", .double(point.lo95)),
                        ("hi95", .double(point.hi95)),
                      ])
                    })
                ))
            case .failure(let error):
              fields.append(("error", .string(error.description)))
            }
            return .object(fields)
          })
      ),
    ])
  }
}
