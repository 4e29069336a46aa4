import Foundation
import ZIPFoundation

/// Writes Office Open XML workbooks (SpreadsheetML, ECMA-376) from tables: one sheet per
/// table, numbers stored as numbers (full precision) with a display format per column (see
/// ``NumberFormat``), text in the shared-string table, a bold frozen header row with an
/// autofilter, and column widths fitted to the content (CJK characters count double).
/// The parts go into a deflated ZIP container (ZIPFoundation) in a fixed order with fixed
/// timestamps and permissions, so the same sheets always give the same bytes.
public enum XLSXWriter {
  /// A sheet: its tab name and its table.
  public struct Sheet: Sendable {
    public let name: String
    public let table: Table

    public init(name: String, table: Table) {
      self.name = name
      self.table = table
    }
  }

  /// Why a workbook cannot be written.
  public enum XLSXError: Error, Equatable, CustomStringConvertible {
    case badSheetName(String, reason: String)
    case tooManyRows(sheet: String, rows: Int)
    case tooManyColumns(sheet: String, columns: Int)
    case noSheets
    case container(String)

    public var description: String {
      switch self {
      case .badSheetName(let name, let reason): "sheet name '\(name)': \(reason)"
      case .tooManyRows(let sheet, let rows):
        "sheet '\(sheet)': \(rows) rows exceed Excel's 1,048,576; export CSV instead"
      case .tooManyColumns(let sheet, let columns):
        "sheet '\(sheet)': \(columns) columns exceed Excel's 16,384"
      case .noSheets: "a workbook needs at least one sheet"
      case .container(let reason): "cannot write the ZIP container: \(reason)"
      }
    }
  }

  static let maxRows = 1_048_576
  static let maxColumns = 16_384
  static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationshipNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  /// The `.xlsx` bytes of a workbook with `sheets`, in order.
  public static func workbook(_ sheets: [Sheet]) throws(XLSXError) -> Data {
    guard !sheets.isEmpty else { throw .noSheets }
    var seen = Set<String>()
    for sheet in sheets {
      try validate(sheet.name)
      guard seen.insert(sheet.name.lowercased()).inserted else {
        throw .badSheetName(sheet.name, reason: "used twice (names ignore case)")
      }
      guard sheet.table.rows.count + 1 <= maxRows else {
        throw .tooManyRows(sheet: sheet.name, rows: sheet.table.rows.count + 1)
      }
      guard sheet.table.headers.count <= maxColumns else {
        throw .tooManyColumns(sheet: sheet.name, columns: sheet.table.headers.count)
      }
    }
    var strings = SharedStrings()
    let sheetXML = sheets.map { worksheet($0.table, strings: &strings) }
    var parts = [
      ("[Content_Types].xml", xml(contentTypes(sheetCount: sheets.count))),
      ("_rels/.rels", xml(rootRelationships)),
      ("xl/workbook.xml", xml(workbookXML(sheets))),
      ("xl/_rels/workbook.xml.rels", xml(workbookRelationships(sheetCount: sheets.count))),
      ("xl/styles.xml", xml(styles)),
      ("xl/sharedStrings.xml", xml(strings.xml)),
    ]
    for (index, sheet) in sheetXML.enumerated() {
      parts.append(("xl/worksheets/sheet\(index + 1).xml", xml(sheet)))
    }
    do {
      return try container(parts)
    } catch {
      throw .container(String(describing: error))
    }
  }

  /// The timestamp of every part: 1980-01-01 00:00 UTC, the earliest a ZIP (MS-DOS) date holds.
  static let partDate = Date(timeIntervalSince1970: 315_532_800)

