import PlanCastAttainment
import PlanCastForecasting
import PlanCastReports

/// The tables, summary and JSON of `plancast calibrate-plans`.
struct PlanCallReport {
  let evaluation: PlanCallEvaluation
  /// What the calls were made from (a model as of a year, or a calls file).
  let source: String
  let skipped: [PlanCallMaker.Skipped]

  /// Which long table `--format csv|markdown` prints.
  enum Part: String, CaseIterable {
    case scores, calls, reliability
  }

  func table(_ part: Part) -> Table {
    switch part {
    case .scores: scoresTable()
    case .calls: callsTable()
    case .reliability: reliabilityTable()
    }
  }

  /// One row per target: the outcome and every forecaster's call.
  func callsTable() -> Table {
    var table = Table(
      headers: ["plan", "target", "name", "met"] + PlanForecaster.allCases.map(\.rawValue),
      alignments: [.left, .left, .left, .left, .right, .right, .right])
    for call in evaluation.calls {
      table.append(
        [.text(call.plan), .text(call.target), .text(call.name), .text(call.met ? "yes" : "no")]
          + PlanForecaster.allCases.map { .number(call.probability(by: $0)) })
    }
    return table
  }

  /// One row per set of targets (every call a forecaster made, or the common targets) and
  /// forecaster.
  func scoresTable() -> Table {
    var table = Table(
      headers: ["targets", "forecaster", "n", "met", "brier", "log_score", "correct"],
      alignments: [.left, .left, .right, .right, .right, .right, .right])
    for (set, scores) in [("own calls", evaluation.ownCalls), ("common", evaluation.commonCalls)] {
      for s in scores {
        table.append([
          .text(set), .text(s.forecaster.rawValue), .integer(s.count), .integer(s.met),
          .number(s.brier), .number(s.logScore), .integer(s.correct),
        ])
      }
    }
    return table
  }

  /// One row per forecaster and probability bin (every call it made).
  func reliabilityTable() -> Table {
    var table = Table(headers: [
      "forecaster", "bin_lower", "bin_upper", "n", "mean_forecast", "observed_frequency",
    ])
    for s in evaluation.ownCalls {
      for bin in s.reliability.bins {
        table.append([
          .text(s.forecaster.rawValue), .number(bin.lower), .number(bin.upper),
          .integer(bin.count), .number(bin.meanForecast), .number(bin.observedFrequency),
        ])
      }
    }
    return table
  }

  /// What a reader must keep in mind.
  var notes: [String] {
    var notes = [
      "Brier: mean (p − outcome)², 0 is perfect, a constant 0.5 scores 0.25; log score: mean "
        + "−ln p(outcome), p clipped to [\(ScoringRules.logClip), \(1 - ScoringRules.logClip)]; "
        + "correct: calls on the right side of 0.5",
      "the recent-trend rule calls 1 or 0, so one miss costs it a Brier of 1 on that target",
    ]
    let n = evaluation.commonTargets.count
    if n < 30 {
      notes.append(
        "\(n) target\(n == 1 ? "" : "s") called by every forecaster: far too few to tell the "
          + "forecasters apart; read the scores as a record, not as evidence of skill")
    }
    return notes
  }

  // MARK: - Terminal

  /// `table` with its real numbers at 3 decimals and missing calls as "–", for a terminal.
  private static func rounded(_ table: Table) -> Table {
    var out = table
    out.rows = table.rows.map { row in
      row.map { cell in
        switch cell {
        case .number(let x): .text(NumberText.fixed(x, digits: 3))
        case .empty: .text("–")
        default: cell
        }
      }
    }
    return out
  }

  func text() -> String {
    let calls = evaluation.calls
    var out = "Past-plan calls from \(source): \(calls.count) targets with a clear verdict, "
    out += "\(calls.filter(\.met).count) met.\n\n"
    out += TextTableRenderer.render(Self.rounded(callsTable())) + "\n"
    out += "Scores (smaller is better; own calls: every call the forecaster made; common: the "
    out += "targets every forecaster called: \(evaluation.commonTargets.joined(separator: ", ")))\n"
    out += TextTableRenderer.render(Self.rounded(scoresTable())) + "\n"
    out += "Reliability (every call; bins of the forecast probability)\n"
    var reliability = Table(
      headers: ["forecaster", "bin", "n", "mean forecast", "observed"],
      alignments: [.left, .left, .right, .right, .right])
    for s in evaluation.ownCalls {
      for bin in s.reliability.bins where bin.count > 0 {
        reliability.append([
          .text(s.forecaster.rawValue),
          .text(
            "\(NumberText.fixed(bin.lower, digits: 1))–\(NumberText.fixed(bin.upper, digits: 1))"),
          .integer(bin.count), .text(NumberText.fixed(bin.meanForecast, digits: 3)),
          .text(NumberText.fixed(bin.observedFrequency, digits: 3)),
        ])
      }
    }
    out += TextTableRenderer.render(reliability) + "\n"
    for skip in skipped { out += "Not scored: \(skip.target): \(skip.reason).\n" }
    for note in notes { out += "Note: \(note).\n" }
    return out
  }

  // MARK: - JSON

  func json() -> JSONValue {
    func scores(_ list: [PlanCallScore]) -> JSONValue {
      .array(
        list.map { s in
          .object([
            ("forecaster", .string(s.forecaster.rawValue)), ("n", .int(s.count)),
            ("met", .int(s.met)), ("brier", .double(s.brier)), ("log_score", .double(s.logScore)),
            ("correct", .int(s.correct)),
            (
              "reliability",
              .array(
                s.reliability.bins.map { bin in
                  .object([
                    ("bin_lower", .double(bin.lower)), ("bin_upper", .double(bin.upper)),
                    ("n", .int(bin.count)), ("mean_forecast", .double(bin.meanForecast)),
                    ("observed_frequency", .double(bin.observedFrequency)),
                  ])
                })
            ),
          ])
        })
    }
    return .object([
      ("source", .string(source)),
      (
        "calls",
        .array(
          evaluation.calls.map { call in
            .object(
              [
                ("plan", .string(call.plan)), ("target", .string(call.target)),
                ("name", .string(call.name)), ("met", .bool(call.met)),
              ]
                + PlanForecaster.allCases.map { f in
                  (f.rawValue, call.probability(by: f).map { .double($0) } ?? .null)
                })
          })
      ),
      ("own_calls", scores(evaluation.ownCalls)),
      ("common_targets", .array(evaluation.commonTargets.map { .string($0) })),
      ("common_calls", scores(evaluation.commonCalls)),
      (
        "skipped",
        .array(
          skipped.map {
            .object([("target", .string($0.target)), ("reason", .string($0.reason))])
          })
      ),
      ("notes", .array(notes.map { .string($0) })),
    ])
  }
}
