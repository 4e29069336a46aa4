import Foundation
import PlanCastForecasting
import PlanCastNumerics
import Testing

@Suite struct NominalGDPTests {
  /// Real growth AR(1) (φ = 0.5) slowing by 0.2 pp a year, deflator growth 2.5 % ± 1.5 with
  /// innovations correlated 0.4 with real growth; nominal levels from 1000.
  static func simulate(_ generator: inout Philox, years: Int, end n: Int) -> (
    real: [Double], deflator: [Double], nominal: [Double]
  ) {
    var real: [Double] = []
    var deflator: [Double] = []
    var nominal = [1000.0]
    var x = 8.0 + 0.2 * Double(n + 1) + generator.nextNormal() / 0.75.squareRoot()
    for t in 0..<years {
      let u = generator.nextNormal()
      let v = 0.4 * u + (1 - 0.16).squareRoot() * generator.nextNormal()
      let mean = 8.0 - 0.2 * Double(t - n)
      x = mean + 0.5 * (x - (mean + 0.2)) + u
      let d = 2.5 + 1.5 * v
      real.append(x)
      deflator.append(d)
      nominal.append(nominal.last! * (1 + x / 100) * (1 + d / 100))
    }
    return (real, deflator, nominal)
  }

  static func spec(_ real: YearlySeries) -> NominalGDP {
    NominalGDP(
      realGrowth: real,
      realModel: GrowthAutoregression(input: .rates, order: 1, trend: true),
      deflatorModel: GrowthAutoregression(input: .rates, order: 0))
  }

  @Test func impliedDeflatorSkipsBreaksAndGaps() throws {
    let nominal = try YearlySeries(
      name: "N", years: [2015, 2016, 2017, 2018, 2019, 2020, 2021],
      values: [100, 110, 121, 133.1, 160, 168, 184.8])
    let real = try YearlySeries(
      name: "r", years: [2016, 2017, 2019, 2020, 2021], values: [5, 5, 6, 2, 8])
    let d = NominalGDP.impliedDeflatorGrowth(nominal: nominal, realGrowth: real, breakYears: [2019])
    #expect(d.years == [2016, 2017, 2020, 2021])
    #expect(abs(d.values[0] - 100 * (1.1 / 1.05 - 1)) < 1e-12)
    #expect(abs(d.values[2] - 100 * (1.05 / 1.02 - 1)) < 1e-12)
  }

  /// 2,000 series of 18 years, horizon 5: nominal-level and real-growth intervals reach nominal
  /// coverage ±3 pp.
  @Test func intervalsReachNominalCoverage() throws {
    var nominalStudy = CoverageStudy()
    var realStudy = CoverageStudy()
    for k in 0..<2000 {
      var generator = Philox(seed: 404, stream: UInt64(k))
      let (real, _, nominal) = Self.simulate(&generator, years: 23, end: 18)
      let realSeries = try YearlySeries(
        name: "r\(k)", years: Array(2001...2018), values: Array(real.prefix(18)))
      let nominalSeries = try YearlySeries(
        name: "n\(k)", years: Array(2000...2018), values: Array(nominal.prefix(19)))
      let fit = try Self.spec(realSeries).fitted(nominalSeries)
      let forecasts = fit.forecasts(horizon: 5, paths: 500, seed: UInt64(k))
      nominalStudy.record(forecasts.nominal, actual: Array(nominal.suffix(5)))
      realStudy.record(forecasts.realGrowth, actual: Array(real.suffix(5)))
    }
    print(
      "nominal GDP coverage: 80% → \(nominalStudy.coverage80), 95% → \(nominalStudy.coverage95); "
        + "real growth: 80% → \(realStudy.coverage80), 95% → \(realStudy.coverage95)")
    #expect(abs(nominalStudy.coverage80 - 0.80) <= 0.03)
    #expect(abs(nominalStudy.coverage95 - 0.95) <= 0.03)
    #expect(abs(realStudy.coverage80 - 0.80) <= 0.03)
    #expect(abs(realStudy.coverage95 - 0.95) <= 0.03)
  }

