#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fisher–Snedecor F distribution with real degrees of freedom `d1, d2 > 0`.
///
/// - cdf / survival: `I_x(d1/2, d2/2)` and `I_y(d2/2, d1/2)` with `x = d1 f/(d1 f + d2)` and
///   `y = d2/(d1 f + d2)` formed separately (see
///   ``SpecialFunctions/regularizedIncompleteBeta(_:_:x:)``); relative error ≈ 1e-14 in both
///   tails down to 1e-300 for degrees of freedom from 0.5 to 1e6 (up to ≈ 1e-12 for both
///   parameters ~1e6, where the result is intrinsically sensitive to rounding of `x`).
///   For an even numerator `d1 ≤ 200` the survival function is the finite sum
///   `I_y(d2/2, d1/2) = y^{d2/2} Σ_{k<d1/2} Γ(d2/2+k)/(Γ(d2/2) k!) x^k` (positive terms), used
///   whenever it leaves a lower tail of at least 0.1.
/// - quantile: best of power-law tail guesses and Paulson's cube-root approximation, refined by
///   safeguarded Newton on the log tail against `ln f`.
public struct FDistribution: ContinuousDistribution, Sendable {
  public let numeratorDegreesOfFreedom: Double
  public let denominatorDegreesOfFreedom: Double
  let beta: BetaParameters

  /// Largest even numerator for which the survival function uses the finite sum.
  static let finiteSumLimit = 200

