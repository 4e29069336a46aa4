import PlanCastNumerics

/// A moving-block bootstrap over origin years (Künsch 1989): a replicate strings together
/// blocks of `blockLength` consecutive origins, drawn with replacement, until it has as many
/// origins as the evaluation. With a block length of 1 it is the cluster bootstrap that
/// resamples whole origin years, keeping together every series forecast from one origin (they
/// share that year's shocks). Replicates are given as how many times each origin is drawn, so
/// one set of replicates serves every metric.
public struct OriginBootstrap: Sendable, Equatable {
  /// `weights[r][o]`: how many times origin `o` is in replicate `r`.
  public let weights: [[Int]]

  /// `replicates` resamples of `origins` origins; the same seed gives the same resamples.
  public init(origins: Int, replicates: Int, blockLength: Int = 1, seed: UInt64) {
    let length = Swift.max(1, Swift.min(blockLength, origins))
    let starts = origins - length + 1
    var generator = Philox(seed: seed, stream: 0x0b00_7572_6170)
    weights = (0..<Swift.max(0, replicates)).map { _ in
      var w = [Int](repeating: 0, count: origins)
      var drawn = 0
      while drawn < origins {
        let start = Int(generator.next() % UInt64(starts))
        for o in start..<(start + length) where drawn < origins {
          w[o] += 1
          drawn += 1
        }
      }
      return w
    }
  }

  /// The spread of a statistic over the replicates.
  public struct Summary: Sendable, Equatable {
    /// Standard deviation over replicates (the bootstrap standard error).
    public let standardError: Double
    /// The 5th and 95th percentiles: a 90% percentile interval.
    public let lower: Double
    public let upper: Double
    /// Replicates where the statistic was defined.
    public let replicates: Int
  }

  /// The statistic on every replicate (`statistic(weights)` returns nil when undefined, e.g. no
  /// climatology in the drawn origins); `nil` with fewer than two defined replicates.
  public func summary(_ statistic: ([Int]) -> Double?) -> Summary? {
    let values = weights.compactMap(statistic).filter(\.isFinite).sorted()
    guard values.count >= 2 else { return nil }
    let mean = values.reduce(0, +) / Double(values.count)
    let variance =
      values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    return Summary(
      standardError: variance.squareRoot(), lower: Quantile.sorted(values, 0.05),
      upper: Quantile.sorted(values, 0.95), replicates: values.count)
  }
}
