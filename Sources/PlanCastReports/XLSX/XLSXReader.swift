import Foundation
import PlanCastPlan

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads one sheet of an `.xlsx` workbook (Office Open XML, as Excel, LibreOffice and openpyxl
/// write it; the archive read by ``ZIPEntries``) as CSV text, so that every CSV reader takes a spreadsheet too: the first sheet or a
/// named one; shared and inline strings, numbers as stored, booleans as TRUE/FALSE, error cells
/// as their text (`#N/A`). Line `n` of the text is the sheet's row `n`, so a reader's line
/// numbers are the row numbers Excel shows; a row is padded to the header's width.
public enum XLSXReader {
  /// Why a workbook cannot be read.
  public enum ReadError: Error, CustomStringConvertible, Equatable {
    case notAWorkbook(path: String, reason: String)
    case unknownSheet(path: String, sheet: String, known: [String])
    case tooLarge(path: String, part: String)

    public var description: String {
      switch self {
      case .notAWorkbook(let path, let reason): "\(path): not a readable .xlsx workbook (\(reason))"
      case .unknownSheet(let path, let sheet, let known):
        "\(path): no sheet '\(sheet)'; its sheets: \(known.joined(separator: ", "))"
      case .tooLarge(let path, let part):
        "\(path): \(part) unpacks to more than \(XLSXReader.partLimit >> 20) MiB; save the sheet as CSV"
      }
    }
  }

  /// The most bytes one part of the workbook may unpack to (a guard against zip bombs).
  public static let partLimit = 1 << 30

  /// The sheet's name and its rows as CSV text.
  public static func csv(path: String, sheet: String? = nil) throws(ReadError) -> (
    sheet: String, text: String
  ) {
    let bytes: [UInt8]
    do { bytes = try InputFile.contents(of: path) } catch {
      throw .notAWorkbook(path: path, reason: error.reason)
    }
    let archive: ZIPEntries
    do { archive = try ZIPEntries(bytes) } catch {
      throw .notAWorkbook(path: path, reason: error.reason)
    }
    func part(_ name: String) throws(ReadError) -> Data? {
      do { return try archive.data(name, limit: partLimit) } catch {
        if error.reason.hasSuffix("more than the limit") {
          throw .tooLarge(path: path, part: name)
        }
        throw .notAWorkbook(path: path, reason: error.reason)
      }
    }
    guard let workbook = try part("xl/workbook.xml"),
      let relations = try part("xl/_rels/workbook.xml.rels")
    else { throw .notAWorkbook(path: path, reason: "no xl/workbook.xml") }
    let sheets = try ElementCollector(["sheet"], workbook).checked(
      path: path, part: "xl/workbook.xml"
    ).elements.map {
      (name: $0.attributes["name"] ?? "", id: $0.attributes["r:id"] ?? "")
    }
    let targets = Dictionary(
      try ElementCollector(["Relationship"], relations).checked(
        path: path, part: "xl/_rels/workbook.xml.rels"
      ).elements.map {
        ($0.attributes["Id"] ?? "", $0.attributes["Target"] ?? "")
      }, uniquingKeysWith: { first, _ in first })
    guard let chosen = sheet.map({ name in sheets.first { $0.name == name } }) ?? sheets.first
    else {
      if let sheet { throw .unknownSheet(path: path, sheet: sheet, known: sheets.map(\.name)) }
      throw .notAWorkbook(path: path, reason: "the workbook has no sheet")
    }
    guard let target = targets[chosen.id] else {
      throw .notAWorkbook(path: path, reason: "sheet '\(chosen.name)' has no part")
    }
    let partName = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    guard let sheetData = try part(partName) else {
      throw .notAWorkbook(path: path, reason: "\(partName) is missing")
    }
    var shared = SharedStrings()
    if let strings = try part("xl/sharedStrings.xml") {
      shared = try SharedStrings(strings).checked(path: path, part: "xl/sharedStrings.xml")
    }
    let rows = try SheetRows(sheetData, shared: shared.strings).checked(path: path, part: partName)
      .rows
    let width = rows.first?.cells.count ?? 0
    var text = ""
    var line = 1
    for row in rows {
      while line < row.number {
        text += "\r\n"
        line += 1
      }
      var cells = row.cells
      if cells.count < width { cells += Array(repeating: "", count: width - cells.count) }
      text += CSVWriter.record(cells)
      line += 1
    }
    return (chosen.name, text)
  }

  /// The column index (0-based) of a cell reference such as `AB12`.
  static func column(_ reference: String) -> Int? {
    var index = 0
    var letters = 0
    for scalar in reference.unicodeScalars {
      guard scalar.value >= 65, scalar.value <= 90 else { break }
      index = index * 26 + Int(scalar.value - 64)
      letters += 1
      guard letters <= 3 else { return nil }  // XFD is the last column
    }
    return letters > 0 ? index - 1 : nil
  }
}

/// An XML part read by an `XMLParser`; subclasses override the callbacks they need (declared
/// here, so that the delegate conformance dispatches to the overrides on every platform).
private class XMLPartReader: NSObject, XMLParserDelegate {
  /// Why the part could not be read to its end (nil: it was).
  private(set) var failure: String?

  /// Parses `data`, calling the callbacks.
  func read(_ data: Data) {
    let parser = XMLParser(data: data)
    parser.delegate = self
    // On Linux `parse()` can return true after an error (a part cut short), so check both.
    let finished = parser.parse()
    if !finished || parser.parserError != nil {
      let code = (parser.parserError as NSError?).map { " (parser error \($0.code))" } ?? ""
      failure = "malformed or cut-short XML at line \(parser.lineNumber)\(code)"
    }
  }

  /// The reader itself, or the error naming the workbook and the part it could not read.
  func checked(path: String, part: String) throws(XLSXReader.ReadError) -> Self {
    if let failure { throw .notAWorkbook(path: path, reason: "\(part): \(failure)") }
    return self
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {}

  func parser(_ parser: XMLParser, foundCharacters string: String) {}

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {}
}

/// The elements of the given names, with their attributes, from an XML document.
private final class ElementCollector: XMLPartReader {
  struct Element {
    let attributes: [String: String]
  }
  let names: Set<String>
  var elements: [Element] = []

  init(_ names: Set<String>, _ data: Data) {
    self.names = names
    super.init()
    read(data)
  }

  override func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    if names.contains(name) { elements.append(Element(attributes: attributes)) }
  }
}

/// `xl/sharedStrings.xml`: the text of each `<si>` (its `<t>` runs joined).
private final class SharedStrings: XMLPartReader {
  var strings: [String] = []
  private var current: String?
  private var inText = false

  override init() { super.init() }

  init(_ data: Data) {
    super.init()
    read(data)
  }

  override func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    if name == "si" { current = "" }
    if name == "t" { inText = true }
  }

  override func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText, current != nil { current? += string }
  }

  override func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    if name == "t" { inText = false }
    if name == "si", let text = current {
      strings.append(text)
      current = nil
    }
  }
}

