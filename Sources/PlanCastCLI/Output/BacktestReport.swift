import PlanCastForecasting

/// Renders backtest rows: one line per series and model, then a verdict per series.
struct BacktestReport {
  let rows: [SeriesBacktest.Row]
  /// Target ids by "area|indicator", to say which targets a series drives.
  var targets: [String: [String]] = [:]

  var verdicts: [BacktestVerdict] { BacktestVerdict.verdicts(rows) }

  /// The verdict block: per series, the declared model against the better of naive and drift
  /// on the same forecasts, with a warning where the declared model loses.
  func verdictText() -> String {
    var table = Table(
      headers: [
        "city", "indicator", "targets", "declared", "mase", "cov80", "cov95", "benchmark", "mase",
        "cov80", "cov95", "n", "verdict",
      ],
      alignments: [.left, .left, .left, .left] + Array(repeating: .right, count: 3) + [.left]
        + Array(repeating: .right, count: 4) + [.left])
    var warnings: [String] = []
    for v in verdicts {
      let driven = targets["\(v.area)|\(v.indicator)"] ?? []
      func cells(_ s: AccuracySummary?) -> [String] {
        guard let s else { return ["–", "–", "–"] }
        return [
          NumberText.fixed(s.mase, digits: 2), NumberText.fixed(s.coverage80, digits: 2),
          NumberText.fixed(s.coverage95, digits: 2),
        ]
      }
      let declared = v.declaredModel.map { $0.replacingOccurrences(of: "declared: ", with: "") }
      let mark = v.outcome == .losesToBenchmark ? "⚠ " : ""
      table.append(
        [
          v.area, v.indicator, driven.isEmpty ? "–" : driven.joined(separator: " "),
          declared ?? "–",
        ]
          + cells(v.declared) + [v.benchmarkModel ?? "–"] + cells(v.benchmark)
          + ["\(v.declared?.count ?? 0)", mark + v.outcome.rawValue])
      if v.outcome == .losesToBenchmark, let d = v.declared, let b = v.benchmark,
        let name = v.benchmarkModel
      {
        warnings.append(
          "warning: \(v.area) \(v.indicator): the declared model (\(declared ?? "")) has MASE "
            + "\(NumberText.fixed(d.mase, digits: 2)) against \(name)'s "
            + "\(NumberText.fixed(b.mase, digits: 2)) on the same \(d.count) forecasts"
            + (driven.isEmpty ? "" : "; it drives \(driven.joined(separator: ", "))")
            + ": reconsider the model declared in models.toml")
      }
      if v.undefinedForecasts > 0 {
        warnings.append(
          "warning: \(v.area) \(v.indicator): \(v.undefinedForecasts) forecast(s) of the declared "
            + "model have no finite mean and are left out of the verdict")
      }
    }
    return "Verdict per series: the declared model against the better of naive and drift, scored "
      + "on the forecasts both made\n\n" + TextTableRenderer.render(table)
      + (warnings.isEmpty ? "" : "\n" + warnings.joined(separator: "\n") + "\n")
  }

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
    .object([("rows", rowsJSON()), ("verdicts", verdictsJSON())])
  }

  private func verdictsJSON() -> JSONValue {
    func summary(_ s: AccuracySummary?) -> JSONValue {
      guard let s else { return .null }
      return .object([
        ("n", .int(s.count)), ("mase", .double(s.mase)), ("coverage80", .double(s.coverage80)),
        ("coverage95", .double(s.coverage95)),
      ])
    }
    return .array(
      verdicts.map { v in
        .object([
          ("city", .string(v.area)), ("indicator", .string(v.indicator)),
          ("targets", .array((targets["\(v.area)|\(v.indicator)"] ?? []).map { .string($0) })),
          ("declared_model", .optional(v.declaredModel)), ("declared", summary(v.declared)),
          ("benchmark_model", .optional(v.benchmarkModel)), ("benchmark", summary(v.benchmark)),
          ("verdict", .string(v.outcome.rawValue)),
          ("undefined_forecasts", .int(v.undefinedForecasts)),
        ])
      })
  }

  private func rowsJSON() -> JSONValue {
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
