import COpenBLAS

/// Householder QR with column pivoting, `A·P = Q·R` (LAPACK `dgeqp3`), with numerical rank.
///
/// The rank is the number of leading diagonal elements of `R` with
/// `|R[k,k]| > tolerance · |R[0,0]|`. The default tolerance, `max(m, n) · ε`, is the one numpy's
/// `lstsq` and MATLAB use. Columns beyond the rank are *aliased*: numerically dependent on the
/// kept ones.
public struct PivotedQR: Sendable {
  /// Rows of the factored matrix.
  public let rows: Int
  /// Columns of the factored matrix.
  public let columns: Int
  /// `R` in the upper triangle and the Householder vectors below it, as `dgeqp3` leaves them.
  let factors: [Double]
  /// Householder scalars.
  let tau: [Double]
  /// Column `k` of `A·P` is column `permutation[k]` of `A` (0-based).
  public let permutation: [Int]
  /// Numerical rank.
  public let rank: Int

  /// The default relative tolerance for rank decisions on an `m × n` matrix.
  public static func defaultTolerance(rows: Int, columns: Int) -> Double {
    Double(Swift.max(rows, columns)) * Double.ulpOfOne
  }

  /// Factors `a`. Throws on non-finite input or a LAPACK error.
  public init(_ a: Matrix, tolerance: Double? = nil) throws {
    guard a.isFinite else { throw LinearAlgebraError.nonFinite("matrix passed to QR") }
    let m = a.rows
    let n = a.columns
    var factors = a.elements
    var tau = [Double](repeating: 0, count: Swift.min(m, n))
    var pivots = [Int32](repeating: 0, count: n)
    let lwork = 2 * n + (n + 1) * 64
    var work = [Double](repeating: 0, count: Swift.max(1, lwork))
    let info = LAPACKE_dgeqp3_work(
      LAPACK_COL_MAJOR, Int32(m), Int32(n), &factors, Int32(Swift.max(1, m)), &pivots, &tau,
      &work, Int32(work.count))
    try LinearAlgebraError.check(info, routine: "dgeqp3") { _ in
      .illegalArgument(routine: "dgeqp3", argument: 0)
    }
    let tol = tolerance ?? Self.defaultTolerance(rows: m, columns: n)
    let diagonalCount = Swift.min(m, n)
    let largest = diagonalCount > 0 ? abs(factors[0]) : 0
    var rank = 0
    while rank < diagonalCount, abs(factors[rank + rank * m]) > tol * largest {
      rank += 1
    }
    self.rows = m
    self.columns = n
    self.factors = factors
    self.tau = tau
    self.permutation = pivots.map { Int($0) - 1 }
    self.rank = rank
  }

  /// Original column indices kept (the first `rank` pivots), in pivot order.
  public var keptColumns: [Int] { Array(permutation.prefix(rank)) }

  /// Original column indices found aliased (numerically dependent), in ascending order.
  public var aliasedColumns: [Int] { permutation.dropFirst(rank).sorted() }

  /// Element (i, j) of `R`.
  public func r(_ i: Int, _ j: Int) -> Double { i <= j ? factors[i + j * rows] : 0 }

  /// `Qᵀ·b` for a vector of length `rows` (LAPACK `dormqr`).
  public func qTransposeTimes(_ b: [Double]) throws -> [Double] {
    guard b.count == rows else {
      throw LinearAlgebraError.dimensionMismatch("vector of \(b.count) for QR of \(rows) rows")
    }
    var c = b
    let k = tau.count
    guard k > 0 else { return c }
    var work = [Double](repeating: 0, count: 64)
    let info = factors.withUnsafeBufferPointer { a in
      LAPACKE_dormqr_work(
        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "T")), Int32(rows), 1,
        Int32(k), a.baseAddress, Int32(rows), tau, &c, Int32(rows), &work, Int32(work.count))
    }
    try LinearAlgebraError.check(info, routine: "dormqr") { _ in
      .illegalArgument(routine: "dormqr", argument: 0)
    }
    return c
  }

  /// The basic least-squares solution of `A·x ≈ b`: aliased coefficients are set to zero and
  /// the rest solve `R₁₁·z = (Qᵀb)₁` by back substitution (`dtrsv`).
  public func solve(_ b: [Double]) throws -> [Double] {
    let qtb = try qTransposeTimes(b)
    var z = Array(qtb.prefix(rank))
    if rank > 0 {
      factors.withUnsafeBufferPointer { a in
        cblas_dtrsv(
          CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(rank), a.baseAddress,
          Int32(rows), &z, 1)
      }
    }
    var x = [Double](repeating: 0, count: columns)
    for k in 0..<rank { x[permutation[k]] = z[k] }
    return x
  }

  /// `(R₁₁ᵀ·R₁₁)⁻¹`, the unscaled covariance of the kept coefficients, in pivot order
  /// (`dpotri` on the triangular factor). Equals `(XᵀX)⁻¹` restricted to the kept columns.
  public func inverseGramOfKeptColumns() throws -> Matrix {
    var r11 = Matrix(rows: rank, columns: rank)
    for j in 0..<rank {
      for i in 0...j { r11[i, j] = factors[i + j * rows] }
    }
    if rank > 0 {
      let info = LAPACKE_dpotri_work(
        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(rank), &r11.elements, Int32(rank))
      try LinearAlgebraError.check(info, routine: "dpotri") { .singular(routine: "dpotri", index: $0) }
    }
    r11.symmetrizeFromUpper()
    return r11
  }
}
