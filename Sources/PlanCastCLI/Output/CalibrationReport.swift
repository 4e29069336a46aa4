import PlanCastForecasting
import PlanCastReports

/// The tables, summary and JSON of `plancast forecast calibrate`.
struct CalibrationReport {
  let result: CalibrationResult
  let data: String

  /// Which long table `--format csv|markdown` prints.
  enum Part: String, CaseIterable {
    case metrics, events, reliability
  }

  static let uncertaintyKeys = ["se", "lo90", "hi90"]

  private static func cells(_ u: OriginBootstrap.Summary?) -> [Cell] {
    guard let u else { return [.empty, .empty, .empty] }
    return [.number(u.standardError), .number(u.lower), .number(u.upper)]
  }

  private static func label(_ x: Int?) -> Cell { x.map { .integer($0) } ?? .text("all") }

  /// `metrics.csv`: one row per method, origin (`all`: pooled), horizon (`all`: pooled) and
  /// metric, with the bootstrap over origins on pooled rows.
  func metricsTable() -> Table {
    var table = Table(
      headers: ["method", "origin", "horizon", "metric", "value", "n"] + Self.uncertaintyKeys)
    for s in result.accuracy {
      table.append(
        [
          .text(s.method), Self.label(s.origin), Self.label(s.horizon), .text(s.metric),
          .number(s.value), .integer(s.count),
        ] + Self.cells(s.uncertainty))
    }
    return table
  }

  /// `events.csv`: one row per method, event, origin (`all`: pooled) and metric.
  func eventsTable() -> Table {
    var table = Table(
      headers: ["method", "event", "horizon", "origin", "metric", "value", "n"]
        + Self.uncertaintyKeys)
    for s in result.events {
      table.append(
        [
          .text(s.method), .text(s.event?.label ?? ""), Self.label(s.horizon),
          Self.label(s.origin), .text(s.metric), .number(s.value), .integer(s.count),
        ] + Self.cells(s.uncertainty))
    }
    return table
  }

  /// `reliability.csv`: one row per method, event and probability bin (pooled over origins).
  func reliabilityTable() -> Table {
    var table = Table(headers: [
      "method", "event", "horizon", "bin_lower", "bin_upper", "n", "mean_forecast",
      "observed_frequency",
    ])
    for r in result.reliability {
      for bin in r.table.bins {
        table.append([
          .text(r.method), .text(r.event.label), .integer(result.settings.eventHorizon),
          .number(bin.lower), .number(bin.upper), .integer(bin.count),
          .number(bin.meanForecast), .number(bin.observedFrequency),
        ])
      }
    }
    return table
  }

  func table(_ part: Part) -> Table {
    switch part {
    case .metrics: metricsTable()
    case .events: eventsTable()
    case .reliability: reliabilityTable()
    }
  }

  /// What a reader needs to know about the bootstrap.
  var notes: [String] {
    let s = result.settings
    var notes: [String] = []
    if s.origins.count == 1 {
      notes.append(
        "one origin only (\(s.origins.lowerBound)): no bootstrap over origin years is possible, "
          + "so the pooled scores have no standard error or interval")
    } else if s.bootstrapReplicates == 0 {
      notes.append("bootstrap off (--bootstrap 0): pooled scores have no standard error")
    } else {
      notes.append(
        "se, lo90, hi90: standard error and 90% percentile interval of a pooled score from "
          + "\(s.bootstrapReplicates) moving-block bootstrap replicates over the "
          + "\(s.origins.count) origin years (block length \(s.blockLength), seed \(s.seed)); "
          + "with few origins they are rough")
    }
    let clipped = result.events.contains { $0.metric == "log_score" }
    if clipped {
      notes.append("log score: probabilities clipped to [0.001, 0.999]")
    }
    for method in s.methodNames {
      let fallbacks = result.fallbacks.filter { $0.method == method && $0.count > 0 }
      guard !fallbacks.isEmpty else { continue }
      notes.append(
        "\(method): forecasts that fell back to another method or dropped members, by origin: "
          + fallbacks.map { "\($0.origin): \($0.count)" }.joined(separator: ", ")
          + " (a series too short for the method: see plancast forecast --help)")
    }
    for method in s.methodNames {
      let unordered = result.unordered.filter { $0.method == method }.map(\.count).reduce(0, +)
      let scored = result.accuracy.first {
        $0.method == method && $0.origin == nil && $0.horizon == nil && $0.metric == "mape"
      }
      guard unordered > 0, let scored else { continue }
      notes.append(
        "\(method): \(unordered) of \(scored.count) scored forecasts have quantiles that do not "
          + "increase with the level (simulated levels crossing exact bounds or the median, or "
          + "a combination's median outside its mixture's intervals); their CDF takes the first bracketing segment, as panel_score.py does"
      )
    }
    for (origin, event, share, _) in result.climatology where share == nil {
      notes.append(
        "origin \(origin), event \(event.label): no series has the years for a climatology, "
          + "so no Brier skill")
    }
    return notes
  }

