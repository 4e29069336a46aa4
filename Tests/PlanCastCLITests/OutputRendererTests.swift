import Testing

@testable import PlanCastCLI

@Suite struct OutputRendererTests {
  @Test func chineseCharactersCountTwoColumns() {
    #expect(DisplayWidth.of("长株潭") == 6)
    #expect(DisplayWidth.of("CZT") == 3)
    #expect(DisplayWidth.of("Ａ") == 2)  // fullwidth A
  }

  @Test func textTableAlignsByDisplayWidth() {
    let table = Table(
      headers: ["名称", "n"], alignments: [.left, .right], rows: [["长株潭", "1"], ["CZT", "22"]])
    let lines = TextTableRenderer.render(table).split(separator: "\n").map(String.init)
    #expect(lines == ["名称     n", "──────  ──", "长株潭   1", "CZT     22"])
  }

  @Test func csvQuotingFollowsRFC4180() {
    #expect(CSVWriter.field("plain") == "plain")
    #expect(CSVWriter.field("a,b") == "\"a,b\"")
    #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
  }

  @Test func markdownEscapesPipes() {
    let md = MarkdownTableRenderer.render(Table(headers: ["a"], rows: [["x|y"]]))
    #expect(md == "| a |\n|---|\n| x\\|y |\n")
  }

  @Test func jsonWritesShortestRoundTripDoublesAndNullForNonFinite() {
    #expect(JSONValue.double(0.1 + 0.2).render() == "0.30000000000000004")
    #expect(JSONValue.double(.nan).render() == "null")
    #expect(JSONValue.string("引号\"\n").render() == "\"引号\\\"\\n\"")
  }
}
