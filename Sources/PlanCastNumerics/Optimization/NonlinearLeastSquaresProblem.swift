/// A nonlinear least-squares problem: find θ minimising `S(θ) = Σᵢ rᵢ(θ)²`.
///
/// The residuals are a function of the parameters; the Jacobian `J[i, j] = ∂rᵢ/∂θⱼ` is optional
/// (central finite differences are used without it, see `FiniteDifferenceJacobian`). Optional box
/// bounds `lowerBounds[j] ≤ θⱼ ≤ upperBounds[j]` are handled by `LevenbergMarquardt` by projection
/// (see its documentation); use `-.infinity`/`.infinity` for an unbounded side.
///
/// For a curve `y ≈ f(x, θ)` use `init(x:y:parameterCount:model:gradient:)`, which defines the
/// residuals as `rᵢ = yᵢ − f(xᵢ, θ)` (observed minus fitted).
public struct NonlinearLeastSquaresProblem: Sendable {
  /// Number of parameters `n`.
  public let parameterCount: Int
  /// Number of residuals (observations) `m`.
  public let observationCount: Int
  /// The residual vector `r(θ)` of length `observationCount`.
  public let residuals: @Sendable ([Double]) -> [Double]
  /// The Jacobian of the residuals, `observationCount × parameterCount`; `nil` for finite
  /// differences.
  public let jacobian: (@Sendable ([Double]) -> Matrix)?
  /// Lower bounds per parameter (`nil`: none).
  public var lowerBounds: [Double]?
  /// Upper bounds per parameter (`nil`: none).
  public var upperBounds: [Double]?

  /// A problem from a residual function and, optionally, its Jacobian and box bounds.
  public init(
    parameterCount: Int,
    observationCount: Int,
    residuals: @escaping @Sendable ([Double]) -> [Double],
    jacobian: (@Sendable ([Double]) -> Matrix)? = nil,
    lowerBounds: [Double]? = nil,
    upperBounds: [Double]? = nil
  ) {
    self.parameterCount = parameterCount
    self.observationCount = observationCount
    self.residuals = residuals
    self.jacobian = jacobian
    self.lowerBounds = lowerBounds
    self.upperBounds = upperBounds
  }

  /// A curve fit `yᵢ = f(xᵢ, θ) + eᵢ` with residuals `rᵢ = yᵢ − f(xᵢ, θ)`.
  ///
  /// `gradient(x, θ)`, if given, returns `∂f/∂θⱼ` at one observation (the Jacobian of the
  /// residuals is its negative). `X` is the predictor type: `Double`, or an array for several
  /// predictors. `x` and `y` must have equal lengths; a mismatch is reported by
  /// `LevenbergMarquardt.minimize` as `NonlinearLeastSquaresError.residualCountMismatch`.
  public init<X: Sendable>(
    x: [X],
    y: [Double],
    parameterCount: Int,
    model: @escaping @Sendable (X, [Double]) -> Double,
    gradient: (@Sendable (X, [Double]) -> [Double])? = nil,
    lowerBounds: [Double]? = nil,
    upperBounds: [Double]? = nil
  ) {
    let count = Swift.min(x.count, y.count)
    let jacobian: (@Sendable ([Double]) -> Matrix)? = gradient.map { gradient in
      { @Sendable theta in
        var j = Matrix(rows: count, columns: parameterCount)
        for i in 0..<count {
          let g = gradient(x[i], theta)
          for k in 0..<Swift.min(g.count, parameterCount) { j[i, k] = -g[k] }
          // A gradient of the wrong length makes the Jacobian non-finite, which is reported.
          if g.count != parameterCount { j[i, 0] = .nan }
        }
        return j
      }
    }
    self.init(
      parameterCount: parameterCount,
      observationCount: x.count == y.count ? count : Swift.max(x.count, y.count),
      residuals: { theta in (0..<count).map { y[$0] - model(x[$0], theta) } },
      jacobian: jacobian, lowerBounds: lowerBounds, upperBounds: upperBounds)
  }
}
