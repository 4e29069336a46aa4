import PlanCastNumerics

/// A factor's Sobol indices with bootstrap confidence half-widths.
public struct SobolIndex: Sendable, Equatable {
  public let factor: String
  /// First-order index Sᵢ (Saltelli et al. 2010, eq. (b) of table 2).
  public let first: Double
  public let firstConfidence: Double
  /// Total index S_Tᵢ (Jansen 1999).
  public let total: Double
  public let totalConfidence: Double
}

/// Sobol first-order and total indices from a Saltelli design (see ``SweepDesign``), computed
/// as SALib's `sobol.analyze(calc_second_order=False)` does: outputs standardised by their mean
/// and standard deviation over all rows, `Sᵢ = mean(f(B)·(f(A_Bⁱ) − f(A))) / V`,
/// `S_Tᵢ = mean((f(A) − f(A_Bⁱ))²) / (2V)`, `V` the variance of `[f(A); f(B)]`. Confidence
/// half-widths are `z · sd` of the estimates over bootstrap resamples of the N base rows
/// (resample indices from Philox under `seed`, so runs are reproducible).
public enum SobolAnalysis {
  /// Indices of every factor; nil when the output does not vary (or is not finite).
  public static func analyze(
    _ y: [Double], factors: [String], samples n: Int, resamples: Int, seed: UInt64,
    confidence: Double = 0.95, resampleIndices: [Int]? = nil
  ) -> [SobolIndex]? {
    let d = factors.count
    precondition(y.count == n * (d + 2), "a Saltelli design has N·(d + 2) outputs")
    guard y.allSatisfy(\.isFinite) else { return nil }
    let mean = y.reduce(0, +) / Double(y.count)
    let sd = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)).squareRoot()
    guard sd > 0 else { return nil }
    let z = y.map { ($0 - mean) / sd }
    let a = (0..<n).map { z[$0 * (d + 2)] }
    let b = (0..<n).map { z[$0 * (d + 2) + d + 1] }
    let ab = (0..<d).map { j in (0..<n).map { z[$0 * (d + 2) + 1 + j] } }
    // Bootstrap resamples of the base rows, shared by every factor.
    let draws =
      resampleIndices ?? Self.resampleIndices(samples: n, resamples: resamples, seed: seed)
    let q = FactorDistribution.standardNormal.quantile(0.5 + confidence / 2)
    return factors.enumerated().map { j, name in
      let (first, total) = estimates(a, ab[j], b, indices: nil)
      var firsts: [Double] = []
      var totals: [Double] = []
      draws.withUnsafeBufferPointer { all in
        for r in 0..<resamples {
          let (f, t) = estimates(
            a, ab[j], b, indices: UnsafeBufferPointer(rebasing: all[(r * n)..<(r * n + n)]))
          firsts.append(f)
          totals.append(t)
        }
      }
      return SobolIndex(
        factor: name, first: first, firstConfidence: q * standardDeviation(firsts),
        total: total, totalConfidence: q * standardDeviation(totals))
    }
  }

  /// The bootstrap's base-row indices, `resamples × n` (the same for every output of a sweep,
  /// so callers analysing many outputs compute them once).
  public static func resampleIndices(samples n: Int, resamples: Int, seed: UInt64) -> [Int] {
    var g = Philox(seed: seed &+ 0x534F_424F_4C, stream: 0)
    return (0..<(resamples * n)).map { _ in Int(g.nextUniform() * Double(n)) }
  }

  /// (Sᵢ, S_Tᵢ) on the base rows `indices` (all rows when nil).
  static func estimates(
    _ a: [Double], _ ab: [Double], _ b: [Double], indices: UnsafeBufferPointer<Int>?
  ) -> (Double, Double) {
    let n = indices?.count ?? a.count
    var sum = 0.0
    for k in 0..<n {
      let i = indices?[k] ?? k
      sum += a[i] + b[i]
    }
    let mean = sum / Double(2 * n)
    var variance = 0.0
    var first = 0.0
    var total = 0.0
    for k in 0..<n {
      let i = indices?[k] ?? k
      let da = a[i] - mean
      let db = b[i] - mean
      variance += da * da + db * db
      first += b[i] * (ab[i] - a[i])
      total += (a[i] - ab[i]) * (a[i] - ab[i])
    }
    variance /= Double(2 * n)
    return (first / Double(n) / variance, 0.5 * (total / Double(n)) / variance)
  }

  /// Sample standard deviation (n − 1); NaN-free inputs assumed.
  static func standardDeviation(_ x: [Double]) -> Double {
    guard x.count > 1 else { return .nan }
    let m = x.reduce(0, +) / Double(x.count)
    return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
  }
}
