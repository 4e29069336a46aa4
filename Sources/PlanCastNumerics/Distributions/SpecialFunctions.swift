#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Special functions behind the probability distributions.
///
/// All functions return NaN for arguments outside their domain instead of trapping.
public enum SpecialFunctions {
  /// `ln|Γ(x)|`, from the C library's re-entrant `lgamma_r` (glibc: fdlibm algorithm, accurate
  /// to about 1 ulp including near the zeros at 1 and 2).
  public static func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
  }

  /// `ln B(a, b)` for `a, b > 0`.
  ///
  /// Computed without the cancellation of `lnΓ(a) + lnΓ(b) - lnΓ(a + b)` when an argument is large:
  /// Stirling's series with its remainder term (the approach of R's `lbeta`), so the absolute
  /// error stays near a few ulps of the result even for `a, b ~ 1e6`.
  public static func logBeta(_ a: Double, _ b: Double) -> Double {
    guard a > 0, b > 0 else { return .nan }
    let p = min(a, b)
    let q = max(a, b)
    if q.isInfinite { return -.infinity }
    if p >= 10 {
      let corr = stirlingError(p) + stirlingError(q) - stirlingError(p + q)
      let ratio = p / (p + q)
      return -0.5 * log(q) + lnSqrt2Pi + corr + (p - 0.5) * log(ratio) + q * log1p(-ratio)
    }
    if q >= 10 {
      let corr = stirlingError(q) - stirlingError(p + q)
      return logGamma(p) + corr + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
    }
    return logGamma(p) + logGamma(q) - logGamma(p + q)
  }
}

/// `ln √(2π)`.
let lnSqrt2Pi = 0.918_938_533_204_672_741_780_329_736_406

/// Stirling remainder `lnΓ(n + 1) - ((n + ½) ln n - n + ln √(2π))`, which also equals
/// `lnΓ(n) - ((n - ½) ln n - n + ln √(2π))`.
///
/// For `n >= 10` the asymptotic series (Bernoulli numbers up to B16; truncation error < 1e-17);
/// below that, directly from `lgamma` (absolute error a few ulps of `(n + ½) ln n`).
func stirlingError(_ n: Double) -> Double {
  if n >= 10 {
    let nn = n * n
    let s0 = 1.0 / 12
    let s1 = 1.0 / 360
    let s2 = 1.0 / 1260
    let s3 = 1.0 / 1680
    let s4 = 1.0 / 1188
    let s5 = 691.0 / 360_360
    let s6 = 1.0 / 156
    let s7 = 3617.0 / 122_400
    return (s0 - (s1 - (s2 - (s3 - (s4 - (s5 - (s6 - s7 / nn) / nn) / nn) / nn) / nn) / nn) / nn)
      / n
  }
  return SpecialFunctions.logGamma(n + 1) - (n + 0.5) * log(n) + n - lnSqrt2Pi
}

/// The deviance term `x ln(x / m) + m - x >= 0` (Loader's `bd0`), for `x, m > 0`, with the
/// difference `diff = x - m` supplied by the caller so that it can be formed without cancellation.
///
/// Near `x = m` a series in `v = (x - m) / (x + m)` keeps full relative accuracy.
func deviance(_ x: Double, _ m: Double, diff: Double) -> Double {
  if abs(diff) < 0.1 * (x + m) {
    let v = diff / (x + m)
    let v2 = v * v
    var s = diff * v
    var ej = 2 * x * v
    var j = 1.0
    while j < 1000 {
      ej *= v2
      let next = s + ej / (2 * j + 1)
      if next == s { break }
      s = next
      j += 1
    }
    return s
  }
  let ratio = x / m
  let logRatio = ratio.isNormal && ratio.isFinite ? log(ratio) : log(x) - log(m)
  return x * logRatio - diff
}
