#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Student's t distribution with real `degreesOfFreedom > 0`.
///
/// - cdf / survival: `P(|T| > |t|) = I_x(ν/2, ½)` with `x = ν/(ν+t²)` and its complement
///   `I_y(½, ν/2)`, `y = t²/(ν+t²)`, both formed without cancellation (see
///   ``SpecialFunctions/regularizedIncompleteBeta(_:_:x:)``). Relative error ≈ 1e-14 in both tails
///   down to 1e-300, for `ν` from 0.5 to 1e6. For integer `ν ≤ 100` and `P(|T| > |t|) ≥ 0.02`
///   the finite sums of Abramowitz & Stegun 26.7.3–4 give `P(|T| < |t|)` (positive terms, no
///   cancellation) at a fraction of the cost of the continued fraction; the complement is then
///   at least 0.02, so it keeps a relative error below ≈ 5e-14.
/// - quantile: closed forms for `ν = 1, 2`; otherwise the best of a Cornish–Fisher, power-law and
///   small-`t` guess refined by safeguarded Newton on `ln P(|T| > t)` (or on the central
///   probability near the median) against `ln t`.
public struct StudentT: ContinuousDistribution, Sendable {
  public let degreesOfFreedom: Double
  let beta: BetaParameters
  /// `ln B(ν/2, ½) + ½ ln ν`: minus the log density at 0.
  let logNormalizer: Double
  /// `ν` when it is an integer no larger than ``finiteSumLimit`` (the finite sums apply), else 0.
  let integerDegreesOfFreedom: Int
  /// `√ν`.
  let rootDegreesOfFreedom: Double

  /// Largest integer `ν` for which the tail probabilities use the finite sums (`⌈ν/2⌉` terms).
  static let finiteSumLimit = 100
  /// The finite sum gives `P(|T| < t)` to a few ulps; `P(|T| > t) = 1 − P(|T| < t)` is used while
  /// it is at least 0.02, so its relative error stays below ≈ 50 times that (≈ 5e-14, against the
  /// 1e-12 required); smaller tails take the continued fraction.
  static let finiteSumLargestInner = 0.98

  /// - Throws: ``DistributionError/invalidParameter(name:value:)`` unless `degreesOfFreedom` is
  ///   finite and positive.
  public init(degreesOfFreedom: Double) throws(DistributionError) {
    let nu = try requirePositiveFinite(degreesOfFreedom, "degreesOfFreedom")
    self.degreesOfFreedom = nu
    beta = BetaParameters(a: 0.5 * nu, b: 0.5)
    logNormalizer = SpecialFunctions.logBeta(0.5 * nu, 0.5) + 0.5 * log(nu)
    integerDegreesOfFreedom =
      nu == nu.rounded() && nu <= Double(Self.finiteSumLimit) ? Int(nu) : 0
    rootDegreesOfFreedom = nu.squareRoot()
  }

  /// Two-sided p-value `P(|T| > |t|) = 2 P(T > |t|)`, computed directly as `I_x(ν/2, ½)` (no
  /// doubling of a rounded tail, no `1 - cdf`). NaN for NaN `t`. Allocation-free; for
  /// moderate `ν` a few dozen continued-fraction terms.
  public func twoSidedPValue(t: Double) -> Double {
    if t.isNaN { return .nan }
    if t == 0 { return 1 }
    return tailProbabilities(abs(t)).outer
  }

  /// Probability density.
  public func pdf(_ t: Double) -> Double {
    if t.isNaN { return .nan }
    if t == 0 || abs(t) < 1e-150 { return exp(-logNormalizer) }
    if abs(t).isInfinite { return 0 }
    return tails(abs(t)).prefactor / abs(t)
  }

  /// Natural log of the density.
  public func logPDF(_ t: Double) -> Double {
    if t.isNaN { return .nan }
    let nu = degreesOfFreedom
    let tt = abs(t)
    let logTerm = tt < 1e150 ? log1p(tt * tt / nu) : 2 * log(tt) - log(nu)
    return -logNormalizer - 0.5 * (nu + 1) * logTerm
  }

  public func cdf(_ t: Double) -> Double {
    if t.isNaN { return .nan }
    if t == 0 { return 0.5 }
    let r = tailProbabilities(abs(t))
    return t < 0 ? 0.5 * r.outer : 0.5 + 0.5 * r.inner
  }

  public func survival(_ t: Double) -> Double {
    if t.isNaN { return .nan }
    if t == 0 { return 0.5 }
    let r = tailProbabilities(abs(t))
    return t > 0 ? 0.5 * r.outer : 0.5 + 0.5 * r.inner
  }

