import Foundation
import PlanCastNumerics
import Testing

@testable import PlanCastForecasting

@Suite struct GrowthAutoregressionTests {
  /// Growth (%) following an AR(1) around `8 + trend·(t − n)`, with a stationary start.
  static func growthPath(
    _ generator: inout Philox, count: Int, phi: Double, trend: Double, sigma: Double = 1,
    end n: Int
  ) -> [Double] {
    var x =
      8.0 + trend * Double(-1 - n) + sigma * generator.nextNormal()
      / (1 - phi * phi).squareRoot()
    var path: [Double] = []
    for t in 0..<count {
      let mean = 8.0 + trend * Double(t - n)
      let previous = 8.0 + trend * Double(t - 1 - n)
      x = mean + phi * (x - previous) + sigma * generator.nextNormal()
      path.append(x)
    }
    return path
  }

  @Test func recoversParametersOfALongSeries() throws {
    var generator = Philox(seed: 5)
    // x_t = 3 + 0.01·(t − L) + 0.6·x_{t−1} − 0.2·x_{t−2} + ε, σ = 0.5.
    var x = [5.0, 5.0]
    for t in 0..<400 {
      let trend = 0.01 * Double(t - 399)
      x.append(
        3 + trend + 0.6 * x[x.count - 1] - 0.2 * x[x.count - 2] + 0.5 * generator.nextNormal())
    }
    let series = try YearlySeries(name: "long", years: Array(1600..<2002), values: x)
    let fit = try GrowthAutoregression(
      input: .rates, order: 2, trend: true, biasCorrectionReplications: 0
    ).fitted(series)
    let b = fit.regression.estimates
    #expect(abs(b[1] - 0.01) < 0.003)
    #expect(abs(b[2] - 0.6) < 0.06)
    #expect(abs(b[3] + 0.2) < 0.06)
    #expect(abs(fit.innovationStandardDeviation - 0.5) < 0.05)
    #expect(fit.parameters.map(\.name) == ["intercept", "trend", "ar1", "ar2"])
  }

  @Test func stationarityByStepDown() {
    #expect(ARPolynomial.isStationary([0.5]))
    #expect(!ARPolynomial.isStationary([1.0]))
    #expect(!ARPolynomial.isStationary([-1.2]))
    #expect(ARPolynomial.isStationary([1.2, -0.5]))  // complex roots, modulus √2
    #expect(!ARPolynomial.isStationary([0.5, 0.6]))  // φ₁ + φ₂ > 1
    #expect(!ARPolynomial.isStationary([0.2, -1.1]))  // |φ₂| > 1
    #expect(ARPolynomial.isStationary([]))
  }

  /// Levels whose growth slows (AR(1), φ = 0.5, −0.2 pp a year), 18 growth rates, horizon 5:
  /// the simulated 80%/95% intervals of the cumulated level reach nominal coverage ±3 pp.
  @Test func levelIntervalsReachNominalCoverage() throws {
    var study = CoverageStudy()
    let spec = GrowthAutoregression(input: .levels, order: 1, trend: true)
    for k in 0..<2000 {
      var generator = Philox(seed: 99, stream: UInt64(k))
      let growth = Self.growthPath(&generator, count: 23, phi: 0.5, trend: -0.2, end: 18)
      var level = 100.0
      var levels = [level]
      for g in growth {
        level *= exp(g / 100)
        levels.append(level)
      }
      let series = try YearlySeries(
        name: "s\(k)", years: Array(2000...2018), values: Array(levels.prefix(19)))
      let fit = try spec.fit(series)
      study.record(
        fit.forecast(horizon: 5, paths: 500, seed: UInt64(k)), actual: Array(levels.suffix(5)))
    }
    print("ar(1)+trend levels coverage: 80% → \(study.coverage80), 95% → \(study.coverage95)")
    #expect(abs(study.coverage80 - 0.80) <= 0.03)
    #expect(abs(study.coverage95 - 0.95) <= 0.03)
  }

  @Test func usesOnlyContiguousYearsAndSimulatesPastABreak() throws {
    // Levels 2000–2021 without 2006; a level break in 2019 and 2021 the last year.
    var years = Array(2000...2021)
    years.removeAll { $0 == 2006 }
    var generator = Philox(seed: 1)
    var level = 100.0
    var values: [Double] = []
    for year in 2000...2021 {
      level *= 1.08 + 0.01 * generator.nextNormal()
      if year == 2019 { level *= 1.1 }
      if year != 2006 { values.append(level) }
    }
    let series = try YearlySeries(name: "gappy", years: years, values: values)
    let fit = try GrowthAutoregression(input: .levels, order: 1, breakYears: [2019])
      .fitted(series)
    // Growth exists for years whose previous year is observed, not 2006, 2007 or 2019; rows
    // also need the previous growth: not 2001, 2008, 2020.
    #expect(!fit.growth.years.contains(2006) && !fit.growth.years.contains(2007))
    #expect(!fit.growth.years.contains(2019))
    #expect(fit.rowYears.first == 2002)
    #expect(!fit.rowYears.contains(2008) && !fit.rowYears.contains(2020))
    #expect(fit.rowYears.contains(2021))
    // The last year's growth enters the recursion; the break year is latent.
    let breakLast = try GrowthAutoregression(input: .levels, order: 1, breakYears: [2021])
      .fitted(series)
    let forecast = breakLast.forecast(horizon: 4, paths: 400, seed: 3)
    #expect(forecast.points.count == 4)
    for p in forecast.points {
      #expect(p.lo95.isFinite && p.hi95.isFinite && p.lo95 < p.median && p.median < p.hi95)
    }
    #expect(forecast.points[0].median > values.last! * 1.04)
  }

