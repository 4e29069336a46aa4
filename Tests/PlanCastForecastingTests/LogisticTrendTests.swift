import Foundation
import PlanCastForecasting
import PlanCastNumerics
import Testing

@Suite struct LogisticTrendTests {
  static func share(_ t: Double, ceiling: Double = 0.85, rate: Double = 0.12, midpoint: Double = -8)
    -> Double
  {
    ceiling / (1 + exp(-rate * (t - midpoint)))
  }

  static func simulate(_ generator: inout Philox, years: ClosedRange<Int>, sigma: Double)
    -> [Double]
  {
    years.map { year in
      let p = share(Double(year - 2015))
      let x = log(p / (1 - p)) + sigma * generator.nextNormal()
      return 100 / (1 + exp(-x))
    }
  }

  @Test func recoversTheCeiling() throws {
    var generator = Philox(seed: 2)
    let values = Self.simulate(&generator, years: 1990...2020, sigma: 0.01)
    let fit =
      try LogisticTrend().fit(YearlySeries(name: "u", years: Array(1990...2020), values: values))
      as! FittedLogisticTrend
    #expect(abs(fit.parameters[0].estimate - 85) < 2)
    #expect(fit.parameters[0].standardError != nil)
    let forecast = fit.forecast(horizon: 20, paths: 2000, seed: 1)
    #expect(forecast.points.allSatisfy { $0.hi95 < 100 && $0.lo95 > 0 })
  }

  @Test func intervalsReachNominalCoverage() throws {
    var study = CoverageStudy()
    for k in 0..<2000 {
      var generator = Philox(seed: 31, stream: UInt64(k))
      let values = Self.simulate(&generator, years: 2001...2020, sigma: 0.04)
      let fit = try LogisticTrend().fit(
        YearlySeries(name: "s\(k)", years: Array(2001...2015), values: Array(values.prefix(15))))
      study.record(
        fit.forecast(horizon: 5, paths: 400, seed: UInt64(k)), actual: Array(values.suffix(5)))
    }
    print("logistic coverage: 80% → \(study.coverage80), 95% → \(study.coverage95)")
    #expect(abs(study.coverage80 - 0.80) <= 0.03)
    #expect(abs(study.coverage95 - 0.95) <= 0.03)
  }

  @Test func shortOrOutOfRangeSeriesAreClearErrors() throws {
    let short = try YearlySeries(
      name: "CZT urbanisation_rate", years: [2010, 2020, 2021], values: [61, 77, 78])
    #expect { try LogisticTrend().fit(short) } throws: { "\($0)".contains("CZT urbanisation_rate") }
    let bad = try YearlySeries(
      name: "b", years: Array(2000...2005), values: [10, 20, 30, 40, 50, 100])
    #expect(throws: ForecastError.self) { try LogisticTrend().fit(bad) }
  }
}
