import ArgumentParser
import Foundation
import PlanCastForecasting
import PlanCastPlan
import PlanCastReports

/// `plancast reference-class`: calibrate a model's declared growth models on their reference
/// classes, and check on the class that the calibration helps.
struct ReferenceClassCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reference-class",
    abstract: "Calibrate declared models on their reference classes (e.g. 296 Chinese cities).",
    discussion: """
      A models.toml entry with reference_class = "FILE" (a long CSV series_id,year,value of \
      related level series, e.g. ../reference-classes/china-cities/real-gdp-index.csv) has its \
      predictive distribution calibrated on the class: the declared model is fitted to every \
      member at every rolling origin inside the file, and the shift and widening of its \
      cumulative growth per horizon that make those forecasts honest are stored in \
      calibration/INDICATOR.toml. project, attain, backtest and report then use it (give \
      --no-reference-class to see the model without it). Method and references: \
      Models/README.md, "Reference classes".
      """,
    subcommands: [ReferenceClassFitCommand.self, ReferenceClassBacktestCommand.self])
}

/// The declarations of a model with a reference class, and their classes read.
struct ReferenceClassInputs {
  let model: PlanModel
  let declarations: [(DeclaredReferenceClass, LongSeriesTable)]

  init(options: ModelOptions, indicator: String?) throws {
    model = try options.load()
    var found: [(DeclaredReferenceClass, LongSeriesTable)] = []
    var tables: [String: LongSeriesTable] = [:]
    for link in (model.specifications?.declarations ?? []).compactMap(\.options.referenceClass)
    where tables[link.resolvedPath] == nil {
      tables[link.resolvedPath] = try ForecastCommand.readSeries(link.resolvedPath)
    }
    let years = tables.values.flatMap { $0.series.flatMap(\.years) }
    guard let first = years.min(), let last = years.max() else {
      throw CLIFailure.data(
        "\(model.directory): no models.toml entry has a reference_class (see Models/README.md)")
    }
    do {
      for d in try DeclaredReferenceClass.all(in: model, years: first...last)
      where indicator == nil || d.indicator == indicator {
        if let table = tables[d.link.resolvedPath] { found.append((d, table)) }
      }
    } catch {
      throw CLIFailure.data("\(model.directory): \(error)")
    }
    guard !found.isEmpty else {
      throw CLIFailure.usage(
        "--indicator \(indicator ?? ""): no models.toml entry for it has a reference_class")
    }
    declarations = found
  }
}

/// `plancast reference-class fit`.
struct ReferenceClassFitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit and store the calibration of every declared model with a reference class.",
    discussion: """
      For each models.toml entry with a reference_class, fits the declared model to every \
      member of the class at every origin (pairs o, h with o + h inside the class; at most \
      --horizons years ahead), simulates --paths paths per pair (seeded; the same for any \
      --threads) and writes calibration/INDICATOR.toml: per horizon the shift of the median \
      cumulative growth and the scale of the model's spread, the pairs behind them, and the \
      80 %/95 % coverage of those pairs before and after. With --check nothing is written: \
      the command fails (exit 1) when a stored calibration differs from a new fit.

      Example: plancast reference-class fit --model Models/czt-2025
      """)

  @OptionGroup var modelOptions: ModelOptions

  @Option(help: "Only this indicator's declaration.")
  var indicator: String?

  @Option(help: "Horizons calibrated (1…10).")
  var horizons = 5

  @Option(help: "Simulated paths per (member, origin) pair (100…5000).")
  var paths = PathCalibrationEstimator.defaultPaths

  @Option(help: "Seed of the simulated paths.")
  var seed: UInt64 = 20_210_602

  @Option(help: "Worker threads (results do not depend on it).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Fail when a stored calibration is not what a new fit gives; write nothing.")
  var check = false

  func validate() throws {
    guard (1...PathCalibrationEstimator.maximumHorizons).contains(horizons) else {
      throw ValidationError("--horizons must lie in 1…\(PathCalibrationEstimator.maximumHorizons)")
    }
    guard (100...5000).contains(paths) else {
      throw ValidationError("--paths must lie in 100…5000")
    }
    guard (1...256).contains(threads) else { throw ValidationError("--threads must lie in 1…256") }
  }

  func run() throws {
    try reportingFailures { try execute() }
  }

  func execute() throws {
    let inputs = try ReferenceClassInputs(options: modelOptions, indicator: indicator)
    var stale: [String] = []
    for (declared, table) in inputs.declarations {
      let last = table.series.compactMap(\.lastYear).max() ?? 0
      let estimator = PathCalibrationEstimator(
        model: declared.model, horizons: horizons, lastYear: last, paths: paths, seed: seed,
        threads: threads)
      let fit: PathCalibrationEstimator.Fit
      do {
        fit = try estimator.fit(table.series)
      } catch {
        throw CLIFailure.data("\(declared.link.resolvedPath): \(error.description)")
      }
      let text = declared.record(fit, estimator: estimator).tomlText()
      let path = declared.link.calibrationPath
      if check {
        let stored = try? String(contentsOfFile: path, encoding: .utf8)
        let verdict = stored == text ? "current" : "STALE"
        if stored != text { stale.append(path) }
        print("\(declared.indicator): \(path) is \(verdict)")
        continue
      }
      do {
        try FileManager.default.createDirectory(
          atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
          withIntermediateDirectories: true)
        try AtomicFile.write(Data(text.utf8), to: path, overwrite: true)
      } catch {
        throw CLIFailure.data("\(path): \(error)")
      }
      print(Self.summary(declared, fit: fit, path: path), terminator: "")
    }
    if !stale.isEmpty {
      throw CLIFailure.data(
        "stale calibration: \(stale.joined(separator: ", ")); run plancast reference-class fit")
    }
  }

  static func summary(
    _ declared: DeclaredReferenceClass, fit: PathCalibrationEstimator.Fit, path: String
  ) -> String {
    var out =
      "\(declared.indicator) (\(declared.model.name)) on \(declared.link.path): "
      + "\(fit.membersUsed) members, origins "
      + (fit.origins.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "none")
      + ", \(fit.failedFits) fits failed, \(fit.degeneratePairs) pairs left out "
      + "(simulated growth at or below −100 %)\n"
    let rows = fit.summaries.map { s in
      [
        "\(s.horizon)", "\(s.pairs)", String(format: "%+.2f", s.bias),
        String(format: "%.3f", s.scale), String(format: "%.1f", s.coverage80Before),
        String(format: "%.1f", s.coverage95Before), String(format: "%.1f", s.coverage80After),
        String(format: "%.1f", s.coverage95After), s.estimated ? "" : "carried",
      ]
    }
    var table = Table(
      headers: [
        "h", "pairs", "shift pp", "scale", "cov80 before", "cov95 before", "cov80 after",
        "cov95 after", "",
      ], alignments: Array(repeating: .right, count: 8) + [.left])
    for row in rows { table.append(row) }
    out += TextTableRenderer.render(table)
    out += "written: \(path)\n"
    return out
  }
}

