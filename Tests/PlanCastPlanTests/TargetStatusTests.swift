import Foundation
import Testing

@testable import PlanCastPlan

/// Target evaluation on the real CZT data; expected numbers are recomputed here from the
/// observations the README cites.
@Suite struct CZTTargetTests {
  let model: PlanModel
  let results: [String: TargetEvaluation]

  init() throws {
    model = try TestSupport.loadCZT()
    let list = TargetEvaluator(data: model.data).evaluate(model.plan)
    results = Dictionary(uniqueKeysWithValues: list.map { ($0.target.id, $0) })
  }

  @Test func allTwentyFourTargetsAndFourGoalsAreDeclared() {
    #expect(model.plan.targets.count == 24)
    #expect(model.plan.goals.count == 4)
  }

  @Test func gdpLevelUsesOnlyPostCensusYearsForTheTrend() throws {
    let e = try #require(results["T01"])
    let gdp2021 = 13270.7 + 3420.26 + 2548.35
    let gdp2019 = 11574.2214 + 3003.1311 + 2257.6258
    #expect(e.latestYear == 2021)
    #expect(close(e.latestValue, gdp2021, within: 1e-6))
    #expect(e.recentYears == 2019...2021)  // the 2019 break stops the window
    #expect(close(e.recentAnnualChange, (pow(gdp2021 / gdp2019, 0.5) - 1) * 100, within: 1e-9))
    #expect(close(e.requiredAnnualChange, (pow(25000 / gdp2021, 0.25) - 1) * 100, within: 1e-9))
    #expect(e.status == .onTrack)
  }

  @Test func averageGrowthTargetCountsTheYearsObservedSoFar() throws {
    let e = try #require(results["T02"])
    let w = [12142.52, 3105.8, 2343.15]  // 2020 nominal GDP weights
    let g2021 = (w[0] * 7.5 + w[1] * 8.3 + w[2] * 7.8) / w.reduce(0, +)
    #expect(e.latestYear == 2021)
    #expect(close(e.latestValue, g2021, within: 1e-9))
    let required = (pow(pow(1.07, 5) / (1 + g2021 / 100), 0.25) - 1) * 100
    #expect(close(e.requiredAnnualChange, required, within: 1e-9))
    #expect(e.status != .noData)
  }

  @Test func energyTargetIsChangeVersus2019AndFlagsTheProxy() throws {
    let e = try #require(results["T07"])
    #expect(e.latestYear == 2021)
    #expect(close(e.latestValue, ((1 - 0.0198) * (1 - 0.027) - 1) * 100, within: 1e-9))
    #expect(e.proxyNote != nil)
    #expect(e.status == .onTrack)
  }

  @Test func urbanPopulationAndUrbanisation() throws {
    let urban = try #require(results["T03"])
    #expect(close(urban.latestValue, 0.8316 * 1023.93 + 279.76 + 176.5, within: 1e-9))
    #expect(urban.status == .onTrack)  // 1300万 already reached and still rising
    let rate = try #require(results["T09"])
    #expect(rate.latestYear == 2021)
    #expect(rate.recentYears == 2020...2021)
  }

  @Test func targetsWithoutRegionalDataGetNoNumbers() throws {
    for id in [
      "T04", "T05", "T06", "T10", "T11", "T12", "T13", "T14", "T15", "T16", "T17", "T18", "T19",
      "T20", "T21", "T22", "T23", "T24",
    ] {
      let e = try #require(results[id])
      #expect(e.status == .noData, "\(id)")
      #expect(
        e.latestValue == nil && e.requiredAnnualChange == nil && e.recentAnnualChange == nil,
        "\(id)")
    }
  }

  @Test func urbanIncomeHasALevelButNoTrend() throws {
    // All three cities published 2010 only (old survey definition): a value, no trend.
    let e = try #require(results["T08"])
    #expect(e.latestYear == 2010)
    #expect(e.status == .noData)
    #expect(e.recentAnnualChange == nil)
  }

  @Test func asOfHidesLaterObservations() throws {
    let t01 = try #require(model.plan.targets.first { $0.id == "T01" })
    let e = TargetEvaluator(data: model.data).evaluate(t01, asOf: 2019)
    #expect(e.latestYear == 2019)
    #expect(e.recentAnnualChange == nil)  // 2019 is the first post-census year
    #expect(e.status == .noData)
  }
}

/// The status rule on constructed cases.
@Suite struct StatusRuleTests {
  func condition(
    _ c: TargetComparator, _ v: Double, tolerance: Double? = nil, direction: Double = 1
  )
    -> TargetCondition
  {
    TargetCondition(comparator: c, value: v, tolerance: tolerance, direction: direction)
  }

  @Test func projectionMeetingTheTargetIsOnTrack() {
    #expect(
      StatusRule.status(
        condition: condition(.atLeast, 100), latest: 80, latestYear: 2021, targetYear: 2025,
        projected: 101) == .onTrack)
  }

  @Test func halfTheRequiredMovementIsAtRiskLessIsOffTrack() {
    let c = condition(.atLeast, 100)
    #expect(
      StatusRule.status(condition: c, latest: 80, latestYear: 2021, targetYear: 2025, projected: 90)
        == .atRisk)
    #expect(
      StatusRule.status(
        condition: c, latest: 80, latestYear: 2021, targetYear: 2025, projected: 89.9) == .offTrack)
  }

  @Test func metNowButTrendingAwayIsAtRisk() {
    #expect(
      StatusRule.status(
        condition: condition(.atMost, 35), latest: 30, latestYear: 2021, targetYear: 2025,
        projected: 40) == .atRisk)
  }

  @Test func aboutUsesTheTolerance() {
    let c = condition(.about, 3, tolerance: 0.25)
    #expect(c.isMet(by: 2.8))
    #expect(!c.isMet(by: 2.7))
  }

  @Test func noProjectionIsNoData() {
    #expect(
      StatusRule.status(
        condition: condition(.atLeast, 1), latest: 0, latestYear: 2021, targetYear: 2025,
        projected: nil) == .noData)
  }

  @Test func observedTargetYearIsJudgedDirectly() {
    #expect(
      StatusRule.status(
        condition: condition(.lessThan, 35), latest: 36, latestYear: 2025, targetYear: 2025,
        projected: nil) == .offTrack)
  }
}
