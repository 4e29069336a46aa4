import Testing

@testable import PlanCastPlan

@Suite struct CSVReaderTests {
  @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
    let text = "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\r\nlast,\n"
    let records = try CSVReader.parse(text)
    #expect(
      records.map(\.fields) == [
        ["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", "z"], ["last", ""],
      ])
    #expect(records.map(\.line) == [1, 2, 3, 5])
  }

  @Test func blankLinesAreSkippedAndBOMIgnored() throws {
    let records = try CSVReader.parse("\u{FEFF}h1,h2\n\n1,2\n")
    #expect(records.map(\.fields) == [["h1", "h2"], ["1", "2"]])
    #expect(records.last?.line == 3)
  }

  @Test func unterminatedQuoteReportsItsLine() {
    #expect(
      throws: CSVSyntaxError(line: 2, field: "a", message: "a quoted field is never closed")
    ) {
      try CSVReader.parse("a,b\n\"open,2\n")
    }
  }

  @Test func strayQuoteIsAnError() {
    #expect(throws: CSVSyntaxError.self) { try CSVReader.parse("a,b\nx\"y,2\n") }
  }

  /// Issue 19's silently corrupted values: each is now an error naming the line and field.
  @Test(arguments: [
    ("x,y\n1,2,3\n", 2, nil as String?, "3 fields, the header has 2"),
    ("x,y\n1\n", 2, nil, "1 fields, the header has 2"),
    ("x,y\n1,2,\n", 2, nil, "trailing comma"),
    ("x,x\n1,2\n", 1, "x", "twice"),
    ("x,,y\n1,2,3\n", 1, "field 2", "empty"),
    ("x,y\n5,9,1\n", 2, nil, "decimal comma"),
    ("x,y\n4\u{0}1,2\n", 2, "x", "NUL byte"),
  ])
  func strictReaderRefuses(text: String, line: Int, field: String?, phrase: String) {
    do {
      _ = try CSVReader.parse(text)
      Issue.record("accepted \(text.debugDescription)")
    } catch let error as CSVSyntaxError {
      #expect(error.line == line && error.field == field, "\(error)")
      #expect(error.message.contains(phrase), "\(error.message)")
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func lenientModeDropsOnlyEmptyTrailingFields() throws {
    let records = try CSVReader.parse("x,y\n1,2,\n3,4\n", mode: .lenient)
    #expect(records.map(\.fields) == [["x", "y"], ["1", "2"], ["3", "4"]])
    #expect(throws: CSVSyntaxError.self) { try CSVReader.parse("x,y\n1,2,3\n", mode: .lenient) }
  }

  /// Decimal comma, thousands separator, hexadecimal and words are not numbers.
  @Test func plainDecimalsOnly() {
    for bad in ["5,9", "2,000", "0x10", "1_000", "2 000", "1e", ".", "-", "1.2.3", "12abc"] {
      #expect(PlainDecimal.parse(bad) == .notANumber, "\(bad)")
    }
    for word in ["NaN", "-inf", "Infinity", "1e999"] {
      #expect(PlainDecimal.parse(word) == .notFinite, "\(word)")
    }
    #expect(PlainDecimal.parse("  ") == .empty)
    #expect(PlainDecimal.integer("0x10") == nil && PlainDecimal.integer("-2021") == -2021)
    #expect(PlainDecimal.integer("99999999999999999999") == nil)
  }

  /// The byte parser gives bitwise the double Swift's `Double(String)` gives (correct
  /// rounding), on both its fast path and its strtod path.
  @Test func plainDecimalMatchesSwiftsParserBitwise() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    for _ in 0..<200_000 {
      let digits = Int(next() % 25) + 1
      var text = next() % 2 == 0 ? "-" : ""
      for k in 0..<digits {
        if k == Int(next() % UInt64(digits)) && !text.contains(".") { text += "." }
        text += String(next() % 10)
      }
      if next() % 3 == 0 { text += "e\(Int(next() % 700) - 350)" }
      guard let expected = Double(text), expected.isFinite else { continue }
      guard case .value(let x) = PlainDecimal.parse(text) else {
        Issue.record("\(text) refused")
        continue
      }
      #expect(x.bitPattern == expected.bitPattern, "\(text)")
    }
  }

  @Test func directoryIsNotReportedAsEncoding() {
    #expect(throws: InputFileError.directory(path: "/tmp")) { _ = try InputFile(path: "/tmp") }
  }
}
