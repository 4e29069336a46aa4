import ArgumentParser
import Foundation
import PlanCastAttainment
import PlanCastForecasting
import PlanCastPlan
import PlanCastReports
import PlanCastSensitivity

/// `plancast export`: tables as CSV, JSON, Markdown or an Excel workbook, with a run manifest.
public struct ExportCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export tables as CSV, JSON, Markdown or Excel (.xlsx) with a run manifest.",
    discussion: """
      Writes into --to DIR (which must exist): one file per table for csv, json and markdown \
      (projections, targets, attainment, sweep_oat, backtest_accuracy, backtest_forecasts), or \
      one workbook \
      plancast-<what>.xlsx with a sheet per table; and manifest.json beside them with the \
      PlanCast version, the command line, seed, paths and the SHA-256 of every model file read \
      and every file written. JSON files follow the versioned schemas in Schemas/. Column \
      headers and names follow --lang; ids, codes and JSON keys do not.

      attainment is the table of `plancast attain` for every scenario side by side (--scenario \
      all, the default) or one, with names and units added: one row per target and scenario. \
      --draws, --seed, --on-track and --off-track mean what they mean there; the manifest \
      records them.

      sweep is `plancast sweep oat --format csv` (one factor at a time: every assumption with a \
      low/high range at its low and high value; P(attain) and the median per target) on the \
      scenario --scenario names (the baseline when it is all), --sweep-draws draws per point.

      All files are written as one set: each goes to a temporary file first and none is put in \
      place unless all could be written. An existing file is kept unless --force is given.

      Examples:
        plancast export --to out
        plancast export --what projections --format xlsx --lang zh --to out --force
        plancast export --what attainment --draws 20000 --scenario all --to out
        plancast export --what sweep --sweep-draws 2000 --format xlsx --to out
      """)

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var window: BacktestWindowOptions
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var language: LanguageOption
  @OptionGroup var attainment: AttainmentRunOptions

  @Option(help: "What to export.")
  var what: ExportSubject = .all

  @Option(help: ArgumentHelp("Directory to write into (must exist).", valueName: "dir"))
  var to: String = "."

  @Option(help: "File format.")
  var format: ExportFormat = .csv

  @Flag(help: "Overwrite files that exist.")
  var force = false

  public init() {}

  public func run() throws {
    try reportingFailures {
      let model = try modelOptions.load()
      // `all` leaves out attainment and the sweep for a model without scenarios; asked for
      // alone, they fail.
      var subjects = what.subjects.filter {
        !(what == .all && ($0 == .attainment || $0 == .sweep) && model.scenarios.isEmpty)
      }
      // `all` also leaves out the sweep when its scenario has nothing to vary, and says so.
      if what == .all, subjects.contains(.sweep),
        let scenario = try? attainment.sweepScenario(of: model),
        !scenario.assumptions.contains(where: ScenarioFactors.isVariable)
      {
        subjects.removeAll { $0 == .sweep }
        printError(
          "warning: the sweep is left out: scenario '\(scenario.id)' has no assumption with a "
            + "low/high range or a distribution")
      }
      let request = ProjectionRequest(
        toYear: model.config.planEnd, paths: simulation.paths, seed: simulation.seed)
      let context = ExportSubject.Context(
        model: model, request: request, language: language.lang, origins: window.origins.range,
        horizons: window.horizons.range, attainment: attainment)
      let tables = try subjects.flatMap { try $0.tables(context) }
      var options: [(String, JSONValue)] = [
        ("what", .string(what.rawValue)), ("format", .string(format.rawValue)),
        ("to_year", .int(request.toYear)),
      ]
      if subjects.contains(.backtest) {
        options += [
          ("origins", .string(window.origins.defaultValueDescription)),
          ("horizons", .string(window.horizons.defaultValueDescription)),
        ]
      }
      if subjects.contains(.attainment) { options += attainment.manifestOptions }
      if subjects.contains(.sweep) {
        options += [
          ("sweep", .string("oat")), ("sweep_draws", .int(attainment.drawsPerSweepPoint)),
          ("sweep_scenario", .string(try attainment.sweepScenario(of: model).id)),
        ]
      }
      var manifest = try ExportCommand.manifest(
        model: model, asOf: modelOptions.asOf, simulation: simulation, language: language.lang,
        options: options)
      if subjects.contains(.attainment) {
        manifest.scenario = attainment.scenario
      } else if subjects.contains(.sweep) {
        manifest.scenario = try attainment.sweepScenario(of: model).id
      }
      let exporter = Exporter(
        format: format, language: language.lang, directory: to,
        workbookName: "plancast-\(what.rawValue)")
      do throws(ExportError) {
        let paths = try exporter.write(tables, manifest: manifest, overwrite: force)
        for path in paths { print(path) }
      } catch {
        throw CLIFailure.data(error.description)
      }
    }
  }

  /// The manifest of a run of the current process.
  static func manifest(
    model: PlanModel, asOf: Int?, simulation: SimulationOptions, language: Language,
    options: [(String, JSONValue)]
  ) throws -> RunManifest {
    do throws(RunManifest.InputError) {
      return try RunManifest(
        version: PlanCastVersion.string, commandLine: CommandLine.arguments, model: model,
        asOf: asOf, seed: simulation.seed, paths: simulation.paths, scenario: nil,
        language: language, options: options)
    } catch {
      throw CLIFailure.data(error.description)
    }
  }
}

