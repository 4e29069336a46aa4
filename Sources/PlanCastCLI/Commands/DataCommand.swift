import ArgumentParser
import PlanCastPlan

/// `plancast data`: what data a model holds.
public struct DataCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "data",
    abstract:
      "Show a model's data: coverage by indicator and area, or one series with its sources.",
    subcommands: [DataCoverageCommand.self, DataShowCommand.self],
    defaultSubcommand: DataCoverageCommand.self)

  public init() {}
}

/// `plancast data [coverage]`: indicator × area × years present.
struct DataCoverageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coverage",
    abstract:
      "Coverage matrix: for each indicator and area, the years with data and how they were obtained."
  )

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var language: LanguageOption
  @Option(name: .long, help: "Output format.")
  var format: OutputFormat = .table
  @OptionGroup var tableWidth: TableWidthOption

  func run() throws {
    try reportingFailures {
      let model = try modelOptions.load(allowingNoData: true)
      let report = DataReport(model: model, language: language.lang)
      switch format {
      case .json: print(report.coverageJSON().render())
      case .csv, .markdown: print(format.render(report.coverageTable().0), terminator: "")
      case .table:
        let (full, notes) = report.coverageTable()
        // On a narrow terminal the indicator code goes first, then names are cut.
        print(
          TextTableRenderer.fitted(
            full, dropping: [1], toFit: tableWidth.maxWidth, beforeCuttingText: true,
            language: language.lang), terminator: "")
        if !notes.isEmpty { print("\n" + notes.joined(separator: "\n")) }
      }
    }
  }
}

/// `plancast data show AREA INDICATOR`: one series, every value with its source.
struct DataShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "One series with the source, vintage and note of every value.")

  @Argument(help: "Area id as declared in model.toml (e.g. Changsha, CZT).")
  var area: String
  @Argument(help: "Indicator id as declared in indicators.toml (e.g. gdp_nominal).")
  var indicator: String
  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var language: LanguageOption
  @Option(name: .long, help: "Output format.")
  var format: OutputFormat = .table

  func run() throws {
    try reportingFailures {
      let model = try modelOptions.load(allowingNoData: true)
      guard model.config.area(area) != nil else {
        throw CLIFailure.usage(
          "unknown area '\(area)'; declared: \(model.config.areas.map(\.id).joined(separator: ", "))"
        )
      }
      guard model.data.catalog[indicator] != nil else {
        throw CLIFailure.usage(
          "unknown indicator '\(indicator)'; declared: \(model.data.catalog.indicators.map(\.id).joined(separator: ", "))"
        )
      }
      let report = DataReport(model: model, language: language.lang)
      guard
        let series = model.data.series(area: area, indicator: indicator, language: language.lang)
      else {
        print("\(area) \(indicator): no data")
        return
      }
      switch format {
      case .json: print(report.seriesJSON(series).render())
      default:
        if format == .table { print(report.seriesTitle(series)) }
        print(format.render(report.seriesTable(series)), terminator: "")
      }
    }
  }
}
