/// An equal-weight forecast combination of single methods, and how their predictive
/// distributions are pooled.
///
/// **Members.** Each member is fitted to the series on its own; a member that cannot be used
/// (too short, a gap, a non-positive value for a log model, a failed fit, a non-finite forecast)
/// is dropped and the rest are combined; the series' note names the dropped members and why. If
/// no member is left the series falls back to `drift`, then `naive` (see
/// ``BatchMethod/fallbacks``).
///
/// **Pooling** (``CombinationRule``):
/// - ``CombinationRule/quantileMean``: every output (mean, median, each interval bound) is the
///   mean of the members' values, i.e. the quantiles are averaged ("Vincentization", Lichtendahl,
///   Grushka-Cockayne & Winkler 2013, *Is it better to average probabilities or quantiles?*,
///   Management Science 59(7)). The point forecast (median) is the mean of the members' medians.
///   Averaged quantiles give intervals that are too narrow when members disagree.
/// - ``CombinationRule/quantileMedian``: the same with the median over members.
/// - ``CombinationRule/mixture``: the equal-weight mixture of the members' predictive
///   distributions; its mean is the mean of the members' means (exact) and its quantiles come from
///   `paths` simulated paths split equally among the members. Mixture intervals are wider than
///   averaged quantiles when the members disagree.
/// - ``CombinationRule/medianMixture``: the point forecast (the `median` column) is the median
///   over members of their medians (robust to one member going astray), while the mean and the
///   interval bounds are those of the mixture. The `median` column is then the combined point
///   forecast rather than the mixture's median (the two differ little).
public struct Combination: Sendable, Equatable {
  public var members: [BatchMethod]
  public var rule: CombinationRule

  public init(members: [BatchMethod], rule: CombinationRule) {
    self.members = members
    self.rule = rule
  }

  /// The `combo` default: the mean of damped trend, Theta and AR(1) on growth, quantiles
  /// averaged.
  public static let standard = Combination(members: [.damped, .theta, .ar], rule: .quantileMean)

  /// The `auto` rule: the median of naive, drift, log-linear trend and damped trend (on logs)
  /// as the point forecast, intervals from their equal-weight mixture. Chosen on the M3 yearly
  /// *training* data only: the last 6 training years of each of the 645 series held out, every
  /// combination of 2–7 single methods scored there (sMAPE and MASE ranks), then the pooling
  /// rules of the best member sets (`Benchmarks/m3/select_on_training.py`; the candidates and
  /// their hold-out scores are in `Benchmarks/m3/README.md`). The test years were never used.
  public static let automatic = Combination(
    members: [.naive, .drift, .loglinear, .damped], rule: .medianMixture)

  /// A short description, e.g. `mean(damped,theta,ar)`.
  public var label: String { label(for: members) }

  func label(for used: [BatchMethod]) -> String {
    "\(rule.rawValue)(\(used.map(\.rawValue).joined(separator: ",")))"
  }
}

/// How a ``Combination`` pools its members' predictive distributions.
public enum CombinationRule: String, CaseIterable, Sendable {
  /// The mean over members of each quantile (and of the means).
  case quantileMean = "mean"
  /// The median over members of each quantile (and of the means).
  case quantileMedian = "median"
  /// The equal-weight mixture of the members' distributions, quantiles by simulation.
  case mixture
  /// The point forecast (median column) is the median over members of their medians; the mean
  /// and the interval bounds are those of the mixture.
  case medianMixture = "median-mixture"
}
