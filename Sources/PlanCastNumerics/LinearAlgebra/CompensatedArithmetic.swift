/// The compensated dot product of Ogita, Rump and Oishi (2005, "Accurate sum and dot product",
/// algorithm Dot2), built on the error-free TwoSum (Knuth) and FMA-based TwoProduct: results as
/// accurate as if computed in twice the working precision, then rounded.
public enum CompensatedArithmetic {
  /// `b − A·x`, each element computed by a compensated dot product.
  public static func residual(_ b: [Double], _ a: Matrix, _ x: [Double]) -> [Double] {
    precondition(b.count == a.rows && x.count == a.columns, "residual: shapes do not match")
    var r = [Double](repeating: 0, count: a.rows)
    r.withUnsafeMutableBufferPointer { r in
      a.elements.withUnsafeBufferPointer { elements in
        b.withUnsafeBufferPointer { b in
          x.withUnsafeBufferPointer { x in
            residual(
              into: r.baseAddress!, b.baseAddress!, elements.baseAddress!, rows: a.rows,
              columns: a.columns, x.baseAddress!)
          }
        }
      }
    }
    return r
  }

  /// Writes `b − A·x` for the column-major `rows × columns` matrix at `a` into `r`.
  static func residual(
    into r: UnsafeMutablePointer<Double>, _ b: UnsafePointer<Double>, _ a: UnsafePointer<Double>,
    rows: Int, columns: Int, _ x: UnsafePointer<Double>
  ) {
    // Column by column over all rows at once (the same operations per element as a row-wise
    // loop, so the same result), which the compiler vectorizes.
    withUnsafeTemporaryAllocation(of: Double.self, capacity: rows) { compensation in
      let c = compensation.baseAddress!
      for i in 0..<rows {
        r[i] = b[i]
        c[i] = 0
      }
      for j in 0..<columns {
        let column = a + j * rows
        let xj = x[j]
        for i in 0..<rows {
          let sum = r[i]
          let factor = -column[i]
          let product = factor * xj
          let productError = (-product).addingProduct(factor, xj)
          let newSum = sum + product
          let z = newSum - sum
          c[i] += (sum - (newSum - z)) + (product - z) + productError
          r[i] = newSum
        }
      }
      for i in 0..<rows { r[i] += c[i] }
    }
  }
}
