import PlanCastForecasting

/// Renders backtest rows: one line per series and model, then a verdict per series.
struct BacktestReport {
  let rows: [SeriesBacktest.Row]
  /// Target ids by "area|indicator", to say which targets a series drives.
  var targets: [String: [String]] = [:]
  /// Indicators that are annual rates: no MAPE on the terminal (a percentage of a rate near
  /// zero means nothing; CSV and JSON keep it).
  var rates: Set<String> = []

  var verdicts: [BacktestVerdict] { BacktestVerdict.verdicts(rows) }

  /// The verdict block: per series, the declared model against the better of naive and drift
  /// on the same forecasts, with a warning where the declared model loses.
  /// `maxWidth` fits the table to a terminal, leaving out the benchmark's and the declared
  /// model's 95% coverage, the targets, then the 80% coverages, before any name is cut, and
  /// saying so.
  func verdictText(maxWidth: Int? = nil) -> String {
    var table = Table(
      headers: [
        "city", "indicator", "targets", "declared", "MASE", "in 80%", "in 95%", "benchmark",
        "bm MASE", "bm in 80%", "bm in 95%", "n", "verdict",
      ],
      alignments: [.left, .left, .left, .left] + Array(repeating: .right, count: 3) + [.left]
        + Array(repeating: .right, count: 4) + [.left])
    var warnings: [String] = []
    for v in verdicts {
      let driven = targets["\(v.area)|\(v.indicator)"] ?? []
      func cells(_ s: AccuracySummary?) -> [String] {
        guard let s else { return ["–", "–", "–"] }
        return [
          NumberText.fixed(s.mase, digits: 2),
          Self.percent(s.coverage80), Self.percent(s.coverage95),
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
    let heading =
      "Verdict per series: the declared model against the better of naive and drift, scored "
      + "on the forecasts both made\n\n"
    let fitted = TextTableRenderer.fitted(
      table, dropping: [10, 6, 2, 9, 5], toFit: maxWidth, beforeCuttingText: true, language: .en)
    let warningLines = warnings.isEmpty ? "" : "\n" + warnings.joined(separator: "\n") + "\n"
    return heading + fitted + warningLines
  }

  /// The terminal table: numbers rounded to what they support (RMSE and Winkler scores by
  /// their size, MASE to 2 decimals, coverage in whole %), no MAPE for annual rates. On a narrow
  /// terminal the Winkler scores, then RMSE and MAPE are left out before any name is cut (and
  /// the line says so).
  func displayText(maxWidth: Int?) -> String {
    var table = Table(
      headers: [
        "city", "indicator", "model", "n", "MAPE %", "RMSE", "MASE", "in 80%", "in 95%",
        "Winkler 80", "Winkler 95",
      ],
      alignments: [.left, .left, .left] + Array(repeating: .right, count: 8))
    for row in rows {
      guard let s = row.summary else {
        table.append(
          [row.area, row.indicator, row.model, "0", "–", "–", "–", "–", "–", "–", "–"])
        continue
      }
      let digits = NumberText.decimals(bySizeOf: [s.rmse, s.winkler80, s.winkler95])
      func sized(_ x: Double) -> String { NumberText.fixed(x, digits: digits) }
      table.append([
        row.area, row.indicator, row.model, "\(s.count)",
        rates.contains(row.indicator) ? "–" : NumberText.fixed(s.mape, digits: 1), sized(s.rmse),
        NumberText.fixed(s.mase, digits: 2), Self.percent(s.coverage80), Self.percent(s.coverage95),
        sized(s.winkler80), sized(s.winkler95),
      ])
    }
    return TextTableRenderer.fitted(
      table, dropping: [10, 9, 5, 4], toFit: maxWidth, beforeCuttingText: true, language: .en)
  }

  /// A coverage (a fraction) as whole percent on the terminal: "79%".
  private static func percent(_ fraction: Double) -> String {
    NumberText.fixed(fraction * 100, digits: 0) + "%"
  }

  /// Every score at full precision (CSV, Markdown).
  func table() -> Table {
    var table = Table(
      headers: [
        "city", "indicator", "model", "n", "mape", "rmse", "mase", "coverage80", "coverage95",
        "winkler80", "winkler95",
      ],
      alignments: [.left, .left, .left] + Array(repeating: .right, count: 8))
    func text(_ x: Double) -> String { "\(x)" }
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
