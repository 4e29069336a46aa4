import Foundation
import PlanCastForecasting
import PlanCastNumerics
import Testing

@Suite struct RandomWalkTests {
  @Test(arguments: [false, true])
  func intervalsReachNominalCoverage(drift: Bool) throws {
    var study = CoverageStudy()
    for k in 0..<2000 {
      var generator = Philox(seed: 23, stream: UInt64(k))
      var level = 100.0
      let values = (0..<20).map { _ -> Double in
        level += (drift ? 2 : 0) + 3 * generator.nextNormal()
        return level
      }
      let fit = try RandomWalk(drift: drift).fit(
        YearlySeries(name: "rw", years: Array(2001...2015), values: Array(values.prefix(15))))
      study.record(fit.forecast(horizon: 5, paths: 0, seed: 0), actual: Array(values.suffix(5)))
    }
    print(
      "\(drift ? "drift" : "naive") coverage: 80% → \(study.coverage80), 95% → \(study.coverage95)")
    #expect(abs(study.coverage80 - 0.80) <= 0.03)
    #expect(abs(study.coverage95 - 0.95) <= 0.03)
  }

  /// The simulated paths (σ² from its inverse-χ² posterior, drawn as 2·Gamma(ν/2), then the
  /// drift given σ) have the exact Student-t predictive distribution of ``forecast``: their
  /// quantiles match its bounds within Monte Carlo error on 200,000 paths.
  @Test(arguments: [false, true])
  func simulatedPathsMatchTheExactIntervals(drift: Bool) throws {
    let values = [100.0, 103, 101, 106, 108, 107, 112, 115, 113, 118, 121]
    let fit = try RandomWalk(drift: drift).fit(
      YearlySeries(name: "rw", years: Array(2000...2010), values: values))
    let exact = fit.forecast(horizon: 4, paths: 0, seed: 0)
    let simulated = Forecast.bySimulation(model: fit, horizon: 4, paths: 200_000, seed: 5)
    for (e, s) in zip(exact.points, simulated.points) {
      let width = e.hi95 - e.lo95
      for (a, b) in [
        (e.lo95, s.lo95), (e.lo80, s.lo80), (e.median, s.median), (e.hi80, s.hi80),
        (e.hi95, s.hi95),
      ] {
        #expect(abs(a - b) < 0.005 * width, "exact \(a), simulated \(b)")
      }
    }
  }

  @Test func driftIsTheMeanChangeOverConsecutiveYears() throws {
    let series = try YearlySeries(
      name: "gappy", years: [2010, 2011, 2012, 2015, 2016], values: [1, 3, 5, 20, 22])
    let fit = try RandomWalk(drift: true).fit(series) as! FittedRandomWalk
    #expect(fit.driftEstimate == 2 && fit.changes == 3)
    #expect(fit.forecast(horizon: 2).points.map(\.median) == [24, 26])
  }

  @Test func tooShortIsAClearError() throws {
    let series = try YearlySeries(name: "one", years: [2020], values: [1])
    #expect { try RandomWalk(drift: false).fit(series) } throws: { "\($0)".contains("one") }
  }
}