/// `plancast reference-class backtest`.
struct ReferenceClassBacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Score a declared model on its reference class, with and without calibration.",
    discussion: """
      Runs plancast forecast calibrate's rolling-origin evaluation on the class file of the \
      declaration: at each origin every member is cut there, the declared model forecasts it \
      as declared (MODEL) and calibrated on the cut class itself (MODEL+class: pairs ending at \
      the origin at the latest, so nothing later is used), and naive and drift as peers. \
      Metrics, events and output formats as for plancast forecast calibrate.

      Example: plancast reference-class backtest --model Models/czt-2025 --origins 2010:2012
      """)

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var progressOption: ProgressOption

  @Option(help: "Only this indicator's declaration (default: the first with a reference class).")
  var indicator: String?

  @Option(help: ArgumentHelp("Origin years FIRST:LAST.", valueName: "first:last"))
  var origins: RangeArgument

  @Option(help: ArgumentHelp("Horizons FIRST:LAST (1…10).", valueName: "first:last"))
  var horizons = RangeArgument(1...5)

  @Option(help: "Also score these batch methods (e.g. damped,pooled).")
  var method: String?

  @Option(help: "Simulated paths per forecast (100…20000).")
  var paths = 2000

  @Option(help: "Seed of the simulated paths and of the bootstrap.")
  var seed: UInt64 = 1

  @Option(help: "Worker threads (results do not depend on it).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Bootstrap replicates over origin years (0: none).")
  var bootstrap = 1000

  @Option(help: "Output format.")
  var format: OutputFormat = .table

  func validate() throws {
    guard horizons.range.lowerBound >= 1,
      horizons.range.upperBound <= PathCalibrationEstimator.maximumHorizons
    else {
      throw ValidationError("--horizons must lie in 1:\(PathCalibrationEstimator.maximumHorizons)")
    }
    guard (100...20_000).contains(paths) else {
      throw ValidationError("--paths must lie in 100…20000")
    }
    guard (1...256).contains(threads) else { throw ValidationError("--threads must lie in 1…256") }
    guard (0...CalibrationSettings.maximumReplicates).contains(bootstrap) else {
      throw ValidationError("--bootstrap must lie in 0…\(CalibrationSettings.maximumReplicates)")
    }
  }

  func run() throws {
    try reportingFailures { try execute() }
  }

  func execute() throws {
    let inputs = try ReferenceClassInputs(options: modelOptions, indicator: indicator)
    let (declared, table) = inputs.declarations[0]
    var methods: [BatchMethod] = []
    for name in (method ?? "").split(separator: ",").map(String.init) {
      guard let m = BatchMethod(rawValue: name) else {
        throw CLIFailure.usage("--method: unknown method '\(name)'")
      }
      methods.append(m)
    }
    let forecasters = [false, true].map { calibrated in
      DeclaredModelForecaster(
        name: declared.model.name + (calibrated ? "+class" : ""), model: declared.model,
        calibrated: calibrated, calibrationHorizons: horizons.range.upperBound, paths: paths,
        seed: seed, threads: threads)
    }
    let settings = CalibrationSettings(
      methods: methods, origins: origins.range, horizons: horizons.range, paths: paths,
      seed: seed, threads: threads, bootstrapReplicates: bootstrap, forecasters: forecasters)
    let bar = progressOption.bar(unit: "origin × method runs")
    let result: CalibrationResult
    do {
      result = try ReferenceClassCalibration(settings: settings).run(table.series) { done, total in
        bar?.update(done, total)
      }
    } catch {
      throw CLIFailure.data("\(declared.link.resolvedPath): \(error.description)")
    }
    bar?.finish()
    let report = CalibrationReport(result: result, data: declared.link.path)
    switch format {
    case .table: print(report.text(), terminator: "")
    case .csv: print(CSVWriter.render(report.metricsTable()), terminator: "")
    case .json: print(report.json().render())
    case .markdown: print(MarkdownTableRenderer.render(report.metricsTable()), terminator: "")
    }
  }
}
