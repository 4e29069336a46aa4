import Foundation

/// Named numeric columns read from any CSV file with a header row, for commands such as
/// `plancast regress` that take user data. Every cell is checked: a missing column, an empty,
/// non-numeric or non-finite cell is a ``ModelError`` naming the file, line and column.
public struct NumericColumns: Sendable {
  /// The file the columns came from.
  public let file: String
  /// The requested columns in request order, each with one value per data row.
  public let columns: [(name: String, values: [Double])]
  /// The file line of each data row (1-based), for messages about rows.
  public let lines: [Int]

  /// Reads the named columns of the CSV file at `path`, streaming: only the requested columns
  /// are kept, as doubles. `mode` says whether a trailing comma on data rows is forgiven.
  /// - Throws: ``ModelError``: `.missingFile` for a missing file or a directory, `.syntax` for
  ///   a CSV problem (see ``CSVReader``), `.missingField` for an empty file or an unknown
  ///   column, `.invalidNumber` for a cell that is empty, not a plain decimal or not finite.
  public static func read(path: String, columns names: [String], mode: CSVMode = .strict)
    throws -> NumericColumns
  {
    var collector = ColumnCollector(path: path, names: names)
    do {
      try CSVReader.read(
        path: path, mode: mode,
        header: { header, line in try collector.header(header, line: line) },
        row: { row in try collector.add(row) })
    } catch let error as InputFileError {
      switch error {
      case .missing:
        throw ModelError(
          .missingFile, at: SourceLocation(file: path, line: nil), "no such file",
          hint: "Check the path given to --data.")
      case .directory:
        throw ModelError(
          .missingFile, at: SourceLocation(file: path, line: nil), "this is a directory",
          hint: "Give --data the path of a CSV file.")
      case .unreadable(_, let reason):
        throw ModelError(
          .missingFile, at: SourceLocation(file: path, line: nil), "cannot be read (\(reason))",
          hint: "Check the file's permissions.")
      }
    } catch let error as CSVSyntaxError {
      throw ModelError(
        .syntax, at: SourceLocation(file: path, line: error.line), field: error.field,
        error.message, hint: "Fix the CSV file (RFC 4180, one field per header column).")
    }
    guard collector.sawHeader else {
      throw ModelError(
        .missingField, at: SourceLocation(file: path, line: nil), "the file is empty",
        hint: "The first row must name the columns.")
    }
    return NumericColumns(
      file: path, columns: Array(zip(names, collector.values)).map { (name: $0.0, values: $0.1) },
      lines: collector.lines)
  }

  /// Number of data rows.
  public var rowCount: Int { lines.count }

  /// The values of a requested column.
  public func values(_ name: String) -> [Double]? {
    columns.first { $0.name == name }?.values
  }
}

/// Keeps the requested columns of each row as they stream past.
private struct ColumnCollector {
  let path: String
  let names: [String]
  private(set) var values: [[Double]]
  private(set) var lines: [Int] = []
  private(set) var sawHeader = false
  private var indices: [Int] = []

  init(path: String, names: [String]) {
    self.path = path
    self.names = names
    values = [[Double]](repeating: [], count: names.count)
  }

  mutating func header(_ header: [String], line: Int) throws {
    sawHeader = true
    for name in names {
      guard let index = header.firstIndex(of: name) else {
        throw ModelError(
          .missingField, at: SourceLocation(file: path, line: line),
          field: EchoText.short(name), "no column named '\(EchoText.short(name))'",
          hint: "Columns in this file: \(EchoText.list(header)).")
      }
      indices.append(index)
    }
  }

  mutating func add(_ row: CSVRow) throws {
    for (k, index) in indices.enumerated() {
      switch row.number(index) {
      case .value(let x): values[k].append(x)
      case .empty:
        throw invalid(row, k, "the cell is empty", hint: "Give a number, or remove the row.")
      case .notFinite:
        let cell = EchoText.short(try row.string(index).trimmingWhitespace())
        throw invalid(
          row, k, "'\(cell)' is not finite", hint: "Remove or replace NaN and infinite values.")
      case .notANumber:
        let cell = EchoText.short(try row.string(index).trimmingWhitespace())
        throw invalid(
          row, k, "'\(cell)' is not a number",
          hint:
            "Give a plain decimal number such as 1234.5 (no decimal comma, thousands separator, "
            + "hexadecimal or units), or remove the row.")
      }
    }
    lines.append(row.line)
  }

  private func invalid(_ row: CSVRow, _ k: Int, _ message: String, hint: String) -> ModelError {
    ModelError(
      .invalidNumber, at: SourceLocation(file: path, line: row.line), field: names[k], message,
      hint: hint)
  }
}
