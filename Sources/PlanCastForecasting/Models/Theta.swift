import PlanCastNumerics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Theta method (Assimakopoulos & Nikolopoulos 2000) for yearly data (no seasonal
/// adjustment), in the form of Hyndman & Billah (2003), "Unmasking the Theta method", IJF 19:
/// simple exponential smoothing with drift,
///
///     ŷ_{n+h} = ℓ̃_n + (b₀/2)·[h − 1 + 1/α − (1−α)ⁿ/α],
///
/// where `ℓ̃_n` is the SES level (started at `ℓ̃₀ = y₁`, α by least squares as statsmodels'
/// `ThetaModel` does) and `b₀` the OLS slope of the series on time. This is SES with drift
/// `b₀/2` started at `ℓ₀ = y₁ − b₀/2`.
///
/// **Drift.** ``Drift/halfTrendSlope`` is the standard method above (default; it matches
/// statsmodels' `ThetaModel(deseasonalize=False).fit()` forecasts). ``Drift/maximumLikelihood``
/// is Hyndman & Billah's state-space reading: SES with drift with α, ℓ₀ and the drift estimated
/// by maximum likelihood, which projects the full historical drift.
///
/// **Scale.** ``Scale/original`` (default, the standard method and the M3 benchmark form) or
/// ``Scale/log`` (positive series; forecasts are `exp` of the log-scale forecasts, i.e. growth is
/// extrapolated).
///
/// **Intervals.** The SES-with-drift state-space model, `y_t = ℓ_{t−1} + b + ε_t`,
/// `ℓ_t = ℓ_{t−1} + b + αε_t`, with variance `σ²(1 + (h−1)α²)` plus the estimation error of `ℓ₀`
/// and `b` (exact t with `n − 2` df given α) and of α (posterior over a grid of α), see
/// ``SmoothingPosterior``. For the standard method each α's t distribution is centred on the
/// Theta forecast at that α.
///
/// **Minimum length**: 6 consecutive years (α, ℓ₀, b and σ with at least 4 residual df).
public struct Theta: ForecastModel {
  public enum Drift: Sendable, Equatable {
    /// Half the OLS trend slope: the standard Theta method.
    case halfTrendSlope
    /// SES with drift by maximum likelihood (Hyndman & Billah 2003, §4).
    case maximumLikelihood
  }

  public enum Scale: Sendable, Equatable {
    case original
    case log
  }

  public var drift: Drift
  public var scale: Scale
  /// Number of α grid cells for the posterior.
  public var gridSize: Int

  public init(drift: Drift = .halfTrendSlope, scale: Scale = .original, gridSize: Int = 40) {
    self.drift = drift
    self.scale = scale
    self.gridSize = gridSize
  }

  public var name: String {
    (drift == .halfTrendSlope ? "theta" : "theta-ml") + (scale == .log ? "(log)" : "")
  }

  public static let minimumObservations = 6
  /// α bounds (those of statsmodels' exponential smoothing).
  public static let alphaBounds = (lower: 1e-4, upper: 0.9999)

  public func fit(_ series: YearlySeries) throws -> any FittedModel {
    try FittedTheta(spec: self, series: series)
  }

  /// OLS slope of `y` on `0, 1, …, n−1`.
  public static func trendSlope(_ y: [Double]) -> Double {
    let n = Double(y.count)
    let tBar = (n - 1) / 2
    let yBar = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    for (t, v) in y.enumerated() {
      sxy += (Double(t) - tBar) * (v - yBar)
      sxx += (Double(t) - tBar) * (Double(t) - tBar)
    }
    return sxy / sxx
  }

  /// SES started at `ℓ̃₀ = y₁`: the sum of squared one-step errors and the final level.
  public static func simpleExponentialSmoothing(_ y: [Double], alpha: Double) -> (
    sse: Double, level: Double
  ) {
    var level = y[0]
    var sse = 0.0
    for v in y {
      let e = v - level
      sse += e * e
      level += alpha * e
    }
    return (sse, level)
  }

  /// The least-squares SES α (equivalently the Gaussian ML α with the level started at `y₁`).
  public static func sesAlpha(_ y: [Double]) -> Double {
    let grid = SmoothingPosterior.midpoints(alphaBounds.lower, alphaBounds.upper, count: 50)
    let start = grid.min {
      simpleExponentialSmoothing(y, alpha: $0).sse < simpleExponentialSmoothing(y, alpha: $1).sse
    }!
    let optimizer = NelderMead(lower: [alphaBounds.lower], upper: [alphaBounds.upper])
    return optimizer.minimize(start: [start]) { simpleExponentialSmoothing(y, alpha: $0[0]).sse }
      .point[0]
  }

  /// Standard Theta forecasts of `y` (working scale) for `1…horizon` at a given α.
  public static func forecast(_ y: [Double], alpha: Double, horizon: Int) -> [Double] {
    let b0 = trendSlope(y)
    let level = simpleExponentialSmoothing(y, alpha: alpha).level
    let n = Double(y.count)
    let tail = 1 / alpha - pow(1 - alpha, n) / alpha
    return (0..<horizon).map { level + 0.5 * b0 * (Double($0) + tail) }
  }
}

/// A fitted ``Theta``.
public struct FittedTheta: FittedModel {
  public let spec: Theta
  public let series: YearlySeries
  /// The smoothing parameter used for the point forecast.
  public let alpha: Double
  /// Drift per year used for the point forecast (`b₀/2` or the ML drift), working scale.
  public let drift: Double
  /// OLS trend slope `b₀` on the working scale.
  public let trendSlope: Double
  let posterior: SmoothingPosterior
  /// The SES-with-drift profile at `alpha` (ML fit for the ML variant).
  let profile: LocalTrendProfile
  let offset: Double
  /// Working-scale values relative to `offset`.
  let y: [Double]

  init(spec: Theta, series: YearlySeries) throws {
    let model = spec.name
    let working: [Double]
    if spec.scale == .log {
      working = try DampedTrendETS.logValues(
        series, model: model, minimum: Theta.minimumObservations)
    } else {
      guard series.count >= Theta.minimumObservations else {
        throw ForecastError.tooFewObservations(
          series: series.name, model: model, have: series.count, need: Theta.minimumObservations)
      }
      guard series.isContiguous else {
        throw ForecastError.invalidSeries(
          series.name,
          "\(model) needs consecutive years, and the series has gaps; fill the missing years or "
            + "use the loglinear model")
      }
      working = series.values
    }
    offset = working[0]
    let y = working.map { $0 - working[0] }
    self.y = y
    let grid = SmoothingPosterior.midpoints(0, 1, count: spec.gridSize).map {
      SmoothingParameters(alpha: $0, beta: 0, phi: 1)
    }
    let failure = ForecastError.estimationFailed(
      series: series.name, model: model,
      "the series lies exactly on a line or is constant, so the innovation variance is 0")
    guard let posterior = SmoothingPosterior(y, grid: grid) else { throw failure }
    self.posterior = posterior
    trendSlope = Theta.trendSlope(y)
    switch spec.drift {
    case .halfTrendSlope:
      alpha = Theta.sesAlpha(y)
      drift = trendSlope / 2
      guard let p = LocalTrendProfile(y, parameters: .init(alpha: alpha, beta: 0, phi: 1))
      else { throw failure }
      profile = p
    case .maximumLikelihood:
      let best = posterior.components.max { $0.profile.sse > $1.profile.sse }!.profile
      let optimizer = NelderMead(lower: [Theta.alphaBounds.lower], upper: [Theta.alphaBounds.upper])
      let result = optimizer.minimize(start: [best.parameters.alpha]) { v in
        LocalTrendProfile(y, parameters: .init(alpha: v[0], beta: 0, phi: 1))?.sse ?? .infinity
      }
      guard
        let p = LocalTrendProfile(y, parameters: .init(alpha: result.point[0], beta: 0, phi: 1)),
        p.sse > 0
      else { throw failure }
      profile = p
      alpha = p.parameters.alpha
      drift = p.finalTrend
    }
    self.spec = spec
    self.series = series
  }

  public var name: String { spec.name }

  public var parameters: [ParameterEstimate] {
    let s = posterior.moments(\.alpha).sd
    let s2 = profile.residualVariance
    return [
      ParameterEstimate(name: "alpha", estimate: alpha, standardError: s),
      ParameterEstimate(
        name: "drift", estimate: drift,
        standardError: spec.drift == .maximumLikelihood
          ? (s2 * profile.inverseGram[3]).squareRoot() : nil),
    ]
  }

  /// AICc of the SES-with-drift likelihood at the fitted α (3 parameters α, ℓ₀, b; σ² not
  /// counted, as ``RegressionResult/aicc``). For the standard method the likelihood is that of
  /// SES with drift `b₀/2` started at `y₁ − b₀/2`.
  public var aicc: Double {
    let n = Double(series.count)
    let k = 3.0
    let sse: Double
    if spec.drift == .halfTrendSlope {
      sse =
        LocalTrendProfile.sumOfSquares(
          y, parameters: .init(alpha: alpha, beta: 0, phi: 1), level0: -drift, trend0: drift
        ).sse
    } else {
      sse = profile.sse
    }
    return -2 * LocalTrendProfile.concentratedLogLikelihood(sse: sse, count: series.count) + 2 * k
      + 2 * k * (k + 1) / (n - k - 1)
  }

  public var innovationStandardDeviation: Double { profile.residualVariance.squareRoot() }

  /// Point forecasts on the working scale relative to `offset`, at smoothing parameter `a`.
  func workingForecast(alpha a: Double, horizon: Int) -> [Double] {
    switch spec.drift {
    case .halfTrendSlope: Theta.forecast(y, alpha: a, horizon: horizon)
    case .maximumLikelihood:
      (1...Swift.max(1, horizon)).prefix(horizon).map { profile.location($0) }
    }
  }

  /// The Theta point forecasts (original units).
  public func pointForecast(horizon: Int) -> [Double] {
    workingForecast(alpha: alpha, horizon: horizon).map { back($0) }
  }

  func back(_ v: Double) -> Double { spec.scale == .log ? exp(v + offset) : v + offset }

  /// Shift of each α-component's location to the Theta forecast at that α.
  func shift(_ p: LocalTrendProfile, _ h: Int) -> Double {
    guard spec.drift == .halfTrendSlope else { return 0 }
    return Theta.forecast(y, alpha: p.parameters.alpha, horizon: h)[h - 1] - p.location(h)
  }

  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    let component = posterior.simulate(
      innovations: innovations, generator: &generator, into: path)
    for h in 0..<innovations.count {
      path[h] = back(path[h] + shift(component.profile, h + 1))
    }
  }

  /// The predictive distribution from the t mixture (no simulation).
  public func forecast(horizon: Int, paths: Int = 0, seed: UInt64 = 0) -> Forecast {
    let last = series.lastYear!
    let points = (0..<Swift.max(0, horizon)).map { k -> Forecast.Point in
      let h = k + 1
      let q = posterior.quantiles([0.5, 0.1, 0.9, 0.025, 0.975], horizon: h) { shift($0, h) }
        .map { back($0) }
      var mean =
        spec.scale == .log
        ? posterior.exponentialMean(horizon: h) { shift($0, h) } * exp(offset)
        : posterior.mean(horizon: h) { shift($0, h) } + offset
      if !mean.isFinite { mean = q[0] }
      return Forecast.Point(
        year: last + h, mean: mean, median: q[0], lo80: q[1], hi80: q[2], lo95: q[3], hi95: q[4])
    }
    return Forecast(model: name, points: points)
  }

  /// Predictive probability that the value in year `last + horizon` is at most `value`.
  public func predictiveCDF(_ value: Double, horizon: Int) -> Double {
    let x: Double
    if spec.scale == .log {
      guard value > 0 else { return 0 }
      x = log(value) - offset
    } else {
      x = value - offset
    }
    return posterior.cdf(x, horizon: horizon) { shift($0, horizon) }
  }
}
