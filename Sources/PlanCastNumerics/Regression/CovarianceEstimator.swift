import COpenBLAS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How the covariance of the coefficient estimates is computed.
///
/// Conventions against statsmodels 0.15 (`OLS`/`WLS(...).fit(cov_type=...)`), checked by
/// `RegressionStatsmodelsTests`:
/// - `.hc1` equals statsmodels' `cov_type="HC1"`: HC0 times `n/(n−k)`, `k` the rank.
/// - `.hac` equals statsmodels' `cov_type="HAC", cov_kwds={"maxlags": L, "use_correction": True}`
///   (Bartlett kernel). statsmodels' *default* is `use_correction=False`, whose standard errors
///   are smaller by the factor `√((n−k)/n)`; statsmodels has no default lag length (`maxlags`
///   is required), PlanCast's is Newey and West's (1994) `⌊4·(n/100)^(2/9)⌋`.
/// - For WLS the scores are `√wᵢ·xᵢ·√wᵢ·eᵢ` (weighted design times weighted residuals), as in
///   statsmodels.
/// - Inference uses Student t with `n − k` degrees of freedom under every estimator (statsmodels
///   with `use_t=True`; its default for robust covariances is the normal distribution).
/// - The overall F statistic (`RegressionResult.fStatistic`) is always the classical one from
///   the sums of squares; statsmodels reports a robust Wald F when `cov_type` is robust.
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
  /// The sandwich in the coordinates of the QR factorization of the scaled, weighted design
  /// `X̃ = W^½·X·D⁻¹·P = Q₁·R₁₁`: returns the "meat" `M = n/(n−k)·Σ_l w_l Σ_t u_t u_{t−l}ᵀ` (both
  /// lag directions) over the scores `u_t = ẽ_t·q_t` (rows of `Q₁` times the weighted residuals),
  /// so that `Cov(β̃) = R₁₁⁻¹·M·R₁₁⁻ᵀ`.
  ///
  /// Working with the orthonormal `Q₁` rather than forming `(XᵀX)⁻¹·XᵀΩX·(XᵀX)⁻¹` avoids the
  /// cancellation of that product: on Longley (condition number 5·10⁹) it keeps the HC1 standard
  /// errors within 1e-11 of the exact rational values, where the textbook product lost 1e-8.
  func meat(qr: PivotedQR, weightedResiduals e: [Double]) throws -> Matrix {
    let n = qr.rows
    let r = qr.rank
    var scores = try qr.keptBasis()
    for j in 0..<r {
      for i in 0..<n { scores[i, j] *= e[i] }
    }
    var meat = scores.gram()
    if case .hac(let requested) = self {
      let lags = Swift.min(requested ?? Self.defaultLags(observations: n), n - 1)
      if lags > 0 {
        for lag in 1...lags {
          let weight = 1 - Double(lag) / Double(lags + 1)
          for a in 0..<r {
            for b in 0..<r {
              var s = 0.0
              for t in lag..<n { s += scores[t, a] * scores[t - lag, b] }
              meat[a, b] += weight * s
              meat[b, a] += weight * s
            }
          }
        }
      }
    }
    let correction = Double(n) / Double(n - r)
    for i in meat.elements.indices { meat.elements[i] *= correction }
    return meat
  }

  /// `R₁₁⁻¹·M·R₁₁⁻ᵀ` (two triangular solves, `dtrsm`), symmetrized.
  static func congruence(qr: PivotedQR, meat: Matrix) -> Matrix {
    var c = meat
    let r = Int32(qr.rank)
    guard r > 0 else { return c }
    qr.factors.withUnsafeBufferPointer { factors in
      c.elements.withUnsafeMutableBufferPointer { c in
        cblas_dtrsm(
          CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, r, r, 1,
          factors.baseAddress, Int32(qr.rows), c.baseAddress, r)
        cblas_dtrsm(
          CblasColMajor, CblasRight, CblasUpper, CblasTrans, CblasNonUnit, r, r, 1,
          factors.baseAddress, Int32(qr.rows), c.baseAddress, r)
      }
    }
    for j in 0..<c.columns {
      for i in 0..<j {
        let average = 0.5 * (c[i, j] + c[j, i])
        c[i, j] = average
        c[j, i] = average
      }
    }
    return c
  }
}
