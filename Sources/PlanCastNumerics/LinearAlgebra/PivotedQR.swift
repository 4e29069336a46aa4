import COpenBLAS

/// Householder QR with column pivoting, `A·P = Q·R` (LAPACK `dgeqp3`), with numerical rank.
///
/// The rank is the number of leading diagonal elements of `R` with
/// `|R[k,k]| > tolerance · |R[0,0]|`. The default tolerance, `max(m, n) · ε`, is the one numpy's
/// `lstsq` and MATLAB use. Columns beyond the rank are *aliased*: numerically dependent on the
/// kept ones.
///
/// Small problems (`min(m, n) ≤ 32`, LAPACK's block size) call the unblocked routines `dlaqp2`,
/// `dorg2r`, `dtrti2` and `dlauu2` directly (what the blocked drivers run at these sizes), without
/// LAPACKE's NaN scans and the drivers' `ilaenv` and workspace queries; `Qᵀ·b` applies the
/// reflectors with BLAS `ddot`/`daxpy` (the arithmetic of `dorm2r` on one column).
public struct PivotedQR: Sendable {
  /// Rows of the factored matrix.
  public let rows: Int
  /// Columns of the factored matrix.
  public let columns: Int
  /// `R` in the upper triangle and the Householder vectors below it, as `dgeqp3` leaves them.
  let factors: [Double]
  /// Householder scalars.
  let tau: [Double]
  /// LAPACK's 1-based pivots: column `k` of `A·P` is column `pivots[k] − 1` of `A`.
  let pivots: [Int32]
  /// Numerical rank.
  public let rank: Int

  /// Largest `min(m, n)` for which the unblocked LAPACK routines are called directly.
  static let unblockedLimit = 32

  /// The default relative tolerance for rank decisions on an `m × n` matrix.
  public static func defaultTolerance(rows: Int, columns: Int) -> Double {
    Double(Swift.max(rows, columns)) * Double.ulpOfOne
  }

  /// A factorization computed elsewhere (``LinearRegression`` factors in its own storage).
  init(rows: Int, columns: Int, factors: [Double], tau: [Double], pivots: [Int32], rank: Int) {
    self.rows = rows
    self.columns = columns
    self.factors = factors
    self.tau = tau
    self.pivots = pivots
    self.rank = rank
  }

  /// Factors `a`. Throws on non-finite input or a LAPACK error.
  public init(_ a: Matrix, tolerance: Double? = nil) throws {
    guard a.isFinite else { throw LinearAlgebraError.nonFinite("matrix passed to QR") }
    try self.init(factoring: a.elements, rows: a.rows, columns: a.columns, tolerance: tolerance)
  }

  /// Factors the column-major `elements` in place (no copy); the caller has checked finiteness.
  init(factoring elements: [Double], rows m: Int, columns n: Int, tolerance: Double? = nil) throws {
    var factors = elements
    let k = Swift.min(m, n)
    var tau = [Double](repeating: 0, count: k)
    var pivots = [Int32](repeating: 0, count: n)
    if k > 0 {
      if k <= Self.unblockedLimit {
        Self.factorUnblocked(&factors, rows: m, columns: n, pivots: &pivots, tau: &tau)
      } else {
        let lwork = 2 * n + (n + 1) * 64
        var work = [Double](repeating: 0, count: lwork)
        let info = LAPACKE_dgeqp3_work(
          LAPACK_COL_MAJOR, Int32(m), Int32(n), &factors, Int32(m), &pivots, &tau, &work,
          Int32(lwork))
        try LinearAlgebraError.check(info, routine: "dgeqp3") { _ in
          .illegalArgument(routine: "dgeqp3", argument: 0)
        }
      }
    } else {
      for j in 0..<n { pivots[j] = Int32(j + 1) }
    }
    let tol = tolerance ?? Self.defaultTolerance(rows: m, columns: n)
    let largest = k > 0 ? abs(factors[0]) : 0
    var rank = 0
    while rank < k, abs(factors[rank + rank * m]) > tol * largest { rank += 1 }
    self.rows = m
    self.columns = n
    self.factors = factors
    self.tau = tau
    self.pivots = pivots
    self.rank = rank
  }

