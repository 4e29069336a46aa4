import PlanCastPlan

/// A rectangular table ready to render as text, Markdown, CSV, JSON or a spreadsheet sheet.
///
/// `headers` are what a reader sees (and may be localised); `keys` are the stable, machine
/// names of the columns that JSON exports use, whatever the language.
public struct Table: Sendable {
  public enum Alignment: Sendable { case left, right }

  public var headers: [String]
  public var keys: [String]
  public var alignments: [Alignment]
  public var rows: [[Cell]]

  public init(
    headers: [String], alignments: [Alignment]? = nil, rows: [[Cell]] = [], keys: [String]? = nil
  ) {
    self.headers = headers
    self.keys = keys ?? headers
    self.alignments = alignments ?? Array(repeating: .left, count: headers.count)
    self.rows = rows
  }

  /// Appends a row of cells.
  public mutating func append(_ row: [Cell]) { rows.append(row) }

  /// Appends a row of text cells.
  public mutating func append(_ row: [String]) { rows.append(row.map(Cell.text)) }

  /// Every row as text (numbers at full precision).
  public var textRows: [[String]] { rows.map { $0.map(\.text) } }
}

/// A column of a table built for export: a stable key, headers in both languages, alignment.
public struct Column: Sendable {
  public let key: String
  public let en: String
  public let zh: String
  public let alignment: Table.Alignment

  public init(_ key: String, en: String? = nil, zh: String, _ alignment: Table.Alignment = .left) {
    self.key = key
    self.en = en ?? key
    self.zh = zh
    self.alignment = alignment
  }
}

extension Table {
  /// An empty table with `columns`, headers in `language`.
  public init(columns: [Column], language: Language) {
    self.init(
      headers: columns.map { language == .zh ? $0.zh : $0.en },
      alignments: columns.map(\.alignment), keys: columns.map(\.key))
  }
}

extension Table {
  /// The columns with these keys, in this order (unknown keys are skipped).
  public func selecting(_ keys: [String]) -> Table {
    let indices = keys.compactMap { self.keys.firstIndex(of: $0) }
    return Table(
      headers: indices.map { headers[$0] }, alignments: indices.map { alignments[$0] },
      rows: rows.map { row in indices.map { $0 < row.count ? row[$0] : .empty } },
      keys: indices.map { self.keys[$0] })
  }
}
