import Foundation
import TOMLKit

/// A parsed TOML file with the means to point errors at lines.
struct TOMLDocument {
  let path: String
  let root: TOMLTable
  let lines: TOMLLineIndex

  /// Reads and parses `path`.
  /// - Throws: ``ModelError`` `.missingFile` or `.syntax` (with TOMLKit's line).
  static func load(path: String, hint: String) throws(ModelError) -> TOMLDocument {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ModelError(
        .missingFile, at: SourceLocation(file: path, line: nil), "cannot read the file",
        hint: hint)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ModelError(
        .syntax, at: SourceLocation(file: path, line: nil), "the file is not UTF-8 text",
        hint: "Save it as UTF-8.")
    }
    if let finding = TOMLAbortGuard.firstFinding(in: text) {
      throw ModelError(
        .syntax, at: SourceLocation(file: path, line: finding.line),
        "\(finding.problem) (column \(finding.column))",
        hint: "Fix the TOML syntax at that line (see https://toml.io).")
    }
    do {
      let root = try TOMLTable(string: text)
      return TOMLDocument(path: path, root: root, lines: TOMLLineIndex(text: text))
    } catch let error as TOMLParseError {
      throw ModelError(
        .syntax, at: SourceLocation(file: path, line: error.source.begin.line),
        "\(error.description) (column \(error.source.begin.column))",
        hint: "Fix the TOML syntax at that line (see https://toml.io).")
    } catch {
      throw ModelError(
        .syntax, at: SourceLocation(file: path, line: nil), "\(error)",
        hint: "Fix the TOML syntax.")
    }
  }

  /// The top-level table `name` as a section, or nil if absent.
  /// The keys before any table header.
  var topLevel: TOMLSection { TOMLSection(document: self, table: root, section: "", index: nil) }

  func table(_ name: String) throws(ModelError) -> TOMLSection? {
    guard let value = root[name] else { return nil }
    guard let table = value.table else {
      throw ModelError(
        .invalidValue, at: location(section: "", index: nil, key: name), field: name,
        "expected a table", hint: "Write it as [\(name)].")
    }
    return TOMLSection(document: self, table: table, section: name, index: nil)
  }

  /// The entries of the array of tables `[[name]]` (empty if absent).
  func arrayOfTables(_ name: String) throws(ModelError) -> [TOMLSection] {
    guard let value = root[name] else { return [] }
    guard let array = value.array else {
      throw ModelError(
        .invalidValue, at: location(section: "", index: nil, key: name), field: name,
        "expected an array of tables", hint: "Write each entry as [[\(name)]].")
    }
    var sections: [TOMLSection] = []
    for (i, element) in array.enumerated() {
      guard let table = element.table else {
        throw ModelError(
          .invalidValue, at: location(section: name, index: i, key: nil), field: name,
          "entry \(i + 1) is not a table", hint: "Write each entry as [[\(name)]].")
      }
      sections.append(TOMLSection(document: self, table: table, section: name, index: i))
    }
    return sections
  }

  /// Top-level tables, sorted by the line they start on (the file's order).
  func allTables() throws(ModelError) -> [TOMLSection] {
    var sections: [TOMLSection] = []
    for key in root.keys {
      if let section = try table(key) { sections.append(section) }
    }
    return sections.sorted { ($0.headerLine ?? 0) < ($1.headerLine ?? 0) }
  }

  func location(section: String, index: Int?, key: String?) -> SourceLocation {
    SourceLocation(file: path, line: lines.line(section: section, index: index, key: key))
  }
}
