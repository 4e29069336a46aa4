import PlanCastNumerics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parameter uncertainty for the local trend models: the posterior of the smoothing parameters
/// on a grid, and the resulting predictive distribution.
///
/// Given `(α, β, φ)` the model is a Gaussian linear model in the initial state (see
/// ``LocalTrendProfile``), so under flat priors on `x₀` and `log σ`: `σ² | y ~ SSE/χ²_{n−k}`,
/// `x₀ | σ, y ~ N(x̂₀, σ²(X'X)⁻¹)`, and `y_{n+h}` is Student-t with `n − k` degrees of freedom
/// around `ℓ̂_n + φ_h b̂_n`, scale `s·√(v_h + c_h'(X'X)⁻¹c_h)` (`v_h` from Hyndman et al. 2008,
/// Table 6.1). This is the classical exact t interval of a regression, with the class-1 ETS
/// variance. The smoothing parameters are integrated over a grid of cell midpoints (a uniform
/// prior over the parameter box), weighting each by its integrated likelihood
/// `|X'X|^{−1/2} SSE^{−(n−k)/2}`. The predictive distribution is the weighted mixture of the
/// t distributions; simulation draws a grid point, then `σ²`, then `x₀`, then runs the recursion,
/// which samples exactly the same mixture.
///
/// The least likely components, together holding at most ``neglectedMass`` of the posterior, are
/// dropped and the rest renormalised.
struct SmoothingPosterior: Sendable {
  struct Component: Sendable {
    let weight: Double
    let profile: LocalTrendProfile
  }

  /// Posterior mass of the grid points left out of the mixture.
  static let neglectedMass = 1e-4

  let components: [Component]
  /// Cumulative weights for drawing components.
  let cumulative: [Double]
  let studentT: IntegerStudentT

  /// Profiles `y` at each grid point; nil when no grid point can be profiled.
  init?(_ y: [Double], grid: [SmoothingParameters], knownTrend: Double? = nil) {
    // An exact fit (SSE at rounding level relative to the data's variation) has no
    // innovation variance to build intervals from.
    let mean = y.reduce(0, +) / Double(y.count)
    let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    guard total > 0 else { return nil }
    let profiles = grid.compactMap { LocalTrendProfile(y, parameters: $0, knownTrend: knownTrend) }
      .filter { $0.sse > 1e-20 * total && $0.logIntegratedLikelihood.isFinite }
    guard let top = profiles.map(\.logIntegratedLikelihood).max() else { return nil }
    var weighted = profiles.map {
      Component(weight: exp($0.logIntegratedLikelihood - top), profile: $0)
    }
    weighted.sort { $0.weight > $1.weight }
    let sumAll = weighted.reduce(0) { $0 + $1.weight }
    var kept: [Component] = []
    var sum = 0.0
    for c in weighted {
      kept.append(c)
      sum += c.weight
      if sum >= (1 - Self.neglectedMass) * sumAll { break }
    }
    components = kept.map { Component(weight: $0.weight / sum, profile: $0.profile) }
    var running = 0.0
    cumulative = components.map {
      running += $0.weight
      return running
    }
    guard let t = IntegerStudentT(degreesOfFreedom: kept[0].profile.degreesOfFreedom)
    else { return nil }
    studentT = t
  }

  /// Posterior mean and standard deviation of a function of the smoothing parameters.
  func moments(_ f: (SmoothingParameters) -> Double) -> (mean: Double, sd: Double) {
    var m = 0.0
    var m2 = 0.0
    for c in components {
      let v = f(c.profile.parameters)
      m += c.weight * v
      m2 += c.weight * v * v
    }
    return (m, Swift.max(0, m2 - m * m).squareRoot())
  }

  /// Predictive CDF of `y_{n+h}` on the working scale; `shift` moves each component's location.
  func cdf(
    _ x: Double, horizon h: Int, shift: (LocalTrendProfile) -> Double = { _ in 0 }
  ) -> Double {
    var p = 0.0
    for c in components {
      let m = c.profile.location(h) + shift(c.profile)
      p += c.weight * studentT.cdf((x - m) / c.profile.scale(h))
    }
    return p
  }

  /// Predictive quantiles of `y_{n+h}` on the working scale: each lies between the smallest
  /// and largest component quantile, and is found by bisection refined with the secant
  /// (Illinois) method on the mixture CDF to `1e−10` in probability.
  func quantiles(
    _ probabilities: [Double], horizon h: Int, shift: (LocalTrendProfile) -> Double = { _ in 0 }
  ) -> [Double] {
    let locations = components.map { $0.profile.location(h) + shift($0.profile) }
    let scales = components.map { $0.profile.scale(h) }
    return probabilities.map { p in
      let q = studentT.quantile(p)
      var lo = Double.infinity
      var hi = -Double.infinity
      for i in locations.indices {
        lo = Swift.min(lo, locations[i] + q * scales[i])
        hi = Swift.max(hi, locations[i] + q * scales[i])
      }
      if components.count == 1 || hi - lo <= 1e-14 * Swift.max(1, abs(lo)) { return lo }
      func g(_ x: Double) -> Double {
        var s = 0.0
        for i in locations.indices {
          s += components[i].weight * studentT.cdf((x - locations[i]) / scales[i])
        }
        return s - p
      }
      var a = lo
      var b = hi
      var fa = g(a)
      var fb = g(b)
      if fa >= 0 { return a }
      if fb <= 0 { return b }
      var side = 0
      for _ in 0..<100 {
        let x = (a * fb - b * fa) / (fb - fa)
        let fx = g(x)
        if abs(fx) < 1e-12 || b - a < 1e-13 * Swift.max(1, abs(x)) { return x }
        if fx < 0 {
          a = x
          fa = fx
          if side == -1 { fb /= 2 }
          side = -1
        } else {
          b = x
          fb = fx
          if side == 1 { fa /= 2 }
          side = 1
        }
      }
      return (a + b) / 2
    }
  }

