import PlanCastNumerics

/// A three-parameter logistic share with an estimated ceiling:
///
///     logit(s_t / scale) = logit(K / (1 + exp(−r·(t − t₀)))) + ε_t,   ε_t ~ N(0, σ²),
///
/// fitted by Levenberg–Marquardt (QR-solved steps) with `K` (the ceiling, as a share of
/// `scale`) bounded between the highest observed share and 1, and `r ≥ 0`. Errors sit on the
/// logit scale, so simulated shares stay inside (0, K·scale]. The ceiling is poorly identified
/// on short series and its sampling distribution is skewed, so parameter uncertainty comes from
/// a parametric bootstrap (``bootstrapReplications`` refits to series simulated from the fit,
/// seeded, done once at fit time); each simulated path takes one bootstrap parameter set and a
/// scale draw `σ̂²·ν/χ²_ν`. There is no exact interval formula.
public struct LogisticTrend: ForecastModel {
  /// The value that stands for a share of 1: 100 for percentages.
  public var scale: Double
  /// Parametric bootstrap refits for parameter uncertainty (0: use the linearised covariance).
  public var bootstrapReplications: Int

  public init(scale: Double = 100, bootstrapReplications: Int = 100) {
    self.scale = scale
    self.bootstrapReplications = bootstrapReplications
  }

  public var name: String { "logistic" }

  public func fit(_ series: YearlySeries) throws -> any FittedModel {
    try FittedLogisticTrend(spec: self, series: series)
  }
}

/// A fitted ``LogisticTrend``.
public struct FittedLogisticTrend: FittedModel {
  public let spec: LogisticTrend
  public let series: YearlySeries
  /// Ceiling `K` (share of `scale`), rate `r` and midpoint `t₀` (years after the last year).
  public let estimates: [Double]
  public let fit: NonlinearFit
  let lowerCeiling: Double
  let covarianceFactor: Cholesky?
  /// Bootstrap parameter sets (empty without bootstrap).
  let bootstrap: [[Double]]

  init(spec: LogisticTrend, series: YearlySeries) throws {
    guard series.count >= 5 else {
      throw ForecastError.tooFewObservations(
        series: series.name, model: spec.name, have: series.count, need: 5)
    }
    if let bad = series.values.firstIndex(where: { $0 <= 0 || $0 >= spec.scale }) {
      throw ForecastError.outOfDomain(
        series: series.name, model: spec.name,
        "the value for \(series.years[bad]) is \(series.values[bad]), outside (0, \(spec.scale))")
    }
    let reference = series.lastYear!
    let t = series.years.map { Double($0 - reference) }
    let p = series.values.map { $0 / spec.scale }
    let highest = p.max()!
    let lower = highest + (1 - highest) * 1e-6
    // Start: ceiling half-way to 1, then a logit-linear fit of p/K for r and t₀.
    let k0 = (1 + highest) / 2
    let z = p.map { FittedLogitLinearTrend.logit($0 / k0) }
    let meanT = t.reduce(0, +) / Double(t.count)
    let meanZ = z.reduce(0, +) / Double(z.count)
    var sxy = 0.0
    var sxx = 0.0
    for k in t.indices {
      sxy += (t[k] - meanT) * (z[k] - meanZ)
      sxx += (t[k] - meanT) * (t[k] - meanT)
    }
    let r0 = Swift.max(1e-3, sxy / sxx)
    let t00 = meanT - meanZ / r0
    let target = p.map { FittedLogitLinearTrend.logit($0) }
    let start = [Swift.max(lower, k0), r0, t00]
    guard let fit = Self.solve(t: t, target: target, lower: lower, start: start),
      fit.termination.isConverged
    else {
      throw ForecastError.estimationFailed(
        series: series.name, model: spec.name, "Levenberg–Marquardt did not converge")
    }
    self.fit = fit
    self.spec = spec
    self.series = series
    estimates = fit.parameters
    lowerCeiling = lower
    covarianceFactor = fit.covariance.flatMap { try? Cholesky($0) }
    // Parametric bootstrap: refit series simulated from the estimates.
    var draws: [[Double]] = []
    let sigma = fit.residualStandardDeviation ?? 0
    if spec.bootstrapReplications > 0, sigma > 0 {
      var generator = Philox(seed: 0x5EED_1061_5714, stream: UInt64(series.count))
      for _ in 0..<spec.bootstrapReplications {
        let simulated = t.map {
          Self.logitShare($0, fit.parameters) + sigma * generator.nextNormal()
        }
        let shares = simulated.map { 1 / (1 + exp(-$0)) }
        let bootLower = shares.max()! + (1 - shares.max()!) * 1e-6
        var bootStart = fit.parameters
        bootStart[0] = Swift.max(bootStart[0], bootLower)
        if let refit = Self.solve(t: t, target: simulated, lower: bootLower, start: bootStart),
          refit.termination.isConverged
        {
          draws.append(refit.parameters)
        }
      }
    }
    bootstrap = draws
  }

