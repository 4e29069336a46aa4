import Foundation
import PlanCastForecasting
import PlanCastNumerics
import Testing

@Suite struct LogLinearTrendTests {
  /// A noisy constant-growth series: log y = log(100) + 0.07·t + break + σ·z.
  static func simulate(
    _ generator: inout Philox, years: ClosedRange<Int>, sigma: Double, breakYear: Int? = nil
  ) -> [Double] {
    years.map { year in
      let shift = breakYear.map { year >= $0 ? 0.15 : 0 } ?? 0
      return 100
        * exp(0.07 * Double(year - years.lowerBound) + shift + sigma * generator.nextNormal())
    }
  }

  @Test func recoversGrowthAndBreak() throws {
    var generator = Philox(seed: 7)
    let values = Self.simulate(&generator, years: 2000...2021, sigma: 0.01, breakYear: 2019)
    let series = try YearlySeries(name: "test", years: Array(2000...2021), values: values)
    let fit = try LogLinearTrend(breakYears: [2019]).fit(series) as! FittedLogLinearTrend
    #expect(abs(fit.regression.estimates[1] - 0.07) < 0.003)
    #expect(abs(fit.regression.estimates[2] - 0.15) < 0.03)
  }

  /// 2,000 series of 15 years, 5-year horizon: exact t intervals reach nominal coverage.
  @Test func exactIntervalsReachNominalCoverage() throws {
    var study = CoverageStudy()
    var simulated = CoverageStudy()
    for k in 0..<2000 {
      var generator = Philox(seed: 11, stream: UInt64(k))
      let values = Self.simulate(&generator, years: 2001...2020, sigma: 0.03)
      let series = try YearlySeries(
        name: "s\(k)", years: Array(2001...2015), values: Array(values.prefix(15)))
      let fit = try LogLinearTrend().fit(series)
      study.record(fit.forecast(horizon: 5, paths: 0, seed: 0), actual: Array(values.suffix(5)))
      if k < 400 {
        simulated.record(
          Forecast.bySimulation(model: fit, horizon: 5, paths: 2000, seed: UInt64(k)),
          actual: Array(values.suffix(5)))
      }
    }
    print("loglinear coverage exact: 80% → \(study.coverage80), 95% → \(study.coverage95)")
    print(
      "loglinear coverage simulated: 80% → \(simulated.coverage80), 95% → \(simulated.coverage95)")
    #expect(abs(study.coverage80 - 0.80) <= 0.03)
    #expect(abs(study.coverage95 - 0.95) <= 0.03)
    #expect(abs(simulated.coverage80 - 0.80) <= 0.03)
    #expect(abs(simulated.coverage95 - 0.95) <= 0.03)
  }

  @Test func simulationMatchesTheExactInterval() throws {
    var generator = Philox(seed: 3)
    let values = Self.simulate(&generator, years: 2005...2020, sigma: 0.02)
    let fit = try LogLinearTrend().fit(
      YearlySeries(name: "x", years: Array(2005...2020), values: values))
    let exact = fit.forecast(horizon: 3, paths: 0, seed: 0)
    let simulated = Forecast.bySimulation(model: fit, horizon: 3, paths: 40000, seed: 5)
    for (e, s) in zip(exact.points, simulated.points) {
      #expect(abs(log(s.median / e.median)) < 0.002)
      #expect(abs(log(s.hi95 / e.hi95)) < 0.01)
      #expect(abs(log(s.lo80 / e.lo80)) < 0.01)
    }
  }

  @Test func rejectsBadSeries() throws {
    let short = try YearlySeries(name: "short", years: [2019, 2020], values: [1, 2])
    #expect(throws: ForecastError.self) { try LogLinearTrend().fit(short) }
    let negative = try YearlySeries(
      name: "neg", years: [2017, 2018, 2019, 2020], values: [1, 2, -1, 3])
    #expect {
      try LogLinearTrend().fit(negative)
    } throws: { error in
      "\(error)".contains("neg") && "\(error)".contains("positive")
    }
  }
}
