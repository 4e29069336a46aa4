import Testing

@testable import PlanCastPlan

/// CZT values computed from the three cities against the regional figures published as such
/// (kept in the data file as CZT rows).
@Suite struct RegionVersusPublishedTests {
  let data: ModelData

  init() throws { data = try TestSupport.loadCZT().data }

  private func published(_ indicator: String, _ year: Int) throws -> Double {
    try #require(data.observedSeries(area: "CZT", indicator: indicator).value(in: year))
  }

  private func computed(_ indicator: String, _ year: Int) throws -> Double {
    try #require(data.computedSeries(region: "CZT", indicator: indicator).value(in: year))
  }

  /// Hunan 2019 bulletin: 16835.0. Same vintage (first published, post-4th-census basis) as the
  /// city values, so only rounding separates them: tolerance 0.01 %.
  @Test func gdp2019MatchesTheBulletin() throws {
    let p = try published("gdp_nominal", 2019)
    let c = try computed("gdp_nominal", 2019)
    #expect(p == 16835.0)
    #expect(abs(c - p) / p <= 1e-4, "computed \(c) vs published \(p)")
  }

  /// Published as "1.92万亿", i.e. rounded to 0.01 trillion = 100亿: the true value lies within
  /// ±50亿 of 19200, so the computed sum must too.
  @Test func gdp2021IsWithinTheRoundingOfThePublishedFigure() throws {
    let p = try published("gdp_nominal", 2021)
    let c = try computed("gdp_nominal", 2021)
    #expect(abs(c - p) <= 50, "computed \(c) vs published \(p)")
  }

  /// 2023 (first published, before the 5th-census revision) and 2024 (Hunan 2024 bulletin,
  /// after it): each the same vintage as the city values of its year, so rounding only.
  @Test(arguments: [(2023, 20741.7), (2024, 22128.3)])
  func gdpOnEachSideOfThe2024BreakMatchesThePublishedTotal(year: Int, total: Double) throws {
    let p = try published("gdp_nominal", year)
    let c = try computed("gdp_nominal", year)
    #expect(p == total)
    #expect(abs(c - p) / p <= 1e-4, "computed \(c) vs published \(p)")
  }

  /// The 7th census count of CZT equals the sum of the three cities' counts exactly.
  @Test func censusPopulationSumsExactly() throws {
    #expect(try computed("pop_census", 2020) == (try published("pop_census", 2020)))
  }

  /// The published CZT real growth for 2019 (8.0 %) cannot be checked: Xiangtan's 2019 rate is
  /// not in the data, so the chained region value for 2019 must be absent, not invented; the
  /// region's series takes the published rate there (and for 2023–2024, where Zhuzhou's rates
  /// are missing), and has none for 2022, where neither exists.
  @Test func realGrowthIsNotInventedWhereAMemberLacksARate() throws {
    let chained = data.computedSeries(region: "CZT", indicator: "gdp_real_growth")
    for year in [2019, 2022, 2023, 2024] { #expect(chained.value(in: year) == nil, "\(year)") }
    #expect(try published("gdp_real_growth", 2019) == 8.0)
    let used = try #require(data.series(area: "CZT", indicator: "gdp_real_growth"))
    #expect(used.value(in: 2019) == 8.0 && used.value(in: 2023) == 4.9)
    #expect(used.value(in: 2024) == 5.2 && used.value(in: 2022) == nil)
    #expect(used.value(in: 2021) == chained.value(in: 2021))
  }

  /// Zhuzhou's 2021 bulletin gives a two-year average growth of 6.2 % for 2020–21; chaining its
  /// annual rates (4.1 %, 8.3 %) must reproduce it to the published precision.
  @Test func chainedTwoYearAverageMatchesZhuzhouBulletin() throws {
    let s = data.areaSeries(area: "Zhuzhou", indicator: "gdp_real_growth")
    let rates = [try #require(s.value(in: 2020)), try #require(s.value(in: 2021))]
    let average = try #require(TrendMath.geometricMeanRate(rates))
    #expect(abs(average - 6.2) <= 0.05)
  }

  @Test func urbanisationIsTheRatioOfSums() throws {
    let urban = try computed("pop_urban", 2021)
    let pop = try computed("pop_resident", 2021)
    let rate = try computed("urbanisation_rate", 2021)
    #expect(close(rate, 100 * urban / pop, within: 1e-9))
    // Changsha 2021 urban population is derived: 83.16 % × 1023.93.
    let changsha = data.areaSeries(area: "Changsha", indicator: "pop_urban")
    #expect(close(changsha.value(in: 2021), 0.8316 * 1023.93, within: 1e-9))
    #expect(close(urban, 0.8316 * 1023.93 + 279.76 + 176.5, within: 1e-9))
  }

  @Test func energyIntensityUsesTheDeclaredProxy() throws {
    let s = try #require(data.series(area: "CZT", indicator: "energy_intensity_change"))
    #expect(s.origin.proxyNote != nil)
    #expect(s.value(in: 2020) == -1.98)  // Hunan
    #expect(s.value(in: 2021) == -2.7)  // China: Hunan 2021 not published
    guard case .proxy(let area, _, _) = try #require(s.point(in: 2021)).provenance else {
      Issue.record("2021 should be a proxy point")
      return
    }
    #expect(area == "China")
  }
}
