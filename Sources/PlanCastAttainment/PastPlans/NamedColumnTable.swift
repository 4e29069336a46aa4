import Foundation
import PlanCastPlan

/// A small CSV file read whole (strict RFC 4180, see `CSVReader`), its columns found by header
/// name; the past-plan tables are tens of rows.
struct NamedColumnTable {
  /// One data row with its line in the file.
  struct Row {
    let line: Int
    let fields: [String]
  }

  let path: String
  let rows: [Row]
  private let column: [String: Int]

  /// Reads `path` and checks that every one of `required` is a column.
  /// - Throws: ``ModelError`` naming the file, line and field.
  init(path: String, required: [String]) throws(ModelError) {
    self.path = path
    let file = SourceLocation(file: path, line: nil)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path)
    else {
      throw ModelError(
        .missingFile, at: file, "cannot read the file", hint: "Give the path of a CSV file.")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ModelError(.syntax, at: file, "the file is not UTF-8 text", hint: "Save it as UTF-8.")
    }
    let records: [CSVRecord]
    do {
      records = try CSVReader.parse(text)
    } catch let error as CSVSyntaxError {
      throw ModelError(
        .syntax, at: SourceLocation(file: path, line: error.line), field: error.field,
        error.message, hint: "Fix the CSV file (RFC 4180, one field per header column).")
    } catch {
      throw ModelError(.syntax, at: file, "\(error)", hint: "Fix the CSV file.")
    }
    guard let header = records.first else {
      throw ModelError(
        .missingField, at: file, "the file is empty",
        hint: "Start with the header line: \(required.joined(separator: ",")).")
    }
    var column: [String: Int] = [:]
    for (i, name) in header.fields.enumerated() { column[name] = i }
    for name in required where column[name] == nil {
      throw ModelError(
        .missingField, at: SourceLocation(file: path, line: header.line), field: name,
        "the header has no '\(name)' column",
        hint: "The header must name: \(required.joined(separator: ",")).")
    }
    self.column = column
    rows = records.dropFirst().map { Row(line: $0.line, fields: $0.fields) }
  }

  /// The value of column `name` in `row` (trimmed; empty when the column is absent).
  func value(_ name: String, in row: Row) -> String {
    guard let k = column[name], k < row.fields.count else { return "" }
    return row.fields[k].trimmingCharacters(in: .whitespaces)
  }

  /// Where `row`'s field `name` is, for an error.
  func location(of row: Row) -> SourceLocation { SourceLocation(file: path, line: row.line) }
}
