/// Levenberg–Marquardt minimisation of a sum of squares, in the scaled trust-region form of
/// Moré (1978), "The Levenberg–Marquardt algorithm: implementation and theory", Lecture Notes in
/// Mathematics 630, pp. 105–116, as implemented in MINPACK `lmder` (Moré, Garbow & Hillstrom
/// 1980, User Guide for MINPACK-1, ANL-80-74).
///
/// Each iteration computes the Jacobian `J` (analytic, or central differences), its pivoted QR
/// (`PivotedQR`), and a step `p` that solves `[J; √λ·D]·p ≈ [−r; 0]` by QR with the damping `λ`
/// chosen so that `‖D·p‖ ≈ Δ` (`TrustRegionSubproblem`); the normal equations are never formed.
/// The scaling `D` holds the largest Euclidean norm each Jacobian column has had, so the
/// iteration is invariant under rescaling of the parameters. The radius `Δ` grows or shrinks by
/// the ratio of actual to predicted reduction; steps with ratio below 10⁻⁴ are rejected.
///
/// **Convergence tests** (MINPACK's, checked after every trial step; `S = ‖r‖²`):
/// - *relative reduction*: the actual and the predicted relative reductions of `S` are both at
///   most `relativeReductionTolerance` → `.smallReduction`;
/// - *step*: `Δ ≤ stepTolerance·‖D·θ‖` → `.smallStep`;
/// - *gradient*: `max_j |Jⱼᵀr| / (‖Jⱼ‖·‖r‖) ≤ gradientTolerance`, the cosine between the
///   residuals and each Jacobian column, checked at the start of each iteration → `.smallGradient`;
/// - the same three tests with the machine epsilon (the tolerances were too small to be met)
///   → `.noFurtherProgress`; `r = 0` → `.zeroResidual`;
/// - `maxEvaluations` residual evaluations → `.maximumEvaluations` (not converged).
///
/// The defaults (relative reduction 0, i.e. off; step and gradient 10⁻¹⁵) stop only when double
/// precision allows no further progress: a relative-reduction test of `τ` leaves the parameters
/// about `√(τ·(m − n))` standard errors from the minimum, far too loose for the NIST StRD
/// certified values. After convergence the solution is polished by Gauss–Newton steps
/// (`refine()`, see `GaussNewtonRefinement.swift`), which removes the `√ε` floor of any test based
/// on `‖r‖²`. Measured on all 27 NIST StRD nonlinear sets from both starts: ≥ 10 correct digits
/// of every certified parameter, except three noted in the tests.
///
/// **Bounds** (`NonlinearLeastSquaresProblem.lowerBounds/upperBounds`): a projected variant.
/// A parameter on a bound whose gradient points out of the box is held fixed for the iteration;
/// the step of the others comes from the subproblem above and the trial point is projected onto
/// the box (the predicted reduction then uses the projected step). At the solution, parameters
/// on a bound are reported in `NonlinearFit.parametersAtBounds` and fixed for the covariance. A
/// strict inequality (a logistic ceiling above the last observed share) is expressed by a bound
/// a small margin inside it.
public struct LevenbergMarquardt: Sendable {
  /// Tolerances and limits.
  public struct Options: Sendable {
    /// `ftol`: relative reduction of the sum of squares (actual and predicted); 0 disables it.
    public var relativeReductionTolerance: Double = 0
    /// `xtol`: trust-region radius relative to the scaled parameter norm.
    public var stepTolerance: Double = 1e-15
    /// `gtol`: cosine between the residuals and any Jacobian column.
    public var gradientTolerance: Double = 1e-15
    /// Maximum number of residual evaluations (finite differences included).
    public var maxEvaluations: Int = 10_000
    /// Initial trust-region radius as a multiple of `‖D·θ₀‖` (MINPACK `factor`, 100).
    public var initialStepFactor: Double = 100

    public init(
      relativeReductionTolerance: Double = 0, stepTolerance: Double = 1e-15,
      gradientTolerance: Double = 1e-15, maxEvaluations: Int = 10_000,
      initialStepFactor: Double = 100
    ) {
      self.relativeReductionTolerance = relativeReductionTolerance
      self.stepTolerance = stepTolerance
      self.gradientTolerance = gradientTolerance
      self.maxEvaluations = maxEvaluations
      self.initialStepFactor = initialStepFactor
    }
  }

  /// Tolerances and limits.
  public var options: Options

  public init(options: Options = Options()) {
    self.options = options
  }

  /// Minimises `‖r(θ)‖²` from `start`.
  ///
  /// Throws `NonlinearLeastSquaresError` on bad input (too few observations, a non-finite start
  /// or starting residuals, inconsistent sizes or bounds) or a non-finite Jacobian. A
  /// non-finite residual at a trial point is not an error: the step is rejected and the trust
  /// region shrinks. (A region where the residuals are undefined therefore acts as a wall: when
  /// the minimum of the model lies beyond it, the iteration can end against it with `.smallStep`;
  /// use bounds or a transform to keep such a model in its domain.) Running out of evaluations is not an error either: the fit is returned with
  /// `termination == .maximumEvaluations`.
  public func minimize(_ problem: NonlinearLeastSquaresProblem, from start: [Double]) throws
    -> NonlinearFit
  {
    var state = try LevenbergMarquardtState(problem: problem, start: start, options: options)
    try state.run()
    try state.refine()
    return try state.fit()
  }
}
