/// A univariate continuous probability distribution with accurate tails.
///
/// Every conforming type computes the upper tail directly (never as `1 - cdf`), so both tails
/// keep full relative accuracy down to the smallest normal probabilities.
public protocol ContinuousDistribution: Sendable {
  /// Lower tail probability `P(X <= x)`. Returns NaN for a NaN argument.
  func cdf(_ x: Double) -> Double
  /// Upper tail probability `P(X > x)`, computed directly (not as `1 - cdf(x)`).
  func survival(_ x: Double) -> Double
  /// Inverse of `cdf`: the `x` with `cdf(x) = p`. `p = 0` and `p = 1` give the ends of the
  /// support (possibly `±infinity`); `p` outside `[0, 1]` or NaN gives NaN.
  func quantile(_ p: Double) -> Double
  /// Inverse of `survival`: the `x` with `survival(x) = q`, computed from `q` directly so that
  /// tiny upper-tail probabilities keep their accuracy.
  func inverseSurvival(_ q: Double) -> Double
}

/// Errors thrown by the distribution initializers.
public enum DistributionError: Error, Sendable, Equatable {
  /// A parameter was NaN, infinite or outside its domain.
  case invalidParameter(name: String, value: Double)
}

extension DistributionError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value):
      return "invalid distribution parameter \(name) = \(value)"
    }
  }
}

/// Validates a strictly positive, finite parameter.
func requirePositiveFinite(_ value: Double, _ name: String) throws(DistributionError) -> Double {
  guard value.isFinite, value > 0 else {
    throw DistributionError.invalidParameter(name: name, value: value)
  }
  return value
}
