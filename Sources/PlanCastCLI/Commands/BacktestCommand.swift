import ArgumentParser
import PlanCastForecasting
import PlanCastPlan

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

      Example:
        plancast backtest --origins 2010:2018 --horizons 1:3 --indicator gdp_real_growth
      """)

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var window: BacktestWindowOptions
  @OptionGroup var selection: SeriesSelection
  @OptionGroup var simulation: SimulationOptions

  @Option(help: "Output format.")
  var format: OutputFormat = .table

  public init() {}

  public func run() throws {
    try reportingFailures {
      let model = try modelOptions.load()
      let request = try selection.request(
        model: model, toYear: model.config.planEnd, simulation: simulation)
      let rows = SeriesBacktest(engine: ProjectionEngine(model: model)).run(
        request, origins: window.origins.range, horizons: window.horizons.range)
      let report = BacktestReport(rows: rows)
      switch format {
      case .json: print(report.json().render())
      case .table: print(TextTableRenderer.render(report.table(digits: 3)), terminator: "")
      case .csv, .markdown: print(format.render(report.table(digits: nil)), terminator: "")
      }
    }
  }
}