/// The rows of a worksheet part: per `<row r="n">` its cells by column, as text.
private final class SheetRows: XMLPartReader {
  struct Row {
    let number: Int
    var cells: [String]
  }
  var rows: [Row] = []
  private let shared: [String]
  private var row: Row?
  private var column = 0
  private var type = ""
  private var value = ""
  private var inValue = false

  init(_ data: Data, shared: [String]) {
    self.shared = shared
    super.init()
    read(data)
  }

  override func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    switch name {
    case "row":
      let previous = rows.last?.number ?? 0
      let number = attributes["r"].flatMap { Int($0) } ?? previous + 1
      // Rows in order, at most Excel's 1,048,576.
      row = Row(number: min(max(number, previous + 1), 1 << 20), cells: [])
    case "c":
      let cells = row?.cells.count ?? 0
      column = attributes["r"].flatMap(XLSXReader.column) ?? cells
      type = attributes["t"] ?? "n"
      value = ""
    case "v", "t":
      inValue = true
    default:
      break
    }
  }

  override func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inValue { value += string }
  }

  override func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    switch name {
    case "v", "t":
      inValue = false
    case "c":
      guard var current = row, column >= current.cells.count, column < 16_384 else { return }
      let text: String
      switch type {
      case "s": text = Int(value).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
      case "b": text = value == "1" ? "TRUE" : "FALSE"
      default: text = value
      }
      current.cells += Array(repeating: "", count: column - current.cells.count) + [text]
      row = current
    case "row":
      if let current = row { rows.append(current) }
      row = nil
    default:
      break
    }
  }
}
