import PlanCastNumerics

/// Bounded shares with a constant urban–rural growth difference, the form of the UN World
/// Urbanization Prospects: `logit(s_t / scale) = a + b·(t − T) + ε_t`, `ε_t ~ N(0, σ²)`,
/// fitted by least squares on whatever years are observed (census years and a few bulletins
/// are enough). `b` is the urban–rural growth difference. Forecasts are exact on the logit
/// scale (Student t with the residual degrees of freedom) and mapped back, so they stay inside
/// (0, scale).
public struct LogitLinearTrend: ForecastModel {
  /// The value that stands for a share of 1: 100 for percentages.
  public var scale: Double

  public init(scale: Double = 100) {
    self.scale = scale
  }

  public var name: String { "logit-linear" }

  public func fit(_ series: YearlySeries) throws -> any FittedModel {
    try FittedLogitLinearTrend(spec: self, series: series)
  }
}

/// A fitted ``LogitLinearTrend``.
public struct FittedLogitLinearTrend: RegressionBackedModel {
  public let spec: LogitLinearTrend
  public let series: YearlySeries
  public let regression: RegressionResult
  let uncertainty: LinearModelUncertainty

  init(spec: LogitLinearTrend, series: YearlySeries) throws {
    guard spec.scale > 0, spec.scale.isFinite else {
      throw ForecastError.invalidOption("the share scale must be positive, e.g. 100 for percent")
    }
    guard series.count >= 3 else {
      throw ForecastError.tooFewObservations(
        series: series.name, model: spec.name, have: series.count, need: 3)
    }
    if let bad = series.values.firstIndex(where: { $0 <= 0 || $0 >= spec.scale }) {
      throw ForecastError.outOfDomain(
        series: series.name, model: spec.name,
        "the value for \(series.years[bad]) is \(series.values[bad]), outside the open interval "
          + "(0, \(spec.scale)) a share must lie in")
    }
    let reference = series.lastYear!
    let design = try Matrix(columns: [
      [Double](repeating: 1, count: series.count), series.years.map { Double($0 - reference) },
    ])
    let response = series.values.map { Self.logit($0 / spec.scale) }
    regression = try LinearRegression.fit(
      RegressionData(
        response: response, design: design, names: ["logit level", "logit slope"],
        hasIntercept: true))
    self.spec = spec
    self.series = series
    uncertainty = LinearModelUncertainty(regression)
  }

  public var name: String { spec.name }

  static func logit(_ p: Double) -> Double { log(p / (1 - p)) }
  static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: uncertainty.estimates.count) { beta in
      let sigma = uncertainty.draw(generator: &generator, into: beta)
      for h in 0..<innovations.count {
        let x = beta[0] + beta[1] * Double(h + 1) + sigma * innovations[h]
        path[h] = spec.scale * Self.logistic(x)
      }
    }
  }

  /// The exact forecast: Student-t on the logit scale, mapped back (the mean by the median of
  /// the logit-normal approximation corrected to second order).
  public func forecast(horizon: Int, paths: Int = 0, seed: UInt64 = 0) -> Forecast {
    let reference = series.lastYear!
    let steps = (0..<horizon).map { Double($0 + 1) }
    guard
      let design = try? Matrix(columns: [[Double](repeating: 1, count: horizon), steps]),
      let p80 = try? regression.predict(design, level: 0.8),
      let p95 = try? regression.predict(design, level: 0.95)
    else { return Forecast(model: name, points: []) }
    let points = (0..<horizon).map { k in
      let m = p95[k].mean
      let s = p95[k].observationStandardError
      let median = Self.logistic(m)
      // E[logistic(X)] ≈ logistic(m) + ½·s²·logistic''(m).
      let curvature = median * (1 - median) * (1 - 2 * median)
      return Forecast.Point(
        year: reference + k + 1, mean: spec.scale * (median + 0.5 * s * s * curvature),
        median: spec.scale * median,
        lo80: spec.scale * Self.logistic(p80[k].observationInterval.lowerBound),
        hi80: spec.scale * Self.logistic(p80[k].observationInterval.upperBound),
        lo95: spec.scale * Self.logistic(p95[k].observationInterval.lowerBound),
        hi95: spec.scale * Self.logistic(p95[k].observationInterval.upperBound))
    }
    return Forecast(model: name, points: points)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
