import Foundation
import Testing

/// `plancast attain` on the embedded CZT model.
@Suite struct AttainCommandTests {
  static let model = ["--model", PlanCommandTestSupport.cztModel]

  static func json(_ arguments: [String]) throws -> [String: Any] {
    let result = try PlanCommandTestSupport.run(
      ["attain", "--format", "json"] + arguments + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  @Test func jsonHasTheDocumentedFieldsForEveryTargetAndScenario() throws {
    let json = try Self.json(["--draws", "4000", "--scenario", "all"])
    let rows = try #require(json["attainment"] as? [[String: Any]])
    let scenarios = Set(rows.compactMap { $0["scenario"] as? String })
    #expect(
      scenarios.isSuperset(of: [
        "baseline", "high-growth", "low-growth", "pandemic-shock", "energy-policy",
      ]))
    for row in rows {
      for key in [
        "target", "scenario", "probability", "mc_se", "median", "lo80", "hi80", "status",
        "required_p50", "required_p80", "proxy",
      ] {
        #expect(row.keys.contains(key), "\(row["target"] ?? "?") lacks \(key)")
      }
    }
    // Targets without data carry no probability.
    let t05 = try #require(rows.first { $0["target"] as? String == "T05" })
    #expect(t05["probability"] is NSNull && t05["status"] as? String == "no data")
    // Urbanisation is projected: a probability with its Monte Carlo error.
    let t09 = try #require(
      rows.first { $0["target"] as? String == "T09" && $0["scenario"] as? String == "baseline" })
    let p = try #require(t09["probability"] as? Double)
    let se = try #require(t09["mc_se"] as? Double)
    #expect(p >= 0 && p <= 1 && abs(se - (p * (1 - p) / 4000).squareRoot()) < 1e-12)
  }

  @Test func sameSeedSameOutputAtAnyThreadCount() throws {
    let run = { (threads: String) in
      try PlanCommandTestSupport.run(
        ["attain", "--draws", "3000", "--threads", threads, "--format", "csv"] + Self.model)
    }
    let one = try run("1")
    let two = try run("2")
    #expect(one.status == 0 && !one.stdout.isEmpty)
    #expect(one.stdout == two.stdout)
  }

  @Test func unknownScenarioAndBadOptionsAreUsageErrors() throws {
    let unknown = try PlanCommandTestSupport.run(["attain", "--scenario", "utopia"] + Self.model)
    #expect(unknown.status == 2 && unknown.stderr.contains("baseline"))
    let draws = try PlanCommandTestSupport.run(["attain", "--draws", "5"] + Self.model)
    #expect(draws.status == 2)
    let bands = try PlanCommandTestSupport.run(
      ["attain", "--on-track", "0.1", "--off-track", "0.5"] + Self.model)
    #expect(bands.status == 2)
  }

  @Test func chineseTableNamesTheTargets() throws {
    let result = try PlanCommandTestSupport.run(
      ["attain", "--draws", "2000", "--lang", "zh"] + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("城镇化率") && result.stdout.contains("基准情景"))
    #expect(result.stdout.contains("进度正常") && result.stdout.contains("数据过旧"))  // T09, T08
    // Headers, the draws line and the evidence column in Chinese too.
    for label in ["实现概率", "中位数", "80%区间", "证据", "次模拟 · 种子", "证据不足", "%/年", "个百分点/年"] {
      #expect(result.stdout.contains(label), "missing \(label)")
    }
    #expect(!result.stdout.contains("P(attain)") && !result.stdout.contains(" draws · seed"))
    #expect(!result.stdout.contains("%/yr") && !result.stdout.contains("pp/yr"))
    let all = try PlanCommandTestSupport.run(
      ["attain", "--draws", "2000", "--lang", "zh", "--scenario", "all"] + Self.model)
    #expect(all.stdout.contains("实现概率 ± 蒙特卡洛标准误") && all.stdout.contains("◐ 有风险"))
    #expect(!all.stdout.contains("on track") && !all.stdout.contains("[proxy]"))
  }

  @Test func everyProjectedTargetSaysWhatEvidenceStandsBehindIt() throws {
    let json = try Self.json(["--draws", "1000"])
    let rows = try #require(json["attainment"] as? [[String: Any]])
    for row in rows where row["probability"] is Double {
      let evidence = try #require(row["evidence"] as? [String: Any], "\(row["target"] ?? "?")")
      let years = try #require(evidence["fitted_years"] as? [Int])
      #expect(evidence["observations"] as? Int == years.count)
      let thin = try #require(evidence["thin"] as? Bool)
      let checked = try #require(evidence["backtest_forecasts"] as? Int)
      #expect(thin == (years.count < 6 || checked == 0))
    }
    func evidence(_ id: String) -> [String: Any]? {
      rows.first { $0["target"] as? String == id }?["evidence"] as? [String: Any]
    }
    // Urban population and the urbanisation rate rest on 2010, 2020 and 2021 with no backtest;
    // GDP on 2005–2024.
    #expect(evidence("T03")?["fitted_years"] as? [Int] == [2010, 2020, 2021])
    #expect(evidence("T03")?["thin"] as? Bool == true)
    #expect(evidence("T01")?["thin"] as? Bool == false)
    let table = try PlanCommandTestSupport.run(["attain", "--draws", "1000"] + Self.model)
    #expect(table.stdout.contains("thin: 3 obs · 0 checked"))
    #expect(table.stdout.contains("Thin evidence: T03, T09"))
    #expect(table.stdout.contains("fitted years: T01 2005–2024"))
    let all = try PlanCommandTestSupport.run(
      ["attain", "--draws", "1000", "--scenario", "all"] + Self.model)
    #expect(all.stdout.contains("Thin evidence: T03, T09"))
    let csv = try PlanCommandTestSupport.run(
      ["attain", "--draws", "1000", "--format", "csv"] + Self.model)
    let header = try #require(csv.stdout.split(separator: "\n").first)
    #expect(header.contains("observations,fitted_years,backtest_forecasts,thin_evidence"))
  }

  /// A plan whose targets are all settled or without data (the 13th plan, observed to 2020)
  /// prints no empty table: one line, then every target accounted for.
  @Test func noProbabilityPrintsALineNotAnEmptyTable() throws {
    let model = PlanCommandTestSupport.repositoryRoot.appendingPathComponent("Models/china-13fyp")
    for scenario in ["baseline", "all"] {
      let result = try PlanCommandTestSupport.run(
        ["attain", "--draws", "1000", "--scenario", scenario, "--model", model.path])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("No target has a probability"), "\(scenario)")
      #expect(!result.stdout.contains("──") && !result.stdout.contains("fitted years"))
      #expect(result.stdout.contains("Without a probability: 8 of 8 numeric targets"))
    }
  }
}
