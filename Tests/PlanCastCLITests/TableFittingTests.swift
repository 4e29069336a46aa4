import Foundation
import Testing

/// `attain` and `project` fit their tables to a terminal as `targets` does: on 100 columns no
/// table line is wider (columns left out in a stated order, text cut with "…", a line saying
/// what was left out); `--wide` and pipes get the whole table.
@Suite struct TableFittingTests {
  /// Display width: CJK characters take two columns.
  static func width(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { total, scalar in
      let wide =
        (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
        || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
        || (0xFE30...0xFE4F).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
        || (0xFFE0...0xFFE6).contains(scalar.value)
      return total + (wide ? 2 : 1)
    }
  }

  static func tableLines(_ arguments: [String], columns: Int) throws -> [String] {
    let text = try PlanCommandTestSupport.runOnTerminal(
      arguments, environment: ["TERM": "dumb", "COLUMNS": "\(columns)"]
    ).text
    return text.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
  }

  @Test(arguments: [
    ["attain", "--draws", "1000"], ["attain", "--draws", "1000", "--lang", "zh"], ["project"],
    ["project", "--lang", "zh"],
  ])
  func fitsOneHundredColumnsUnlessWide(arguments: [String]) throws {
    let fitted = try Self.tableLines(arguments, columns: 100)
    let rows = fitted.filter { $0.hasPrefix("T0") || $0.contains("──") }
    #expect(!rows.isEmpty)
    #expect(rows.allSatisfy { Self.width($0) <= 100 }, "\(rows.map(Self.width))")
    #expect(fitted.contains { $0.contains("--wide") }, "says what was left out")
    let whole = try Self.tableLines(arguments + ["--wide"], columns: 100)
    #expect(whole.contains { $0.contains("──") && Self.width($0) > 100 })
    let piped = try PlanCommandTestSupport.run(arguments)
    #expect(piped.status == 0 && !piped.stdout.contains("…") && !piped.stdout.contains("--wide"))
  }
}
