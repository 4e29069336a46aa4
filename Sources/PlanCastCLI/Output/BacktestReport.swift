import PlanCastForecasting

/// Renders backtest rows: one line per series and model.
struct BacktestReport {
  let rows: [SeriesBacktest.Row]

  /// `digits` rounds for the terminal; `nil` keeps full precision (CSV, Markdown).
  func table(digits: Int?) -> Table {
    var table = Table(
      headers: [
        "city", "indicator", "model", "n", "mape", "rmse", "mase", "coverage80", "coverage95",
        "winkler80", "winkler95",
      ],
      alignments: [.left, .left, .left] + Array(repeating: .right, count: 8))
    func text(_ x: Double) -> String {
      digits.map { NumberText.fixed(x, digits: $0) } ?? "\(x)"
    }
    for row in rows {
      guard let s = row.summary else {
        table.append(
          [row.area, row.indicator, row.model, "0", "–", "–", "–", "–", "–", "–", "–"])
        continue
      }
      table.append([
        row.area, row.indicator, row.model, "\(s.count)", text(s.mape), text(s.rmse), text(s.mase),
        text(s.coverage80), text(s.coverage95), text(s.winkler80), text(s.winkler95),
      ])
    }
    return table
  }

  func json() -> JSONValue {
    .array(
      rows.map { row in
        var fields: [(String, JSONValue)] = [
          ("city", .string(row.area)), ("indicator", .string(row.indicator)),
          ("model", .string(row.model)),
          ("skipped_origins", .array(row.skippedOrigins.map { .int($0) })),
        ]
        if let s = row.summary {
          fields += [
            ("n", .int(s.count)), ("mape", .double(s.mape)), ("rmse", .double(s.rmse)),
            ("mase", .double(s.mase)), ("coverage80", .double(s.coverage80)),
            ("coverage95", .double(s.coverage95)), ("winkler80", .double(s.winkler80)),
            ("winkler95", .double(s.winkler95)),
          ]
        }
        fields.append(
          (
            "forecasts",
            .array(
              row.records.map { r in
                .object([
                  ("origin", .int(r.origin)), ("horizon", .int(r.horizon)), ("year", .int(r.year)),
                  ("actual", .double(r.actual)), ("mean", .double(r.forecast.mean)),
                  ("lo80", .double(r.forecast.lo80)), ("hi80", .double(r.forecast.hi80)),
                  ("lo95", .double(r.forecast.lo95)), ("hi95", .double(r.forecast.hi95)),
                ])
              })
          ))
        return .object(fields)
      })
  }
}