  // MARK: - Terminal

  /// The summary for a terminal: accuracy by origin and by horizon, events by origin, pooled
  /// scores with their bootstrap intervals, skips and notes.
  func text() -> String {
    let s = result.settings
    var out =
      "Reference-class calibration of \(data): \(result.seriesCount) series, origins "
      + "\(s.origins.lowerBound)–\(s.origins.upperBound), horizons "
      + "\(s.horizons.lowerBound)–\(s.horizons.upperBound), events at h = \(s.eventHorizon); "
      + "methods \(s.methodNames.joined(separator: ", ")).\n\n"
    let accuracy = Dictionary(
      grouping: result.accuracy, by: { Key($0.method, $0.origin, $0.horizon, nil) })
    func value(_ scores: [CalibrationScore]?, _ metric: String) -> CalibrationScore? {
      scores?.first { $0.metric == metric }
    }
    let columns: [(String, String, Int)] = [
      ("MAPE %", "mape", 2), ("MASE", "mase", 3), ("CRPS", "crps", 3), ("cov80 %", "coverage80", 1),
      ("cov95 %", "coverage95", 1), ("Winkler80", "winkler80", 2), ("Winkler95", "winkler95", 2),
    ]
    func accuracyTable(_ first: String, rows: [(String, String, [CalibrationScore]?)]) -> Table {
      var table = Table(
        headers: ["method", first, "n"] + columns.map(\.0),
        alignments: [.left] + Array(repeating: .right, count: columns.count + 2))
      for (method, key, scores) in rows {
        let n = value(scores, "mape")?.count
        table.append(
          [.text(method), .text(key), .text(n.map(String.init) ?? "–")]
            + columns.map { .text(NumberText.fixed(value(scores, $0.1)?.value, digits: $0.2)) })
      }
      return table
    }
    let origins = Array(s.origins)
    var byOrigin: [(String, String, [CalibrationScore]?)] = []
    var byHorizon: [(String, String, [CalibrationScore]?)] = []
    for m in s.methodNames {
      for o in origins { byOrigin.append((m, String(o), accuracy[Key(m, o, nil, nil)])) }
      byOrigin.append((m, "all", accuracy[Key(m, nil, nil, nil)]))
      for h in s.horizons { byHorizon.append((m, String(h), accuracy[Key(m, nil, h, nil)])) }
    }
    out += "Accuracy by origin, all horizons (point forecast: the median)\n"
    out += TextTableRenderer.render(accuracyTable("origin", rows: byOrigin)) + "\n"
    out += "Accuracy by horizon, pooled over origins\n"
    out += TextTableRenderer.render(accuracyTable("h", rows: byHorizon)) + "\n"

    let events = Dictionary(
      grouping: result.events, by: { Key($0.method, $0.origin, nil, $0.event) })
    var eventTable = Table(
      headers: [
        "method", "event", "origin", "n", "Brier", "climatology", "Brier clim", "skill",
        "log score",
      ],
      alignments: [.left, .left] + Array(repeating: .right, count: 7))
    for m in s.methodNames {
      for event in s.events {
        for o in origins.map(Optional.some) + [nil] {
          let scores = events[Key(m, o, nil, event)]
          eventTable.append([
            .text(m), .text(Self.eventText(event)), .text(o.map(String.init) ?? "all"),
            .text(value(scores, "brier").map { String($0.count) } ?? "–"),
            .text(NumberText.fixed(value(scores, "brier")?.value, digits: 3)),
            .text(NumberText.fixed(value(scores, "climatology")?.value, digits: 3)),
            .text(NumberText.fixed(value(scores, "brier_climatology")?.value, digits: 3)),
            .text(NumberText.signed(value(scores, "brier_skill")?.value, digits: 2)),
            .text(NumberText.fixed(value(scores, "log_score")?.value, digits: 3)),
          ])
        }
      }
    }
    out += "Attainment events: average growth over the \(s.eventHorizon) years after the origin "
    out += "at least g (P from the predictive CDF at h = \(s.eventHorizon))\n"
    out += TextTableRenderer.render(eventTable) + "\n"

    var pooled = Table(
      headers: ["method", "score", "value", "se", "90% interval"],
      alignments: [.left, .left, .right, .right, .right])
    func add(_ method: String, _ name: String, _ score: CalibrationScore?, _ digits: Int) {
      guard let score else { return }
      let u = score.uncertainty
      pooled.append([
        .text(method), .text(name), .text(NumberText.fixed(score.value, digits: digits)),
        .text(NumberText.fixed(u?.standardError, digits: digits)),
        .text(
          u.map {
            "[\(NumberText.fixed($0.lower, digits: digits)), "
              + "\(NumberText.fixed($0.upper, digits: digits))]"
          } ?? "–"),
      ])
    }
    for m in s.methodNames {
      let all = accuracy[Key(m, nil, nil, nil)]
      for (name, metric, digits) in columns { add(m, name, value(all, metric), digits) }
      for event in s.events {
        let scores = events[Key(m, nil, nil, event)]
        add(m, "Brier " + event.label, value(scores, "brier"), 3)
        add(m, "skill " + event.label, value(scores, "brier_skill"), 2)
      }
    }
    out += "Pooled over origins and horizons, with the bootstrap over origin years\n"
    out += TextTableRenderer.render(pooled) + "\n"

    let skipped = Dictionary(grouping: result.skips, by: \.reason).map { reason, skips in
      "\(reason): \(skips.map(\.count).reduce(0, +))"
    }.sorted()
    if !skipped.isEmpty {
      out += "Left out (series × origins, summed over horizons and methods where they apply): "
      out += skipped.joined(separator: "; ") + ".\n"
    }
    for note in notes { out += "Note: \(note).\n" }
    out += "Coverage at every level, reliability tables and the Murphy decomposition: "
    out += "--format csv|json --report metrics|events|reliability, or --to DIR.\n"
    return out
  }

