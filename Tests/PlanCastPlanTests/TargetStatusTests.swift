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

  static let gdp2024 = 15268.78 + 3902.4 + 2957.06  // post-5th-census, first published
  static let gdp2023 = 14331.98 + 3667.90 + 2741.84  // pre-5th-census, first published
  static let gdp2021 = 13270.7 + 3420.26 + 2548.35
  static let gdp2019 = 11574.2214 + 3003.1311 + 2257.6258

  /// Data to 2024: the required change is from the 2024 level; the 2024 census break stops the
  /// recent window, so the recent growth is that of the previous basis (2019–2023).
  @Test func gdpLevelRequiredFrom2024AndRecentGrowthOnThePreviousBasis() throws {
    let e = try #require(results["T01"])
    #expect(e.latestYear == 2024)
    #expect(close(e.latestValue, Self.gdp2024, within: 1e-6))
    #expect(close(e.requiredAnnualChange, (25000 / Self.gdp2024 - 1) * 100, within: 1e-9))
    #expect(close(e.requiredAnnualChange, 12.98, within: 0.005))
    #expect(e.recentYears == 2019...2023)
    let recent = (pow(Self.gdp2023 / Self.gdp2019, 0.25) - 1) * 100
    #expect(close(e.recentAnnualChange, recent, within: 1e-9))
    #expect(close(e.projectedValue, Self.gdp2024 * (1 + recent / 100), within: 1e-6))
    #expect(e.reason?.contains("2024 level break") == true)
    #expect(e.status == .offTrack)
  }

  /// The 2021 view (the figures this test asserted before the data ran to 2024).
  @Test func gdpLevelAsOf2021UsesOnlyPostCensusYearsForTheTrend() throws {
    let t01 = try #require(model.plan.targets.first { $0.id == "T01" })
    let e = TargetEvaluator(data: model.data).evaluate(t01, asOf: 2021)
    #expect(e.latestYear == 2021)
    #expect(close(e.latestValue, Self.gdp2021, within: 1e-6))
    #expect(e.recentYears == 2019...2021)  // the 2019 break stops the window
    #expect(
      close(e.recentAnnualChange, (pow(Self.gdp2021 / Self.gdp2019, 0.5) - 1) * 100, within: 1e-9))
    #expect(
      close(e.requiredAnnualChange, (pow(25000 / Self.gdp2021, 0.25) - 1) * 100, within: 1e-9))
    #expect(e.status == .onTrack)
  }

  /// CZT 2022 real growth is not published (Zhuzhou and Xiangtan have no 2022 rate), so the
  /// 2021–2025 average cannot be computed now; as of 2021 it could.
  @Test func averageGrowthTargetCountsTheYearsObservedSoFar() throws {
    let now = try #require(results["T02"])
    #expect(now.status == .noData && now.reason == "rate missing for 2022 inside the period")
    let t02 = try #require(model.plan.targets.first { $0.id == "T02" })
    let e = TargetEvaluator(data: model.data).evaluate(t02, asOf: 2021)
    let w = [12142.52, 3105.8, 2343.15]  // 2020 nominal GDP weights
    let g2021 = (w[0] * 7.5 + w[1] * 8.3 + w[2] * 7.8) / w.reduce(0, +)
    #expect(e.latestYear == 2021)
    #expect(close(e.latestValue, g2021, within: 1e-9))
    let required = (pow(pow(1.07, 5) / (1 + g2021 / 100), 0.25) - 1) * 100
    #expect(close(e.requiredAnnualChange, required, within: 1e-9))
    #expect(e.status != .noData)
  }

  /// The published CZT real growth fills the years the members cannot give.
  @Test func publishedRegionalRealGrowthFillsTheMembersGaps() throws {
    let s = try #require(model.data.series(area: "CZT", indicator: "gdp_real_growth"))
    #expect(s.point(in: 2023)?.value == 4.9 && s.point(in: 2024)?.value == 5.2)
    #expect(s.point(in: 2019)?.value == 8.0)
    #expect(s.point(in: 2022) == nil)
    #expect(s.points.first { $0.year == 2023 }?.provenance.observations.first?.area == "CZT")
  }

  @Test func energyTargetIsChangeVersus2019AndFlagsTheProxy() throws {
    let e = try #require(results["T07"])
    #expect(e.latestYear == 2024)
    // Hunan 2020, then China 2021–2024 (the proxy rule).
    let index = (1 - 0.0198) * (1 - 0.027) * (1 - 0.001) * (1 - 0.005) * (1 - 0.038)
    #expect(close(e.latestValue, (index - 1) * 100, within: 1e-9))
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

  @Test func urbanIncomeOnlyFrom2010IsStale() throws {
    // Zhuzhou and Xiangtan published 2010 only: the CZT value exists for 2010 alone, older than
    // the plan's base year 2020, so no change is computed from it.
    let e = try #require(results["T08"])
    #expect(e.latestYear == 2010 && e.latestValue != nil)
    #expect(e.status == .staleData)
    #expect(e.requiredAnnualChange == nil && e.recentAnnualChange == nil)
    #expect(e.projectedValue == nil)
    #expect(e.reason?.contains("base year 2020") == true)
  }

  @Test func theStatusesOfEveryTarget() throws {
    let expected: [String: TargetStatus] = [
      "T01": .offTrack, "T02": .noData, "T03": .onTrack, "T07": .onTrack, "T08": .staleData,
      "T09": .onTrack,
    ]
    for target in model.plan.targets {
      #expect(results[target.id]?.status == expected[target.id] ?? .noData, "\(target.id)")
    }
  }

  @Test func asOfHidesLaterObservations() throws {
    let t01 = try #require(model.plan.targets.first { $0.id == "T01" })
    let e = TargetEvaluator(data: model.data).evaluate(t01, asOf: 2019)
    #expect(e.latestYear == 2019)
    // 2019 is the first post-census year: the recent growth is that of 2013–2018.
    #expect(e.recentYears == 2013...2018)
    #expect(e.reason?.contains("2019 level break") == true)
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

  @Test func observedTargetYearIsMetOrMissed() {
    #expect(
      StatusRule.status(
        condition: condition(.lessThan, 35), latest: 36, latestYear: 2025, targetYear: 2025,
        projected: nil) == .missed)
    #expect(
      StatusRule.status(
        condition: condition(.lessThan, 35), latest: 34, latestYear: 2025, targetYear: 2025,
        projected: nil) == .met)
  }

  @Test func everyStatusHasAChineseLabel() {
    let labels = TargetStatus.allCases.map { $0.label(.zh) }
    #expect(Set(labels).count == TargetStatus.allCases.count)
    #expect(TargetStatus.allCases.allSatisfy { $0.label(.zh) != $0.rawValue })
  }
}