  /// A ZIP archive of `parts`, in their order, each deflated (zlib's default level) with
  /// `partDate` and mode 0644, so that the bytes depend on the parts alone.
  static func container(_ parts: [(name: String, data: Data)]) throws -> Data {
    let archive = try Archive(accessMode: .create)
    for part in parts {
      try archive.addEntry(
        with: part.name, type: .file, uncompressedSize: Int64(part.data.count),
        modificationDate: partDate, permissions: 0o644, compressionMethod: .deflate
      ) { position, size in
        part.data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    guard let data = archive.data else { throw XLSXError.container("no archive data") }
    return data
  }

  /// Excel's rules for tab names.
  static func validate(_ name: String) throws(XLSXError) {
    if name.isEmpty { throw .badSheetName(name, reason: "empty") }
    if name.count > 31 { throw .badSheetName(name, reason: "longer than 31 characters") }
    if let bad = name.first(where: { "[]:*?/\\".contains($0) }) {
      throw .badSheetName(name, reason: "contains '\(bad)'")
    }
    if name.hasPrefix("'") || name.hasSuffix("'") {
      throw .badSheetName(name, reason: "starts or ends with an apostrophe")
    }
  }

  /// The spreadsheet column name of a 0-based index: 0 → A, 25 → Z, 26 → AA.
  public static func columnName(_ index: Int) -> String {
    var n = index + 1
    var name = ""
    while n > 0 {
      let r = (n - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + r))) + name
      n = (n - 1) / 26
    }
    return name
  }

  /// Column width in Excel's character units: the widest cell, CJK counted double, 6–60.
  static func widths(_ table: Table) -> [Double] {
    var widths = table.headers.map { Double(DisplayWidth.of($0)) }
    for row in table.rows {
      for (i, cell) in row.prefix(widths.count).enumerated() {
        let text: String
        switch cell {
        case .number(let x): text = x.isFinite ? String(format: "%.10g", x) : ""
        default: text = cell.text
        }
        let longestLine = text.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
        widths[i] = max(widths[i], Double(longestLine))
      }
    }
    return widths.map { min(60, max(6, $0 + 2)) }
  }

  /// How a numeric column is displayed; the cell keeps its full value.
  enum NumberFormat: Int {
    /// Whole numbers (years, counts): `0`, no thousands separator.
    case whole = 2
    /// Probabilities (a header naming one, values 0…1): `0.0%`.
    case percent = 3
    /// Magnitudes of 1000 and more: `#,##0.00`.
    case thousands = 4
    /// Other numbers: `0.00##` (two to four decimals).
    case decimal = 5