  static func eventText(_ event: AttainmentEvent) -> String {
    switch event {
    case .ownTrailing: "own trailing"
    case .growth: "≥ \(event.label)%"
    }
  }

  private struct Key: Hashable {
    let method: String
    let origin: Int?
    let horizon: Int?
    let event: AttainmentEvent?

    init(_ method: String, _ origin: Int?, _ horizon: Int?, _ event: AttainmentEvent?) {
      self.method = method
      self.origin = origin
      self.horizon = horizon
      self.event = event
    }
  }

  /// The reliability diagram: a panel per event, a curve per method.
  func diagram() -> ReliabilityDiagramData {
    let s = result.settings
    let panels = s.events.map { event in
      ReliabilityDiagramData.Panel(
        title: "growth ≥ " + (event == .ownTrailing ? "own trailing" : "\(event.label)%"),
        curves: result.reliability.filter { $0.event == event }.map { r in
          ReliabilityDiagramData.Curve(
            label: r.method,
            points: r.table.bins.filter { $0.count > 0 }.map {
              .init(forecast: $0.meanForecast, observed: $0.observedFrequency, count: $0.count)
            })
        })
    }
    return ReliabilityDiagramData(
      title: "Reliability of attainment probabilities",
      subtitle:
        "\(result.seriesCount) series, origins \(s.origins.lowerBound)–\(s.origins.upperBound), "
        + "average growth over \(s.eventHorizon) years; dot area ∝ count",
      panels: panels)
  }