  @Test func pointForecastFollowsTheRecursion() throws {
    let values: [Double] = [10, 9.5, 9.8, 9.1, 8.9, 8.7, 8.9, 8.2, 8.0, 7.9, 7.6, 7.7]
    let series = try YearlySeries(name: "g", years: Array(2010...2021), values: values)
    let fit = try GrowthAutoregression(input: .rates, order: 1, biasCorrectionReplications: 0)
      .fitted(series)
    let b = fit.regression.estimates
    let path = fit.pointForecast(horizon: 3)
    #expect(abs(path[0] - (b[0] + b[1] * 7.7)) < 1e-12)
    #expect(abs(path[2] - (b[0] + b[1] * (b[0] + b[1] * path[0]))) < 1e-12)
  }

  /// The bias correction moves the persistence estimate up on a short persistent series.
  @Test func biasCorrectionRaisesPersistence() throws {
    var sum = 0.0
    var sumOLS = 0.0
    for k in 0..<200 {
      var generator = Philox(seed: 21, stream: UInt64(k))
      let x = Self.growthPath(&generator, count: 18, phi: 0.6, trend: 0, end: 18)
      let series = try YearlySeries(name: "p", years: Array(2004...2021), values: x)
      let fit = try GrowthAutoregression(input: .rates, order: 1).fitted(series)
      sum += fit.centre[1]
      sumOLS += fit.regression.estimates[1]
    }
    print("mean φ̂ over 200 series of 18 (φ = 0.6): OLS \(sumOLS / 200), corrected \(sum / 200)")
    #expect(abs(sum / 200 - 0.6) < abs(sumOLS / 200 - 0.6))
    #expect(abs(sum / 200 - 0.6) < 0.06)
  }

  @Test func rejectsBadSeries() throws {
    let spec = GrowthAutoregression(input: .levels, order: 1, trend: true)
    let empty = try YearlySeries(name: "Changsha empty", years: [], values: [])
    #expect {
      try spec.fit(empty)
    } throws: { error in
      guard case ForecastError.tooFewObservations(let name, _, 0, _) = error else { return false }
      return name == "Changsha empty" && "\(error)".contains("add data")
    }
    let short = try YearlySeries(name: "short", years: Array(2015...2019), values: [1, 2, 3, 4, 5])
    #expect(throws: ForecastError.self) { try spec.fit(short) }
    let negative = try YearlySeries(
      name: "neg", years: Array(2010...2019), values: [1, 2, 3, 4, -5, 6, 7, 8, 9, 10])
    #expect {
      try spec.fit(negative)
    } throws: { error in
      "\(error)".contains("neg") && "\(error)".contains("positive")
    }
    // Ten levels, every other year missing: no two consecutive growth rates.
    let gappy = try YearlySeries(
      name: "gappy", years: Array(stride(from: 2000, through: 2018, by: 2)),
      values: (1...10).map(Double.init))
    #expect {
      try GrowthAutoregression(input: .levels, order: 1).fit(gappy)
    } throws: { error in
      "\(error)".contains("gappy") && "\(error)".contains("lower order")
    }
    let rates = try YearlySeries(
      name: "rates", years: Array(2010...2019), values: [9, 8, 8.5, 7, 7.2, 6.9, 7.1, 6.5, 6.6, 6])
    // A pulse for a year without data carries no information: it is left out, not an error.
    let withoutData = try GrowthAutoregression(input: .rates, order: 1, pulseYears: [2025])
      .fitted(rates)
    #expect(withoutData.spec.pulseYears.isEmpty)
    #expect(throws: ForecastError.self) {
      try GrowthAutoregression(input: .rates, order: -1).fit(rates)
    }
  }

  /// Changsha real GDP growth 2000–2021 (2001 missing), AR(1) with a slowdown trend and a 2020
  /// pulse: the estimates are plausible and the forecast is finite.
  @Test func changshaRealGrowth() throws {
    let series = try CZTData.series(area: "Changsha", indicator: "gdp_real_growth")
    let fit = try GrowthAutoregression(input: .rates, order: 1, trend: true, pulseYears: [2020])
      .fitted(series)
    for p in fit.parameters {
      print(
        "Changsha real growth ar(1)+trend+pulse2020: \(p.name) = \(p.estimate) "
          + "(OLS \(fit.regression.estimates[fit.parameters.firstIndex(of: p)!]), se \(p.standardError ?? .nan))"
      )
    }
    print("σ̂ = \(fit.innovationStandardDeviation), AICc = \(fit.aicc), rows \(fit.rowYears)")
    let forecast = fit.forecast(horizon: 4, paths: 4000, seed: 1)
    for p in forecast.points {
      print("  \(p.year): median \(p.median) 80% [\(p.lo80), \(p.hi80)] 95% [\(p.lo95), \(p.hi95)]")
    }
    #expect(fit.rowYears.first == 2003 && fit.rowYears.last == 2024)  // bulletins 2022–2024
    #expect(fit.regression.estimates[1] < 0)  // slowing
    #expect(fit.regression.estimates[3] < -2)  // 2020
    #expect(forecast.points.allSatisfy { $0.lo95.isFinite && $0.hi95.isFinite })
    #expect(forecast.points[0].median > 3 && forecast.points[0].median < 10)
  }
}
