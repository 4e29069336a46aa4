import Foundation
import Testing

@testable import PlanCastPlan

/// Aggregation rules on the minimal fixture, whose values make every result checkable by hand.
@Suite struct RegionAggregationTests {
  let model: PlanModel

  init() throws {
    model = try PlanModel.load(directory: TestSupport.fixture("minimal").path)
  }

  @Test func levelsAreSums() throws {
    let gdp = try #require(model.data.series(area: "R", indicator: "gdp"))
    #expect(gdp.years == [2019, 2020, 2021])
    #expect(gdp.values == [100, 110, 120])
    #expect(gdp.origin == .computed(rule: "sum of members"))
    // Each computed point names the observations it rests on.
    #expect(Set(gdp.points[0].provenance.observations.map(\.area)) == ["A", "B"])
  }

  @Test func realGrowthIsChainedWithPreviousYearGDPWeights() throws {
    let growth = try #require(model.data.series(area: "R", indicator: "growth"))
    // 2020: (60 × 10 + 40 × 5) / 100 = 8 — weights are 2019 GDP.
    #expect(growth.years == [2020])
    #expect(close(growth.values[0], 8))
  }

  @Test func sharesAreRatiosOfSumsWithDerivedMemberValues() throws {
    // B has no urban population in 2021, only its rate 50 % of 30 → derived 15.
    let urbanB = model.data.areaSeries(area: "B", indicator: "urban")
    #expect(urbanB.values == [15])
    guard case .computed(let rule, _) = urbanB.points[0].provenance else {
      Issue.record("derived point lacks its rule")
      return
    }
    #expect(rule.contains("urban_rate"))
    let rate = try #require(model.data.series(area: "R", indicator: "urban_rate"))
    // (8 + 15) / (10 + 30) × 100 = 57.5, not the mean of 80 % and 50 %.
    #expect(close(rate.value(in: 2021), 57.5))
  }

  @Test func proxyIsUsedAndNamedWhileMembersLackData() throws {
    let s = try #require(model.data.series(area: "R", indicator: "intensity"))
    #expect(s.origin.proxyNote == "R follows the province (proxy).")
    #expect(s.values == [-2, -3])
  }

  @Test func proxyFallsAwayWhenMemberDataAreAdded() throws {
    let dir = try TestSupport.mutatedMinimal { dir in
      try TestSupport.append(
        "A,intensity,2020,-4,pct,test,fixture,", to: "data/observations.csv", of: dir)
      try TestSupport.append(
        "B,intensity,2020,-1,pct,test,fixture,", to: "data/observations.csv", of: dir)
    }
    defer { try? FileManager.default.removeItem(at: dir) }
    let m = try PlanModel.load(directory: dir.path)
    let s = try #require(m.data.series(area: "R", indicator: "intensity"))
    #expect(s.origin.proxyNote == nil)
    // (60 × −4 + 40 × −1) / 100 = −2.8 with 2019 GDP weights.
    #expect(s.years == [2020])
    #expect(close(s.values[0], -2.8))
  }
}
