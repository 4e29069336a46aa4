import PlanCastNumerics

/// Nominal GDP as real growth × deflator growth:
///
///     N_{T+h} = N_T · Π_{j≤h} (1 + r_{T+j}/100)·(1 + d_{T+j}/100),
///
/// where `r` is the published real growth rate (%), modelled by ``realModel`` (an AR/trend model
/// on rates), and `d` the implied deflator growth (%),
/// `d_t = 100·((N_t/N_{t−1}) / (1 + r_t/100) − 1)`, computed in years where `N_t`, `N_{t−1}` and
/// `r_t` are all observed and `t` is not a break year of the nominal series (the 2019 census
/// re-basing: 2018 and 2019 levels are on different bases), and modelled by ``deflatorModel``.
///
/// The plan's GDP target is nominal (a level) and its growth target real, so the fit simulates
/// both: ``FittedNominalGDP/simulatePaths(innovations:generator:realGrowth:deflatorGrowth:nominal:)``.
/// It takes two innovations per future year (``FittedModel/innovationsPerYear`` = 2,
/// year-major: real, then deflator). The deflator innovation is correlated with the real one
/// by the correlation of the two models' residuals in common years (with at least 5 of them,
/// else 0), drawn per path on Fisher's z scale, `atanh ρ ~ N(atanh ρ̂, 1/(m − 3))`, so its
/// uncertainty is carried too.
public struct NominalGDP: ForecastModel {
  /// Published real growth in %, for the same area.
  public var realGrowth: YearlySeries
  /// The model of real growth (its input is taken as rates).
  public var realModel: GrowthAutoregression
  /// The model of implied deflator growth (its input is taken as rates).
  public var deflatorModel: GrowthAutoregression
  /// Years from which the nominal level is on a new basis (no deflator growth into them).
  public var breakYears: [Int]
  /// Correlate real and deflator innovations by their residual correlation.
  public var correlated: Bool

  public init(
    realGrowth: YearlySeries,
    realModel: GrowthAutoregression = GrowthAutoregression(input: .rates, order: 1),
    deflatorModel: GrowthAutoregression = GrowthAutoregression(input: .rates, order: 0),
    breakYears: [Int] = [], correlated: Bool = true
  ) {
    self.realGrowth = realGrowth
    self.realModel = realModel
    self.deflatorModel = deflatorModel
    self.breakYears = breakYears
    self.correlated = correlated
    self.realModel.input = .rates
    self.deflatorModel.input = .rates
  }

  public var name: String { "nominal[real \(realModel.name) × deflator \(deflatorModel.name)]" }

  public func fit(_ series: YearlySeries) throws -> any FittedModel { try fitted(series) }

  /// Fits and returns the concrete type.
  /// Real growth after the last nominal observation is not used: a model fitted on data up to
  /// a year sees nothing later (backtests and `--as-of` views stay honest).
  public func fitted(_ nominal: YearlySeries) throws -> FittedNominalGDP {
    var spec = self
    if let last = nominal.lastYear { spec.realGrowth = realGrowth.through(last) }
    return try FittedNominalGDP(spec: spec, nominal: nominal)
  }

  /// The implied deflator growth (%) of `nominal` given real growth `real` (%).
  public static func impliedDeflatorGrowth(
    nominal: YearlySeries, realGrowth real: YearlySeries, breakYears: [Int] = []
  ) -> YearlySeries {
    let rates = Dictionary(uniqueKeysWithValues: zip(real.years, real.values))
    let breaks = Set(breakYears)
    var years: [Int] = []
    var values: [Double] = []
    for k in nominal.years.indices.dropFirst() {
      let year = nominal.years[k]
      guard nominal.years[k - 1] == year - 1, !breaks.contains(year), let r = rates[year],
        nominal.values[k - 1] > 0, r > -100
      else { continue }
      years.append(year)
      values.append(100 * (nominal.values[k] / nominal.values[k - 1] / (1 + r / 100) - 1))
    }
    return YearlySeries(unchecked: nominal.name + " implied deflator growth", years, values)
  }
}

