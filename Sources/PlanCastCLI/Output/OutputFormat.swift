import ArgumentParser

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json, markdown

  /// Renders a table in this format (JSON is built by each command from its own values).
  func render(_ table: Table) -> String {
    switch self {
    case .table, .json: return TextTableRenderer.render(table)
    case .csv: return CSVWriter.render(table)
    case .markdown: return MarkdownTableRenderer.render(table)
    }
  }
}
