import COpenBLAS

/// Cholesky factorization `A = L·Lᵀ` of a symmetric positive-definite matrix (`dpotrf`).
public struct Cholesky: Sendable {
  /// The lower-triangular factor `L` (upper triangle zeroed).
  public let lower: Matrix

  /// Factors `a`; throws `.notPositiveDefinite` when it is not.
  public init(_ a: Matrix) throws {
    guard a.rows == a.columns else {
      throw LinearAlgebraError.dimensionMismatch("Cholesky of a \(a.rows)×\(a.columns) matrix")
    }
    guard a.isFinite else { throw LinearAlgebraError.nonFinite("matrix passed to Cholesky") }
    var l = a
    let n = Int32(a.rows)
    if n > 0 {
      let info = LAPACKE_dpotrf_work(
        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), n, &l.elements, n)
      try LinearAlgebraError.check(info, routine: "dpotrf") { .notPositiveDefinite(order: $0) }
    }
    for j in 0..<a.columns {
      for i in 0..<j { l[i, j] = 0 }
    }
    lower = l
  }

  /// Solves `A·X = B` (`dpotrs`).
  public func solve(_ b: Matrix) throws -> Matrix {
    guard b.rows == lower.rows else {
      throw LinearAlgebraError.dimensionMismatch(
        "right-hand side has \(b.rows) rows, not \(lower.rows)")
    }
    var x = b
    guard b.rows > 0, b.columns > 0 else { return x }
    let info = lower.elements.withUnsafeBufferPointer { l in
      LAPACKE_dpotrs_work(
        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(lower.rows), Int32(b.columns),
        l.baseAddress, Int32(lower.rows), &x.elements, Int32(b.rows))
    }
    try LinearAlgebraError.check(info, routine: "dpotrs") { _ in
      .illegalArgument(routine: "dpotrs", argument: 0)
    }
    return x
  }

  /// `A⁻¹` (`dpotri`), symmetric with both triangles filled.
  public func inverse() throws -> Matrix {
    var inv = lower
    let n = Int32(lower.rows)
    if n > 0 {
      let info = LAPACKE_dpotri_work(
        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), n, &inv.elements, n)
      try LinearAlgebraError.check(info, routine: "dpotri") {
        .singular(routine: "dpotri", index: $0)
      }
    }
    for j in 0..<inv.columns {
      for i in 0..<j { inv[i, j] = inv[j, i] }
    }
    return inv
  }

  /// `L·z`: turns independent standard normal draws into draws with covariance `A` (`dtrmv`).
  public func correlate(_ z: [Double]) throws -> [Double] {
    guard z.count == lower.rows else {
      throw LinearAlgebraError.dimensionMismatch(
        "vector of \(z.count) for a \(lower.rows)-square factor")
    }
    var x = z
    guard !x.isEmpty else { return x }
    lower.elements.withUnsafeBufferPointer { l in
      cblas_dtrmv(
        CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(lower.rows), l.baseAddress,
        Int32(lower.rows), &x, 1)
    }
    return x
  }
}