  /// - Throws: ``DistributionError/invalidParameter(name:value:)`` unless both degrees of
  ///   freedom are finite and positive.
  public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double)
    throws(DistributionError)
  {
    self.numeratorDegreesOfFreedom = try requirePositiveFinite(
      numeratorDegreesOfFreedom, "numeratorDegreesOfFreedom")
    self.denominatorDegreesOfFreedom = try requirePositiveFinite(
      denominatorDegreesOfFreedom, "denominatorDegreesOfFreedom")
    beta = BetaParameters(a: 0.5 * numeratorDegreesOfFreedom, b: 0.5 * denominatorDegreesOfFreedom)
  }

  /// Probability density.
  public func pdf(_ f: Double) -> Double {
    if f.isNaN { return .nan }
    if f < 0 || f.isInfinite { return 0 }
    if f == 0 {
      let d1 = numeratorDegreesOfFreedom
      return d1 < 2 ? .infinity : (d1 == 2 ? 1 : 0)
    }
    return tails(f).prefactor / f
  }

  /// Natural log of the density.
  public func logPDF(_ f: Double) -> Double {
    if f.isNaN { return .nan }
    if f < 0 || f.isInfinite { return -.infinity }
    let a = beta.a
    let b = beta.b
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    return a * log(d1 / d2) + (a - 1) * log(f) - (a + b) * log1p(d1 * f / d2)
      - SpecialFunctions.logBeta(a, b)
  }

  public func cdf(_ f: Double) -> Double {
    if f.isNaN { return .nan }
    if let r = Self.finiteSumTails(
      f, numerator: numeratorDegreesOfFreedom, denominator: denominatorDegreesOfFreedom)
    {
      return r.lower
    }
    return tails(f).lower
  }

  public func survival(_ f: Double) -> Double {
    if f.isNaN { return .nan }
    if let r = Self.finiteSumTails(
      f, numerator: numeratorDegreesOfFreedom, denominator: denominatorDegreesOfFreedom)
    {
      return r.upper
    }
    return tails(f).upper
  }

  /// `P(F > f)` without constructing the distribution (no log-beta constant) when the finite sum
  /// applies; for the overall F test of a regression. NaN for invalid degrees of freedom.
  static func survival(_ f: Double, numerator d1: Double, denominator d2: Double) -> Double {
    if f.isNaN { return .nan }
    if let r = finiteSumTails(f, numerator: d1, denominator: d2) { return r.upper }
    guard
      let distribution = try? FDistribution(
        numeratorDegreesOfFreedom: d1, denominatorDegreesOfFreedom: d2)
    else { return .nan }
    return distribution.tails(f).upper
  }

  /// Both tails by the finite sum for an even integer numerator `d1 ≤ finiteSumLimit`, finite
  /// `f > 0` and `P(F > f) ≤ 0.9` (so the complement is at least 0.1); `nil` otherwise.
  /// `y^b` is `exp(−b·log1p(s))`, `s = d1 f/d2`.
  @inline(__always)
  static func finiteSumTails(_ f: Double, numerator d1: Double, denominator d2: Double)
    -> (lower: Double, upper: Double)?
  {
    guard d1 <= Double(finiteSumLimit), d1 >= 2, d1 == 2 * (0.5 * d1).rounded(), d2 > 0,
      d2.isFinite, f > 0, f.isFinite
    else { return nil }
    let s = d1 * f / d2
    guard s < 1e300 else { return nil }
    let b = 0.5 * d2
    let exponent = -b * log1p(s)
    guard exponent > -700 else { return nil }
    let x = s / (1 + s)
    let half = Int(0.5 * d1)
    var term = 1.0
    var sum = 1.0
    var k = 1
    while k < half {
      term *= (b + Double(k - 1)) / Double(k) * x
      sum += term
      k += 1
    }
    let upper = exp(exponent) * sum
    guard upper.isFinite, upper <= 0.9 else { return nil }
    return (1 - upper, upper)
  }

  public func quantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    return p <= 0.5 ? solve(p, upper: false) : solve(1 - p, upper: true)
  }

  public func inverseSurvival(_ q: Double) -> Double {
    guard q >= 0, q <= 1 else { return .nan }
    return q <= 0.5 ? solve(q, upper: true) : solve(1 - q, upper: false)
  }

  @inline(__always)
  func tails(_ f: Double) -> BetaTails {
    if f <= 0 { return BetaTails(lower: 0, upper: 1, prefactor: 0) }
    if f.isInfinite { return BetaTails(lower: 1, upper: 0, prefactor: 0) }
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    let s = d1 * f / d2
    if s.isInfinite || s > 1e300 {
      return incompleteBeta(beta, x: 1, y: (d2 / d1) / f)
    }
    let x = s / (1 + s)
    let y = 1 / (1 + s)
    // a - (a + b) x = a (1 - f) / (1 + s): exact difference near f = 1.
    let diff = beta.a * (1 - f) / (1 + s)
    return incompleteBeta(beta, x: x, y: y, diff: diff)
  }

  /// The `f` with `P(F <= f) = target` (or `P(F > f) = target` when `upper`), `target <= ½`.
  func solve(_ target: Double, upper: Bool) -> Double {
    if target == 0 { return upper ? .infinity : 0 }
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    let a = beta.a
    let b = beta.b
    let logB = SpecialFunctions.logBeta(a, b)
    var guesses: [Double] = []
    if upper {
      // I_y(b, a) ≈ y^b / (b B(a, b)) for small y = d2 / (d1 f + d2).
      let y = exp((log(target) + log(b) + logB) / b)
      if y > 0 && y < 1 { guesses.append((d2 / d1) * ((1 - y) / y)) }
    } else {
      // I_x(a, b) ≈ x^a / (a B(a, b)) for small x; returned directly below the normal range.
      let x = exp((log(target) + log(a) + logB) / a)
      let small = (d2 / d1) * (x / (1 - x))
      if x < 1 {
        if small < 1e-300 { return small }
        guesses.append(small)
      }
    }
    // Paulson: ((1 - B) u - (1 - A)) / √(B u² + A) ~ N(0, 1) with u = f^(1/3).
    let z = upper ? -Normal.standardQuantile(target) : Normal.standardQuantile(target)
    let aa = 2 / (9 * d1)
    let bb = 2 / (9 * d2)
    let qa = (1 - bb) * (1 - bb) - z * z * bb
    let qb = -2 * (1 - aa) * (1 - bb)
    let qc = (1 - aa) * (1 - aa) - z * z * aa
    let disc = qb * qb - 4 * qa * qc
    if qa > 0 && disc >= 0 {
      let root = (-qb + (z >= 0 ? 1 : -1) * disc.squareRoot()) / (2 * qa)
      if root > 0 { guesses.append(root * root * root) }
    }
    guesses.append(1)
    return TailInversion.solve(target: target, increasing: !upper, guesses: guesses) { f in
      let r = tails(f)
      let tail = upper ? r.upper : r.lower
      // d I_x / d ln f = f · density = prefactor.
      let slope = (upper ? -1 : 1) * r.prefactor / tail
      return (tail, slope)
    }
  }
}
