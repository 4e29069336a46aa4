import PlanCastNumerics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Damped-trend exponential smoothing ETS(A,Ad,N) on the logs of a positive series (Hyndman,
/// Koehler, Ord & Snyder 2008, *Forecasting with Exponential Smoothing*; Gardner & McKenzie
/// 1985), see ``LocalTrendProfile`` for the equations.
///
/// **Estimation.** Maximum likelihood with the concentrated Gaussian likelihood (σ² profiled out,
/// as in R's `forecast::ets` and statsmodels' `ETSModel`), under the `forecast::ets` bounds
/// `α ∈ [1e−4, 0.9999]`, `β/α ∈ [1e−4, 0.9999]`, `φ ∈ [0.8, 0.98]`. The initial level and trend
/// are profiled out exactly by least squares for each `(α, β, φ)` and the smoothing parameters
/// found by bounded ``NelderMead`` started from the best point of the posterior grid.
///
/// **Predictive distribution.** On the log scale, the mixture over the posterior grid of the
/// smoothing parameters of exact Student-t predictive distributions (``SmoothingPosterior``):
/// it carries the ETS class-1 variance `σ²(1 + Σ_{j<h}(α+βφ_j)²)`, the estimation error of the
/// initial states and of `σ²` (t with `n − 2` df) and of `(α, β, φ)`. Values are `exp` of the
/// log-scale quantiles; the mean uses the log-normal approximation (the median when that
/// overflows a Double, which only absurdly wide predictive distributions do).
///
/// **Minimum length**: 10 consecutive years (the `forecast::ets` rule `n > #parameters + 4`, with
/// 5 parameters α, β, φ, ℓ₀, b₀).
public struct DampedTrendETS: ForecastModel {
  /// Posterior grid resolution per smoothing parameter (α, β/α, φ).
  public var gridSize: (alpha: Int, betaRatio: Int, phi: Int)

  public init(gridSize: (alpha: Int, betaRatio: Int, phi: Int) = (10, 5, 4)) {
    self.gridSize = gridSize
  }

  public var name: String { "damped" }

  /// The smallest number of observations accepted.
  public static let minimumObservations = 10
  /// Parameter bounds, as `forecast::ets` and statsmodels' `ETSModel`.
  public static let alphaBounds = (lower: 1e-4, upper: 0.9999)
  public static let betaRatioBounds = (lower: 1e-4, upper: 0.9999)
  public static let phiBounds = (lower: 0.8, upper: 0.98)

  public func fit(_ series: YearlySeries) throws -> any FittedModel {
    try FittedDampedTrendETS(spec: self, series: series)
  }

  /// Checks length, consecutive years and positivity, and returns the logs.
  static func logValues(_ series: YearlySeries, model: String, minimum: Int) throws -> [Double] {
    guard series.count >= minimum else {
      throw ForecastError.tooFewObservations(
        series: series.name, model: model, have: series.count, need: minimum)
    }
    guard series.isContiguous else {
      throw ForecastError.invalidSeries(
        series.name,
        "\(model) needs consecutive years, and the series has gaps between \(series.years.first!) "
          + "and \(series.years.last!); fill the missing years or use the loglinear model")
    }
    if let bad = series.values.firstIndex(where: { $0 <= 0 }) {
      throw ForecastError.outOfDomain(
        series: series.name, model: model,
        "the value for \(series.years[bad]) is \(series.values[bad]), and logs need positive values"
      )
    }
    return series.values.map { log($0) }
  }

  /// The posterior grid: midpoints over α ∈ (0, 1), β/α ∈ (0, 1) and φ ∈ [0.8, 0.98].
  var grid: [SmoothingParameters] {
    var points: [SmoothingParameters] = []
    for a in SmoothingPosterior.midpoints(0, 1, count: gridSize.alpha) {
      for r in SmoothingPosterior.midpoints(0, 1, count: gridSize.betaRatio) {
        for phi in SmoothingPosterior.midpoints(
          Self.phiBounds.lower, Self.phiBounds.upper, count: gridSize.phi)
        {
          points.append(SmoothingParameters(alpha: a, beta: a * r, phi: phi))
        }
      }
    }
    return points
  }

  /// Maximum-likelihood smoothing parameters and profile for working-scale data `y`, starting
  /// the search from `start` (α, β/α, φ).
  static func maximumLikelihood(_ y: [Double], start: [Double]) -> LocalTrendProfile? {
    let optimizer = NelderMead(
      lower: [alphaBounds.lower, betaRatioBounds.lower, phiBounds.lower],
      upper: [alphaBounds.upper, betaRatioBounds.upper, phiBounds.upper])
    func parameters(_ v: [Double]) -> SmoothingParameters {
      SmoothingParameters(alpha: v[0], beta: v[0] * v[1], phi: v[2])
    }
    let result = optimizer.minimize(start: start) { v in
      guard let p = LocalTrendProfile(y, parameters: parameters(v)) else { return .infinity }
      return log(p.sse)
    }
    return LocalTrendProfile(y, parameters: parameters(result.point))
  }
}

/// A fitted ``DampedTrendETS``.
public struct FittedDampedTrendETS: FittedModel {
  public let spec: DampedTrendETS
  public let series: YearlySeries
  /// Maximum-likelihood fit on the log scale (levels relative to `offset`).
  let estimate: LocalTrendProfile
  let posterior: SmoothingPosterior
  /// The first log value, subtracted before fitting for conditioning.
  let offset: Double

  init(spec: DampedTrendETS, series: YearlySeries) throws {
    let model = spec.name
    let logs = try DampedTrendETS.logValues(
      series, model: model, minimum: DampedTrendETS.minimumObservations)
    offset = logs[0]
    let y = logs.map { $0 - logs[0] }
    guard let posterior = SmoothingPosterior(y, grid: spec.grid) else {
      throw ForecastError.estimationFailed(
        series: series.name, model: model,
        "the series is constant or exactly fitted on the log scale, so the innovation variance is 0"
      )
    }
    let best = posterior.components.max {
      $0.profile.logLikelihood < $1.profile.logLikelihood
    }!.profile.parameters
    let start = [best.alpha, best.beta / best.alpha, best.phi]
    guard let estimate = DampedTrendETS.maximumLikelihood(y, start: start), estimate.sse > 0
    else {
      throw ForecastError.estimationFailed(
        series: series.name, model: model, "the likelihood could not be maximised")
    }
    self.spec = spec
    self.series = series
    self.posterior = posterior
    self.estimate = estimate
  }

  public var name: String { spec.name }

  /// Maximum-likelihood smoothing parameters.
  public var smoothing: SmoothingParameters { estimate.parameters }
  /// Maximum-likelihood initial level (log scale) and trend.
  public var initialLevel: Double { estimate.initialLevel + offset }
  public var initialTrend: Double { estimate.initialTrend }
  /// Maximised concentrated log-likelihood of the logs.
  public var logLikelihood: Double { estimate.logLikelihood }

  /// Estimates; for α, β, φ the "standard error" is the posterior standard deviation on the
  /// grid, for ℓ₀ and b₀ the conditional standard error at the ML smoothing parameters.
  public var parameters: [ParameterEstimate] {
    let p = smoothing
    let s2 = estimate.residualVariance
    return [
      ParameterEstimate(
        name: "alpha", estimate: p.alpha, standardError: posterior.moments(\.alpha).sd),
      ParameterEstimate(
        name: "beta", estimate: p.beta, standardError: posterior.moments(\.beta).sd),
      ParameterEstimate(name: "phi", estimate: p.phi, standardError: posterior.moments(\.phi).sd),
      ParameterEstimate(
        name: "level0", estimate: initialLevel,
        standardError: (s2 * estimate.inverseGram[0]).squareRoot()),
      ParameterEstimate(
        name: "trend0", estimate: initialTrend,
        standardError: (s2 * estimate.inverseGram[3]).squareRoot()),
    ]
  }

  /// AICc of the log series with 5 parameters (α, β, φ, ℓ₀, b₀; σ² not counted, as
  /// ``RegressionResult/aicc`` counts coefficients only), so it compares with the log-linear
  /// trend's.
  public var aicc: Double {
    let k = 5.0
    let n = Double(series.count)
    return -2 * logLikelihood + 2 * k + 2 * k * (k + 1) / (n - k - 1)
  }

  /// `√(SSE/(n − 5))` at the ML estimates, on the log scale.
  public var innovationStandardDeviation: Double {
    (estimate.sse / Double(series.count - 5)).squareRoot()
  }

  /// The maximum-likelihood point forecasts `exp(ℓ_n + φ_h b_n)` (the conditional median).
  public func pointForecast(horizon: Int) -> [Double] {
    (0..<horizon).map { exp(estimate.location($0 + 1) + offset) }
  }

  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    posterior.simulate(innovations: innovations, generator: &generator, into: path)
    for h in 0..<innovations.count { path[h] = exp(path[h] + offset) }
  }

  /// The predictive distribution computed from the t mixture (no simulation; `paths` and `seed`
  /// are ignored).
  public func forecast(horizon: Int, paths: Int = 0, seed: UInt64 = 0) -> Forecast {
    let last = series.lastYear!
    let points = (0..<Swift.max(0, horizon)).map { k -> Forecast.Point in
      let q = posterior.quantiles([0.5, 0.1, 0.9, 0.025, 0.975], horizon: k + 1).map {
        exp($0 + offset)
      }
      let mean = posterior.exponentialMean(horizon: k + 1) * exp(offset)
      return Forecast.Point(
        year: last + k + 1, mean: mean.isFinite ? mean : q[0], median: q[0], lo80: q[1], hi80: q[2],
        lo95: q[3], hi95: q[4])
    }
    return Forecast(model: name, points: points)
  }

  /// Predictive probability that the value in year `last + horizon` is at most `value`.
  public func predictiveCDF(_ value: Double, horizon: Int) -> Double {
    guard value > 0 else { return 0 }
    return posterior.cdf(log(value) - offset, horizon: horizon)
  }
}
