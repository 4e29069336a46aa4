import COpenBLAS

/// Level-2 and level-3 BLAS products (OpenBLAS `dgemv`, `dgemm`, `dsyrk`).
extension Matrix {
  /// `alpha · op(self) · op(other)`, where `op` optionally transposes (`dgemm`).
  public func multiplied(
    by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false,
    alpha: Double = 1
  ) throws -> Matrix {
    let (m, k) = transposingSelf ? (columns, rows) : (rows, columns)
    let (k2, n) = transposingOther ? (other.columns, other.rows) : (other.rows, other.columns)
    guard k == k2 else {
      throw LinearAlgebraError.dimensionMismatch(
        "cannot multiply \(m)×\(k) by \(k2)×\(n)")
    }
    var result = Matrix(rows: m, columns: n)
    guard m > 0, n > 0, k > 0 else { return result }
    elements.withUnsafeBufferPointer { a in
      other.elements.withUnsafeBufferPointer { b in
        result.elements.withUnsafeMutableBufferPointer { c in
          cblas_dgemm(
            CblasColMajor, transposingSelf ? CblasTrans : CblasNoTrans,
            transposingOther ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), alpha,
            a.baseAddress, Int32(Swift.max(1, rows)), b.baseAddress,
            Int32(Swift.max(1, other.rows)), 0, c.baseAddress, Int32(m))
        }
      }
    }
    return result
  }

  /// The matrix product `lhs · rhs`.
  public static func * (lhs: Matrix, rhs: Matrix) throws -> Matrix {
    try lhs.multiplied(by: rhs)
  }

  /// `alpha · op(self) · x` (`dgemv`).
  public func multiplied(by x: [Double], transposing: Bool = false, alpha: Double = 1) throws
    -> [Double]
  {
    let (m, n) = transposing ? (columns, rows) : (rows, columns)
    guard x.count == n else {
      throw LinearAlgebraError.dimensionMismatch(
        "cannot multiply \(m)×\(n) by a vector of \(x.count)")
    }
    var y = [Double](repeating: 0, count: m)
    guard m > 0, n > 0 else { return y }
    elements.withUnsafeBufferPointer { a in
      cblas_dgemv(
        CblasColMajor, transposing ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns),
        alpha, a.baseAddress, Int32(Swift.max(1, rows)), x, 1, 0, &y, 1)
    }
    return y
  }

  /// The Gram matrix `selfᵀ · self` (`dsyrk`), with both triangles filled.
  public func gram() -> Matrix {
    var result = Matrix(rows: columns, columns: columns)
    guard rows > 0, columns > 0 else { return result }
    elements.withUnsafeBufferPointer { a in
      result.elements.withUnsafeMutableBufferPointer { c in
        cblas_dsyrk(
          CblasColMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), 1, a.baseAddress,
          Int32(rows), 0, c.baseAddress, Int32(columns))
      }
    }
    result.symmetrizeFromUpper()
    return result
  }

  /// Copies the upper triangle into the lower one.
  mutating func symmetrizeFromUpper() {
    for j in 0..<columns {
      for i in (j + 1)..<Swift.max(j + 1, rows) { self[i, j] = self[j, i] }
    }
  }
}
