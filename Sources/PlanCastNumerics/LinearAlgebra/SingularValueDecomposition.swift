import COpenBLAS

/// Thin singular value decomposition `A = U·diag(s)·Vᵀ` by divide and conquer (`dgesdd`).
public struct SingularValueDecomposition: Sendable {
  /// Left singular vectors, `m × min(m, n)`.
  public let u: Matrix
  /// Singular values in decreasing order.
  public let singularValues: [Double]
  /// Transposed right singular vectors, `min(m, n) × n`.
  public let vTransposed: Matrix

  /// Decomposes `a`. Throws on non-finite input or when the iteration fails to converge.
  public init(_ a: Matrix) throws {
    guard a.isFinite else { throw LinearAlgebraError.nonFinite("matrix passed to SVD") }
    let m = a.rows
    let n = a.columns
    let k = Swift.min(m, n)
    var copy = a.elements
    var s = [Double](repeating: 0, count: k)
    var u = Matrix(rows: m, columns: k)
    var vt = Matrix(rows: k, columns: n)
    if k > 0 {
      let info = LAPACKE_dgesdd(
        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), Int32(m), Int32(n), &copy, Int32(m), &s,
        &u.elements, Int32(m), &vt.elements, Int32(k))
      try LinearAlgebraError.check(info, routine: "dgesdd") {
        .noConvergence(routine: "dgesdd", count: $0)
      }
    }
    self.u = u
    self.singularValues = s
    self.vTransposed = vt
  }

  /// The 2-norm condition number `s_max / s_min` (infinite when `s_min` is 0).
  public var conditionNumber: Double {
    guard let largest = singularValues.first, let smallest = singularValues.last else { return 0 }
    return smallest == 0 ? .infinity : largest / smallest
  }

  /// The numerical rank: singular values above `tolerance · s_max` (default `max(m,n)·ε`).
  public func rank(tolerance: Double? = nil) -> Int {
    guard let largest = singularValues.first else { return 0 }
    let tol = tolerance ?? Double(Swift.max(u.rows, vTransposed.columns)) * Double.ulpOfOne
    return singularValues.filter { $0 > tol * largest }.count
  }
}
