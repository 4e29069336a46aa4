import PlanCastPlan

/// Renders a ``Table`` for a terminal, aligning columns by display width so that Chinese
/// text (two columns a character) lines up.
enum TextTableRenderer {
  /// Restyles a data cell's text (row index, column index, text); the padding is measured on
  /// the plain text, so colour codes take no columns.
  typealias CellStyle = (_ row: Int, _ column: Int, _ text: String) -> String

  /// - Parameter maxWidth: the widest a line may be: left-aligned (text) columns but the last
  ///   are then narrowed, widest first and not below their header or 8 columns, and their cells
  ///   cut with "…" (numbers are never cut). nil: as wide as the content.
  static func render(
    _ table: Table, separator: String = "  ", style: CellStyle? = nil, maxWidth: Int? = nil
  ) -> String {
    let columns = table.headers.count
    var widths = naturalWidths(table)
    if let maxWidth {
      narrow(&widths, table: table, to: maxWidth - separator.count * max(0, columns - 1))
    }
    func line(_ cells: [String], row: Int?) -> String {
      var parts: [String] = []
      for i in 0..<columns {
        let full = i < cells.count ? cells[i] : ""
        let cell = DisplayWidth.of(full) > widths[i] ? cut(full, to: widths[i]) : full
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

  /// `table` fitted to `maxWidth` (``dropping(_:columns:toFit:separator:beforeCuttingText:)``,
  /// then ``render(_:separator:style:maxWidth:)``), followed by the line saying which columns
  /// were left out, if any.
  static func fitted(
    _ table: Table, dropping droppable: [Int], toFit maxWidth: Int?,
    beforeCuttingText: Bool = false, language: Language
  ) -> String {
    let (kept, dropped) = dropping(
      table, columns: droppable, toFit: maxWidth, beforeCuttingText: beforeCuttingText)
    return render(kept, maxWidth: maxWidth)
      + (TableWidthOption.leftOutLine(dropped, language: language).map { $0 + "\n" } ?? "")
  }

  /// `table` without the `droppable` columns (left out in that order) that it cannot keep and
  /// still be narrowed to `maxWidth`; with the headers left out. nil `maxWidth`: all kept.
  /// `beforeCuttingText`: drop them before any text is cut (for tables whose text columns are
  /// identifiers a reader needs whole).
  static func dropping(
    _ table: Table, columns droppable: [Int], toFit maxWidth: Int?, separator: String = "  ",
    beforeCuttingText: Bool = false
  ) -> (table: Table, dropped: [String]) {
    guard let maxWidth else { return (table, []) }
    var kept = Array(table.headers.indices)
    var dropped: [String] = []
    func narrowest(_ t: Table) -> Int {
      let widths = naturalWidths(t)
      return (beforeCuttingText ? widths : floors(widths, table: t)).reduce(0, +)
        + separator.count * max(0, t.headers.count - 1)
    }
    func subset(_ columns: [Int]) -> Table {
      Table(
        headers: columns.map { table.headers[$0] },
        alignments: columns.map { $0 < table.alignments.count ? table.alignments[$0] : .left },
        rows: table.rows.map { row in columns.map { $0 < row.count ? row[$0] : .empty } },
        keys: columns.map { table.keys[$0] })
    }
    var current = table
    for column in droppable where narrowest(current) > maxWidth {
      kept.removeAll { $0 == column }
      dropped.append(table.headers[column])
      current = subset(kept)
    }
    return (current, dropped)
  }

  private static func naturalWidths(_ table: Table) -> [Int] {
    var widths = table.headers.map(DisplayWidth.of)
    for row in table.textRows {
      for (i, cell) in row.prefix(widths.count).enumerated() {
        widths[i] = max(widths[i], DisplayWidth.of(cell))
      }
    }
    return widths
  }

  /// The narrowest each column may become: left-aligned columns but the last down to their
  /// header or 8; the others (numbers, the last column: a status, a note) whole.
  private static func floors(_ widths: [Int], table: Table) -> [Int] {
    table.headers.enumerated().map { i, header in
      let alignment = i < table.alignments.count ? table.alignments[i] : .left
      return alignment == .left && i < widths.count - 1
        ? min(widths[i], max(8, DisplayWidth.of(header))) : widths[i]
    }
  }

  /// Narrows left-aligned columns, widest first, until the columns fit `budget`.
  private static func narrow(_ widths: inout [Int], table: Table, to budget: Int) {
    let floors = floors(widths, table: table)
    var excess = widths.reduce(0, +) - budget
    while excess > 0 {
      guard
        let widest = widths.indices.filter({ widths[$0] > floors[$0] })
          .max(by: { widths[$0] < widths[$1] })
      else { return }
      widths[widest] -= 1
      excess -= 1
    }
  }

  /// `text` cut to `width` display columns, ending in "…".
  private static func cut(_ text: String, to width: Int) -> String {
    var out = ""
    var used = 0
    for character in text {
      let w = DisplayWidth.of(String(character))
      guard used + w <= width - 1 else { break }
      out.append(character)
      used += w
    }
    return out + "…"
  }

  private static func trimTrailingSpaces(_ s: String) -> String {
    var s = Substring(s)
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
