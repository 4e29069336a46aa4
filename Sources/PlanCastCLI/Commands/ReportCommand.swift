import ArgumentParser
import Foundation
import PlanCastAttainment
import PlanCastForecasting
import PlanCastPlan
import PlanCastReports
import PlanCastSensitivity

/// `plancast report`: one self-contained HTML page with every table and chart.
public struct ReportCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Write one self-contained HTML report: targets, attainment, fan charts, backtests, manifest.",
    discussion: """
      The page has inline CSS and inline SVG charts and makes no external requests, so it can \
      be mailed or archived. It holds the proxy and data caveats, the targets, the probability \
      of meeting each target (a dashboard per scenario coloured by the attainment status, the \
      scenarios side by side, the required changes; --scenario, --draws, --seed, --on-track \
      and --off-track as in `plancast attain`), the sensitivity of each target to the \
      scenario's assumptions (`plancast sweep oat` on the baseline, or on --scenario when it \
      names one, with --sweep-draws draws per point: a tornado per target), the projections \
      (table and a fan chart per area and indicator, with the plan target where there is one), \
      the backtest accuracy with forecast-versus-outturn charts, what was said with the data \
      up to --vintage (default: the plan's first year) against the outturns since (`plancast \
      backtest --vintage`: fan charts as of then with the outturns as dots, accuracy, P(attain) \
      then and now; left out when no data follow the vintage), and the run manifest (version, \
      command line, seed, paths, SHA-256 of every model file read). The file is written \
      atomically and an existing file is kept unless --force is given.

      Examples:
        plancast report --to czt.html
        plancast report --lang zh --to czt-zh.html --force
        plancast report --scenario baseline --draws 20000 --to quick.html
      """)

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var window: BacktestWindowOptions
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var language: LanguageOption
  @OptionGroup var attainmentOptions: AttainmentRunOptions

  @Option(help: ArgumentHelp("HTML file to write.", valueName: "file.html"))
  var to: String = "plancast-report.html"

  @Flag(help: "Overwrite the file if it exists.")
  var force = false

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The year of the \"what we said vs what happened\" section: projections and P(attain) with the data up to it against the outturns since (default: the plan's first year, left out when no data follow it).",
      valueName: "year"))
  var vintage: Int?

  public init() {}

  public func run() throws {
    try reportingFailures {
      let model = try modelOptions.load()
      let lang = language.lang
      let request = ProjectionRequest(
        toYear: model.config.planEnd, paths: simulation.paths, seed: simulation.seed)
      let engine = ProjectionEngine(model: model)
      let evaluations = TargetEvaluator(data: model.data, language: lang).evaluate(model.plan)
      let projections = model.specifications == nil ? [] : engine.project(request)
      let backtest = SeriesBacktest(engine: engine).run(
        request, origins: window.origins.range, horizons: window.horizons.range)
      let (attainment, skipped) =
        model.specifications == nil || model.scenarios.isEmpty
        ? ([], []) : try attainmentOptions.run(model: model, seed: simulation.seed)
      // One factor at a time on the sweep scenario, when some assumption of it can vary.
      let sweepScenario = attainment.isEmpty ? nil : try attainmentOptions.sweepScenario(of: model)
      let variable = sweepScenario?.assumptions.contains(where: ScenarioFactors.isVariable) == true
      let sensitivity =
        variable ? try attainmentOptions.oneAtATime(model: model, seed: simulation.seed) : nil
      let averagePaths =
        attainment.isEmpty
        ? []
        : try attainmentOptions.averagePaths(
          model: model, seed: simulation.seed, runs: attainment)
      var manifest = try ExportCommand.manifest(
        model: model, asOf: modelOptions.asOf, simulation: simulation, language: lang,
        options: [
          ("to_year", .int(request.toYear)),
          ("origins", .string(window.origins.defaultValueDescription)),
          ("horizons", .string(window.horizons.defaultValueDescription)),
        ] + (attainment.isEmpty ? [] : attainmentOptions.manifestOptions)
          + (sensitivity.map {
            [
              ("sweep", .string("oat")), ("sweep_draws", .int($0.spec.draws)),
              ("sweep_scenario", .string($0.spec.scenario)),
            ]
          } ?? []))
      if !attainment.isEmpty { manifest.scenario = attainmentOptions.scenario }
      var sections: [HTMLDocument.Section] = []
      if let sensitivity {
        sections.append(
          try sensitivity.section(language: lang, attainmentDraws: attainmentOptions.draws))
      } else if let sweepScenario {
        sections.append(
          SensitivitySection.nothingToVary(scenario: sweepScenario.id, language: lang))
      }
      if let section = try vintageSection(model: model, request: request, language: lang) {
        sections.append(section.section())
        manifest.options.append(("vintage", .int(section.vintage)))
      }
      let report = PlanReport(
        model: model, language: lang, evaluations: evaluations, projections: projections,
        backtest: backtest, manifest: manifest, attainment: attainment,
        skippedScenarios: skipped, averagePaths: averagePaths, additionalSections: sections)
      do throws(AtomicFile.WriteError) {
        try AtomicFile.write(Data(report.html().utf8), to: to, overwrite: force)
      } catch {
        throw CLIFailure.data(error.description)
      }
      print(to)
    }
  }

  /// The vintage section, or nil when the model cannot project or no data follow the default
  /// vintage; an explicit `--vintage` without later data is a usage error.
  private func vintageSection(model: PlanModel, request: ProjectionRequest, language: Language)
    throws -> VintageSection?
  {
    let year = vintage ?? model.config.planStart
    let last = model.data.observations.map(\.year).max() ?? year
    guard last > year else {
      if vintage != nil {
        throw CLIFailure.usage("--vintage \(year): no observation after it to compare with")
      }
      return nil
    }
    guard model.specifications != nil,
      let baseline = model.scenarios.first(where: { $0.id == "baseline" })
    else { return nil }
    let comparison: VintageComparison
    do {
      comparison = try VintageComparison(
        model: model, vintage: year, request: request, scenario: baseline,
        settings: MonteCarloSettings(
          draws: attainmentOptions.draws, seed: simulation.seed,
          threads: attainmentOptions.threads))
    } catch {
      throw CLIFailure.data("--vintage \(year): \(error)")
    }
    return VintageSection(
      projection: comparison.projection, then: AttainmentRun(comparison.then, thresholds: nil),
      now: AttainmentRun(comparison.now, thresholds: nil), model: model, language: language)
  }
}
