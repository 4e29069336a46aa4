import Foundation
import PlanCastReports
import Testing

/// `attain`, `project`, `data` and `backtest` fit their tables to a terminal as `targets` does: on 100 columns no
/// table line is wider (columns left out in a stated order, text cut with "…", a line saying
/// what was left out); `--wide` and pipes get the whole table.
@Suite struct TableFittingTests {
  static func tableLines(_ arguments: [String], columns: Int) throws -> [String] {
    let text = try PlanCommandTestSupport.runOnTerminal(
      arguments, environment: ["TERM": "dumb", "COLUMNS": "\(columns)"]
    ).text
    return text.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
  }

  @Test(arguments: [
    ["attain", "--draws", "1000"], ["attain", "--draws", "1000", "--lang", "zh"], ["project"],
    ["project", "--lang", "zh"], ["data"], ["data", "--lang", "zh"],
  ])
  func fitsOneHundredColumnsUnlessWide(arguments: [String]) throws {
    let fitted = try Self.tableLines(arguments, columns: 100)
    let rows = fitted.filter {
      $0.hasPrefix("T0") || $0.contains("──") || $0.contains("gdp_nominal") || $0.contains("地区生产总值")
    }
    #expect(!rows.isEmpty)
    #expect(rows.allSatisfy { DisplayWidth.of($0) <= 100 }, "\(rows.map(DisplayWidth.of))")
    #expect(fitted.contains { $0.contains("--wide") }, "says what was left out")
    let whole = try Self.tableLines(arguments + ["--wide"], columns: 100)
    #expect(whole.contains { $0.contains("──") && DisplayWidth.of($0) > 100 })
    let piped = try PlanCommandTestSupport.run(arguments)
    #expect(piped.status == 0 && !piped.stdout.contains("…") && !piped.stdout.contains("--wide"))
  }

  /// The backtest leaves out scores before it cuts a series' or a model's name: on 100 columns
  /// no table line is wider and every indicator and model is whole.
  @Test func backtestDropsScoresBeforeCuttingNames() throws {
    let arguments = ["backtest", "--city", "CZT", "--paths", "200", "--origins", "2012:2016"]
    let fitted = try Self.tableLines(arguments, columns: 100)
    let rows = fitted.filter { $0.hasPrefix("CZT") || $0.contains("──") }
    #expect(rows.count > 10)
    #expect(rows.allSatisfy { DisplayWidth.of($0) <= 100 }, "\(rows.map(DisplayWidth.of))")
    #expect(!rows.contains { $0.contains("…") }, "\(rows.filter { $0.contains("…") })")
    #expect(
      rows.contains {
        $0.contains("energy_intensity_change") && $0.contains("declared: energy_intensity")
      })
    #expect(
      fitted.contains { $0.hasPrefix("(left out to fit the terminal: Winkler 95, Winkler 80") })
    let whole = try Self.tableLines(arguments + ["--wide"], columns: 100)
    #expect(whole.contains { $0.contains("Winkler 95") && $0.contains("MAPE %") })
    #expect(
      whole.contains {
        $0.hasPrefix("CZT") && $0.contains("gdp_real_growth") && $0.contains("  –  ")
      })
  }
}