/// A fitted ``NominalGDP``.
public struct FittedNominalGDP: FittedModel {
  public let spec: NominalGDP
  /// The nominal level series.
  public let series: YearlySeries
  public let real: FittedGrowthAutoregression
  public let deflator: FittedGrowthAutoregression
  /// Residual correlation of the two models (0 when not estimated).
  public let correlation: Double
  /// Common residual years behind ``correlation``.
  public let correlationYears: Int
  /// Fisher's `z = atanh(ρ)` and its standard error's denominator `√(years − 3)`, computed once
  /// for the per-path correlation draws.
  let fisherZ: Double
  let fisherDenominator: Double
  /// The components' last observed years (read on every path; reading them through ``real``
  /// and ``deflator`` would copy those models).
  let realLastYear: Int
  let deflatorLastYear: Int

  init(spec: NominalGDP, nominal: YearlySeries) throws {
    let model = spec.name
    guard nominal.count >= 2 else {
      throw ForecastError.tooFewObservations(
        series: nominal.name, model: model, have: nominal.count, need: 2)
    }
    if let bad = nominal.values.firstIndex(where: { $0 <= 0 }) {
      throw ForecastError.outOfDomain(
        series: nominal.name, model: model,
        "the value for \(nominal.years[bad]) is \(nominal.values[bad]), and nominal GDP must be positive"
      )
    }
    if let bad = spec.realGrowth.values.firstIndex(where: { $0 <= -100 }) {
      throw ForecastError.outOfDomain(
        series: spec.realGrowth.name, model: model,
        "the real growth rate for \(spec.realGrowth.years[bad]) is \(spec.realGrowth.values[bad]) %, "
          + "at or below −100 %; real growth must be given in % per year")
    }
    let last = nominal.lastYear!
    if let realLast = spec.realGrowth.lastYear, realLast > last {
      throw ForecastError.invalidSeries(
        spec.realGrowth.name,
        "real growth runs to \(realLast) but \(nominal.name) only to \(last); "
          + "cut the real growth series at \(last) (YearlySeries.through) or add the nominal level")
    }
    real = try spec.realModel.fitted(spec.realGrowth)
    let deflatorSeries = NominalGDP.impliedDeflatorGrowth(
      nominal: nominal, realGrowth: spec.realGrowth, breakYears: spec.breakYears)
    deflator = try spec.deflatorModel.fitted(deflatorSeries)
    let a = real.residualsByYear
    let b = deflator.residualsByYear
    let common = a.keys.filter { b[$0] != nil }.sorted()
    if spec.correlated && common.count >= 5 {
      // Kept inside ±0.99 so the simulated Fisher z stays finite.
      correlation = Swift.max(
        -0.99,
        Swift.min(0.99, Correlation.pearson(common.map { a[$0]! }, common.map { b[$0]! }) ?? 0))
      correlationYears = common.count
    } else {
      correlation = 0
      correlationYears = 0
    }
    realLastYear = real.series.lastYear!
    deflatorLastYear = deflator.series.lastYear!
    fisherZ = atanh(correlation)
    fisherDenominator = Double(Swift.max(1, correlationYears - 3)).squareRoot()
    self.spec = spec
    series = nominal
  }

  public var name: String { spec.name }
  public var innovationsPerYear: Int { 2 }

  public var parameters: [ParameterEstimate] {
    real.parameters.map { $0.prefixed("real") }
      + deflator.parameters.map { $0.prefixed("deflator") }
      + [
        ParameterEstimate(
          name: "correlation", estimate: correlation,
          standardError: correlationYears > 3
            ? (1 - correlation * correlation) / Double(correlationYears - 3).squareRoot() : nil)
      ]
  }

  /// The sum of the two components' AICc (a joint criterion ignoring their correlation).
  public var aicc: Double { real.aicc + deflator.aicc }

  /// Approximate standard deviation of one-year nominal growth innovations, in percentage
  /// points: `√(σ_r² + σ_d² + 2ρσ_rσ_d)`.
  public var innovationStandardDeviation: Double {
    let r = real.innovationStandardDeviation
    let d = deflator.innovationStandardDeviation
    return (r * r + d * d + 2 * correlation * r * d).squareRoot()
  }