  /// One bounded Levenberg–Marquardt fit on the logit scale.
  static func solve(t: [Double], target: [Double], lower: Double, start: [Double])
    -> NonlinearFit?
  {
    let problem = NonlinearLeastSquaresProblem(
      x: t, y: target, parameterCount: 3,
      model: { time, theta in Self.logitShare(time, theta) },
      lowerBounds: [lower, 0, -.infinity], upperBounds: [1 - 1e-9, .infinity, .infinity])
    guard let fit = try? LevenbergMarquardt().minimize(problem, from: start),
      fit.parameters.allSatisfy(\.isFinite)
    else { return nil }
    return fit
  }

  /// `logit(K/(1+exp(−r(t−t₀))))`.
  static func logitShare(_ t: Double, _ theta: [Double]) -> Double {
    let share = theta[0] / (1 + exp(-theta[1] * (t - theta[2])))
    return FittedLogitLinearTrend.logit(Swift.min(share, 1 - 1e-15))
  }

  public var name: String { spec.name }

  public var parameters: [ParameterEstimate] {
    zip(["ceiling", "rate", "midpoint"], estimates.indices).map { name, k in
      ParameterEstimate(
        name: name, estimate: k == 0 ? estimates[k] * spec.scale : estimates[k],
        standardError: fit.standardErrors.map { k == 0 ? $0[k] * spec.scale : $0[k] })
    }
  }

  public var innovationStandardDeviation: Double { fit.residualStandardDeviation ?? 0 }

  public var aicc: Double {
    let n = Double(series.count)
    let k = 4.0
    guard fit.residualSumOfSquares > 0 else { return -.infinity }
    let logLikelihood = -n / 2 * (log(2 * Double.pi * fit.residualSumOfSquares / n) + 1)
    return -2 * logLikelihood + 2 * k + 2 * k * (k + 1) / Swift.max(1, n - k - 1)
  }

  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    var theta = estimates
    var sigma = innovationStandardDeviation
    if sigma > 0, !bootstrap.isEmpty {
      let dof = fit.degreesOfFreedom
      sigma *= (Double(dof) / generator.nextChiSquared(degreesOfFreedom: dof)).squareRoot()
      theta = bootstrap[Int(generator.next() % UInt64(bootstrap.count))]
    } else if sigma > 0, let factor = covarianceFactor {
      let dof = fit.degreesOfFreedom
      let ratio = (Double(dof) / generator.nextChiSquared(degreesOfFreedom: dof)).squareRoot()
      sigma *= ratio
      for _ in 0..<50 {
        let z = (0..<3).map { _ in generator.nextNormal() }
        let shift = (try? factor.correlate(z)) ?? [0, 0, 0]
        let candidate = (0..<3).map { estimates[$0] + ratio * shift[$0] }
        if candidate[0] >= lowerCeiling, candidate[0] < 1, candidate[1] >= 0 {
          theta = candidate
          break
        }
      }
    }
    for h in 0..<innovations.count {
      let x = Self.logitShare(Double(h + 1), theta) + sigma * innovations[h]
      path[h] = spec.scale / (1 + exp(-x))
    }
  }
}

extension FittedLogisticTrend: ResidualReporting {
  public var residualsByYear: [Int: Double] {
    Dictionary(uniqueKeysWithValues: zip(series.years, fit.residuals))
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
