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

  /// A terminal table: forecasts only, rounded, names in the chosen language.
  func displayTable() -> (Table, [String]) {
    var table = Table(
      headers: ["area", "indicator", "year", "median", "80% interval", "95% interval", "model"],
      alignments: [.left, .left, .right, .right, .right, .right, .left])
    var notes: [String] = []
    for p in projections {
      let area = model.config.area(p.area)?.name(language) ?? p.area
      let indicator = model.data.catalog[p.indicator]?.name(language) ?? p.indicator
      switch p.outcome {
      case .success(let result):
        var marker = ""
        if let proxy = p.proxyNote {
          notes.append(proxy)
          marker = " [\(notes.count)]"
        }
        for point in result.forecast.points {
          table.append([
            area, indicator + marker, "\(point.year)", Self.number(point.median),
            "\(Self.number(point.lo80)) – \(Self.number(point.hi80))",
            "\(Self.number(point.lo95)) – \(Self.number(point.hi95))", result.forecast.model,
          ])
        }
      case .failure(let error):
        notes.append(error.description)
        table.append([area, indicator, "–", "–", "–", "–", "no projection [\(notes.count)]"])
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

  static func number(_ x: Double) -> String {
    abs(x) >= 1000 ? NumberText.fixed(x, digits: 0) : NumberText.fixed(x, digits: 2)
  }
}