  /// One joint path for the `nominal.count` years after the last nominal observation: real
  /// growth (%), deflator growth (%) and the nominal level. `innovations` holds
  /// 2 × horizon standard normals, year-major (real, deflator); if fewer are given, the
  /// missing ones are drawn from `generator`.
  public func simulatePaths(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    realGrowth: UnsafeMutableBufferPointer<Double>,
    deflatorGrowth: UnsafeMutableBufferPointer<Double>,
    nominal: UnsafeMutableBufferPointer<Double>
  ) {
    let horizon = nominal.count
    let last = series.lastYear!
    var rho = correlation
    if correlationYears > 3 {
      rho = tanh(fisherZ + generator.nextZigguratNormal() / fisherDenominator)
    }
    let complement = (1 - rho * rho).squareRoot()
    // Latent years between a component's last observation and the last nominal year draw
    // their innovations from the generator; future years use the given ones.
    let realGap = last - realLastYear
    let deflatorGap = last - deflatorLastYear
    let realCount = realGap + horizon
    let deflatorCount = deflatorGap + horizon
    // z (real, deflator), then the simulated growth (real, deflator), on the stack.
    let total = 2 * (realCount + deflatorCount)
    withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(1, total)) { buffer in
      let zr = UnsafeMutableBufferPointer(rebasing: buffer[0..<realCount])
      let zd = UnsafeMutableBufferPointer(
        rebasing: buffer[realCount..<(realCount + deflatorCount)])
      let r = UnsafeMutableBufferPointer(
        rebasing: buffer[(realCount + deflatorCount)..<(2 * realCount + deflatorCount)])
      let d = UnsafeMutableBufferPointer(rebasing: buffer[(2 * realCount + deflatorCount)..<total])
      for i in 0..<realGap { zr[i] = generator.nextZigguratNormal() }
      for i in 0..<deflatorGap { zd[i] = generator.nextZigguratNormal() }
      for h in 0..<horizon {
        let u = 2 * h < innovations.count ? innovations[2 * h] : generator.nextZigguratNormal()
        let v =
          2 * h + 1 < innovations.count ? innovations[2 * h + 1] : generator.nextZigguratNormal()
        zr[realGap + h] = u
        zd[deflatorGap + h] = rho * u + complement * v
      }
      real.simulateGrowth(innovations: UnsafeBufferPointer(zr), generator: &generator, into: r)
      deflator.simulateGrowth(
        innovations: UnsafeBufferPointer(zd), generator: &generator, into: d)
      var level = series.values.last!
      for h in 0..<horizon {
        let rh = r[realGap + h]
        let dh = d[deflatorGap + h]
        level *= (1 + rh / 100) * (1 + dh / 100)
        if h < realGrowth.count { realGrowth[h] = rh }
        if h < deflatorGrowth.count { deflatorGrowth[h] = dh }
        nominal[h] = level
      }
    }
  }

  /// Nominal levels; see ``simulatePaths(innovations:generator:realGrowth:deflatorGrowth:nominal:)``.
  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    // Only the nominal level is wanted: empty growth outputs.
    let none = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)
    simulatePaths(
      innovations: innovations, generator: &generator, realGrowth: none, deflatorGrowth: none,
      nominal: path)
  }

  /// Forecasts of the three simulated quantities, from the same paths.
  public struct Forecasts: Sendable, Equatable {
    public let nominal: Forecast
    public let realGrowth: Forecast
    public let deflatorGrowth: Forecast
  }

  /// Joint forecasts by simulating `paths` paths (path `k`: `Philox(seed:, stream: k)`).
  public func forecasts(horizon: Int, paths: Int = 5000, seed: UInt64 = 1) -> Forecasts {
    let results = SimulatedForecast.run(
      names: [name, "real growth " + real.name, "deflator growth " + deflator.name],
      lastYear: series.lastYear!, horizon: horizon, paths: paths, seed: seed, perYear: 2
    ) { innovations, generator, out in
      simulatePaths(
        innovations: innovations, generator: &generator,
        realGrowth: UnsafeMutableBufferPointer(rebasing: out[horizon..<(2 * horizon)]),
        deflatorGrowth: UnsafeMutableBufferPointer(rebasing: out[(2 * horizon)...]),
        nominal: UnsafeMutableBufferPointer(rebasing: out[0..<horizon]))
    }
    return Forecasts(nominal: results[0], realGrowth: results[1], deflatorGrowth: results[2])
  }

  /// The nominal level forecast.
  public func forecast(horizon: Int, paths: Int = 5000, seed: UInt64 = 1) -> Forecast {
    forecasts(horizon: horizon, paths: paths, seed: seed).nominal
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
