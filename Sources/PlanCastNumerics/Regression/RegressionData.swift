/// The inputs of a linear regression: a response, a design matrix with named columns, and
/// optional weights. Validation happens here, so fitting code sees only checked values.
public struct RegressionData: Sendable {
  /// The response `y`, one value per observation.
  public let response: [Double]
  /// The design matrix `X`, one row per observation (include the intercept column yourself).
  public let design: Matrix
  /// One name per design column.
  public let names: [String]
  /// True when the design contains a constant column: R² is then centred, otherwise uncentred.
  public let hasIntercept: Bool
  /// Observation weights for weighted least squares (`nil` for ordinary least squares).
  public let weights: [Double]?

  /// Checks shapes, finiteness and weights.
  public init(
    response: [Double], design: Matrix, names: [String]? = nil, hasIntercept: Bool,
    weights: [Double]? = nil
  ) throws {
    guard design.rows == response.count else {
      throw RegressionError.shapeMismatch(
        "the response has \(response.count) values but the design has \(design.rows) rows")
    }
    let columnNames = names ?? (0..<design.columns).map { "x\($0)" }
    guard columnNames.count == design.columns else {
      throw RegressionError.shapeMismatch(
        "\(columnNames.count) names for \(design.columns) design columns")
    }
    guard Matrix.allFinite(response) else {
      throw RegressionError.nonFinite("the response")
    }
    guard design.isFinite else { throw RegressionError.nonFinite("the design matrix") }
    if let weights {
      guard weights.count == response.count else {
        throw RegressionError.shapeMismatch(
          "\(weights.count) weights for \(response.count) observations")
      }
      guard weights.allSatisfy({ $0.isFinite && $0 > 0 }) else {
        throw RegressionError.invalidWeights
      }
    }
    self.response = response
    self.design = design
    self.names = columnNames
    self.hasIntercept = hasIntercept
    self.weights = weights
  }

  /// Number of observations.
  public var count: Int { response.count }
}

/// Why a regression could not be fitted.
public enum RegressionError: Error, Equatable, Sendable, CustomStringConvertible {
  case shapeMismatch(String)
  case nonFinite(String)
  case invalidWeights
  /// Fewer observations than estimable coefficients leaves no residual degrees of freedom.
  case tooFewObservations(observations: Int, parameters: Int)
  case linearAlgebra(LinearAlgebraError)
  /// A column's values are so large that its norm overflows double precision.
  case overflow(column: String)

  public var description: String {
    switch self {
    case .shapeMismatch(let what): "shape mismatch: \(what)"
    case .nonFinite(let what): "\(what) contains NaN or infinite values"
    case .invalidWeights: "weights must be finite and positive"
    case .tooFewObservations(let n, let k):
      "\(n) observations cannot estimate \(k) coefficients with residual degrees of freedom left"
    case .linearAlgebra(let error): error.description
    case .overflow(let column):
      "column '\(column)' is too large for double precision (its sum of squares overflows near "
        + "1e308); rescale it, e.g. divide it by a power of ten"
    }
  }
}
