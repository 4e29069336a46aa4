import Foundation

/// A predictive distribution known only through a few quantiles (the median and the bounds of
/// central intervals), with the CDF read off them as `panel_score.py`'s `score_plancast` does:
/// linear between quantile points, exponential tails beyond the outermost ones whose scale is
/// the gap to the next point.
public struct QuantileDistribution: Sendable, Equatable {
  /// Probability levels in (0, 1), increasing, and the quantiles at them.
  public let probabilities: [Double]
  public let quantiles: [Double]

  /// From `(probability, quantile)` pairs; `nil` unless there are at least two finite pairs
  /// with distinct probabilities in (0, 1). Pairs are sorted by probability.
  public init?(_ points: [(probability: Double, quantile: Double)]) {
    let sorted = points.sorted { ($0.probability, $0.quantile) < ($1.probability, $1.quantile) }
    guard sorted.count >= 2,
      sorted.allSatisfy({ $0.quantile.isFinite && $0.probability > 0 && $0.probability < 1 }),
      zip(sorted, sorted.dropFirst()).allSatisfy({ $0.probability < $1.probability })
    else { return nil }
    probabilities = sorted.map(\.probability)
    quantiles = sorted.map(\.quantile)
  }

  /// The median and the central intervals of one forecast point at `levels` (percent): the
  /// interval of level L gives the quantiles at (1 − L/100)/2 and (1 + L/100)/2, rounded to four
  /// decimals as `panel_score.py` does.
  public init?(median: Double, intervals: [(level: Double, interval: ForecastInterval)]) {
    var points = [(probability: 0.5, quantile: median)]
    for (level, interval) in intervals {
      let tail = ((1 - level / 100) / 2 * 10_000).rounded() / 10_000
      points.append((tail, interval.lower))
      points.append((1 - tail, interval.upper))
    }
    self.init(points)
  }

  /// P(Y ≤ x).
  public func cdf(_ x: Double) -> Double {
    let n = quantiles.count
    if x <= quantiles[0] {
      let scale = Swift.max(1e-9, quantiles[1] - quantiles[0])
      return probabilities[0] * exp(-(quantiles[0] - x) / scale)
    }
    if x >= quantiles[n - 1] {
      let scale = Swift.max(1e-9, quantiles[n - 1] - quantiles[n - 2])
      return 1 - (1 - probabilities[n - 1]) * exp(-(x - quantiles[n - 1]) / scale)
    }
    for k in 0..<(n - 1) where quantiles[k] <= x && x <= quantiles[k + 1] {
      let width = Swift.max(1e-12, quantiles[k + 1] - quantiles[k])
      return probabilities[k] + (probabilities[k + 1] - probabilities[k]) * (x - quantiles[k])
        / width
    }
    // Only reachable when the quantiles are not increasing (panel_score.py's fallback).
    return 0.5
  }

  /// Whether the quantiles increase with the probability (a proper set of quantiles).
  public var isMonotone: Bool {
    zip(quantiles, quantiles.dropFirst()).allSatisfy { $0 <= $1 }
  }
}