/// The `--what` choices of `plancast export`. A new table is a new case and a branch of
/// ``tables(_:)``.
enum ExportSubject: String, ExpressibleByArgument, CaseIterable {
  case projections, targets, attainment, sweep, backtest, all

  /// What the tables are computed from.
  struct Context {
    let model: PlanModel
    let request: ProjectionRequest
    let language: Language
    let origins: ClosedRange<Int>
    let horizons: ClosedRange<Int>
    let attainment: AttainmentRunOptions
  }

  /// The subjects this choice stands for (`all`: every other case).
  var subjects: [ExportSubject] {
    self == .all ? Self.allCases.filter { $0 != .all } : [self]
  }

  func tables(_ c: Context) throws -> [ExportTable] {
    let model = c.model
    switch self {
    case .projections:
      guard model.specifications != nil else {
        throw CLIFailure.data(
          "\(model.directory): no models.toml; add one to say which model projects each indicator")
      }
      let projections = ProjectionEngine(model: model).project(c.request)
      return [ProjectionTables.export(projections, model: model, language: c.language)]
    case .targets:
      let evaluations = TargetEvaluator(data: model.data, language: c.language).evaluate(
        model.plan)
      return [TargetTables.export(evaluations, model: model, language: c.language)]
    case .attainment:
      let (runs, skipped) = try c.attainment.run(model: model, seed: c.request.seed)
      for file in skipped {
        printError("warning: scenario '\(file.id)' skipped: \(file.error)")
      }
      return [AttainmentTables.export(runs, model: model, language: c.language)]
    case .sweep:
      let sweep = try c.attainment.oneAtATime(model: model, seed: c.request.seed)
      return [sweep.export(language: c.language)]
    case .backtest:
      let rows = SeriesBacktest(engine: ProjectionEngine(model: model)).run(
        c.request, origins: c.origins, horizons: c.horizons)
      return BacktestTables.export(rows, model: model, language: c.language)
    case .all:
      return try subjects.flatMap { try $0.tables(c) }
    }
  }
}

