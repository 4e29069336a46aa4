import ArgumentParser
import PlanCastPlan

/// `plancast targets`: where every plan target stands.
public struct TargetsCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "targets",
    abstract:
      "Show every plan target: latest value, gap, required and recent annual change, status.",
    discussion: """
      Status is deterministic: the latest value is carried to the target year at the average \
      annual change of the last five observed years (never across a declared level break). \
      on track: the projection meets the target; at risk: it misses, but the target is met now \
      or the recent pace covers at least half of the required movement; off track: otherwise; \
      no data: no regional value or no recent change; qualitative: goals without a number. \
      Values taken from a proxy are marked and the proxy rule is printed.
      """)

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var language: LanguageOption
  @OptionGroup var tableWidth: TableWidthOption
  @Option(name: .long, help: "Output format.")
  var format: OutputFormat = .table

  public init() {}

  public func run() throws {
    try reportingFailures {
      let model = try modelOptions.load(allowingNoData: true)
      let evaluations = TargetEvaluator(data: model.data, language: language.lang).evaluate(
        model.plan)
      let report = TargetsReport(model: model, evaluations: evaluations, language: language.lang)
      switch format {
      case .json:
        print(report.json().render())
      case .table:
        let (full, notes) = report.table()
        print(model.config.name(language.lang) + " · " + report.dataCurrency.text(language.lang))
        let statuses = report.rowStatuses
        // On a narrow terminal: recent change, gap and region go first (in that order).
        let maxWidth = tableWidth.maxWidth
        let zh = language.lang == .zh
        let (table, dropped) = TextTableRenderer.dropping(
          full, columns: [7, 5, 2], toFit: maxWidth)
        let statusColumn = table.headers.count - 1
        print(
          TextTableRenderer.render(
            table,
            style: { row, column, text in
              column == statusColumn && row < statuses.count
                ? TerminalColour.status(text, statuses[row]) : text
            }, maxWidth: maxWidth), terminator: "")
        if let line = TableWidthOption.leftOutLine(dropped, language: language.lang) {
          print(line)
        }
        if !notes.isEmpty { print("\n" + notes.joined(separator: "\n")) }
        let gaps = ModelGaps(model: model)
        if !gaps.isEmpty {
          print(
            (zh ? "\n尚缺:\n" : "\nStill missing:\n")
              + gaps.lines(language.lang).map { "  " + $0 }.joined(separator: "\n"))
        }
      case .csv, .markdown:
        print(format.render(report.flatTable()), terminator: "")
      }
    }
  }
}

extension ModelConfig {
  func name(_ language: Language) -> String { language == .zh ? nameZH : nameEN }
}
