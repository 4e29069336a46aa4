import PlanCastForecasting
import PlanCastNumerics

/// The correlation of one-step shocks across simulated series, estimated from their in-sample
/// residuals on common years, and its Cholesky factor (LAPACK `dpotrf`).
///
/// Pairs with fewer than ``minimumCommonYears`` common residual years, extra components of
/// multi-component models and models that do not report residuals get zero correlation. If the
/// pairwise estimate is not positive definite, off-diagonal elements are shrunk towards zero
/// (by 10% steps) until it is.
struct ShockCorrelation: Sendable {
  static let minimumCommonYears = 6

  /// Correlation matrix over all components (dimension = Σ components).
  let matrix: Matrix
  /// Lower Cholesky factor of `matrix`.
  let factor: Cholesky
  /// Shrinkage applied to reach positive definiteness (1 = none).
  let shrinkage: Double

  init(series: [SimulatedSeries]) throws {
    let dimension = series.reduce(0) { $0 + $1.components }
    var r = Matrix.identity(dimension)
    let residuals = series.map { s -> [Int: Double]? in
      guard let fitted = s.fitted, let reporting = fitted as? any ResidualReporting,
        fitted.innovationStandardDeviation > 0
      else { return nil }
      let sigma = fitted.innovationStandardDeviation
      return reporting.residualsByYear.mapValues { $0 / sigma }
    }
    for a in series.indices {
      for b in series.indices where b > a {
        guard let ra = residuals[a], let rb = residuals[b] else { continue }
        let years = Set(ra.keys).intersection(rb.keys).sorted()
        guard years.count >= Self.minimumCommonYears else { continue }
        let x = years.map { ra[$0]! }
        let y = years.map { rb[$0]! }
        guard let rho = Correlation.pearson(x, y), rho.isFinite else { continue }
        r[series[a].componentOffset, series[b].componentOffset] = rho
        r[series[b].componentOffset, series[a].componentOffset] = rho
      }
    }
    var lambda = 1.0
    while true {
      var shrunk = r
      for i in 0..<dimension {
        for j in 0..<dimension where i != j { shrunk[i, j] *= lambda }
      }
      if let cholesky = try? Cholesky(shrunk) {
        matrix = shrunk
        factor = cholesky
        shrinkage = lambda
        return
      }
      lambda -= 0.1
      if lambda < 0 { throw LinearAlgebraError.notPositiveDefinite(order: dimension) }
    }
  }
}
