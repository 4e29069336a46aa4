import ArgumentParser
import Foundation
import PlanCastForecasting
import PlanCastReports

/// `plancast forecast calibrate`: rolling-origin calibration over a reference class of series.
struct CalibrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibrate",
    abstract: "Score methods over every series of a long file from rolling origins: accuracy, "
      + "calibration of intervals and of attainment probabilities.",
    discussion: """
      For each origin o in --origins every series is cut at o (nothing after o is used) and the \
      whole file is forecast at once per method (methods that pool over the file see every \
      series); naive and drift are always added as peers. Each forecast is scored against the \
      outturn o+h for h in --horizons. A series takes part at an origin when it has a value \
      there and every value up to it is positive; a horizon is scored when it has a positive \
      outturn; flat forecasts (no two consecutive years) are not scored. Every left-out case is \
      counted (summary line; "skipped" in JSON).

      The predictive distribution of a forecast is read off its quantiles: the median and the \
      bounds of the --level intervals (10, 20, …, 90, 95 by default: quantiles 0.025, 0.05, …, \
      0.975), linear between them, with exponential tails — the rule of panel_score.py. When the \
      quantiles do not increase (levels simulated from --paths paths crossing the exact 80/95 \
      bounds or median, or auto's median-of-medians outside its mixture's central intervals) \
      the CDF takes the first bracketing segment, as panel_score.py does; \
      such forecasts are counted in the notes.

      Metrics (smaller is better unless said):
        mape       mean absolute percentage error of the median (%).
        mase       |outturn − median| / scale, scale = the series' mean absolute one-step \
      change up to the origin (Hyndman & Koehler 2006).
        crps       continuous ranked probability score (Gneiting & Raftery 2007), in the \
      series' units, approximated from the quantiles: twice the quantile (pinball) score \
      integrated over the levels by the midpoint rule, i.e. a weighted mean of the pinball \
      scores at the available levels (weights (τ[k+1] − τ[k−1])/2, τ[0] = 0, τ[K+1] = 1).
        winkler80, winkler95   interval score (Winkler 1972): width + (2/α)·miss.
        coverage<L>  share of outturns inside the L% interval (%), for every level; ideally L.
      Attainment events (--event-growth): "average growth over the h years after the origin is \
      at least g" with h the largest horizon; g in percent, or own = the series' own average \
      growth over the h years before the origin. P = 1 − CDF(value_o·(1+g)^h) at horizon h.
        brier      mean (P − outcome)² (Brier 1950).
        brier_skill  1 − brier / brier_climatology, where climatology = the share of series \
      meeting the event over the h years before the origin (known at the origin); over origins \
      with a climatology. Positive = better than climatology.
        log_score  mean −ln P(outcome) (Good 1952; Gneiting & Raftery 2007), P clipped to \
      [0.001, 0.999].
        reliability  10 bins of P: mean P, observed frequency and count (a reliability \
      diagram), and the Murphy (1973) decomposition brier ≈ reliability − resolution + \
      uncertainty (murphy_* rows of events, pooled).

      Scores are given per method, origin and horizon, pooled over horizons and over origins. \
      Uncertainty of a pooled score: a moving-block bootstrap over ORIGIN YEARS (--bootstrap \
      replicates, --block-length origins per block, 1 = resample whole years; seeded by \
      --seed): shocks are common to all series in a year, so series are not resampled \
      independently. se = bootstrap standard error, lo90/hi90 = 5th/95th percentiles. With one \
      origin there is no bootstrap (said in the output).

      Output: --format table prints a summary; csv and markdown print the long table chosen by \
      --report (metrics: method,origin,horizon,metric,value,n,se,lo90,hi90; events: \
      method,event,horizon,origin,metric,…; reliability: method,event,horizon,bin_lower,\
      bin_upper,n,mean_forecast,observed_frequency); json prints everything. --to DIR writes \
      metrics.csv, events.csv, reliability.csv, metrics.json and reliability.svg at once \
      (atomically; existing files need --force).

      Limits: horizons 1…50; origins × methods × series ≤ 250,000 forecasts and × --paths × \
      the largest horizon ≤ 2.5·10⁹ simulated values; --bootstrap ≤ 100,000; --paths \
      100…20,000.

      Options shared with plancast forecast (give them after calibrate like the others):
        --data FILE        long CSV series_id,year,value (required; LongSeriesTable rules).
        --method M1,M2,…   methods to score (default auto); naive and drift are always added.
        --level L1,L2,…    interval levels defining the predictive distribution (default \
      10,20,30,40,50,60,70,80,90,95; 80 and 95 are always included).
        --paths, --seed, --threads   as for plancast forecast (--paths at most 20000; the \
      seed also seeds the bootstrap; results do not depend on --threads).
        --format table|csv|json|markdown

      Example (the 296-city reference class, panel_score.py's check):
        plancast forecast calibrate --data Models/reference-classes/china-cities/real-gdp-index.csv \\
          --origins 2010:2012 --horizons 1:5 --method damped,auto
      """)

  @Option(help: ArgumentHelp("Origin years FIRST:LAST.", valueName: "first:last"))
  var origins: RangeArgument

  @Option(
    help: ArgumentHelp("Horizons FIRST:LAST (years ahead), at most 50.", valueName: "first:last"))
  var horizons = RangeArgument(1...5)

  @Option(
    help: ArgumentHelp(
      "Attainment events: growth thresholds in percent, or own (trailing average growth).",
      valueName: "own,6.5,7"))
  var eventGrowth = "own,6.5,7"

  /// `--data`, `--method`, `--level`, `--paths`, `--seed`, `--threads` and `--format` are
  /// options of `forecast` (argument-parser gives an option to the parent command when both
  /// declare it) and mean here what the help says.
  @ParentCommand var parent: ForecastCommand

  var method: String { parent.method }
  var format: OutputFormat { parent.format }
  var progressOption: ProgressOption { parent.progressOption }
  var paths: Int { parent.paths }
  var seed: UInt64 { parent.seed }
  var threads: Int { parent.threads }
  var level: String {
    parent.level
      ?? CalibrationSettings.panelLevels.map(ForecastReport.levelName).joined(separator: ",")
  }

  @Option(
    help: ArgumentHelp(
      "The table --format csv|markdown prints.", valueName: "metrics|events|reliability"))
  var report = "metrics"

  @Option(
    help: ArgumentHelp(
      "Write every table, metrics.json and reliability.svg here.", valueName: "dir"))
  var to: String?

  @Option(help: ArgumentHelp("Write the reliability diagram (SVG) here.", valueName: "file"))
  var reliabilitySvg: String?

  @Flag(help: "Overwrite existing output files.")
  var force = false

  @Option(help: "Bootstrap replicates over origin years (0: none).")
  var bootstrap = 1000

  @Option(help: "Origins per bootstrap block (1: resample whole origin years).")
  var blockLength = 1

  init() {}

  func parsedMethods() throws -> [BatchMethod] {
    var methods: [BatchMethod] = []
    for part in method.split(separator: ",") {
      let name = part.trimmingCharacters(in: .whitespaces).lowercased()
      guard let m = BatchMethod(rawValue: name) else {
        throw ValidationError(
          "--method: unknown method '\(name)'; use "
            + BatchMethod.allCases.map(\.rawValue).joined(separator: ", "))
      }
      if !methods.contains(m) { methods.append(m) }
    }
    guard !methods.isEmpty else { throw ValidationError("--method is empty") }
    return methods
  }

  func parsedEvents() throws -> [AttainmentEvent] {
    var events: [AttainmentEvent] = []
    for part in eventGrowth.split(separator: ",") {
      let text = part.trimmingCharacters(in: .whitespaces).lowercased()
      let event: AttainmentEvent
      if text == "own" {
        event = .ownTrailing
      } else if let g = Double(text), g.isFinite, g > -100, g <= 100 {
        event = .growth(g / 100)
      } else {
        throw ValidationError(
          "--event-growth: '\(text)' is neither own nor a growth rate in percent in (-100, 100]")
      }
      if !events.contains(event) { events.append(event) }
    }
    guard !events.isEmpty else { throw ValidationError("--event-growth is empty") }
    return events
  }

  func parsedLevels() throws -> [Double] {
    try level.split(separator: ",").map { part in
      let text = part.trimmingCharacters(in: .whitespaces)
      guard let x = Double(text), x > 0, x < 100 else {
        throw ValidationError("--level: '\(text)' is not a percentage strictly between 0 and 100")
      }
      return x
    }
  }

  func parsedReport() throws -> CalibrationReport.Part {
    guard let part = CalibrationReport.Part(rawValue: report) else {
      throw ValidationError("--report must be metrics, events or reliability")
    }
    return part
  }

  func validate() throws {
    let h = horizons.range
    guard h.lowerBound >= 1, h.upperBound <= CalibrationSettings.maximumHorizon else {
      throw ValidationError(
        "--horizons must lie in 1:\(CalibrationSettings.maximumHorizon), e.g. 1:5")
    }
    guard paths <= 20_000 else {
      throw ValidationError("--paths must be at most 20000 for calibrate")
    }
    guard (0...CalibrationSettings.maximumReplicates).contains(bootstrap) else {
      throw ValidationError(
        "--bootstrap must lie in 0…\(CalibrationSettings.maximumReplicates)")
    }
    guard blockLength >= 1 else { throw ValidationError("--block-length must be at least 1") }
    _ = try parsedMethods()
    _ = try parsedEvents()
    _ = try parsedLevels()
    _ = try parsedReport()
  }

  func run() throws {
    try reportingFailures { try execute() }
  }

  func execute() throws {
    guard let data = parent.data else {
      throw ValidationError("Missing expected argument '--data <file>'")
    }
    let table = try ForecastCommand.readSeries(data, sheet: parent.sheet)
    let settings = CalibrationSettings(
      methods: try parsedMethods(), origins: origins.range, horizons: horizons.range,
      levels: try parsedLevels(), events: try parsedEvents(), paths: paths, seed: seed,
      threads: threads, bootstrapReplicates: bootstrap, blockLength: blockLength)
    let calibration = ReferenceClassCalibration(settings: settings)
    let bar = progressOption.bar(unit: "origin × method runs")
    let result: CalibrationResult
    do {
      result = try calibration.run(table.series) { done, total in bar?.update(done, total) }
    } catch {
      switch error {
      case .tooFewSeries, .nothingToScore: throw CLIFailure.data("\(data): \(error.description)")
      default: throw CLIFailure.usage("\(data): \(error.description)")
      }
    }
    bar?.finish()
    let report = CalibrationReport(result: result, data: data)
    let svg = ReliabilityDiagram.svg(report.diagram())
    if let to {
      let directory = URL(fileURLWithPath: to)
      func item(_ name: String, _ text: String) -> AtomicFile.Item {
        AtomicFile.Item(path: directory.appendingPathComponent(name).path, data: Data(text.utf8))
      }
      do {
        try AtomicFile.writeAll(
          [
            item("metrics.csv", CSVWriter.render(report.metricsTable())),
            item("events.csv", CSVWriter.render(report.eventsTable())),
            item("reliability.csv", CSVWriter.render(report.reliabilityTable())),
            item("metrics.json", report.json().render() + "\n"),
            item("reliability.svg", svg),
          ], overwrite: force)
      } catch {
        throw CLIFailure.data(error.description)
      }
    }
    if let reliabilitySvg {
      do {
        try AtomicFile.write(Data(svg.utf8), to: reliabilitySvg, overwrite: force)
      } catch {
        throw CLIFailure.data(error.description)
      }
    }
    switch format {
    case .table: print(report.text(), terminator: "")
    case .json: print(report.json().render())
    case .csv: print(CSVWriter.render(report.table(try parsedReport())), terminator: "")
    case .markdown:
      print(MarkdownTableRenderer.render(report.table(try parsedReport())), terminator: "")
    }
  }
}
