/// The compensated dot product of Ogita, Rump and Oishi (2005, "Accurate sum and dot product",
/// algorithm Dot2), built on the error-free TwoSum (Knuth) and FMA-based TwoProduct: results as
/// accurate as if computed in twice the working precision, then rounded.
public enum CompensatedArithmetic {
  /// `b − A·x`, each element computed by a compensated dot product.
  public static func residual(_ b: [Double], _ a: Matrix, _ x: [Double]) -> [Double] {
    var r = [Double](repeating: 0, count: a.rows)
    a.elements.withUnsafeBufferPointer { elements in
      for i in 0..<a.rows {
        var sum = b[i]
        var compensation = 0.0
        for j in 0..<a.columns {
          let factor = -elements[i + j * a.rows]
          let product = factor * x[j]
          let productError = (-product).addingProduct(factor, x[j])
          let newSum = sum + product
          let z = newSum - sum
          compensation += (sum - (newSum - z)) + (product - z) + productError
          sum = newSum
        }
        r[i] = sum + compensation
      }
    }
    return r
  }
}
