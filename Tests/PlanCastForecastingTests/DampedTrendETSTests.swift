import Foundation
import PlanCastNumerics
import Testing

@testable import PlanCastForecasting

@Suite struct DampedTrendETSTests {
  /// Parameters of an ETS(A,Ad,N) process on log GDP.
  struct Process {
    var alpha: Double
    var beta: Double
    var phi: Double
    var level0: Double
    var trend0: Double
    var sigma: Double

    /// Plausible yearly log-GDP parameters: growth 6–9% at the start, damping 0.85–0.98,
    /// α in (0.2, 0.95), β/α in (0.02, 0.4), innovation sd 1–4%.
    static func draw(_ g: inout Philox) -> Process {
      let alpha = 0.2 + 0.75 * g.nextUniform()
      return Process(
        alpha: alpha, beta: alpha * (0.02 + 0.38 * g.nextUniform()),
        phi: 0.85 + 0.13 * g.nextUniform(), level0: log(100), trend0: 0.06 + 0.03 * g.nextUniform(),
        sigma: 0.01 + 0.03 * g.nextUniform())
    }

    /// `count` values `exp(y_t)` of the recursion.
    func values(_ count: Int, _ g: inout Philox) -> [Double] {
      var level = level0
      var trend = trend0
      return (0..<count).map { _ in
        let e = sigma * g.nextNormal()
        let prediction = level + phi * trend
        level = prediction + alpha * e
        trend = phi * trend + beta * e
        return exp(prediction + e)
      }
    }
  }

  /// 2,000 series of 15–20 years from the model class, 5-year horizon: the predictive intervals
  /// reach nominal coverage within ±3 points.
  @Test func intervalsReachNominalCoverage() throws {
    var study = CoverageStudy()
    var simulated = CoverageStudy()
    let clock = ContinuousClock()
    let start = clock.now
    for k in 0..<2000 {
      var g = Philox(seed: 2024, stream: UInt64(k))
      let process = Process.draw(&g)
      let n = 15 + Int(g.nextUniform() * 6)
      let values = process.values(n + 5, &g)
      let fit = try DampedTrendETS().fit(yearlySeries("s\(k)", Array(values.prefix(n))))
      study.record(fit.forecast(horizon: 5, paths: 0, seed: 0), actual: Array(values.suffix(5)))
      if k < 100 {
        simulated.record(
          Forecast.bySimulation(model: fit, horizon: 5, paths: 1000, seed: UInt64(k)),
          actual: Array(values.suffix(5)))
      }
    }
    print(
      "damped ETS coverage (2,000 series): 80% → \(study.coverage80), 95% → \(study.coverage95); "
        + "simulated (100 series): 80% → \(simulated.coverage80), 95% → \(simulated.coverage95); "
        + "\(clock.now - start)")
    #expect(abs(study.coverage80 - 0.80) <= 0.03)
    #expect(abs(study.coverage95 - 0.95) <= 0.03)
  }

  /// The simulated paths sample the same predictive distribution as the analytic mixture.
  @Test func simulationMatchesTheAnalyticMixture() throws {
    var g = Philox(seed: 9)
    let values = Process(
      alpha: 0.6, beta: 0.1, phi: 0.9, level0: log(500), trend0: 0.08, sigma: 0.03
    )
    .values(18, &g)
    let fit = try DampedTrendETS().fit(yearlySeries("x", values))
    let exact = fit.forecast(horizon: 5, paths: 0, seed: 0)
    let simulated = Forecast.bySimulation(model: fit, horizon: 5, paths: 40000, seed: 5)
    for (e, s) in zip(exact.points, simulated.points) {
      #expect(abs(log(s.median / e.median)) < 0.003)
      #expect(abs(log(s.hi95 / e.hi95)) < 0.01)
      #expect(abs(log(s.lo80 / e.lo80)) < 0.01)
      #expect(abs(s.mean / e.mean - 1) < 0.01)
      #expect(e.lo95 < e.lo80 && e.lo80 < e.median && e.median < e.hi80 && e.hi80 < e.hi95)
    }
  }

