import PlanCastNumerics

/// A factor's Morris statistics.
public struct MorrisIndex: Sendable, Equatable {
  public let factor: String
  /// Mean elementary effect μ (signed; effects of opposite sign cancel).
  public let mean: Double
  /// Mean absolute elementary effect μ* (Campolongo et al. 2007): the ranking measure.
  public let meanAbsolute: Double
  /// Bootstrap confidence half-width of μ*.
  public let meanAbsoluteConfidence: Double
  /// Standard deviation σ of the effects (n − 1): non-linearity or interactions.
  public let standardDeviation: Double
}

/// Morris elementary effects from trajectories, computed as SALib's `morris.analyze`: in each
/// step the factor whose input changed has effect `(f(higher) − f(lower)) / Δ`, Δ = p/(2(p−1)),
/// whatever the step's direction; effects are in output units per unit of the factor's range.
public enum MorrisAnalysis {
  /// `inputs`: `r·(d+1)` rows of `d` values (unit or scaled: only which input changed, and its
  /// sign, are read); `outputs`: one per row. Nil when an output is not finite.
  public static func analyze(
    inputs: [Double], outputs y: [Double], factors: [String], levels p: Int, resamples: Int,
    seed: UInt64, confidence: Double = 0.95
  ) -> [MorrisIndex]? {
    let d = factors.count
    let steps = d + 1
    let r = y.count / steps
    precondition(inputs.count == y.count * d && y.count == r * steps)
    guard y.allSatisfy(\.isFinite) else { return nil }
    let delta = Double(p) / (2 * Double(p - 1))
    var effects = [[Double]](repeating: [], count: d)
    for t in 0..<r {
      for s in 1..<steps {
        let row = t * steps + s
        for j in 0..<d {
          let change = inputs[row * d + j] - inputs[(row - 1) * d + j]
          if change > 0 {
            effects[j].append((y[row] - y[row - 1]) / delta)
          } else if change < 0 {
            effects[j].append((y[row - 1] - y[row]) / delta)
          }
        }
      }
    }
    var g = Philox(seed: seed &+ 0x4D4F_5252_4953, stream: 1 << 40)
    let q = FactorDistribution.standardNormal.quantile(0.5 + confidence / 2)
    return factors.enumerated().map { j, name in
      let e = effects[j]
      let m = e.reduce(0, +) / Double(e.count)
      let abs = e.map { Swift.abs($0) }
      let star = abs.reduce(0, +) / Double(e.count)
      var means: [Double] = []
      for _ in 0..<resamples {
        var sum = 0.0
        for _ in 0..<e.count { sum += abs[Int(g.nextUniform() * Double(e.count))] }
        means.append(sum / Double(e.count))
      }
      return MorrisIndex(
        factor: name, mean: m, meanAbsolute: star,
        meanAbsoluteConfidence: q * SobolAnalysis.standardDeviation(means),
        standardDeviation: SobolAnalysis.standardDeviation(e))
    }
  }
}
