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

  /// Reads the named columns of the CSV file at `path`.
  public static func read(path: String, columns names: [String]) throws -> NumericColumns {
    let location = SourceLocation(file: path, line: nil)
    guard FileManager.default.fileExists(atPath: path) else {
      throw ModelError(
        .missingFile, at: location, "no such file", hint: "Check the path given to --data.")
    }
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      throw ModelError(
        .syntax, at: location, "the file cannot be read as UTF-8 text",
        hint: "Save it as UTF-8 CSV.")
    }
    let records: [CSVRecord]
    do { records = try CSVReader.parse(text) } catch let error as CSVSyntaxError {
      throw ModelError(
        .syntax, at: SourceLocation(file: path, line: error.line), error.message,
        hint: "Fix the CSV quoting.")
    }
    guard let header = records.first else {
      throw ModelError(
        .missingField, at: location, "the file is empty",
        hint: "The first row must name the columns.")
    }
    let headerNames = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    var indices: [Int] = []
    for name in names {
      guard let index = headerNames.firstIndex(of: name) else {
        throw ModelError(
          .missingField, at: SourceLocation(file: path, line: header.line), field: name,
          "no column named '\(name)'",
          hint: "Columns in this file: \(headerNames.joined(separator: ", ")).")
      }
      indices.append(index)
    }
    var values = [[Double]](repeating: [], count: names.count)
    var lines: [Int] = []
    for record in records.dropFirst() {
      let here = SourceLocation(file: path, line: record.line)
      for (k, index) in indices.enumerated() {
        guard index < record.fields.count else {
          throw ModelError(
            .missingField, at: here, field: names[k],
            "the row has \(record.fields.count) fields, fewer than the header's \(headerNames.count)",
            hint: "Give every row one field per header column.")
        }
        let cell = record.fields[index].trimmingCharacters(in: .whitespaces)
        guard let value = Double(cell) else {
          throw ModelError(
            .invalidNumber, at: here, field: names[k],
            cell.isEmpty ? "the cell is empty" : "'\(cell)' is not a number",
            hint: "Give a plain decimal number, or remove the row.")
        }
        guard value.isFinite else {
          throw ModelError(
            .invalidNumber, at: here, field: names[k], "'\(cell)' is not finite",
            hint: "Remove or replace NaN and infinite values.")
        }
        values[k].append(value)
      }
      lines.append(record.line)
    }
    return NumericColumns(
      file: path, columns: Array(zip(names, values)).map { (name: $0.0, values: $0.1) },
      lines: lines)
  }

  /// Number of data rows.
  public var rowCount: Int { lines.count }

  /// The values of a requested column.
  public func values(_ name: String) -> [Double]? {
    columns.first { $0.name == name }?.values
  }
}
