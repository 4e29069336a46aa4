/// Why a linear-algebra operation failed. LAPACK's `info` codes become these cases; nothing
/// traps on a bad matrix.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Operand shapes do not fit together.
  case dimensionMismatch(String)
  /// A LAPACK routine rejected argument number `argument` (negative `info`).
  case illegalArgument(routine: String, argument: Int)
  /// The matrix is singular: the `index`-th (1-based) pivot or diagonal element is exactly zero.
  case singular(routine: String, index: Int)
  /// The leading minor of order `order` is not positive definite (Cholesky).
  case notPositiveDefinite(order: Int)
  /// An iterative routine (SVD) did not converge; `count` superdiagonals failed.
  case noConvergence(routine: String, count: Int)
  /// The input holds NaN or infinite values.
  case nonFinite(String)

  public var description: String {
    switch self {
    case .dimensionMismatch(let what): "dimension mismatch: \(what)"
    case .illegalArgument(let routine, let argument):
      "\(routine): illegal value in argument \(argument)"
    case .singular(let routine, let index): "\(routine): matrix is singular (pivot \(index) is 0)"
    case .notPositiveDefinite(let order):
      "matrix is not positive definite (leading minor of order \(order))"
    case .noConvergence(let routine, let count):
      "\(routine): did not converge (\(count) superdiagonals)"
    case .nonFinite(let what): "non-finite values in \(what)"
    }
  }

  /// Converts a LAPACK `info` code into an error, or nothing when `info == 0`.
  static func check(_ info: Int32, routine: String, positive: (Int) -> LinearAlgebraError) throws {
    if info < 0 { throw LinearAlgebraError.illegalArgument(routine: routine, argument: Int(-info)) }
    if info > 0 { throw positive(Int(info)) }
  }
}
