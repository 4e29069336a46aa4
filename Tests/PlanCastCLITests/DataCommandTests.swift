import Foundation
import Testing

@testable import PlanCastCLI

@Suite struct DataCommandTests {
  let model = PlanCommandTestSupport.cztModel

  @Test func coverageListsComputedAndPublishedRegionRows() throws {
    let result = try PlanCommandTestSupport.run(["data", "--model", model])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("computed: sum of members"))
    #expect(result.stdout.contains("published regional figure"))
    #expect(result.stdout.contains("[1] No city energy data"))
  }

  @Test func showPrintsEveryValueWithItsSource() throws {
    let result = try PlanCommandTestSupport.run([
      "data", "show", "Changsha", "gdp_nominal", "--model", model, "--format", "json",
    ])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let points = try #require(object?["points"] as? [[String: Any]])
    #expect(points.count == 25)  // 2000–2021 yearbook, 2022–2024 first published
    #expect(points.allSatisfy { !(($0["source"] as? String) ?? "").isEmpty })
  }

  @Test func unknownAreaOrIndicatorIsAUsageError() throws {
    let area = try PlanCommandTestSupport.run([
      "data", "show", "Mars", "gdp_nominal", "--model", model,
    ])
    #expect(area.status == 2 && area.stderr.contains("unknown area 'Mars'"))
    let indicator = try PlanCommandTestSupport.run(["data", "show", "CZT", "gdp", "--model", model])
    #expect(indicator.status == 2 && indicator.stderr.contains("unknown indicator 'gdp'"))
  }
}