  /// The closed-form integer-df t CDF agrees with the incomplete-beta one.
  @Test func integerStudentTMatchesStudentT() throws {
    for nu in [1, 2, 3, 4, 7, 12, 13, 30, 41] {
      let fast = try #require(IntegerStudentT(degreesOfFreedom: nu))
      let exact = try StudentT(degreesOfFreedom: Double(nu))
      for t in stride(from: -8.0, through: 8.0, by: 0.37) {
        #expect(abs(fast.cdf(t) - exact.cdf(t)) < 1e-14, "ν = \(nu), t = \(t)")
      }
    }
  }

  /// The ETS class-1 variance multiplier equals the sum of squared ψ-weights of the recursion.
  @Test func varianceMultiplierMatchesTheRecursion() {
    let p = SmoothingParameters(alpha: 0.7, beta: 0.2, phi: 0.9)
    // ψ_j = w'F^{j−1}g with w = (1, φ), F = [[1, φ], [0, φ]], g = (α, β).
    var state = (p.alpha, p.beta)
    var v = 1.0
    for h in 1...6 {
      #expect(abs(p.varianceMultiplier(h) - v) < 1e-12)
      let psi = state.0 + p.phi * state.1
      v += psi * psi
      state = (state.0 + p.phi * state.1, p.phi * state.1)
    }
  }

