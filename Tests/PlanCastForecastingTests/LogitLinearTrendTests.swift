import Foundation
import PlanCastForecasting
import PlanCastNumerics
import Testing

@Suite struct LogitLinearTrendTests {
  static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  /// Urbanisation-like shares on irregular years: recovers the urban–rural growth difference.
  @Test func recoversSlopeOnIrregularYears() throws {
    var generator = Philox(seed: 5)
    let years = [2000, 2005, 2010, 2012, 2015, 2018, 2020, 2021]
    let values = years.map {
      100 * Self.logistic(-0.2 + 0.06 * Double($0 - 2000) + 0.01 * generator.nextNormal())
    }
    let fit =
      try LogitLinearTrend().fit(YearlySeries(name: "share", years: years, values: values))
      as! FittedLogitLinearTrend
    #expect(abs(fit.regression.estimates[1] - 0.06) < 0.003)
    let forecast = fit.forecast(horizon: 30)
    #expect(forecast.points.allSatisfy { $0.hi95 < 100 && $0.lo95 > 0 && $0.median < 100 })
  }

  @Test func exactIntervalsReachNominalCoverage() throws {
    var study = CoverageStudy()
    let years = [2000, 2003, 2005, 2008, 2010, 2012, 2013, 2015, 2016, 2018, 2019, 2020]
    for k in 0..<2000 {
      var generator = Philox(seed: 17, stream: UInt64(k))
      let all = years + [2021, 2022, 2023, 2024, 2025]
      let values = all.map {
        100 * Self.logistic(0.1 + 0.05 * Double($0 - 2000) + 0.04 * generator.nextNormal())
      }
      let fit = try LogitLinearTrend().fit(
        YearlySeries(name: "s", years: years, values: Array(values.prefix(years.count))))
      study.record(fit.forecast(horizon: 5), actual: Array(values.suffix(5)))
    }
    print("logit-linear coverage: 80% → \(study.coverage80), 95% → \(study.coverage95)")
    #expect(abs(study.coverage80 - 0.80) <= 0.03)
    #expect(abs(study.coverage95 - 0.95) <= 0.03)
  }

  @Test func rejectsSharesOutsideTheUnitInterval() throws {
    let series = try YearlySeries(
      name: "CZT urbanisation_rate", years: [2010, 2020, 2021], values: [61, 100.5, 77])
    #expect {
      try LogitLinearTrend().fit(series)
    } throws: { "\($0)".contains("CZT urbanisation_rate") && "\($0)".contains("(0, 100.0)") }
    let two = try YearlySeries(name: "two", years: [2020, 2021], values: [50, 51])
    #expect(throws: ForecastError.self) { try LogitLinearTrend().fit(two) }
  }
}