  // MARK: - JSON

  private static func json(_ s: CalibrationScore) -> JSONValue {
    var fields: [(String, JSONValue)] = [("method", .string(s.method))]
    if let event = s.event { fields.append(("event", .string(event.label))) }
    fields += [
      ("origin", s.origin.map { .int($0) } ?? .string("all")),
      ("horizon", s.horizon.map { .int($0) } ?? .string("all")),
      ("metric", .string(s.metric)), ("value", .double(s.value)), ("n", .int(s.count)),
    ]
    if let u = s.uncertainty {
      fields += [
        ("se", .double(u.standardError)), ("lo90", .double(u.lower)), ("hi90", .double(u.upper)),
      ]
    }
    return .object(fields)
  }

  /// Settings, skips, notes and every table.
  func json() -> JSONValue {
    let s = result.settings
    return .object([
      ("data", .string(data)), ("series", .int(result.seriesCount)),
      ("origins", .array(s.origins.map { .int($0) })),
      ("horizons", .array(s.horizons.map { .int($0) })), ("event_horizon", .int(s.eventHorizon)),
      ("methods", .array(s.methodNames.map { .string($0) })),
      ("levels", .array(s.levels.map { .double($0) })),
      ("events", .array(s.events.map { .string($0.label) })),
      (
        "bootstrap",
        .object([
          ("replicates", .int(s.origins.count >= 2 ? s.bootstrapReplicates : 0)),
          ("block_length", .int(s.blockLength)), ("seed", .string(String(s.seed))),
        ])
      ),
      ("notes", .array(notes.map { .string($0) })),
      (
        "skipped",
        .array(
          result.skips.map { skip in
            var fields: [(String, JSONValue)] = [("origin", .int(skip.origin))]
            if let h = skip.horizon { fields.append(("horizon", .int(h))) }
            if let m = skip.method { fields.append(("method", .string(m))) }
            if let e = skip.event { fields.append(("event", .string(e.label))) }
            return .object(fields + [("reason", .string(skip.reason)), ("n", .int(skip.count))])
          })
      ),
      (
        "fallbacks",
        .array(
          result.fallbacks.map {
            .object([
              ("method", .string($0.method)), ("origin", .int($0.origin)), ("n", .int($0.count)),
            ])
          })
      ),
      (
        "unordered_quantiles",
        .array(
          result.unordered.map {
            .object([
              ("method", .string($0.method)), ("origin", .int($0.origin)), ("n", .int($0.count)),
            ])
          })
      ),
      (
        "climatology",
        .array(
          result.climatology.map { c in
            .object([
              ("origin", .int(c.origin)), ("event", .string(c.event.label)),
              ("share", c.share.map { .double($0) } ?? .null), ("n", .int(c.count)),
            ])
          })
      ),
      ("metrics", .array(result.accuracy.map(Self.json))),
      ("event_scores", .array(result.events.map(Self.json))),
      (
        "reliability",
        .array(
          result.reliability.map { r in
            .object([
              ("method", .string(r.method)), ("event", .string(r.event.label)),
              (
                "bins",
                .array(
                  r.table.bins.map { b in
                    .object([
                      ("lower", .double(b.lower)), ("upper", .double(b.upper)),
                      ("n", .int(b.count)),
                      ("mean_forecast", .double(b.meanForecast)),
                      ("observed_frequency", .double(b.observedFrequency)),
                    ])
                  })
              ),
            ])
          })
      ),
    ])
  }
}