  /// What `dgeqp3` does when `min(m, n)` is below its block size: exact column norms (`dnrm2`),
  /// then `dlaqp2` on the whole matrix.
  private static func factorUnblocked(
    _ a: inout [Double], rows m: Int, columns n: Int, pivots: inout [Int32], tau: inout [Double]
  ) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * n) { work in
      let w = work.baseAddress!
      a.withUnsafeMutableBufferPointer { a in
        for j in 0..<n {
          pivots[j] = Int32(j + 1)
          let norm = cblas_dnrm2(Int32(m), a.baseAddress! + j * m, 1)
          w[j] = norm
          w[n + j] = norm
        }
        var m32 = Int32(m)
        var n32 = Int32(n)
        var offset: Int32 = 0
        dlaqp2_(&m32, &n32, &offset, a.baseAddress, &m32, &pivots, &tau, w, w + n, w + 2 * n)
      }
    }
  }

  /// Column `k` of `A·P` is column `permutation[k]` of `A` (0-based).
  public var permutation: [Int] { pivots.map { Int($0) - 1 } }

  /// Original column indices kept (the first `rank` pivots), in pivot order.
  public var keptColumns: [Int] { pivots.prefix(rank).map { Int($0) - 1 } }

  /// Original column indices found aliased (numerically dependent), in ascending order.
  public var aliasedColumns: [Int] {
    rank == columns ? [] : pivots.dropFirst(rank).map { Int($0) - 1 }.sorted()
  }

  /// Element (i, j) of `R`.
  public func r(_ i: Int, _ j: Int) -> Double { i <= j ? factors[i + j * rows] : 0 }

  /// `Qᵀ·b` for a vector of length `rows` (LAPACK `dormqr`).
  public func qTransposeTimes(_ b: [Double]) throws -> [Double] {
    guard b.count == rows else {
      throw LinearAlgebraError.dimensionMismatch("vector of \(b.count) for QR of \(rows) rows")
    }
    var c = b
    try c.withUnsafeMutableBufferPointer { try applyQTranspose($0.baseAddress!) }
    return c
  }

  /// Overwrites the `rows`-vector at `c` with `Qᵀ·c`.
  func applyQTranspose(_ c: UnsafeMutablePointer<Double>) throws {
    let k = tau.count
    guard k > 0 else { return }
    if k <= Self.unblockedLimit {
      // dorm2r for one column: each reflector H = I − τ·v·vᵀ (v₀ = 1, the rest below R's
      // diagonal) applied as a dot product and an axpy (BLAS ddot/daxpy), skipping dlarf's
      // per-reflector scans and level-2 calls on a single column.
      let m = rows
      factors.withUnsafeBufferPointer { a in
        let a = a.baseAddress!
        for i in 0..<k where tau[i] != 0 {
          let tail = Int32(m - i - 1)
          let v = a + i * m + i + 1
          let w = c[i] + (tail > 0 ? cblas_ddot(tail, v, 1, c + i + 1, 1) : 0)
          let scale = -tau[i] * w
          c[i] += scale
          if tail > 0 { cblas_daxpy(tail, scale, v, 1, c + i + 1, 1) }
        }
      }
    } else {
      var work = [Double](repeating: 0, count: 64)
      let info = LAPACKE_dormqr_work(
        LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "T")), Int32(rows), 1,
        Int32(k), factors, Int32(rows), tau, c, Int32(rows), &work, Int32(work.count))
      try LinearAlgebraError.check(info, routine: "dormqr") { _ in
        .illegalArgument(routine: "dormqr", argument: 0)
      }
    }
  }

  /// Solves `R₁₁·z = c[0..<rank]` in place (`dtrsv`).
  func solveR(_ c: UnsafeMutablePointer<Double>) {
    guard rank > 0 else { return }
    cblas_dtrsv(
      CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(rank), factors, Int32(rows),
      c, 1)
  }

  /// Solves `R₁₁ᵀ·v = c[0..<rank]` in place (`dtrsv`).
  func solveRTransposed(_ c: UnsafeMutablePointer<Double>) {
    guard rank > 0 else { return }
    cblas_dtrsv(
      CblasColMajor, CblasUpper, CblasTrans, CblasNonUnit, Int32(rank), factors, Int32(rows), c, 1)
  }

  /// The basic least-squares solution of `A·x ≈ b`: aliased coefficients are set to zero and
  /// the rest solve `R₁₁·z = (Qᵀb)₁` by back substitution (`dtrsv`).
  public func solve(_ b: [Double]) throws -> [Double] {
    guard b.count == rows else {
      throw LinearAlgebraError.dimensionMismatch("vector of \(b.count) for QR of \(rows) rows")
    }
    var x = [Double](repeating: 0, count: columns)
    try withUnsafeTemporaryAllocation(of: Double.self, capacity: rows) { work in
      let c = work.baseAddress!
      c.initialize(from: b, count: rows)
      try solve(overwriting: c, into: &x)
    }
    return x
  }

  /// `x[permutation[k]] = z[k]` where `z` solves `R₁₁·z = (Qᵀc)₁`; `c` (length `rows`) is
  /// overwritten. Aliased entries of `x` are left untouched.
  func solve(overwriting c: UnsafeMutablePointer<Double>, into x: inout [Double]) throws {
    try applyQTranspose(c)
    solveR(c)
    for k in 0..<rank { x[Int(pivots[k]) - 1] = c[k] }
  }

  /// `(R₁₁ᵀ·R₁₁)⁻¹`, the unscaled covariance of the kept coefficients, in pivot order
  /// (`dpotri` on the triangular factor). Equals `(XᵀX)⁻¹` restricted to the kept columns.
  public func inverseGramOfKeptColumns() throws -> Matrix {
    var r11 = Matrix(rows: rank, columns: rank)
    try r11.elements.withUnsafeMutableBufferPointer { try inverseGram(into: $0.baseAddress!) }
    return r11
  }

  /// Writes `(R₁₁ᵀ·R₁₁)⁻¹` (both triangles, pivot order) into the `rank × rank` buffer at `out`.
  func inverseGram(into out: UnsafeMutablePointer<Double>) throws {
    try factors.withUnsafeBufferPointer {
      try Self.inverseGram(factors: $0.baseAddress!, rows: rows, rank: rank, into: out)
    }
  }

  /// `(R₁₁ᵀ·R₁₁)⁻¹` for the factors at `factors` (leading dimension `rows`), as
  /// ``inverseGram(into:)``.
  static func inverseGram(
    factors: UnsafePointer<Double>, rows: Int, rank r: Int, into out: UnsafeMutablePointer<Double>
  ) throws {
    guard r > 0 else { return }
    for j in 0..<r {
      for i in 0...j { out[i + j * r] = factors[i + j * rows] }
      for i in (j + 1)..<Swift.max(j + 1, r) { out[i + j * r] = 0 }
    }
    var n = Int32(r)
    var info: Int32 = 0
    // Reference dtrtri checks the diagonal for exact zeros before inverting; OpenBLAS's dtrti2
    // does not, so check here for both paths.
    for k in 0..<r where out[k + k * r] == 0 {
      throw LinearAlgebraError.singular(routine: "dpotri", index: k + 1)
    }
    if r <= 2 * Self.unblockedLimit {
      // dpotri = dtrtri (R⁻¹) then dlauum (R⁻¹·R⁻ᵀ); below the block size these are unblocked.
      var upper = CChar(UInt8(ascii: "U"))
      var nonUnit = CChar(UInt8(ascii: "N"))
      dtrti2_(&upper, &nonUnit, &n, out, &n, &info, 1, 1)
      try LinearAlgebraError.check(info, routine: "dpotri") {
        .singular(routine: "dpotri", index: $0)
      }
      dlauu2_(&upper, &n, out, &n, &info, 1)
    } else {
      info = LAPACKE_dpotri_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n, out, n)
    }
    try LinearAlgebraError.check(info, routine: "dpotri") {
      .singular(routine: "dpotri", index: $0)
    }
    for j in 0..<r {
      for i in (j + 1)..<Swift.max(j + 1, r) { out[i + j * r] = out[j + i * r] }
    }
  }

  /// The first `rank` columns of `Q` (an orthonormal basis of the kept columns), `rows × rank`
  /// (`dorgqr`; `dorg2r` on small problems).
  func keptBasis() throws -> Matrix {
    var q = Matrix(rows: rows, columns: rank)
    guard rank > 0 else { return q }
    for i in 0..<(rows * rank) { q.elements[i] = factors[i] }
    var m = Int32(rows)
    var n = Int32(rank)
    var info: Int32 = 0
    if rank <= Self.unblockedLimit {
      var work = [Double](repeating: 0, count: rank)
      dorg2r_(&m, &n, &n, &q.elements, &m, tau, &work, &info)
    } else {
      var query = 0.0
      info = LAPACKE_dorgqr_work(LAPACK_COL_MAJOR, m, n, n, &q.elements, m, tau, &query, -1)
      var work = [Double](repeating: 0, count: Swift.max(1, Int(query)))
      if info == 0 {
        info = LAPACKE_dorgqr_work(
          LAPACK_COL_MAJOR, m, n, n, &q.elements, m, tau, &work, Int32(work.count))
      }
    }
    try LinearAlgebraError.check(info, routine: "dorgqr") { _ in
      .illegalArgument(routine: "dorgqr", argument: 0)
    }
    return q
  }
}
