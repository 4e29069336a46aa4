/// The compensated dot product of Ogita, Rump and Oishi (2005, "Accurate sum and dot product",
/// algorithm Dot2), built on the error-free TwoSum (Knuth) and FMA-based TwoProduct: results as
/// accurate as if computed in twice the working precision, then rounded.
///
/// TwoProduct uses Dekker's splitting (Veltkamp: `a = a_hi + a_lo` with 26-bit halves) rather
/// than a fused multiply-add: Swift's baseline x86-64 target has no FMA instruction, so
/// `addingProduct` is a libm call per element that also blocks vectorization. Dekker's error term
/// is exact unless a factor exceeds about 2⁹⁹⁵ (the split overflows, which shows as a non-finite
/// result); then the loops are redone with `addingProduct`.
public enum CompensatedArithmetic {
  /// Veltkamp's split of `a` into a high part with at most 26 significant bits and the rest.
  @inline(__always)
  static func split(_ a: Double) -> (high: Double, low: Double) {
    let c = 134_217_729.0 * a  // 2²⁷ + 1
    let high = c - (c - a)
    return (high, a - high)
  }

  /// The exact error `a·b − fl(a·b)` of `product = fl(a·b)` (Dekker's TwoProduct), from splits.
  @inline(__always)
  static func productError(
    _ product: Double, _ a: (high: Double, low: Double), _ b: (high: Double, low: Double)
  ) -> Double {
    a.low * b.low - (((product - a.high * b.high) - a.low * b.high) - a.high * b.low)
  }

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

  /// Writes `b − A·x` for the column-major `rows × columns` matrix at `a` into `r`; with
  /// `error`, also what rounding `r` to working precision lost (`b − A·x − r` to first order).
  static func residual(
    into r: UnsafeMutablePointer<Double>, _ b: UnsafePointer<Double>, _ a: UnsafePointer<Double>,
    rows: Int, columns: Int, _ x: UnsafePointer<Double>,
    error: UnsafeMutablePointer<Double>? = nil
  ) {
    // Column by column over all rows at once (the same operations per element as a row-wise
    // loop, so the same result), which the compiler vectorizes.
    withUnsafeTemporaryAllocation(of: Double.self, capacity: rows) { compensation in
      let c = compensation.baseAddress!
      for i in 0..<rows {
        r[i] = b[i]
        c[i] = 0
      }
      accumulate(r, c, a, rows: rows, columns: columns, x)
      if let error {
        for i in 0..<rows {
          // TwoSum(r, c): the rounded sum and its exact error.
          let sum = r[i] + c[i]
          let z = sum - r[i]
          error[i] = (r[i] - (sum - z)) + (c[i] - z)
          r[i] = sum
        }
      } else {
        for i in 0..<rows { r[i] += c[i] }
      }
    }
  }

  /// Writes `b − s − A·x` into `r`, all in twice the working precision and rounded once: the
  /// residual of the first block row of the augmented least-squares system, whose terms cancel
  /// almost completely near the solution.
  static func augmentedResidual(
    into r: UnsafeMutablePointer<Double>, _ b: UnsafePointer<Double>, _ s: UnsafePointer<Double>,
    _ a: UnsafePointer<Double>, rows: Int, columns: Int, _ x: UnsafePointer<Double>
  ) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: rows) { compensation in
      let c = compensation.baseAddress!
      for i in 0..<rows {
        // TwoSum(b, −s).
        let sum = b[i] - s[i]
        let z = sum - b[i]
        c[i] = (b[i] - (sum - z)) + (-s[i] - z)
        r[i] = sum
      }
      accumulate(r, c, a, rows: rows, columns: columns, x)
      for i in 0..<rows { r[i] += c[i] }
    }
  }

  /// Adds `−A·x` to the sums `r` (compensations `c`) column by column, the same operations per
  /// element as a row-wise loop (so the same result), which the compiler vectorizes.
  @inline(__always)
  static func accumulate(
    _ r: UnsafeMutablePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    _ a: UnsafePointer<Double>, rows: Int, columns: Int, _ x: UnsafePointer<Double>
  ) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * rows) { saved in
      let s = saved.baseAddress!
      s.update(from: r, count: rows)
      (s + rows).update(from: c, count: rows)
      var finite = 0.0
      for j in 0..<columns {
        let column = a + j * rows
        let xj = x[j]
        let xs = split(xj)
        for i in 0..<rows {
          let sum = r[i]
          let factor = -column[i]
          let product = factor * xj
          let error = productError(product, split(factor), xs)
          let newSum = sum + product
          let z = newSum - sum
          c[i] += (sum - (newSum - z)) + (product - z) + error
          r[i] = newSum
        }
      }
      for i in 0..<rows { finite += c[i] * 0 }
      guard !(finite == 0) else { return }
      // A split overflowed (a factor beyond ~2⁹⁹⁵): redo with fused multiply-adds.
      r.update(from: s, count: rows)
      c.update(from: s + rows, count: rows)
      for j in 0..<columns {
        let column = a + j * rows
        let xj = x[j]
        for i in 0..<rows {
          let sum = r[i]
          let factor = -column[i]
          let product = factor * xj
          let error = (-product).addingProduct(factor, xj)
          let newSum = sum + product
          let z = newSum - sum
          c[i] += (sum - (newSum - z)) + (product - z) + error
          r[i] = newSum
        }
      }
    }
  }

  /// `Σ x[i]·y[i]` by Dot2 (twice the working precision, rounded once). Two interleaved lanes
  /// carry independent sums and compensations (combined at the end by error-free additions):
  /// the same accuracy bound as the sequential Dot2, without its single dependency chain.
  static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double {
    var sum = (0.0, 0.0)
    var compensation = (0.0, 0.0)
    var i = 0
    while i + 2 <= count {
      let p0 = x[i] * y[i]
      let p1 = x[i + 1] * y[i + 1]
      let e0 = productError(p0, split(x[i]), split(y[i]))
      let e1 = productError(p1, split(x[i + 1]), split(y[i + 1]))
      let n0 = sum.0 + p0
      let n1 = sum.1 + p1
      let z0 = n0 - sum.0
      let z1 = n1 - sum.1
      compensation.0 += (sum.0 - (n0 - z0)) + (p0 - z0) + e0
      compensation.1 += (sum.1 - (n1 - z1)) + (p1 - z1) + e1
      sum = (n0, n1)
      i += 2
    }
    var total = sum.0
    var correction = compensation.0 + compensation.1
    do {
      let newTotal = total + sum.1
      let z = newTotal - total
      correction += (total - (newTotal - z)) + (sum.1 - z)
      total = newTotal
    }
    while i < count {
      let product = x[i] * y[i]
      let error = productError(product, split(x[i]), split(y[i]))
      let newTotal = total + product
      let z = newTotal - total
      correction += (total - (newTotal - z)) + (product - z) + error
      total = newTotal
      i += 1
    }
    if (correction * 0) == 0 { return total + correction }
    // A split overflowed (a factor beyond ~2⁹⁹⁵): sequential Dot2 with fused multiply-adds.
    total = 0
    correction = 0
    for i in 0..<count {
      let product = x[i] * y[i]
      let error = (-product).addingProduct(x[i], y[i])
      let newTotal = total + product
      let z = newTotal - total
      correction += (total - (newTotal - z)) + (product - z) + error
      total = newTotal
    }
    return total + correction
  }
}
