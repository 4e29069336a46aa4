import Testing

@testable import PlanCastPlan

@Suite struct CoverageTests {
  @Test func yearRangesAreCompressed() {
    #expect(
      YearRanges.describe([2021, 2000, 2001, 2002, 2010, 2020]) == "2000–2002, 2010, 2020–2021")
    #expect(YearRanges.describe([]) == "")
  }

  @Test func cztCoverageShowsComputedPublishedAndProxy() throws {
    let entries = try TestSupport.loadCZT().data.coverage()
    let gdp = entries.filter { $0.indicator == "gdp_nominal" && $0.area == "CZT" }
    #expect(gdp.map(\.origin) == [.computed(rule: "sum of members"), .published])
    #expect(gdp.last?.years == [2019, 2021, 2023, 2024])  // published CZT totals
    let energy = try #require(
      entries.first { $0.indicator == "energy_intensity_change" && $0.area == "CZT" })
    #expect(energy.origin.proxyNote != nil)
  }
}