  @Test func recoversParametersOfALongSeries() throws {
    var g = Philox(seed: 4)
    let truth = Process(
      alpha: 0.5, beta: 0.05, phi: 0.9, level0: log(100), trend0: 0.08, sigma: 0.02)
    let fit = try #require(
      DampedTrendETS().fit(yearlySeries("long", truth.values(400, &g), from: 1600))
        as? FittedDampedTrendETS)
    #expect(abs(fit.smoothing.alpha - 0.5) < 0.1)
    #expect(abs(fit.smoothing.phi - 0.9) < 0.06)
    #expect(abs(fit.innovationStandardDeviation - 0.02) < 0.002)
    #expect(fit.parameters.count == 5 && fit.aicc.isFinite)
  }

  // MARK: statsmodels

  struct Reference: Decodable {
    struct Series: Decodable {
      struct ETS: Decodable {
        let alpha, beta, phi, level0, trend0, loglike: Double
        let forecast: [Double]
      }
      struct HoltWinters: Decodable {
        let alpha, betaStar, phi, level0, trend0, sse: Double
        let forecast: [Double]
      }
      struct Theta: Decodable {
        let alpha, b0: Double
        let forecast: [Double]
      }
      let id: String
      let years: [Int]
      let values: [Double]
      let ets: ETS
      let etsBest: ETS
      let holtwinters: HoltWinters
      let theta: Theta
    }
    let statsmodels: String
    let horizon: Int
    let series: [Series]

    static func load() throws -> Reference {
      let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/statsmodels/ets_theta_reference.json")
      return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }
  }

  /// Same objective as statsmodels' ETSModel (log-likelihood at its estimates to 1e−8 relative),
  /// an optimum at least as good, and point forecasts close to its forecasts.
  @Test func agreesWithStatsmodels() throws {
    let reference = try Reference.load()
    for s in reference.series {
      let logs = s.values.map { log($0) }
      let e = s.ets
      let p = SmoothingParameters(alpha: e.alpha, beta: e.beta, phi: e.phi)
      let atTheirs = LocalTrendProfile.sumOfSquares(
        logs, parameters: p, level0: e.level0, trend0: e.trend0)
      let theirLogLikelihood = LocalTrendProfile.concentratedLogLikelihood(
        sse: atTheirs.sse, count: logs.count)
      #expect(abs(theirLogLikelihood / e.loglike - 1) < 1e-8, "\(s.id)")
      // Holt–Winters (SSE objective, Holt's β* = β/α) at its own estimates.
      let h = s.holtwinters
      let hw = LocalTrendProfile.sumOfSquares(
        logs, parameters: .init(alpha: h.alpha, beta: h.alpha * h.betaStar, phi: h.phi),
        level0: h.level0, trend0: h.trend0)
      #expect(abs(hw.sse / h.sse - 1) < 1e-8, "\(s.id)")

      let fit = try #require(
        DampedTrendETS().fit(YearlySeries(name: s.id, years: s.years, values: s.values))
          as? FittedDampedTrendETS)
      #expect(fit.logLikelihood >= e.loglike - 1e-6, "\(s.id)")
      // Against statsmodels' best of 16 starts: the same optimum, the same forecasts.
      let best = s.etsBest
      #expect(fit.logLikelihood >= best.loglike - 1e-6, "\(s.id)")
      #expect(abs(fit.logLikelihood - best.loglike) < 1e-6, "\(s.id)")
      let ours = fit.pointForecast(horizon: reference.horizon).map { log($0) }
      let gap = zip(ours, best.forecast).map { abs($0 - $1) }.max()!
      let gapDefault = zip(ours, e.forecast).map { abs($0 - $1) }.max()!
      print(
        "statsmodels ETS \(s.id): loglik ours \(fit.logLikelihood), statsmodels default "
          + "\(e.loglike), best of 16 starts \(best.loglike); α β φ ours \(fit.smoothing) vs "
          + "(\(best.alpha), \(best.beta), \(best.phi)); max |Δ log forecast| vs best \(gap), "
          + "vs default \(gapDefault)")
      #expect(gap < 1e-4, "\(s.id)")
    }
  }

  // MARK: bad input

  @Test func rejectsBadSeries() throws {
    let short = try YearlySeries(
      name: "Zhuzhou gdp", years: Array(2012...2020), values: (0..<9).map { 100 + Double($0) })
    #expect {
      try DampedTrendETS().fit(short)
    } throws: { error in
      guard case ForecastError.tooFewObservations(_, _, 9, 10) = error else { return false }
      return "\(error)".contains("Zhuzhou gdp")
    }
    var values = (0..<12).map { 100 * exp(0.07 * Double($0)) }
    values[4] = 0
    let zero = try yearlySeries("Xiangtan energy", values)
    #expect {
      try DampedTrendETS().fit(zero)
    } throws: { error in
      "\(error)".contains("Xiangtan energy") && "\(error)".contains("positive")
    }
    let gappy = try YearlySeries(
      name: "gappy", years: Array(2000...2010) + [2013], values: (0..<12).map { 100 + Double($0) })
    #expect {
      try DampedTrendETS().fit(gappy)
    } throws: { error in
      "\(error)".contains("gappy") && "\(error)".contains("consecutive")
    }
    // A constant series has no innovation variance: an error, not NaN.
    let constant = try yearlySeries("constant", [Double](repeating: 42, count: 12))
    #expect {
      try DampedTrendETS().fit(constant)
    } throws: { error in
      "\(error)".contains("constant") && "\(error)".contains("variance")
    }
  }

  /// Extreme but valid data give finite forecasts.
  @Test func neverReturnsNaN() throws {
    let cases: [[Double]] = [
      (0..<12).map { 1e-6 * exp(0.3 * Double($0)) },
      (0..<12).map { $0 % 2 == 0 ? 1 : 1e6 },
      (0..<10).map { 100 + (Double($0) == 5 ? 1e-9 : 0) },
      (0..<12).map { 100 * exp(0.05 * Double($0)) },
    ]
    for (k, values) in cases.enumerated() {
      let fit = try DampedTrendETS().fit(yearlySeries("c\(k)", values))
      for p in fit.forecast(horizon: 6, paths: 0, seed: 0).points {
        for v in [p.mean, p.median, p.lo80, p.hi80, p.lo95, p.hi95] {
          #expect(v.isFinite && v > 0, "case \(k)")
        }
      }
    }
  }
}
