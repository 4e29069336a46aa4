import ArgumentParser
import PlanCastForecasting
import PlanCastPlan

/// `plancast fit`: estimates, diagnostics and the chosen model per series.
public struct FitCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit each series' declared model and show estimates, diagnostics and the choice.",
    discussion: """
      Shows, per city and indicator: the model (for auto, every candidate's score and the \
      winner), the data window, parameter estimates with standard errors, the innovation \
      standard deviation and AICc.

      Example:
        plancast fit --city Changsha --indicator gdp_real_growth
      """)

  @OptionGroup var modelOptions: ModelOptions
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
      let projections = ProjectionEngine(model: model).project(request)
      let report = FitReport(projections: projections)
      switch format {
      case .json: print(report.json().render())
      case .table: print(report.text())
      case .csv, .markdown: print(format.render(report.parameterTable()), terminator: "")
      }
    }
  }
}
