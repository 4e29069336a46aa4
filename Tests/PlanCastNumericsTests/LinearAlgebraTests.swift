import Foundation
import PlanCastNumerics
import Testing

/// Matrix, BLAS wrappers, pivoted QR, SVD and Cholesky: values against hand-computed results,
/// and every bad input becomes a typed `LinearAlgebraError` (nothing traps).
@Suite struct LinearAlgebraTests {
  /// A deterministic `rows × columns` matrix with entries in (−1, 1).
  static func pseudoRandom(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var state = seed
    var m = Matrix(rows: rows, columns: columns)
    for i in m.elements.indices {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      m.elements[i] = Double(state >> 11) * 0x1p-52 - 1
    }
    return m
  }

  static func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
  }

  @Test func matrixConstructionAndAccess() throws {
    let m = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
    #expect(m.rows == 2 && m.columns == 3)
    #expect(m.elements == [1, 4, 2, 5, 3, 6])
    #expect(m[1, 2] == 6)
    #expect(m.column(1) == [2, 5])
    #expect(m.row(0) == [1, 2, 3])
    #expect(m.transposed == (try Matrix(rows: [[1, 4], [2, 5], [3, 6]])))
    #expect(m.selectingColumns([2, 0]) == (try Matrix(rows: [[3, 1], [6, 4]])))
    #expect(Matrix.identity(2).diagonal == [1, 1])
    #expect(try Matrix(columns: [[1, 4], [2, 5], [3, 6]]) == m)
    #expect(throws: LinearAlgebraError.self) {
      try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3])
    }
    #expect(throws: LinearAlgebraError.self) { try Matrix(columns: [[1, 2], [3]]) }
    #expect(throws: LinearAlgebraError.self) { try Matrix(rows: [[1, 2], [3]]) }
    var n = m
    n[0, 0] = .nan
    #expect(m.isFinite && !n.isFinite)
  }

  @Test func gemmGemvAndSyrk() throws {
    let a = try Matrix(rows: [[1, 2], [3, 4], [5, 6]])
    let b = try Matrix(rows: [[1, 0, 2], [0, 1, 3]])
    #expect(try a * b == (try Matrix(rows: [[1, 2, 8], [3, 4, 18], [5, 6, 28]])))
    #expect(
      try a.multiplied(by: a, transposingSelf: true)
        == (try Matrix(rows: [[35, 44], [44, 56]])))
    let product = try a.multiplied(by: b, transposingSelf: true, transposingOther: true, alpha: 2)
    #expect(product == (try Matrix(rows: [[22, 36], [28, 44]])))
    #expect(try a.multiplied(by: [1, 1]) == [3, 7, 11])
    #expect(try a.multiplied(by: [1, 1, 1], transposing: true, alpha: 0.5) == [4.5, 6])
    #expect(a.gram() == (try Matrix(rows: [[35, 44], [44, 56]])))
    #expect(throws: LinearAlgebraError.dimensionMismatch("cannot multiply 3×2 by 3×2")) {
      try a * a
    }
    #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: [1, 2, 3]) }
    #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: [1], transposing: true) }
    // Empty operands give empty (or zero) results, not traps.
    let empty = Matrix(rows: 3, columns: 0)
    #expect(try empty.multiplied(by: Matrix(rows: 0, columns: 2)) == Matrix(rows: 3, columns: 2))
    #expect(empty.gram() == Matrix(rows: 0, columns: 0))
  }

  @Test func pivotedQRSolvesLeastSquares() throws {
    // y = 1 + 2x exactly: the least-squares solution is exact and the rank is 2.
    let x = try Matrix(rows: [[1, 0], [1, 1], [1, 2], [1, 3]])
    let qr = try PivotedQR(x)
    #expect(qr.rank == 2 && qr.aliasedColumns.isEmpty)
    #expect(Set(qr.permutation) == [0, 1])
    let beta = try qr.solve([1, 3, 5, 7])
    #expect(Self.maxAbsDifference(beta, [1, 2]) < 1e-14)
    // (XᵀX)⁻¹ for this design is [[7, −3], [−3, 2]]/10 (in pivot order).
    let inverse = try qr.inverseGramOfKeptColumns()
    let expected = try Matrix(rows: [[0.7, -0.3], [-0.3, 0.2]])
    for a in 0..<2 {
      for b in 0..<2 {
        let (pa, pb) = (qr.keptColumns[a], qr.keptColumns[b])
        #expect(abs(inverse[a, b] - expected[pa, pb]) < 1e-14)
      }
    }
    // Qᵀ preserves the norm, and |R₀₀| is the largest column norm.
    let qtb = try qr.qTransposeTimes([1, 3, 5, 7])
    #expect(abs(qtb.reduce(0) { $0 + $1 * $1 } - 84) < 1e-12)
    #expect(abs(abs(qr.r(0, 0)) - 14.0.squareRoot()) < 1e-14)
    #expect(qr.r(1, 0) == 0)
    #expect(throws: LinearAlgebraError.self) { try qr.solve([1, 2]) }
    #expect(throws: LinearAlgebraError.self) { try qr.qTransposeTimes([1]) }
  }

  @Test func pivotedQRDetectsRankDeficiency() throws {
    // The third column is the sum of the first two.
    let x = try Matrix(rows: [[1, 0, 1], [1, 1, 2], [1, 2, 3], [1, 3, 4], [1, 5, 6]])
    let qr = try PivotedQR(x)
    #expect(qr.rank == 2)
    #expect(qr.aliasedColumns.count == 1)
    #expect(qr.keptColumns.count == 2)
    let beta = try qr.solve([2, 3, 4, 5, 7])
    #expect(beta[qr.aliasedColumns[0]] == 0)
    let fitted = try x.multiplied(by: beta)
    #expect(Self.maxAbsDifference(fitted, [2, 3, 4, 5, 7]) < 1e-13)
  }

  /// Above LAPACK's block size (min(m, n) > 32) the blocked drivers run; both paths must agree
  /// with the normal equations on a well-conditioned problem.
  @Test(arguments: [(40, 6), (120, 40)])
  func pivotedQRSmallAndBlockedPaths(rows: Int, columns: Int) throws {
    let x = Self.pseudoRandom(rows: rows, columns: columns, seed: UInt64(rows * columns))
    let y = Self.pseudoRandom(rows: rows, columns: 1, seed: 7).elements
    let qr = try PivotedQR(x)
    #expect(qr.rank == columns)
    let beta = try qr.solve(y)
    // Normal equations: Xᵀ(y − Xβ) = 0.
    let residual = zip(y, try x.multiplied(by: beta)).map { $0 - $1 }
    let gradient = try x.multiplied(by: residual, transposing: true)
    #expect(gradient.map(abs).max()! < 1e-12)
    // inverseGramOfKeptColumns · (XᵀX restricted, pivot order) = I.
    let inverse = try qr.inverseGramOfKeptColumns()
    let gram = x.selectingColumns(qr.keptColumns).gram()
    let identity = try inverse * gram
    #expect(Self.maxAbsDifference(identity.elements, Matrix.identity(columns).elements) < 1e-11)
  }

  @Test func singularTriangularFactorIsATypedError() throws {
    // A zero column kept by a negative tolerance leaves a zero on R's diagonal: dpotri's
    // triangular inverse reports it instead of dividing by zero.
    let x = try Matrix(rows: [[1, 0], [0, 0], [0, 0]])
    let qr = try PivotedQR(x, tolerance: -1)
    #expect(qr.rank == 2)
    #expect(throws: LinearAlgebraError.singular(routine: "dpotri", index: 2)) {
      try qr.inverseGramOfKeptColumns()
    }
  }

  @Test func singularValueDecomposition() throws {
    let a = try Matrix(rows: [[3, 0], [0, -2], [0, 0]])
    let svd = try SingularValueDecomposition(a)
    #expect(Self.maxAbsDifference(svd.singularValues, [3, 2]) < 1e-15)
    #expect(abs(svd.conditionNumber - 1.5) < 1e-15)
    #expect(svd.rank() == 2)
    // U·diag(s)·Vᵀ reproduces A.
    var us = svd.u
    for j in 0..<us.columns {
      for i in 0..<us.rows { us[i, j] *= svd.singularValues[j] }
    }
    #expect(Self.maxAbsDifference((try us * svd.vTransposed).elements, a.elements) < 1e-15)
    let singular = try SingularValueDecomposition(try Matrix(rows: [[1, 2], [2, 4]]))
    #expect(singular.rank() == 1)
    #expect(singular.conditionNumber > 1e15)
    #expect(try SingularValueDecomposition(Matrix(rows: 0, columns: 0)).conditionNumber == 0)
  }

  @Test func choleskyFactorSolveInverse() throws {
    let a = try Matrix(rows: [[4, 2, 0], [2, 5, 1], [0, 1, 3]])
    let cholesky = try Cholesky(a)
    let l = cholesky.lower
    #expect(l[0, 1] == 0 && l[0, 2] == 0 && l[1, 2] == 0)
    #expect(
      Self.maxAbsDifference((try l.multiplied(by: l, transposingOther: true)).elements, a.elements)
        < 1e-14)
    let x = try cholesky.solve(Matrix(rows: 3, columns: 1, columnMajor: [6, 8, 4]))
    #expect(Self.maxAbsDifference(x.elements, [1, 1, 1]) < 1e-14)
    let inverse = try cholesky.inverse()
    #expect(
      Self.maxAbsDifference((try inverse * a).elements, Matrix.identity(3).elements) < 1e-14)
    #expect(try cholesky.correlate([1, 0, 0]) == l.column(0))
  }

  @Test func choleskyBadInputsAreTypedErrors() throws {
    #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix(rows: 2, columns: 3)) }
    #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
      try Cholesky(Matrix(rows: [[1, 2], [2, 1]]))
    }
    #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
      try Cholesky(Matrix(rows: [[1, 1], [1, 1]]))  // singular PSD
    }
    #expect(throws: LinearAlgebraError.nonFinite("matrix passed to Cholesky")) {
      try Cholesky(Matrix(rows: [[1, .nan], [.nan, 1]]))
    }
    let cholesky = try Cholesky(Matrix.identity(2))
    #expect(throws: LinearAlgebraError.self) { try cholesky.solve(Matrix(rows: 3, columns: 1)) }
    #expect(throws: LinearAlgebraError.self) { try cholesky.correlate([1, 2, 3]) }
  }

  @Test func nonFiniteInputsAreTypedErrors() throws {
    let bad = try Matrix(rows: [[1, .infinity], [0, 1], [2, 3]])
    #expect(throws: LinearAlgebraError.nonFinite("matrix passed to QR")) { try PivotedQR(bad) }
    #expect(throws: LinearAlgebraError.nonFinite("matrix passed to SVD")) {
      try SingularValueDecomposition(bad)
    }
  }

  @Test func errorDescriptionsNameTheProblem() {
    #expect(
      LinearAlgebraError.singular(routine: "dpotri", index: 2).description
        == "dpotri: matrix is singular (pivot 2 is 0)")
    #expect(
      LinearAlgebraError.notPositiveDefinite(order: 3).description
        == "matrix is not positive definite (leading minor of order 3)")
  }
}