  public func quantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    // P(T <= x) = p  <=>  x = -u with P(T > u) = p.
    return p <= 0.5 ? -upperPoint(p) : upperPoint(1 - p)
  }

  public func inverseSurvival(_ q: Double) -> Double {
    guard q >= 0, q <= 1 else { return .nan }
    return q <= 0.5 ? upperPoint(q) : -upperPoint(1 - q)
  }

  /// `P(|T| > t)` (outer) and `P(|T| < t)` (inner) for `t > 0`: the finite sum when it applies
  /// and leaves an outer tail of at least 0.02, the continued fraction otherwise.
  @inline(__always)
  func tailProbabilities(_ t: Double) -> (outer: Double, inner: Double) {
    if integerDegreesOfFreedom > 0, t < 1e150 {
      let inner = finiteSumInner(t)
      if inner <= Self.finiteSumLargestInner { return (1 - inner, inner) }
    }
    let r = tails(t)
    return (r.outer, r.inner)
  }

  /// `P(|T| < t)` for integer `ν` (`integerDegreesOfFreedom > 0`) and finite `t > 0`, with
  /// `θ = atan(t/√ν)`, `cos²θ = ν/(ν+t²)` (Abramowitz & Stegun 26.7.3–4):
  /// - even `ν`: `sin θ · Σ_{k<ν/2} c_k cos^{2k} θ`, `c_0 = 1`, `c_k = c_{k−1}(2k−1)/(2k)`;
  /// - odd `ν`: `(2/π)(θ + sin θ cos θ · Σ_{k<(ν−1)/2} d_k cos^{2k} θ)`, `d_0 = 1`,
  ///   `d_k = d_{k−1}(2k)/(2k+1)`.
  /// Every term is positive, so the result has a relative error of a few ulps.
  @inline(__always)
  func finiteSumInner(_ t: Double) -> Double {
    let nu = degreesOfFreedom
    let s = nu + t * t
    let x = nu / s
    let n = integerDegreesOfFreedom
    var sum = 1.0
    var term = 1.0
    if n & 1 == 0 {
      var k = 1
      while k < n / 2 {
        term *= Double(2 * k - 1) / Double(2 * k) * x
        sum += term
        k += 1
      }
      return t / s.squareRoot() * sum
    }
    let theta = atan(t / rootDegreesOfFreedom)
    guard n > 1 else { return theta * (2 / Double.pi) }
    var k = 1
    while k < (n - 1) / 2 {
      term *= Double(2 * k) / Double(2 * k + 1) * x
      sum += term
      k += 1
    }
    return (theta + t * rootDegreesOfFreedom / s * sum) * (2 / Double.pi)
  }

  /// `P(|T| > t)` (outer), `P(|T| < t)` (inner) and the beta prefactor, for `t > 0`.
  @inline(__always)
  func tails(_ t: Double) -> (outer: Double, inner: Double, prefactor: Double) {
    if t.isInfinite { return (0, 1, 0) }
    let nu = degreesOfFreedom
    let x: Double
    let y: Double
    let diff: Double
    var logX = Double.nan
    if t < 1e150 {
      let t2 = t * t
      let s = nu + t2
      x = nu / s
      y = t2 / s
      // a - (a + b) x with a = ν/2, b = ½ equals (ν/2)(t - 1)(t + 1)/(ν + t²).
      diff = 0.5 * nu * ((t - 1) * (t + 1) / s)
    } else {
      x = (nu / t) / t
      y = 1
      diff = .nan
      logX = log(nu) - 2 * log(t)
    }
    let r = incompleteBeta(beta, x: x, y: y, diff: diff, logX: logX)
    return (r.lower, r.upper, r.prefactor)
  }

  /// The `u >= 0` with `P(T > u) = q` for `0 <= q <= ½`.
  func upperPoint(_ q: Double) -> Double {
    if q.isNaN { return .nan }
    if q == 0 { return .infinity }
    if q == 0.5 { return 0 }
    let nu = degreesOfFreedom
    if nu == 1 {
      // Cauchy: u = cot(πq) = tan(π(½ - q)), ½ - q exact for q >= ¼.
      return q < 0.25 ? 1 / tan(Double.pi * q) : tan(Double.pi * (0.5 - q))
    }
    if nu == 2 {
      // P(|T| < u) = u / √(2 + u²) = 1 - 2q.
      let alpha = 1 - 2 * q
      return alpha / (2 * q * (1 - q)).squareRoot()
    }
    // Work with the smaller of the two-sided tails so the target is exact.
    let useOuter = q <= 0.25
    let target = useOuter ? 2 * q : 1 - 2 * q
    let z = -Normal.standardQuantile(q)
    var guesses: [Double] = []
    // Cornish–Fisher expansion about the normal quantile.
    let z2 = z * z
    let g1 = (z2 + 1) * z / 4
    let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
    let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
    let cornishFisher = z + (g1 + (g2 + g3 / nu) / nu) / nu
    guesses.append(cornishFisher)
    // Power-law tail: P(T > u) ≈ ν^(ν/2 - 1) u^(-ν) / B(ν/2, ½).
    let logB = SpecialFunctions.logBeta(0.5 * nu, 0.5)
    guesses.append(exp(((0.5 * nu - 1) * log(nu) - logB - log(q)) / nu))
    // Near the median: P(|T| < u) ≈ 2 f(0) u.
    guesses.append((1 - 2 * q) * 0.5 * exp(logNormalizer))
    return TailInversion.solve(target: target, increasing: !useOuter, guesses: guesses) { u in
      let r = tails(u)
      let tail = useOuter ? r.outer : r.inner
      // d/d ln u of P(|T| > u) is -2 u f(u) = -2 prefactor.
      let slope = (useOuter ? -2 : 2) * r.prefactor / tail
      return (tail, slope)
    }
  }
}
