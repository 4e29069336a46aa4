import Foundation
import PlanCastPlan
import Testing

/// Every command that takes `--lang zh` renders in Chinese: no English name of an area,
/// indicator or unit that has a Chinese name in the embedded model's catalogue, no area id
/// standing in for a name, and no English word of PlanCast's own labels. Literal text a user
/// copies (rows to add in quotes, file names, model and factor identifiers) may stay ASCII.
@Suite struct ChineseOutputTests {
  /// The commands, and for each the part of the output that is PlanCast's own text (`data
  /// show` lists the data's own source citations under its title, which stay as published).
  static let commands: [(arguments: [String], firstLines: Int?)] = [
    (["targets"], nil),
    (["attain", "--draws", "2000"], nil),
    (["attain", "--scenario", "all", "--draws", "1000"], nil),
    (["project"], nil),
    (["sweep", "oat", "--draws", "500"], nil),
    (["sweep", "morris", "--draws", "200", "--samples", "4"], nil),
    (["data"], nil),
    (["data", "show", "CZT", "gdp_nominal"], 1),
  ]

  /// English words of PlanCast's labels that must not appear in Chinese output.
  static let labelWords = [
    "median", "interval", "probability", "scenario", "draws", "target", "targets", "status",
    "evidence", "observed", "projection", "missing", "seed", "sweep", "computed", "proxy",
    "values", "members", "weighted", "footnote", "without", "data", "declared",
  ]

  static func englishLabels() throws -> [String] {
    let model = try PlanModel.load(directory: PlanCommandTestSupport.cztModel)
    var names = model.config.areas.filter { $0.nameEN != $0.nameZH }.flatMap { [$0.nameEN, $0.id] }
    names += model.data.catalog.indicators.filter { $0.nameEN != $0.nameZH }.map(\.nameEN)
    names += model.config.units.values.filter { $0.nameEN != $0.nameZH }.map(\.nameEN)
    return names.filter { $0.count >= 3 && $0.contains(where: \.isLetter) }
  }

  /// The output without the literal parts a user copies: text in quotes or backticks, file
  /// paths.
  static func ownText(_ output: String) -> String {
    output.replacingOccurrences(of: "'[^'\n]*'", with: "", options: .regularExpression)
      .replacingOccurrences(
        of: "[A-Za-z0-9_./-]+\\.(csv|toml|html|svg|xlsx|json)", with: "",
        options: .regularExpression
      )
      .replacingOccurrences(of: "`[^`\n]*`", with: "", options: .regularExpression)
  }

  static func containsWord(_ text: String, _ word: String, caseInsensitive: Bool = false) -> Bool {
    let escaped = NSRegularExpression.escapedPattern(for: word)
    let pattern = "(?<![A-Za-z0-9_.-])\(escaped)(?![A-Za-z0-9_-])"
    return text.range(
      of: pattern,
      options: caseInsensitive ? [.regularExpression, .caseInsensitive] : .regularExpression
    ) != nil
  }

  @Test(arguments: commands.indices)
  func rendersInChinese(index: Int) throws {
    let (arguments, firstLines) = Self.commands[index]
    let result = try PlanCommandTestSupport.run(arguments + ["--lang", "zh"])
    #expect(result.status == 0, "\(arguments): \(result.stderr)")
    var text = result.stdout
    if let firstLines {
      text = text.split(separator: "\n").prefix(firstLines).joined(separator: "\n")
    }
    text = Self.ownText(text)
    #expect(text.contains(where: { $0.unicodeScalars.first!.value >= 0x4E00 }))
    for name in try Self.englishLabels() where Self.containsWord(text, name) {
      Issue.record("\(arguments.joined(separator: " ")) --lang zh prints '\(name)'")
    }
    for word in Self.labelWords where Self.containsWord(text, word, caseInsensitive: true) {
      let line = text.split(separator: "\n").first {
        Self.containsWord(String($0), word, caseInsensitive: true)
      }
      Issue.record("\(arguments.joined(separator: " ")) --lang zh prints '\(word)': \(line ?? "")")
    }
  }

  /// Every section of the report in Chinese: caveats, targets, attainment, sensitivity,
  /// projections, backtest, vintage and the manifest (option names in Chinese, the command line
  /// and file names as typed).
  @Test func reportSectionsRenderInChinese() throws {
    let page = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-zh-\(UUID().uuidString).html").path
    defer { try? FileManager.default.removeItem(atPath: page) }
    let result = try PlanCommandTestSupport.run([
      "report", "--lang", "zh", "--draws", "1000", "--to", page,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    for id in [
      "caveats", "targets", "attainment", "sensitivity", "projections", "backtest", "vintage",
      "manifest",
    ] {
      guard let start = html.range(of: "<section id=\"\(id)\">"),
        let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
      else {
        Issue.record("no section \(id)")
        continue
      }
      let text = Self.ownText(
        String(html[start.upperBound..<end.lowerBound])
          .replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
          .replacingOccurrences(of: "&amp;", with: "&"))
      for name in try Self.englishLabels() where Self.containsWord(text, name) {
        Issue.record("report section \(id) prints '\(name)'")
      }
      for word in Self.labelWords where Self.containsWord(text, word, caseInsensitive: true) {
        Issue.record("report section \(id) prints '\(word)'")
      }
    }
  }

  /// The check itself: the English output of the same commands fails it.
  @Test func theCheckCatchesEnglish() throws {
    let result = try PlanCommandTestSupport.run(["project"])
    let text = Self.ownText(result.stdout)
    #expect(Self.containsWord(text, "median", caseInsensitive: true))
    #expect(try Self.englishLabels().contains { Self.containsWord(text, $0) })
  }
}
