import Foundation
import PlanCastForecasting
import PlanCastNumerics
import Testing

@Suite struct EnergyIntensityChangeTests {
  /// GDP growth AR(1) around 8 % (φ = 0.5, σ = 1); intensity change
  /// `c = −4 + 0.1·(t − n) − 0.3·(g − 8) + ε`, σ = 0.8.
  static func simulate(_ generator: inout Philox, years: Int, end n: Int) -> (
    growth: [Double], change: [Double]
  ) {
    var g = 8.0 + generator.nextNormal() / 0.75.squareRoot()
    var growth: [Double] = []
    var change: [Double] = []
    for t in 0..<years {
      g = 8 + 0.5 * (g - 8) + generator.nextNormal()
      growth.append(g)
      change.append(-4 + 0.1 * Double(t - n) - 0.3 * (g - 8) + 0.8 * generator.nextNormal())
    }
    return (growth, change)
  }

  /// 2,000 series of 16 years, horizon 5, growth simulated jointly: yearly changes and the
  /// cumulative change against a base two years before the forecast origin reach nominal
  /// coverage ±3 pp.
  @Test func intervalsReachNominalCoverage() throws {
    var yearly = CoverageStudy()
    var cumulative = CoverageStudy()
    for k in 0..<2000 {
      var generator = Philox(seed: 77, stream: UInt64(k))
      let (growth, change) = Self.simulate(&generator, years: 21, end: 16)
      let years = Array(2005...2020)
      let spec = EnergyIntensityChange(
        trend: true,
        growth: .init(
          series: try YearlySeries(name: "g", years: years, values: Array(growth.prefix(16))),
          future: .model(GrowthAutoregression(input: .rates, order: 1))))
      let series = try YearlySeries(name: "e\(k)", years: years, values: Array(change.prefix(16)))
      let fit = try spec.fitted(series)
      yearly.record(
        fit.forecast(horizon: 5, paths: 500, seed: UInt64(k)), actual: Array(change.suffix(5)))
      let actual = try EnergyIntensityChange.cumulativeChange(
        baseYear: 2018, observed: series, path: Array(change.suffix(5)))
      cumulative.record(
        try fit.cumulativeForecast(baseYear: 2018, horizon: 5, paths: 500, seed: UInt64(k)),
        actual: actual)
    }
    print(
      "energy intensity coverage: yearly 80% → \(yearly.coverage80), 95% → \(yearly.coverage95); "
        + "vs base 80% → \(cumulative.coverage80), 95% → \(cumulative.coverage95)")
    #expect(abs(yearly.coverage80 - 0.80) <= 0.03)
    #expect(abs(yearly.coverage95 - 0.95) <= 0.03)
    #expect(abs(cumulative.coverage80 - 0.80) <= 0.03)
    #expect(abs(cumulative.coverage95 - 0.95) <= 0.03)
  }

  /// Without a stochastic regressor the forecast is the exact t interval; simulation agrees.
  @Test func exactIntervalMatchesSimulation() throws {
    var generator = Philox(seed: 3)
    let (_, change) = Self.simulate(&generator, years: 16, end: 16)
    let fit = try EnergyIntensityChange(trend: true).fitted(
      YearlySeries(name: "e", years: Array(2005...2020), values: change))
    #expect(fit.innovationsPerYear == 1)
    let exact = fit.forecast(horizon: 3, paths: 0, seed: 0)
    let simulated = Forecast.bySimulation(model: fit, horizon: 3, paths: 40000, seed: 5)
    for (e, s) in zip(exact.points, simulated.points) {
      #expect(abs(s.median - e.median) < 0.03)
      #expect(abs(s.hi95 - e.hi95) < 0.08)
      #expect(abs(s.lo80 - e.lo80) < 0.05)
    }
  }

  @Test func cumulativeChangeCompounds() throws {
    let observed = try YearlySeries(
      name: "CZT energy_intensity_change", years: [2019, 2020, 2021], values: [-2.6, -0.1, -2.7])
    let path = [-3.0, -3.0, -3.0, -3.0]
    let c = try EnergyIntensityChange.cumulativeChange(
      baseYear: 2019, observed: observed, path: path)
    let expected = 100 * (0.999 * 0.973 * pow(0.97, 4) - 1)
    #expect(abs(c[3] - expected) < 1e-12)
    // A base after the last observation: the level is compared with the simulated base year.
    let later = try EnergyIntensityChange.cumulativeChange(
      baseYear: 2022, observed: observed, path: path)
    #expect(abs(later[0]) < 1e-12 && abs(later[3] - 100 * (pow(0.97, 3) - 1)) < 1e-12)
    let gap = try YearlySeries(
      name: "Hunan energy_intensity_change", years: [2016, 2017, 2018, 2020],
      values: [-5.34, -5.24, -5.12, -1.98])
    #expect {
      try EnergyIntensityChange.cumulativeChange(baseYear: 2017, observed: gap, path: path)
    } throws: { error in
      "\(error)".contains("Hunan") && "\(error)".contains("2019")
    }
  }

  @Test func rejectsBadInput() throws {
    let empty = try YearlySeries(name: "CZT energy_intensity_change", years: [], values: [])
    #expect {
      try EnergyIntensityChange().fit(empty)
    } throws: { error in
      "\(error)".contains("CZT energy_intensity_change") && "\(error)".contains("add data")
    }
    let change = try YearlySeries(
      name: "E", years: Array(2010...2017), values: [-4, -3.5, -3.8, -4.1, -3, -3.2, -2.9, -150])
    #expect {
      try EnergyIntensityChange().fit(change)
    } throws: { error in
      "\(error)".contains("−100")
    }
    let fine = try YearlySeries(
      name: "E", years: Array(2010...2017), values: [-4, -3.5, -3.8, -4.1, -3, -3.2, -2.9, -3])
    let growth = try YearlySeries(name: "G", years: [2016, 2017], values: [8, 7])
    #expect {
      try EnergyIntensityChange(
        growth: .init(series: growth, future: .scenario([7]))
      ).fit(fine)
    } throws: { error in
      "\(error)".contains("GDP growth") && "\(error)".contains("2 have both")
    }
    let longGrowth = try YearlySeries(
      name: "G", years: Array(2010...2017), values: [10, 9, 9.5, 8, 8, 7.5, 7, 7])
    #expect(throws: ForecastError.self) {
      try EnergyIntensityChange(growth: .init(series: longGrowth, future: .scenario([]))).fit(fine)
    }
  }

  /// The CZT series (Hunan where published, else China, 2006–2024) with a trend and a 2020
  /// pulse, and the T07 question: the change of 2025 against 2019.
  @Test func cztProxySeries() throws {
    let series = try CZTData.series(area: "CZT", indicator: "energy_intensity_change")
    #expect(series.years.first == 2006 && series.years.last == 2024 && series.isContiguous)
    let fit = try EnergyIntensityChange(trend: true, pulseYears: [2020]).fitted(series)
    for p in fit.parameters {
      print(
        "CZT energy intensity (proxy): \(p.name) = \(p.estimate) (se \(p.standardError ?? .nan))")
    }
    let t07 = try fit.cumulativeForecast(baseYear: 2019, horizon: 1, paths: 4000, seed: 1)
    let p = t07.points.last!
    print(
      "CZT energy intensity 2025 vs 2019: median \(p.median) %, 80% [\(p.lo80), \(p.hi80)], "
        + "95% [\(p.lo95), \(p.hi95)]")
    #expect(p.year == 2025)
    #expect(p.lo95.isFinite && p.hi95.isFinite && p.lo95 < p.median && p.median < p.hi95)
    #expect(p.median < 0)
  }
}
