/// Why `LevenbergMarquardt.minimize` refused a problem or could not continue. Bad input never
/// traps.
public enum NonlinearLeastSquaresError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Fewer observations than parameters (or no parameters at all).
  case tooFewObservations(observations: Int, parameters: Int)
  /// The starting vector has the wrong length.
  case startLengthMismatch(expected: Int, actual: Int)
  /// The starting value of parameter `index` is NaN or infinite.
  case nonFiniteStart(index: Int)
  /// The residual function returned `actual` values where `expected` were declared.
  case residualCountMismatch(expected: Int, actual: Int)
  /// Residual `index` is NaN or infinite at the starting values.
  case nonFiniteResidualsAtStart(index: Int)
  /// The Jacobian has the wrong shape.
  case jacobianShapeMismatch(rows: Int, columns: Int)
  /// The Jacobian (analytic or finite-difference) holds NaN or infinite values at `parameters`.
  case nonFiniteJacobian(parameters: [Double])
  /// Bound arrays of the wrong length, `lower > upper`, or a NaN bound, for parameter `index`.
  case invalidBounds(index: Int)
  /// The start violates the bounds of parameter `index`.
  case startOutsideBounds(index: Int)
  /// An option is out of range.
  case invalidOption(String)
  /// A factorisation failed (should not happen for finite input).
  case linearAlgebra(LinearAlgebraError)

  public var description: String {
    switch self {
    case .tooFewObservations(let m, let n):
      "nonlinear least squares needs at least as many observations as parameters "
        + "(\(m) observations, \(n) parameters)"
    case .startLengthMismatch(let expected, let actual):
      "starting vector has \(actual) values, the problem has \(expected) parameters"
    case .nonFiniteStart(let index): "starting value of parameter \(index + 1) is not finite"
    case .residualCountMismatch(let expected, let actual):
      "residual function returned \(actual) values, expected \(expected)"
    case .nonFiniteResidualsAtStart(let index):
      "residual \(index + 1) is not finite at the starting values; choose another start"
    case .jacobianShapeMismatch(let rows, let columns):
      "Jacobian is \(rows)×\(columns), expected observations × parameters"
    case .nonFiniteJacobian(let parameters):
      "Jacobian is not finite at parameters \(parameters)"
    case .invalidBounds(let index): "bounds of parameter \(index + 1) are invalid"
    case .startOutsideBounds(let index):
      "starting value of parameter \(index + 1) lies outside its bounds"
    case .invalidOption(let what): "invalid option: \(what)"
    case .linearAlgebra(let error): "linear algebra: \(error)"
    }
  }
}
