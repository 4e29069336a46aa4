/// The insufficient-data rule of a model (`min_observations` and `observation_window` in
/// `model.toml`): a series projects a target only if it has at least `minObservations`
/// observations in the `window` years up to its last observation. A shorter series gives no
/// trend, no projection and no probability; its target's status is "insufficient data".
public struct DataSufficiency: Sendable, Hashable {
  /// Observations the series needs inside the window.
  public let minObservations: Int
  /// Years counted back from the series' last observation, that year included.
  public let window: Int

  public init(minObservations: Int, window: Int) {
    self.minObservations = minObservations
    self.window = window
  }

  /// The number of observations of `years` in the window ending at the last of them.
  public func observationsInWindow(_ years: [Int]) -> Int {
    guard let last = years.max() else { return 0 }
    return years.filter { $0 > last - window }.count
  }

  /// Whether a series observed in `years` is long enough to project.
  public func isSufficient(_ years: [Int]) -> Bool {
    observationsInWindow(years) >= minObservations
  }

  /// Why a series observed in `years` is too short, for the reason column.
  public func shortfall(_ years: [Int]) -> LocalizedText {
    let last = years.max() ?? 0
    let count = observationsInWindow(years)
    let first = last - window + 1
    return LocalizedText(
      en: "\(count) observation\(count == 1 ? "" : "s") in \(first)–\(last), fewer than the "
        + "\(minObservations) the model's insufficient-data rule asks for: no trend is projected",
      zh: "\(first)–\(last)年仅有\(count)个观测值，少于模型数据充分性规则要求的"
        + "\(minObservations)个：不作趋势预测")
  }
}
