import Foundation

/// Proper scoring rules for one forecast and its outcome; smaller is better for every one.
public enum ScoringRules {
  /// Probabilities are clipped to `[logClip, 1 − logClip]` before the log score, so a forecast
  /// of exactly 0 or 1 that is wrong costs −ln 0.001 ≈ 6.9 rather than infinity.
  public static let logClip = 0.001

  /// The quantile (pinball) score of quantile `q` at level `tau` for outcome `y`:
  /// `(1{y < q} − τ)(q − y)`.
  public static func pinball(_ q: Double, tau: Double, outcome y: Double) -> Double {
    (y < q ? 1 - tau : -tau) * (q - y)
  }

  /// The continuous ranked probability score approximated from quantiles: CRPS equals
  /// `2∫₀¹ QS_τ dτ`, the integral of the quantile score over all levels (Gneiting & Raftery
  /// 2007, eq. 17 and Laio & Tamea 2007); the integral is taken by the midpoint rule over the
  /// available levels, level k weighted by `(τ_{k+1} − τ_{k−1})/2` with `τ_0 = 0` and
  /// `τ_{K+1} = 1`. The levels outside the outermost quantiles get the outermost quantile's
  /// score, which understates the CRPS of heavy tails.
  public static func crps(_ distribution: QuantileDistribution, outcome y: Double) -> Double {
    let taus = distribution.probabilities
    var total = 0.0
    for (k, tau) in taus.enumerated() {
      let before = k == 0 ? 0 : taus[k - 1]
      let after = k == taus.count - 1 ? 1 : taus[k + 1]
      total +=
        (after - before) / 2 * pinball(distribution.quantiles[k], tau: tau, outcome: y)
    }
    return 2 * total
  }

  /// Winkler (1972) score of a central interval of level `1 − alpha`: its width plus `2/α`
  /// times the distance by which the outcome falls outside.
  public static func winkler(_ interval: ForecastInterval, alpha: Double, outcome y: Double)
    -> Double
  {
    AccuracySummary.winkler(y, interval.lower, interval.upper, alpha: alpha)
  }

  /// The Brier (1950) score of probability `p` for an event that happened (`occurred`) or not.
  public static func brier(_ p: Double, occurred: Bool) -> Double {
    let o = occurred ? 1.0 : 0.0
    return (p - o) * (p - o)
  }

  /// The logarithmic score `−ln p` of the outcome's probability, with `p` clipped to
  /// `[logClip, 1 − logClip]`.
  public static func logScore(_ p: Double, occurred: Bool) -> Double {
    let clipped = Swift.min(Swift.max(p, logClip), 1 - logClip)
    return -log(occurred ? clipped : 1 - clipped)
  }
}