    /// The format of a column from its header and its numbers.
    static func of(header: String, numbers: [Double]) -> NumberFormat {
      guard !numbers.isEmpty else { return .decimal }
      let lower = header.lowercased()
      if lower.contains("probability") || header.contains("概率"),
        numbers.allSatisfy({ (0...1).contains($0) })
      {
        return .percent
      }
      if numbers.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) { return .whole }
      return numbers.contains { abs($0) >= 1000 } ? .thousands : .decimal
    }
  }

  static func formats(_ table: Table) -> [NumberFormat] {
    table.headers.indices.map { i in
      let numbers = table.rows.compactMap { row -> Double? in
        guard i < row.count else { return nil }
        switch row[i] {
        case .number(let x): return x.isFinite ? x : nil
        case .integer(let n): return Double(n)
        default: return nil
        }
      }
      return NumberFormat.of(header: table.headers[i], numbers: numbers)
    }
  }

  static func worksheet(_ table: Table, strings: inout SharedStrings) -> String {
    let columns = table.headers.count
    let styles = formats(table).map(\.rawValue)
    let lastColumn = columnName(max(columns, 1) - 1)
    let lastRow = table.rows.count + 1
    let range = "A1:\(lastColumn)\(lastRow)"
    var out = """
      <worksheet xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\
      <dimension ref="\(range)"/>\
      <sheetViews><sheetView workbookViewId="0">\
      <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
      <selection pane="bottomLeft" activeCell="A2" sqref="A2"/>\
      </sheetView></sheetViews>\
      <sheetFormatPr defaultRowHeight="15"/><cols>
      """
    for (i, width) in widths(table).enumerated() {
      out += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
    }
    out += "</cols><sheetData><row r=\"1\">"
    for (i, header) in table.headers.enumerated() {
      out += "<c r=\"\(columnName(i))1\" t=\"s\" s=\"1\"><v>\(strings.index(header))</v></c>"
    }
    out += "</row>"
    var names = (0..<columns).map(columnName)
    for (r, row) in table.rows.enumerated() {
      let rowNumber = r + 2
      out += "<row r=\"\(rowNumber)\">"
      for (i, cell) in row.prefix(columns).enumerated() {
        if names.count <= i { names.append(columnName(i)) }
        let ref = "\(names[i])\(rowNumber)"
        switch cell {
        case .empty: continue
        case .number(let x):
          guard x.isFinite else { continue }
          out += "<c r=\"\(ref)\" s=\"\(styles[i])\"><v>\(x)</v></c>"
        case .integer(let n):
          out += "<c r=\"\(ref)\" s=\"\(styles[i])\"><v>\(n)</v></c>"
        case .text(let s):
          guard !s.isEmpty else { continue }
          out += "<c r=\"\(ref)\" t=\"s\"><v>\(strings.index(s))</v></c>"
        }
      }
      out += "</row>"
    }
    out += "</sheetData><autoFilter ref=\"\(range)\"/></worksheet>"
    return out
  }

  static func workbookXML(_ sheets: [Sheet]) -> String {
    var out = """
      <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\
      <bookViews><workbookView activeTab="0"/></bookViews><sheets>
      """
    for (i, sheet) in sheets.enumerated() {
      out += "<sheet name=\"\(escape(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
    }
    out += "</sheets><definedNames>"
    for (i, sheet) in sheets.enumerated() {
      let lastColumn = columnName(max(sheet.table.headers.count, 1) - 1)
      let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
      out +=
        "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">"
        + escape("\(quoted)!$A$1:$\(lastColumn)$\(sheet.table.rows.count + 1)") + "</definedName>"
    }
    return out + "</definedNames></workbook>"
  }

  static func workbookRelationships(sheetCount: Int) -> String {
    let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    var out =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    for i in 1...sheetCount {
      out +=
        "<Relationship Id=\"rId\(i)\" Type=\"\(base)/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
    }
    out +=
      "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(base)/styles\" Target=\"styles.xml\"/>"
    out +=
      "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(base)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    return out + "</Relationships>"
  }

  static func contentTypes(sheetCount: Int) -> String {
    let ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    var out = """
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
      <Default Extension="xml" ContentType="application/xml"/>\
      <Override PartName="/xl/workbook.xml" ContentType="\(ml).sheet.main+xml"/>\
      <Override PartName="/xl/styles.xml" ContentType="\(ml).styles+xml"/>\
      <Override PartName="/xl/sharedStrings.xml" ContentType="\(ml).sharedStrings+xml"/>
      """
    for i in 1...sheetCount {
      out +=
        "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"\(ml).worksheet+xml\"/>"
    }
    return out + "</Types>"
  }

  static let rootRelationships = """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" \
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
    Target="xl/workbook.xml"/></Relationships>
    """

  /// Style 0: normal; style 1: the header (bold on a light fill).
  static let styles = """
    <styleSheet xmlns="\(mainNamespace)">\
    <numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/>\
    <numFmt numFmtId="165" formatCode="0.00##"/></numFmts>\
    <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
    <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
    <fills count="3"><fill><patternFill patternType="none"/></fill>\
    <fill><patternFill patternType="gray125"/></fill>\
    <fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF4"/><bgColor indexed="64"/>\
    </patternFill></fill></fills>\
    <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
    <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
    <xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    </cellXfs>\
    <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
    </styleSheet>
    """

  static func xml(_ body: String) -> Data {
    Data(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + body).utf8)
  }

  /// XML text: markup characters escaped, characters XML 1.0 forbids dropped.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// The workbook's shared-string table: each distinct text once.
  struct SharedStrings {
    private var indices: [String: Int] = [:]
    private var ordered: [String] = []
    private var references = 0

    mutating func index(_ s: String) -> Int {
      references += 1
      if let i = indices[s] { return i }
      indices[s] = ordered.count
      ordered.append(s)
      return ordered.count - 1
    }

    var xml: String {
      var out =
        "<sst xmlns=\"\(XLSXWriter.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(ordered.count)\">"
      for s in ordered {
        let preserve = s.first?.isWhitespace == true || s.last?.isWhitespace == true
        out += preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>"
        out += XLSXWriter.escape(s) + "</t></si>"
      }
      return out + "</sst>"
    }
  }
}
