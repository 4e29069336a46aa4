import ArgumentParser
import Foundation
import PlanCastAttainment
import PlanCastForecasting
import PlanCastPlan
import PlanCastReports

/// `plancast backtest`: rolling-origin accuracy of each model class against benchmarks.
public struct BacktestCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract:
      "Rolling-origin accuracy per model class and the automatic choice, vs naive and drift.",
    discussion: """
      For each origin year the model is fitted to data up to the origin only and its forecasts \
      at the given horizons are compared with what was later observed. Scores: MAPE (%), RMSE, \
      MASE (errors scaled by the in-sample mean absolute yearly change; below 1 beats a naive \
      one-step forecast), coverage of the 80% and 95% intervals, and the Winkler interval score.
      The table ends with a verdict per series: the declared model against the better of naive \
      and drift, both scored on the forecasts both made, the targets the series drives, and a \
      warning where the declared model loses.

      With --vintage YEAR: what PlanCast said with the data up to YEAR against what happened \
      since. Per city and indicator, the projection made then (median, 80% and 95% bands) \
      next to every later outturn, the error and whether the outturn fell inside each band \
      (outturns on a basis declared by a later level break are marked "new basis"); the \
      accuracy per indicator (MAPE, band coverage); and every target's baseline P(attain) \
      then and now (--draws, --seed). --origins and --horizons are not used; --format csv or \
      markdown prints the outturn table, json all three.

      Examples:
        plancast backtest --origins 2010:2018 --horizons 1:3 --indicator gdp_real_growth
        plancast backtest --vintage 2021 --indicator gdp_nominal
      """)

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var window: BacktestWindowOptions
  @OptionGroup var selection: SeriesSelection
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var tableWidth: TableWidthOption

  @Option(help: "Output format.")
  var format: OutputFormat = .table

  @Option(
    parsing: .unconditional,
    help: "Compare the projection made with the data up to this year with the outturns since.")
  var vintage: Int?

  @Option(
    parsing: .unconditional,
    help: "With --vintage: Monte Carlo draws for P(attain) then and now (100 to 10^7).")
  var draws = 100_000

  @Option(help: "With --vintage: worker threads (results do not depend on it).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  public init() {}

  public func validate() throws {
    try WorkLimits.check(draws, "--draws", minimum: 100, maximum: WorkLimits.draws)
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    if vintage != nil, modelOptions.asOf != nil {
      throw ValidationError("--vintage and --as-of exclude each other: --vintage is the as-of year")
    }
  }

  public func run() throws {
    try reportingFailures {
      let model = try modelOptions.load()
      if let vintage {
        try runVintage(model: model, vintage: vintage)
        return
      }
      let request = try selection.request(
        model: model, toYear: model.config.planEnd, simulation: simulation)
      let rows = SeriesBacktest(engine: ProjectionEngine(model: model)).run(
        request, origins: window.origins.range, horizons: window.horizons.range)
      var targets: [String: [String]] = [:]
      for t in model.plan.targets {
        targets["\(t.region)|\(t.indicator)", default: []].append(t.id)
      }
      let rates = Set(model.data.catalog.indicators.filter { $0.kind == .rate }.map(\.id))
      let report = BacktestReport(rows: rows, targets: targets, rates: rates)
      switch format {
      case .json: print(report.json().render())
      case .table:
        let maxWidth = tableWidth.maxWidth
        print(report.displayText(maxWidth: maxWidth), terminator: "")
        print("\n" + report.verdictText(maxWidth: maxWidth), terminator: "")
      case .csv, .markdown: print(format.render(report.table()), terminator: "")
      }
    }
  }

  private func runVintage(model: PlanModel, vintage: Int) throws {
    guard model.specifications != nil else {
      throw CLIFailure.data(
        "\(model.directory): no models.toml; add one to say which model projects each indicator")
    }
    guard model.config.yearRange.contains(vintage) else {
      throw CLIFailure.usage(
        "--vintage \(vintage) is outside the model's years \(model.config.firstYear)–\(model.config.lastYear)"
      )
    }
    let baseline = try ScenarioSelection.resolve(
      "baseline", model: model, engine: nil, allowAll: false
    ).scenarios[0]
    let request = try selection.request(
      model: model, toYear: model.config.planEnd, simulation: simulation)
    let comparison: VintageComparison
    do {
      comparison = try VintageComparison(
        model: model, vintage: vintage, request: request, scenario: baseline,
        settings: MonteCarloSettings(draws: draws, seed: simulation.seed, threads: threads))
    } catch let error as ForecastError {
      throw CLIFailure.usage("--vintage \(vintage): \(error)")
    } catch {
      throw CLIFailure.data("cannot build the joint simulation: \(error)")
    }
    let report = VintageReport(comparison: comparison, model: model)
    switch format {
    case .json: print(report.json().render())
    case .table: print(report.text())
    case .csv, .markdown:
      print(
        format.render(VintageTables.outturns(comparison.projection, digits: nil)), terminator: "")
    }
  }
}
