#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How the covariance of the coefficient estimates is computed.
public enum CovarianceEstimator: Sendable, Equatable {
  /// Classical `σ̂²·(XᵀX)⁻¹`, valid under homoskedastic, uncorrelated errors.
  case nonrobust
  /// White's heteroskedasticity-consistent sandwich with the `n/(n−k)` correction (HC1).
  case hc1
  /// Newey–West heteroskedasticity- and autocorrelation-consistent sandwich with Bartlett
  /// weights `1 − l/(L+1)` and the `n/(n−k)` correction. `lags` (`L`) defaults to
  /// `⌊4·(n/100)^(2/9)⌋` (Newey and West, 1994).
  case hac(lags: Int?)

  /// The Newey–West default lag length for `n` observations.
  public static func defaultLags(observations n: Int) -> Int {
    Int((4 * pow(Double(n) / 100, 2.0 / 9.0)).rounded(.down))
  }

  /// A short label for summaries.
  public var label: String {
    switch self {
    case .nonrobust: "nonrobust"
    case .hc1: "HC1"
    case .hac(let lags): lags.map { "HAC (Newey–West, \($0) lags)" } ?? "HAC (Newey–West)"
    }
  }
}

extension CovarianceEstimator {
  /// The sandwich `B·M·B` where `B = (XᵀX)⁻¹` over the kept columns and `M` is the estimator's
  /// "meat" built from the score rows `xᵢ·eᵢ`. `design` holds the kept columns only.
  func sandwich(bread: Matrix, design: Matrix, residuals: [Double], parameters k: Int) throws
    -> Matrix
  {
    let n = design.rows
    var scores = design
    for j in 0..<design.columns {
      for i in 0..<n { scores[i, j] *= residuals[i] }
    }
    var meat = scores.gram()
    if case .hac(let requested) = self {
      let lags = Swift.min(requested ?? Self.defaultLags(observations: n), n - 1)
      if lags > 0 {
        for lag in 1...lags {
          let weight = 1 - Double(lag) / Double(lags + 1)
          for a in 0..<design.columns {
            for b in 0..<design.columns {
              var s = 0.0
              for t in lag..<n { s += scores[t, a] * scores[t - lag, b] }
              meat[a, b] += weight * s
              meat[b, a] += weight * s
            }
          }
        }
      }
    }
    let correction = Double(n) / Double(n - k)
    let left = try bread.multiplied(by: meat)
    return try left.multiplied(by: bread, alpha: correction)
  }
}
