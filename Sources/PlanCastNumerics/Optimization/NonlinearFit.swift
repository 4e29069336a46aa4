/// Why the Levenberg–Marquardt iteration stopped. The first five cases are convergence; the tests
/// are those of MINPACK `lmder` (Moré, Garbow & Hillstrom 1980, User Guide for MINPACK-1, §2.3).
public enum NonlinearTermination: Equatable, Sendable, CustomStringConvertible {
  /// Both the actual and the predicted relative reduction of the sum of squares in the last step
  /// are at most `relativeReductionTolerance` (and the step was acceptable).
  case smallReduction
  /// The trust-region radius fell to `stepTolerance · ‖D·θ‖`: the parameters cannot move further
  /// by a relative amount larger than the tolerance.
  case smallStep
  /// The cosine of the angle between the residual vector and every Jacobian column is at most
  /// `gradientTolerance`: the residuals are orthogonal to the tangent space (`Jᵀr ≈ 0`).
  case smallGradient
  /// The residuals are exactly zero.
  case zeroResidual
  /// No further reduction is possible in double precision: one of the three tests above held
  /// with the machine epsilon in place of the tolerance (MINPACK `info` 6–8).
  case noFurtherProgress
  /// `maxEvaluations` residual evaluations were used before any test was met.
  case maximumEvaluations

  /// True for every case except `maximumEvaluations`. Convergence is to a stationary point; check
  /// `NonlinearFit.covariance != nil` (full-rank Jacobian) before trusting it: from a poor start
  /// the iteration can stop on a plateau where a parameter has no effect (NIST BoxBOD from
  /// start 1 ends with `exp(−b₂x) ≈ 0` and a Jacobian of rank 1).
  public var isConverged: Bool { self != .maximumEvaluations }

  public var description: String {
    switch self {
    case .smallReduction: "relative reduction of the sum of squares below tolerance"
    case .smallStep: "relative step size below tolerance"
    case .smallGradient: "gradient (residual–Jacobian cosine) below tolerance"
    case .zeroResidual: "residuals are zero"
    case .noFurtherProgress: "no further progress possible in double precision"
    case .maximumEvaluations: "maximum number of evaluations reached"
    }
  }
}

/// A nonlinear least-squares fit with its inference at the solution.
///
/// The covariance is `σ̂²·(JᵀJ)⁻¹` with `σ̂² = RSS / (m − n)`, computed from the pivoted QR of
/// the Jacobian at the solution as `σ̂²·P·R⁻¹R⁻ᵀ·Pᵀ` (`JᵀJ` is never formed). Parameters held at
/// an active bound are treated as fixed for inference: their covariance rows and columns are
/// zero and they are listed in `parametersAtBounds`. The degrees of freedom stay `m − n`.
public struct NonlinearFit: Sendable {
  /// The estimates θ̂.
  public let parameters: [Double]
  /// Residuals `r(θ̂)`.
  public let residuals: [Double]
  /// `Σ rᵢ(θ̂)²`.
  public let residualSumOfSquares: Double
  /// `m − n`.
  public let degreesOfFreedom: Int
  /// `√(RSS / (m − n))`; `nil` when there are no degrees of freedom.
  public let residualStandardDeviation: Double?
  /// `σ̂²·(JᵀJ)⁻¹`; `nil` without degrees of freedom or when the Jacobian of the free parameters
  /// is numerically rank-deficient at the solution (the parameters are not identified).
  public let covariance: Matrix?
  /// Square roots of the covariance diagonal; `nil` when `covariance` is.
  public let standardErrors: [Double]?
  /// Numerical rank of the Jacobian (free columns) at the solution.
  public let jacobianRank: Int
  /// Indices of parameters that ended on a bound (empty without bounds).
  public let parametersAtBounds: [Int]
  /// Accepted Levenberg–Marquardt steps.
  public let iterations: Int
  /// Gauss–Newton refinement steps kept after convergence (see `LevenbergMarquardt`).
  public let refinementSteps: Int
  /// Residual evaluations, including those used for finite differences.
  public let evaluations: Int
  /// Jacobian evaluations (analytic or finite-difference), including the one at the solution.
  public let jacobianEvaluations: Int
  /// Why the iteration stopped.
  public let termination: NonlinearTermination
}
