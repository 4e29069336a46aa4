import Foundation
import Testing

@testable import PlanCastCLI

@Suite struct TargetsCommandTests {
  @Test func parsesFormatAndLanguage() throws {
    let command = try TargetsCommand.parse(["--format", "json", "--lang", "zh", "--model", "x"])
    #expect(command.format == .json)
    #expect(command.language.lang == .zh)
    #expect(command.modelOptions.model == "x")
    #expect(throws: (any Error).self) { try TargetsCommand.parse(["--format", "xml"]) }
  }

  @Test func jsonHasTheRequiredFieldsForEveryTarget() throws {
    let result = try PlanCommandTestSupport.run([
      "targets", "--model", PlanCommandTestSupport.cztModel, "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let targets = try #require(object?["targets"] as? [[String: Any]])
    #expect(targets.count == 28)
    let required = [
      "id", "indicator", "region", "comparator", "target_value", "target_year", "latest_value",
      "latest_year", "required_annual_change", "recent_annual_change", "status", "proxy",
    ]
    for target in targets {
      for key in required {
        #expect(target.keys.contains(key), "\(target["id"] ?? "?") lacks \(key)")
      }
    }
    let t07 = try #require(targets.first { $0["id"] as? String == "T07" })
    #expect(t07["proxy"] is String)
    #expect(t07["base_year"] as? Int == 2019)
    let t05 = try #require(targets.first { $0["id"] as? String == "T05" })
    #expect(t05["status"] as? String == "no data")
    #expect(t05["latest_value"] is NSNull)
  }

  @Test func jsonKeepsFullPrecision() throws {
    let result = try PlanCommandTestSupport.run([
      "targets", "--model", PlanCommandTestSupport.cztModel, "--format", "json",
    ])
    // The 2021 urban population: 0.8316 × 1023.93 + 279.76 + 176.5, printed round-trip exact.
    let expected = 0.8316 * 1023.93 + 279.76 + 176.5
    #expect(result.stdout.contains("\"latest_value\": \(expected)"))
  }

  @Test func tableNamesTheProxy() throws {
    let result = try PlanCommandTestSupport.run([
      "targets", "--model", PlanCommandTestSupport.cztModel,
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("follows Hunan where published, else China (proxy)"))
  }

  @Test func chineseTableAlignsColumns() throws {
    let result = try PlanCommandTestSupport.run([
      "targets", "--model", PlanCommandTestSupport.cztModel, "--lang", "zh",
    ])
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let rows = lines.filter { $0.hasPrefix("T") && $0.count > 10 }
    #expect(rows.count == 24)
    // The "latest" column ends at the same display column on every row with a value.
    let ends = rows.compactMap { row -> Int? in
      guard let r = row.range(of: " (2021)") else { return nil }
      return DisplayWidth.of(String(row[..<r.upperBound]))
    }
    #expect(Set(ends).count == 1, "\(ends)")
  }

  @Test func csvQuotesFieldsWithCommas() throws {
    let result = try PlanCommandTestSupport.run([
      "targets", "--model", PlanCommandTestSupport.cztModel, "--format", "csv",
    ])
    #expect(result.stdout.contains("\"GDP, current prices\""))
  }

  @Test func badModelExitsWithOneAndNamesTheFile() throws {
    let result = try PlanCommandTestSupport.run(["targets", "--model", "/nonexistent/model"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("/nonexistent/model"))
  }

  @Test func defaultModelIsFoundFromTheRepository() throws {
    let result = try PlanCommandTestSupport.run(
      ["targets", "--format", "csv"],
      in: PlanCommandTestSupport.repositoryRoot.appendingPathComponent("Sources").path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("T24"))
  }

  /// Statuses are coloured on a terminal (a pseudo-terminal from `script`), never in a pipe,
  /// and not with NO_COLOR set; the colour codes do not shift the columns.
  @Test(arguments: [("", true), ("1", false)])
  func statusColourOnATerminalOnly(noColor: String, coloured: Bool) throws {
    let (status, text) = try PlanCommandTestSupport.runOnTerminal(
      ["targets", "--model", PlanCommandTestSupport.cztModel, "--wide"],
      environment: ["TERM": "xterm", "NO_COLOR": noColor])
    #expect(status == 0, "\(text)")
    #expect(text.contains("\u{1B}[32m") == coloured, "\(text.prefix(400))")
    let piped = try PlanCommandTestSupport.run([
      "targets", "--model", PlanCommandTestSupport.cztModel,
    ])
    #expect(!piped.stdout.contains("\u{1B}["))
    // Without the codes, the terminal's table is the piped one.
    let plain = text.replacingOccurrences(
      of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression
    ).replacingOccurrences(of: "\r\n", with: "\n")
    #expect(plain == piped.stdout)
  }

  /// On a terminal of 120 columns the table is narrowed to fit (text cut with "…", the status
  /// whole); `--wide` prints it whole, as a pipe always gets it.
  @Test func tableFitsTheTerminalUnlessWide() throws {
    func lines(_ extra: [String], columns: Int = 120) throws -> [String] {
      let text = try PlanCommandTestSupport.runOnTerminal(
        ["targets", "--model", PlanCommandTestSupport.cztModel] + extra,
        environment: ["TERM": "dumb", "COLUMNS": "\(columns)"]
      ).text
      return text.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
        .filter { $0.hasPrefix("T0") }
    }
    func width(_ s: String) -> Int {
      s.unicodeScalars.reduce(0) { $0 + ($1.properties.isEmojiPresentation ? 2 : 1) }
    }
    let fitted = try lines([])
    let whole = try lines(["--wide"])
    #expect(!fitted.isEmpty && fitted.count == whole.count)
    #expect(fitted.allSatisfy { width($0) <= 120 }, "\(fitted.map(width))")
    #expect(fitted.contains { $0.contains("…") })
    #expect(fitted.contains { $0.hasSuffix("off track [1]") }, "the status is kept whole")
    #expect(whole.contains { width($0) > 120 })
    let narrow = try lines([], columns: 80)
    #expect(narrow.allSatisfy { width($0) <= 80 }, "\(narrow.map(width))")
    let piped = try PlanCommandTestSupport.run([
      "targets", "--model", PlanCommandTestSupport.cztModel,
    ])
    #expect(!piped.stdout.contains("…"))
  }
}