  /// Approximate predictive mean of `exp(y_{n+h})`: each component contributes the log-normal
  /// mean `exp(m + ½ s²ν/(ν−2))` with the t variance (the exact mean of `exp` of a t variable
  /// is infinite), as ``FittedLogLinearTrend`` does. Summed in log space; `+∞` when the result
  /// overflows (callers then report the median).
  func exponentialMean(
    horizon h: Int, shift: (LocalTrendProfile) -> Double = { _ in 0 }
  ) -> Double {
    let nu = Double(studentT.degreesOfFreedom)
    let inflation = nu > 2 ? nu / (nu - 2) : 3
    let logs = components.map { c -> Double in
      let s = c.profile.scale(h)
      return log(c.weight) + c.profile.location(h) + shift(c.profile) + 0.5 * s * s * inflation
    }
    let top = logs.max()!
    return exp(top + log(logs.reduce(0) { $0 + exp($1 - top) }))
  }

  /// Mean of `y_{n+h}` on the working scale.
  func mean(horizon h: Int, shift: (LocalTrendProfile) -> Double = { _ in 0 }) -> Double {
    components.reduce(0) { $0 + $1.weight * ($1.profile.location(h) + shift($1.profile)) }
  }

  /// One draw from the predictive distribution of the path `y_{n+1…n+H}` (working scale)
  /// given standard-normal `innovations`; returns the component drawn.
  @discardableResult
  func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) -> Component {
    let u = generator.nextUniform()
    var index = 0
    var lo = 0
    var hi = cumulative.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
    }
    index = lo
    let prof = components[index].profile
    let nu = prof.degreesOfFreedom
    let sigma = (prof.sse / generator.nextChiSquared(degreesOfFreedom: nu)).squareRoot()
    var level = prof.finalLevel
    var trend = prof.finalTrend
    let f = prof.inverseGramFactor
    if prof.freeStates == 2 {
      let z1 = generator.nextNormal()
      let z2 = generator.nextNormal()
      let d1 = sigma * f[0] * z1
      let d2 = sigma * (f[2] * z1 + f[3] * z2)
      level += prof.sensitivity[0] * d1 + prof.sensitivity[1] * d2
      trend += prof.sensitivity[2] * d1 + prof.sensitivity[3] * d2
    } else {
      let d1 = sigma * f[0] * generator.nextNormal()
      level += prof.sensitivity[0] * d1
      trend += prof.sensitivity[1] * d1
    }
    let p = prof.parameters
    for h in 0..<innovations.count {
      let e = sigma * innovations[h]
      let prediction = level + p.phi * trend
      path[h] = prediction + e
      level = prediction + p.alpha * e
      trend = p.phi * trend + p.beta * e
    }
    return components[index]
  }

  /// Midpoints of `count` equal cells of `[lower, upper]`.
  static func midpoints(_ lower: Double, _ upper: Double, count: Int) -> [Double] {
    (0..<count).map { lower + (Double($0) + 0.5) * (upper - lower) / Double(count) }
  }
}

/// Student's t with an integer number of degrees of freedom, with the closed-form CDF of
/// Abramowitz & Stegun (1964), 26.7.3–26.7.4: with `θ = atan(t/√ν)`, `P(|T| < |t|)` is
/// `sin θ·Σ_{j<ν/2} c_j cos^{2j} θ` for even `ν` and `(2/π)(θ + sin θ cos θ·Σ_{j<(ν−1)/2} d_j
/// cos^{2j} θ)` for odd `ν`. A finite sum of `ν/2` terms, much cheaper than the incomplete beta
/// function, and accurate to about `1e−15` in absolute terms (ample for central quantiles of a
/// mixture; the far tails lose relative accuracy). Quantiles come from ``StudentT``.
struct IntegerStudentT: Sendable {
  let degreesOfFreedom: Int
  let exact: StudentT
  /// The series coefficients `c_j` (even ν) or `d_j` (odd ν).
  let coefficients: [Double]

  init?(degreesOfFreedom nu: Int) {
    guard nu >= 1, let exact = try? StudentT(degreesOfFreedom: Double(nu)) else { return nil }
    degreesOfFreedom = nu
    self.exact = exact
    var c: [Double] = []
    if nu % 2 == 0 {
      var term = 1.0
      for j in 0..<(nu / 2) {
        c.append(term)
        term *= Double(2 * j + 1) / Double(2 * j + 2)
      }
    } else {
      var term = 1.0
      for j in 0..<((nu - 1) / 2) {
        c.append(term)
        term *= Double(2 * j + 2) / Double(2 * j + 3)
      }
    }
    coefficients = c
  }

  func cdf(_ t: Double) -> Double {
    if t.isNaN { return .nan }
    if t.isInfinite { return t > 0 ? 1 : 0 }
    let nu = Double(degreesOfFreedom)
    let a = abs(t)
    let r = (nu + a * a).squareRoot()
    let s = a / r
    let c = nu.squareRoot() / r
    let c2 = c * c
    var sum = 0.0
    for coefficient in coefficients.reversed() { sum = sum * c2 + coefficient }
    let central =
      degreesOfFreedom % 2 == 0
      ? s * sum
      : (2 / Double.pi) * (atan(a / nu.squareRoot()) + (degreesOfFreedom > 1 ? s * c * sum : 0))
    return t >= 0 ? 0.5 + 0.5 * central : 0.5 - 0.5 * central
  }

  func quantile(_ p: Double) -> Double { exact.quantile(p) }
}
