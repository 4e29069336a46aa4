import Foundation
import Testing

@testable import PlanCastReports

/// The workbook writer: openpyxl and LibreOffice must both read what it writes, and its ZIP
/// container is deflated and reproducible.
@Suite struct XLSXWriterTests {
  static let sheets = [
    XLSXWriter.Sheet(
      name: "projections",
      table: Table(
        headers: ["地区", "indicator_name", "year", "median"],
        rows: [
          [.text("长株潭"), .text("地区生产总值增速(可比价)"), .integer(2025), .number(6.123456789012345)],
          [.text("A & B <c>"), .text(" lead"), .integer(2024), .empty],
        ])),
    XLSXWriter.Sheet(
      name: "targets",
      table: Table(headers: ["id", "value"], rows: [[.text("T01"), .number(25000)]])),
  ]

  static func write() throws -> (URL, URL) {
    let dir = try ExternalTool.temporaryDirectory()
    let file = dir.appendingPathComponent("book.xlsx")
    try XLSXWriter.workbook(sheets).write(to: file)
    return (dir, file)
  }

  @Test func openpyxlReadsSheetsHeadersNumbersAndFrozenHeader() throws {
    let (dir, file) = try Self.write()
    defer { try? FileManager.default.removeItem(at: dir) }
    try ExternalTool.python(
      """
      import sys, openpyxl
      wb = openpyxl.load_workbook(sys.argv[1])
      assert wb.sheetnames == ['projections', 'targets'], wb.sheetnames
      ws = wb['projections']
      assert [c.value for c in ws[1]] == ['地区', 'indicator_name', 'year', 'median'], [c.value for c in ws[1]]
      assert ws.freeze_panes == 'A2', ws.freeze_panes
      assert ws['A2'].value == '长株潭'
      assert ws['C2'].data_type == 'n' and ws['C2'].value == 2025, (ws['C2'].data_type, ws['C2'].value)
      assert ws['D2'].data_type == 'n' and ws['D2'].value == 6.123456789012345, ws['D2'].value
      assert ws['D3'].value is None
      assert ws['A3'].value == 'A & B <c>' and ws['B3'].value == ' lead'
      assert ws['A1'].font.b, 'header is bold'
      # Readable widths: the CJK indicator name (24 columns) is wider than the year column.
      assert ws.column_dimensions['B'].width >= 24, ws.column_dimensions['B'].width
      assert 6 <= ws.column_dimensions['C'].width < ws.column_dimensions['B'].width
      assert ws.auto_filter.ref == 'A1:D3', ws.auto_filter.ref
      assert wb['targets']['B2'].value == 25000 and wb['targets'].freeze_panes == 'A2'
      """, [file.path])
  }

  @Test func eachNumericColumnGetsItsDisplayFormat() {
    typealias F = XLSXWriter.NumberFormat
    #expect(F.of(header: "probability", numbers: [0.25, 1, 0]) == .percent)
    #expect(F.of(header: "实现概率", numbers: [0.5]) == .percent)
    // A "probability" outside 0…1 is not shown as a percentage.
    #expect(F.of(header: "probability", numbers: [12.5]) == .decimal)
    #expect(F.of(header: "year", numbers: [2024, 2025]) == .whole)
    #expect(F.of(header: "mean", numbers: [22128.24, 12.5]) == .thousands)
    #expect(F.of(header: "growth", numbers: [5.36, -1.94]) == .decimal)
    #expect(F.of(header: "empty", numbers: []) == .decimal)
  }

  @Test func libreOfficeOpensTheWorkbook() throws {
    let (dir, file) = try Self.write()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = try ExternalTool.libreOfficeCSV(file)
    // LibreOffice quotes text cells; the values are what matter.
    let lines = csv.split(whereSeparator: \.isNewline).map {
      $0.replacingOccurrences(of: "\"", with: "")
    }
    #expect(lines.first == "地区,indicator_name,year,median")
    #expect(lines.count == 3)
    #expect(lines.dropFirst().first?.hasPrefix("长株潭,地区生产总值增速(可比价),2025,6.12") == true)
  }

  /// The container is what Excel writes too: every part deflated, in a fixed order, with the
  /// fixed 1980-01-01 timestamp, so the same sheets always give the same bytes.
  @Test func archiveIsDeflatedOrderedAndReproducible() throws {
    let first = try XLSXWriter.workbook(Self.sheets)
    #expect(try XLSXWriter.workbook(Self.sheets) == first)
    let (dir, file) = try Self.write()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try Data(contentsOf: file) == first)
    let out = try ExternalTool.python(
      """
      import sys, zipfile
      z = zipfile.ZipFile(sys.argv[1])
      assert z.testzip() is None
      for i in z.infolist():
          assert i.compress_type == zipfile.ZIP_DEFLATED, (i.filename, i.compress_type)
          assert i.date_time == (1980, 1, 1, 0, 0, 0), (i.filename, i.date_time)
      print(' '.join(z.namelist()))
      """, [file.path])
    #expect(
      out.stdout
        == "[Content_Types].xml _rels/.rels xl/workbook.xml xl/_rels/workbook.xml.rels"
        + " xl/styles.xml xl/sharedStrings.xml xl/worksheets/sheet1.xml"
        + " xl/worksheets/sheet2.xml\n")
  }

  @Test func badSheetNamesAreRefused() {
    func reason(_ name: String) -> XLSXWriter.XLSXError? {
      do {
        _ = try XLSXWriter.workbook([.init(name: name, table: Table(headers: ["a"]))])
        return nil
      } catch {
        return error
      }
    }
    #expect(reason("a/b") != nil)
    #expect(reason(String(repeating: "x", count: 32)) != nil)
    #expect(reason("") != nil)
    #expect(reason("预测") == nil)
    #expect(throws: XLSXWriter.XLSXError.noSheets) { try XLSXWriter.workbook([]) }
    #expect(XLSXWriter.columnName(0) == "A" && XLSXWriter.columnName(25) == "Z")
    #expect(XLSXWriter.columnName(26) == "AA" && XLSXWriter.columnName(16_383) == "XFD")
  }
}