  @Test func takesTwoInnovationsPerYearAndUsesThem() throws {
    var generator = Philox(seed: 8)
    let (real, _, nominal) = Self.simulate(&generator, years: 18, end: 18)
    let fit = try Self.spec(
      YearlySeries(name: "r", years: Array(2004...2021), values: real)
    ).fitted(YearlySeries(name: "n", years: Array(2003...2021), values: nominal))
    #expect(fit.innovationsPerYear == 2)
    #expect(abs(fit.correlation) < 1 && fit.correlationYears == 17)
    // Raising the deflator innovations raises nominal but leaves real growth unchanged.
    func run(_ z: [Double]) -> (real: [Double], nominal: [Double]) {
      var g = Philox(seed: 1, stream: 2)
      var r = [Double](repeating: 0, count: 3)
      var d = [Double](repeating: 0, count: 3)
      var n = [Double](repeating: 0, count: 3)
      z.withUnsafeBufferPointer { zb in
        r.withUnsafeMutableBufferPointer { rb in
          d.withUnsafeMutableBufferPointer { db in
            n.withUnsafeMutableBufferPointer {
              fit.simulatePaths(
                innovations: zb, generator: &g, realGrowth: rb, deflatorGrowth: db, nominal: $0)
            }
          }
        }
      }
      return (r, n)
    }
    let low = run([0, -1, 0, -1, 0, -1])
    let high = run([0, 1, 0, 1, 0, 1])
    #expect(low.real == high.real)
    #expect(zip(low.nominal, high.nominal).allSatisfy { $0 < $1 })
    // Starts from the last level.
    #expect(abs(low.nominal[0] / nominal.last! - 1) < 0.3)
  }

  @Test func rejectsBadInput() throws {
    let real = try YearlySeries(
      name: "Xiangtan gdp_real_growth", years: Array(2010...2021),
      values: [15, 14, 12, 12, 10, 9, 8, 8, 7.5, 7, 3.8, 7.8])
    let empty = try YearlySeries(name: "Xiangtan gdp_nominal", years: [], values: [])
    #expect {
      try NominalGDP(realGrowth: real).fit(empty)
    } throws: { error in
      "\(error)".contains("Xiangtan gdp_nominal")
    }
    let negative = try YearlySeries(
      name: "Xiangtan gdp_nominal", years: Array(2010...2021),
      values: [1, 2, 3, 4, 5, 6, 0, 8, 9, 10, 11, 12])
    #expect {
      try NominalGDP(realGrowth: real).fit(negative)
    } throws: { error in
      "\(error)".contains("Xiangtan gdp_nominal") && "\(error)".contains("positive")
    }
    // Nominal levels ending before the real growth series: later real growth is not used
    // (a model fitted on data up to a year sees nothing after it).
    let nominal = try YearlySeries(
      name: "Xiangtan gdp_nominal", years: Array(2010...2019),
      values: [894, 1124, 1282, 1443, 1570, 1703, 1866, 2005, 2161, 2257])
    #expect(try NominalGDP(realGrowth: real).fitted(nominal).real.series.lastYear == 2019)
    // Too few deflator years: the error names the implied deflator series.
    let shortReal = try YearlySeries(name: "r", years: [2018, 2019], values: [8, 7])
    #expect {
      try NominalGDP(realGrowth: shortReal).fit(nominal)
    } throws: { error in
      "\(error)".contains("r") && "\(error)".contains("at least")
    }
  }

  /// Changsha: real growth AR(1)+trend+pulse 2020, deflator AR(0) on 2003–2021 without the
  /// 2019 census break; the 2025 nominal forecast is finite and above the 2021 level.
  @Test func changshaNominalGDP() throws {
    let nominal = try CZTData.series(area: "Changsha", indicator: "gdp_nominal")
    let real = try CZTData.series(area: "Changsha", indicator: "gdp_real_growth")
    let fit = try NominalGDP(
      realGrowth: real,
      realModel: GrowthAutoregression(input: .rates, order: 1, trend: true, pulseYears: [2020]),
      deflatorModel: GrowthAutoregression(input: .rates, order: 0, pulseYears: [2020]),
      breakYears: [2019]
    ).fitted(nominal)
    for p in fit.parameters {
      print("Changsha nominal GDP: \(p.name) = \(p.estimate) (se \(p.standardError ?? .nan))")
    }
    #expect(!fit.deflator.growth.years.contains(2019))
    #expect(fit.deflator.growth.years.contains(2020))
    let f = fit.forecasts(horizon: 4, paths: 4000, seed: 1)
    for (n, r) in zip(f.nominal.points, f.realGrowth.points) {
      print(
        "  \(n.year): nominal median \(n.median) 80% [\(n.lo80), \(n.hi80)]; real growth median \(r.median) 80% [\(r.lo80), \(r.hi80)]"
      )
    }
    #expect(f.nominal.points.allSatisfy { $0.lo95.isFinite && $0.hi95.isFinite && $0.lo95 > 0 })
    #expect(f.nominal.points.last!.median > 13270.7)
  }
}
