import ArgumentParser
import PlanCastForecasting
import PlanCastPlan

/// `plancast project`: yearly projections with intervals per city and for the region.
public struct ProjectCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "project",
    abstract: "Project every modelled indicator per city and for the region, with intervals.",
    discussion: """
      Each (area, indicator) gets the model that models.toml declares; the region's series is \
      computed from its cities by the indicator's rule (or taken from a proxy, which is then \
      named). Intervals include parameter uncertainty. CSV and JSON include the observed years \
      (kind = observed) so a chart needs no other file.

      Examples:
        plancast project --to 2025
        plancast project --as-of 2019 --indicator gdp_nominal --format csv > gdp.csv
      """)

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var selection: SeriesSelection
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var language: LanguageOption

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Last year to project (default: the plan's end year).", valueName: "year"))
  var to: Int?

  @Option(help: "Output format.")
  var format: OutputFormat = .table

  @OptionGroup var tableWidth: TableWidthOption

  public init() {}

  public func run() throws {
    try reportingFailures {
      let model = try modelOptions.load()
      guard model.specifications != nil else {
        throw CLIFailure.data(
          "\(model.directory): no models.toml; add one to say which model projects each indicator")
      }
      let request = try selection.request(
        model: model, toYear: to ?? model.config.planEnd, simulation: simulation)
      let projections = ProjectionEngine(model: model).project(request)
      let report = ProjectionReport(projections: projections, model: model, language: language.lang)
      switch format {
      case .json: print(report.json().render())
      case .csv, .markdown: print(format.render(report.tidyTable()), terminator: "")
      case .table:
        let (full, notes) = report.displayTable()
        // On a narrow terminal the 95 % interval, the model, then the unit go first.
        print(
          TextTableRenderer.fitted(
            full, dropping: [6, 7, 2], toFit: tableWidth.maxWidth, language: language.lang),
          terminator: "")
        if !notes.isEmpty { print("\n" + notes.joined(separator: "\n")) }
      }
    }
  }
}