/// The Monte Carlo options of `plancast attain` that `export` and `report` share (the seed is
/// the common `--seed`).
struct AttainmentRunOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Attainment: a scenario of scenarios/ (file name without .toml), a .toml file anywhere, or all (the sweep then varies the baseline).",
      valueName: "name|path.toml|all"))
  var scenario = "all"

  @Option(
    parsing: .unconditional, help: "Attainment: Monte Carlo draws per scenario (100 to 10^7).")
  var draws = 100_000

  @Option(help: "Attainment: worker threads (results do not depend on it).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Attainment: P(attain) at or above this is on track.")
  var onTrack = 0.8

  @Option(help: "Attainment: P(attain) below this is off track.")
  var offTrack = 0.2

  @Option(
    help:
      "Sweep (one factor at a time): Monte Carlo draws per point (default: --draws, up to 10^6, so the sweep's base P is the attainment table's)."
  )
  var sweepDraws: Int?

  /// Draws per sweep point: --sweep-draws, else --draws within the sweep's limit.
  var drawsPerSweepPoint: Int { sweepDraws ?? Swift.min(draws, WorkLimits.sweepDraws) }

  func validate() throws {
    try WorkLimits.check(draws, "--draws", minimum: 100, maximum: WorkLimits.draws)
    if let sweepDraws {
      try WorkLimits.check(
        sweepDraws, "--sweep-draws", minimum: 16, maximum: WorkLimits.sweepDraws)
    }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard 0 < offTrack, offTrack < onTrack, onTrack <= 1 else {
      throw ValidationError("need 0 < --off-track < --on-track ≤ 1")
    }
  }

  var thresholds: StatusThresholds { StatusThresholds(onTrack: onTrack, offTrack: offTrack) }

  /// What the manifest records besides the seed and the scenario.
  var manifestOptions: [(String, JSONValue)] {
    [("draws", .int(draws)), ("on_track", .double(onTrack)), ("off_track", .double(offTrack))]
  }

  /// The joint simulation of `model`'s targets.
  func engine(for model: PlanModel) throws -> AttainmentEngine {
    guard model.specifications != nil else {
      throw CLIFailure.data(
        "\(model.directory): no models.toml; add one to say which model projects each indicator")
    }
    do { return try AttainmentEngine(model: model) } catch {
      throw CLIFailure.data("cannot build the joint simulation: \(error)")
    }
  }

  /// Runs the attainment engine on the scenarios `--scenario` names; also returns the files
  /// `all` skipped.
  func run(model: PlanModel, seed: UInt64) throws -> (
    runs: [AttainmentRun], skipped: [SkippedScenario]
  ) {
    let engine = try engine(for: model)
    let selection = try ScenarioSelection.resolve(scenario, model: model, engine: engine)
    let settings = MonteCarloSettings(
      draws: draws, seed: seed, threads: threads, thresholds: thresholds)
    let runs = engine.run(selection.scenarios, settings: settings).map {
      AttainmentRun($0, thresholds: thresholds)
    }
    return (runs, selection.skipped)
  }

  /// The average path of each average-growth target under the sweep scenario, from the same
  /// draws as the attainment table; none (and no simulation) when `runs`, the table's, give
  /// no average-growth target a probability under that scenario.
  func averagePaths(model: PlanModel, seed: UInt64, runs: [AttainmentRun]) throws
    -> [AveragePathRecord]
  {
    let scenario = try sweepScenario(of: model)
    let measured = runs.first { $0.scenario.id == scenario.id }?.records.contains {
      if case .averageGrowth = $0.target.form { return $0.probability != nil }
      return false
    }
    guard measured != false else { return [] }
    let settings = MonteCarloSettings(
      draws: draws, seed: seed, threads: threads, thresholds: thresholds)
    do {
      return try AttainmentEngine.averagePaths(model: model, scenario: scenario, settings: settings)
        .map { AveragePathRecord($0, scenario: scenario, draws: draws) }
    } catch {
      throw CLIFailure.data("cannot build the joint simulation: \(error)")
    }
  }

  /// The scenario a sweep varies: the one --scenario names, the baseline (else the first
  /// scenario) for all.
  func sweepScenario(of model: PlanModel, engine: AttainmentEngine? = nil) throws -> Scenario {
    let name =
      scenario != "all"
      ? scenario
      : model.scenarios.contains { $0.id == "baseline" }
        ? "baseline" : model.scenarios.first?.id ?? "baseline"
    return try ScenarioSelection.resolve(name, model: model, engine: engine, allowAll: false)
      .scenarios[0]
  }

  /// `plancast sweep oat` on the sweep scenario: the spec, the points and the tables are those
  /// of the sweep command.
  func oneAtATime(model: PlanModel, seed: UInt64) throws -> OneAtATimeSweep {
    let engine = try engine(for: model)
    let scenario = try sweepScenario(of: model, engine: engine)
    let spec: SweepSpec
    let design: SweepDesign
    do {
      spec = try SweepRequest(method: .oat).spec(
        model: model, scenario: scenario, targets: engine.measuredTargets, seed: seed,
        draws: drawsPerSweepPoint)
      design = try SweepDesign(spec, gridLimit: nil)
    } catch let error as SensitivityError {
      throw CLIFailure.usage(error.description)
    }
    let settings = MonteCarloSettings(draws: drawsPerSweepPoint, seed: seed, threads: threads)
    let sweepModel: ScenarioSweepModel
    do {
      sweepModel = try ScenarioSweepModel(
        engine: engine, draws: engine.sweepDraws(scenario, settings: settings),
        columns: design.columns)
    } catch { throw CLIFailure.usage("\(error)") }
    let outcomes = SweepRunner.run(
      sweepModel, rows: design.rows, range: 0..<design.rows.count, threads: threads)
    return OneAtATimeSweep(result: SweepResult(spec: spec, design: design, outcomes: outcomes))
  }
}

/// A one-at-a-time sweep as the export and the report use it: the sweep command's table and
/// tornado charts.
struct OneAtATimeSweep {
  let result: SweepResult

  var spec: SweepSpec { result.spec }

  func export(language: Language) -> ExportTable {
    ExportTable(
      id: "sweep_oat", schema: "sweep_oat.v1",
      titleEN: "One factor at a time: what moves P(attain)", titleZH: "单因素敏感性",
      table: SweepReport(result: result, language: language).tidyTable(),
      notes: spec.factors.map {
        "sweep factor \($0.name): low \(NumberText.plain($0.low)), high \(NumberText.plain($0.high))"
      })
  }

  /// The report section: a tornado per target that some assumption moves; `attainmentDraws`
  /// are the draws of the attainment table beside it.
  func section(language: Language, attainmentDraws: Int) throws -> HTMLDocument.Section {
    let report = SweepReport(result: result, language: language)
    let effects = result.oneAtATime().filter { $0.output == .probability }
    var tornadoes: [String] = []
    var unmoved: [String] = []
    for t in spec.targets.indices {
      if effects.contains(where: { $0.target == t && $0.swing > 0 }) {
        tornadoes.append(try report.chart(target: t))
      } else {
        unmoved.append(spec.targets[t].id)
      }
    }
    // The terminal table (headers in the language, numbers rounded), probability rows only.
    var probability = report.displayTable()
    probability.rows = zip(result.oneAtATime(), probability.rows).filter {
      $0.0.output == .probability
    }.map(\.1)
    return SensitivitySection(
      tornadoes: tornadoes,
      effects: probability.selecting([
        "target", "factor", "low", "high", "base", "at_low", "at_high", "swing",
      ]), scenario: spec.scenario, draws: spec.draws, attainmentDraws: attainmentDraws,
      unmoved: unmoved, language: language
    ).section()
  }
}

extension ExportFormat: ExpressibleByArgument {}
