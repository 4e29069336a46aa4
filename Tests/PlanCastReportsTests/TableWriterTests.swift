import Foundation
import Testing

@testable import PlanCastReports

/// CSV, Markdown and JSON rendering of typed tables.
@Suite struct TableWriterTests {
  static let table = Table(
    headers: ["地区", "value", "note"], alignments: [.left, .right, .left],
    rows: [
      [.text("长株潭"), .number(25000.5), .text("a, \"quoted\"\nsecond line")],
      [.text("Changsha"), .integer(7), .empty],
      [.text("x|y"), .number(.nan), .text("  padded ")],
    ], keys: ["area", "value", "note"])

  @Test func csvRoundTripsThroughPythonsCSVReader() throws {
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("t.csv")
    try Data(CSVWriter.render(Self.table).utf8).write(to: file)
    let output = try ExternalTool.python(
      """
      import csv, json, sys
      with open(sys.argv[1], newline='', encoding='utf-8') as f:
          print(json.dumps(list(csv.reader(f)), ensure_ascii=False))
      """, [file.path])
    let rows = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String]]
    #expect(
      rows == [
        ["地区", "value", "note"], ["长株潭", "25000.5", "a, \"quoted\"\nsecond line"],
        ["Changsha", "7", ""], ["x|y", "", "  padded "],
      ])
    #expect(CSVWriter.render(Self.table).hasSuffix("\r\n"))
  }

  @Test func markdownEscapesPipesAndLineBreaks() {
    let md = MarkdownTableRenderer.render(Self.table)
    #expect(md.contains("| 地区 | value | note |\n|---|---:|---|\n"))
    #expect(md.contains("| x\\|y |  |   padded  |"))
    #expect(md.contains("second line") && md.contains("<br>"))
  }

  @Test func jsonRowsUseStableKeysAndKeepNumbersAsNumbers() throws {
    let export = ExportTable(
      id: "demo", schema: "demo.v1", titleEN: "Demo", titleZH: "示例", table: Self.table)
    let text = export.json(model: "m", language: .zh).render()
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["title"] as? String == "示例")
    let rows = try #require(object["rows"] as? [[String: Any]])
    #expect(rows[0]["area"] as? String == "长株潭")
    #expect(rows[0]["value"] as? Double == 25000.5)
    #expect(rows[1]["value"] as? Int == 7)
    #expect(rows[1]["note"] is NSNull)
    #expect(rows[2]["value"] is NSNull)
  }

  @Test func selectingKeepsOrderAndSkipsUnknownKeys() {
    let picked = Self.table.selecting(["note", "missing", "area"])
    #expect(picked.keys == ["note", "area"])
    #expect(picked.headers == ["note", "地区"])
    #expect(picked.rows[1] == [.empty, .text("Changsha")])
  }
}
