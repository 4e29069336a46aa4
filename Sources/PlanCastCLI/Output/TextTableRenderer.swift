/// Renders a ``Table`` for a terminal, aligning columns by display width so that Chinese
/// text (two columns a character) lines up.
enum TextTableRenderer {
  /// Restyles a data cell's text (row index, column index, text); the padding is measured on
  /// the plain text, so colour codes take no columns.
  typealias CellStyle = (_ row: Int, _ column: Int, _ text: String) -> String

  static func render(_ table: Table, separator: String = "  ", style: CellStyle? = nil) -> String {
    let columns = table.headers.count
    var widths = table.headers.map(DisplayWidth.of)
    for row in table.textRows {
      for (i, cell) in row.prefix(columns).enumerated() {
        widths[i] = max(widths[i], DisplayWidth.of(cell))
      }
    }
    func line(_ cells: [String], row: Int?) -> String {
      var parts: [String] = []
      for i in 0..<columns {
        let cell = i < cells.count ? cells[i] : ""
        let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
        let alignment = i < table.alignments.count ? table.alignments[i] : .left
        let text = row.flatMap { r in style.map { $0(r, i, cell) } } ?? cell
        parts.append(alignment == .right ? pad + text : text + pad)
      }
      return trimTrailingSpaces(parts.joined(separator: separator))
    }
    var out = [line(table.headers, row: nil)]
    out.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: separator))
    out += table.textRows.enumerated().map { line($1, row: $0) }
    return out.joined(separator: "\n") + "\n"
  }

  private static func trimTrailingSpaces(_ s: String) -> String {
    var s = Substring(s)
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
