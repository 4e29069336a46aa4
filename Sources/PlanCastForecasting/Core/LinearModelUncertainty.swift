import PlanCastNumerics

/// The estimation uncertainty of a Gaussian linear model, for simulation. Each draw takes
/// `σ² = σ̂²·ν/χ²_ν` and then `β ~ N(β̂, (σ²/σ̂²)·Cov(β̂))`: under a flat prior this is the exact
/// posterior, and its predictive distribution reproduces the classical Student-t prediction
/// interval, so simulated paths carry parameter and scale uncertainty with correct coverage.
public struct LinearModelUncertainty: Sendable {
  /// Estimates in design order (aliased columns fixed at 0).
  public let estimates: [Double]
  /// Residual standard error `σ̂`.
  public let sigma: Double
  /// Residual degrees of freedom `ν`.
  public let degreesOfFreedom: Int
  /// Design indices of the estimated columns.
  let estimated: [Int]
  /// Cholesky factor of `Cov(β̂)` over the estimated columns (empty when σ̂ = 0).
  let covarianceFactor: Cholesky?

  /// Captures the sampling distribution of a fitted regression.
  public init(_ result: RegressionResult) {
    estimates = result.estimates
    sigma = result.residualStandardError
    degreesOfFreedom = result.residualDegreesOfFreedom
    estimated = result.estimatedColumns
    covarianceFactor = try? Cholesky(result.covariance)
  }

  /// One draw of (β, σ).
  public func draw(generator: inout Philox) -> (beta: [Double], sigma: Double) {
    guard sigma > 0, let factor = covarianceFactor else { return (estimates, sigma) }
    let ratio =
      (Double(degreesOfFreedom) / generator.nextChiSquared(degreesOfFreedom: degreesOfFreedom))
      .squareRoot()
    let z = (0..<estimated.count).map { _ in generator.nextNormal() }
    let shift = (try? factor.correlate(z)) ?? z.map { _ in 0 }
    var beta = estimates
    for (k, j) in estimated.enumerated() { beta[j] += ratio * shift[k] }
    return (beta, sigma * ratio)
  }
}
