import Foundation

/// Renders a ``Table`` as a GitHub-flavoured Markdown table (pipes and line breaks escaped).
public enum MarkdownTableRenderer {
  public static func render(_ table: Table) -> String {
    func escape(_ cell: String) -> String {
      cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
    }
    func line(_ cells: [String]) -> String {
      "| " + cells.map(escape).joined(separator: " | ") + " |"
    }
    let rule = table.alignments.map { $0 == .right ? "---:" : "---" }
    return
      ([line(table.headers), "|" + rule.joined(separator: "|") + "|"]
      + table.textRows.map(line))
      .joined(separator: "\n") + "\n"
  }
}
