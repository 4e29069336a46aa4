import Foundation
import Testing

@testable import PlanCastNumerics

/// The fast paths of the regression against their reference paths: the Swift small pivoted QR
/// against LAPACK's `dgeqp3`, the finite-sum t and F tails against the continued fraction, and
/// fits that skip refinement against fits on the same data that refine.
@Suite struct RegressionFastPathTests {
  /// Deterministic pseudo-random values in (−1, 1) (SplitMix64).
  static func values(_ count: Int, seed: UInt64) -> [Double] {
    var state = seed
    return (0..<count).map { _ in
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      return Double(z >> 11) * 0x1p-52 - 1
    }
  }

  static func relative(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / Swift.max(abs(a), abs(b))
  }

  @Test(arguments: [(25, 3), (16, 7), (82, 11), (40, 1), (5, 5)])
  func smallQRMatchesLAPACK(rows m: Int, columns n: Int) throws {
    var a = Self.values(m * n, seed: UInt64(31 * m + n))
    // One nearly dependent column exercises the norm downdating and its recomputation (half
    // of column 0, so the pivot order is not a tie decided by rounding).
    if n > 2 { for i in 0..<m { a[i + 2 * m] = 0.5 * a[i] + 1e-9 * a[i + m] } }
    let reference = try PivotedQR(Matrix(rows: m, columns: n, columnMajor: a))
    var factors = a
    var tau = [Double](repeating: 0, count: Swift.min(m, n))
    var pivots = [Int32](repeating: 0, count: n)
    var norms = [Double](repeating: 0, count: 2 * n)
    factors.withUnsafeMutableBufferPointer { f in
      for j in 0..<n { norms[j] = SmallPivotedQR.norm(f.baseAddress! + j * m, count: m) }
      SmallPivotedQR.factor(
        f.baseAddress!, rows: m, columns: n, norms: &norms, tau: &tau, pivots: &pivots)
    }
    #expect(pivots == reference.pivots)
    // R agrees to rounding, relative to the largest diagonal element.
    let scale = abs(reference.r(0, 0))
    for j in 0..<n {
      for i in 0...Swift.min(j, m - 1) {
        #expect(abs(factors[i + j * m] - reference.r(i, j)) <= 1e-13 * scale, "R[\(i),\(j)]")
      }
    }
  }

  @Test func smallInverseGramMatchesLAPACK() throws {
    let m = 30
    let n = 6
    let a = Self.values(m * n, seed: 5)
    let qr = try PivotedQR(Matrix(rows: m, columns: n, columnMajor: a))
    let reference = try qr.inverseGramOfKeptColumns()
    var out = [Double](repeating: 0, count: n * n)
    try qr.factors.withUnsafeBufferPointer { f in
      try SmallPivotedQR.inverseGram(f.baseAddress!, leadingDimension: m, order: n, into: &out)
    }
    for k in out.indices {
      #expect(Self.relative(out[k], reference.elements[k]) < 1e-13, "element \(k)")
    }
  }

  @Test func finiteSumStudentTailsMatchTheContinuedFraction() throws {
    for nu in 1...StudentT.finiteSumLimit {
      let d = try StudentT(degreesOfFreedom: Double(nu))
      for t in [1e-8, 0.01, 0.1, 0.3, 0.7, 1, 1.5, 2, 2.5, 3, 4, 6, 10, 30] {
        let fast = d.tailProbabilities(t)
        let reference = d.tails(t)
        #expect(Self.relative(fast.outer, reference.outer) < 1e-13, "ν \(nu) t \(t) outer")
        #expect(Self.relative(fast.inner, reference.inner) < 1e-13, "ν \(nu) t \(t) inner")
      }
    }
  }

  @Test func finiteSumFTailsMatchTheContinuedFraction() throws {
    for d1 in stride(from: 2, through: 40, by: 2) {
      for d2 in [1.0, 3, 10, 22, 97, 1000, 1e5] {
        let d = try FDistribution(
          numeratorDegreesOfFreedom: Double(d1), denominatorDegreesOfFreedom: d2)
        for f in [0.05, 0.3, 0.8, 1, 1.7, 3, 8, 50, 1e3] {
          let reference = d.tails(f)
          // Both paths end in exp(E), E = −(d2/2)·log1p(d1 f/d2), whose rounding is amplified
          // by |E| in the deep tail (allowed: 1e-10 there).
          let exponent = 0.5 * d2 * log1p(Double(d1) * f / d2)
          let tolerance = 1e-13 + 4 * Double.ulpOfOne * exponent
          #expect(
            Self.relative(d.survival(f), reference.upper) < tolerance, "F(\(d1), \(d2)) > \(f)")
          #expect(Self.relative(d.cdf(f), reference.lower) < tolerance, "F(\(d1), \(d2)) < \(f)")
        }
      }
    }
  }

  /// A fit that skips refinement agrees with the refined fit (forced through a robust
  /// covariance, which always refines) to the threshold the skip promises.
  @Test func skippedRefinementIsAccurate() throws {
    for seed in 0..<200 {
      let n = 25
      let noise = Self.values(n, seed: UInt64(1000 + seed))
      let x1 = Self.values(n, seed: UInt64(2000 + seed))
      let x2 = Self.values(n, seed: UInt64(3000 + seed))
      let design = try Matrix(columns: [[Double](repeating: 1, count: n), x1, x2])
      var y = [Double](repeating: 0, count: n)
      for i in 0..<n {
        let slopes: Double = 0.2 * x1[i] + 0.3 * x2[i]
        y[i] = 0.1 + slopes + noise[i]
      }
      let data = try RegressionData(response: y, design: design, hasIntercept: true)
      let plain = try LinearRegression.fit(data)
      let refined = try LinearRegression.fit(data, covariance: .hc1)
      for (a, b) in zip(plain.estimates, refined.estimates) {
        #expect(Self.relative(a, b) < 2e-13, "seed \(seed)")
      }
    }
  }
}
