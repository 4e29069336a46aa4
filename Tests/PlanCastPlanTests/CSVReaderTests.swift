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
    #expect(throws: CSVSyntaxError(line: 2, message: "a quoted field is never closed")) {
      try CSVReader.parse("a,b\n\"open,2\n")
    }
  }

  @Test func strayQuoteIsAnError() {
    #expect(throws: CSVSyntaxError.self) { try CSVReader.parse("a,b\nx\"y,2\n") }
  }
}
