import PlanCastNumerics

/// The benchmark forecasts: naive (random walk, `y_{t+h} = y_t`) and drift (random walk with
/// drift, `y_{t+h} = y_t + h·c`, `c` the mean yearly change). Estimated on the changes between
/// consecutive observed years. Intervals are exact under Gaussian changes: Student t with the
/// changes' degrees of freedom, and for drift the estimation variance `h²·σ²/m` of `h·ĉ`.
public struct RandomWalk: ForecastModel {
  /// Whether the walk has a drift.
  public var drift: Bool

  public init(drift: Bool) {
    self.drift = drift
  }

  public var name: String { drift ? "drift" : "naive" }

  public func fit(_ series: YearlySeries) throws -> any FittedModel {
    try FittedRandomWalk(spec: self, series: series)
  }
}

/// A fitted ``RandomWalk``.
public struct FittedRandomWalk: FittedModel {
  public let spec: RandomWalk
  public let series: YearlySeries
  /// Mean change per year (0 for naive).
  public let driftEstimate: Double
  /// Standard deviation of yearly changes around the drift.
  public let sigma: Double
  /// Number of yearly changes used.
  public let changes: Int

  init(spec: RandomWalk, series: YearlySeries) throws {
    var differences: [Double] = []
    for k in series.years.indices.dropFirst() where series.years[k] == series.years[k - 1] + 1 {
      differences.append(series.values[k] - series.values[k - 1])
    }
    let need = spec.drift ? 2 : 1
    guard differences.count >= need else {
      throw ForecastError.tooFewObservations(
        series: series.name, model: spec.name, have: differences.count + 1, need: need + 1)
    }
    let m = Double(differences.count)
    let c = spec.drift ? differences.reduce(0, +) / m : 0
    let dof = differences.count - (spec.drift ? 1 : 0)
    let ss = differences.reduce(0) { $0 + ($1 - c) * ($1 - c) }
    self.spec = spec
    self.series = series
    driftEstimate = c
    sigma = (ss / Double(dof)).squareRoot()
    changes = differences.count
  }

  public var name: String { spec.name }
  var degreesOfFreedom: Int { changes - (spec.drift ? 1 : 0) }

  public var parameters: [ParameterEstimate] {
    spec.drift
      ? [
        ParameterEstimate(
          name: "drift", estimate: driftEstimate,
          standardError: sigma / Double(changes).squareRoot())
      ] : []
  }

  public var aicc: Double {
    let n = Double(changes)
    let k = Double(spec.drift ? 2 : 1)
    let variance = sigma * sigma * Double(degreesOfFreedom) / n
    guard variance > 0 else { return -.infinity }
    let logLikelihood = -n / 2 * (log(2 * Double.pi * variance) + 1)
    return -2 * logLikelihood + 2 * k + 2 * k * (k + 1) / Swift.max(1, n - k - 1)
  }

  public var innovationStandardDeviation: Double { sigma }

  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    // σ² drawn from its scaled inverse-χ² posterior (χ² as 2·Gamma(ν/2): exact, about two words
    // of the stream), then the drift from its normal given σ.
    let nu = Double(degreesOfFreedom)
    let ratio = (nu / generator.nextGammaChiSquared(degreesOfFreedom: nu)).squareRoot()
    let s = sigma * ratio
    let c =
      spec.drift
      ? driftEstimate + s / Double(changes).squareRoot() * generator.nextZigguratNormal() : 0
    var level = series.values.last!
    for h in 0..<innovations.count {
      level += c + s * innovations[h]
      path[h] = level
    }
  }

  /// Exact Student-t intervals: variance `σ²·(h + h²/m)` with drift, `σ²·h` without.
  public func forecast(horizon: Int, paths: Int = 0, seed: UInt64 = 0) -> Forecast {
    guard let t = try? StudentT(degreesOfFreedom: Double(degreesOfFreedom)) else {
      return Forecast(model: name, points: [])
    }
    let q80 = t.quantile(0.9)
    let q95 = t.quantile(0.975)
    let last = series.values.last!
    let points = (0..<horizon).map { k -> Forecast.Point in
      let h = Double(k + 1)
      let mean = last + h * driftEstimate
      let se = sigma * (h + (spec.drift ? h * h / Double(changes) : 0)).squareRoot()
      return Forecast.Point(
        year: series.lastYear! + k + 1, mean: mean, median: mean, lo80: mean - q80 * se,
        hi80: mean + q80 * se, lo95: mean - q95 * se, hi95: mean + q95 * se)
    }
    return Forecast(model: name, points: points)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
