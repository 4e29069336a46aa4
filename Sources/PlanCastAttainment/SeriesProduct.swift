import PlanCastPlan

/// A series computed on every draw from two simulated ones, as `share / 100 × base` (urban
/// population = urbanisation rate × resident population), so that the three agree on every
/// draw: urban ≤ resident and urban / resident is the projected rate. The rule is the
/// indicator's `derive` in indicators.toml.
struct SeriesProduct: Sendable {
  /// Where one component's value of a projected year comes from.
  enum Value: Sendable {
    case observed(Double)
    /// Index into the component's path.
    case projected(Int)
    case missing
  }

  /// Indices of the share and base series in the engine's series.
  let share: Int
  let base: Int
  /// Per projected year of the product: each component's value.
  let shareValues: [Value]
  let baseValues: [Value]

  /// The product over the projected years `firstProjected…` of `horizon` years.
  init(
    share: Int, of shareSeries: SimulatedSeries, base: Int, of baseSeries: SimulatedSeries,
    firstProjected: Int, horizon: Int
  ) {
    self.share = share
    self.base = base
    let years = (0..<Swift.max(0, horizon)).map { firstProjected + $0 }
    shareValues = years.map { Self.value(shareSeries, year: $0) }
    baseValues = years.map { Self.value(baseSeries, year: $0) }
  }

  static func value(_ s: SimulatedSeries, year: Int) -> Value {
    if year <= s.lastObserved { return s.observed[year].map(Value.observed) ?? .missing }
    let h = year - s.firstProjected
    return h < s.horizon ? .projected(h) : .missing
  }

  /// Fills `path` from the components' paths (after their assumption effects); NaN where a
  /// component has no value.
  @inline(__always)
  func fill(
    _ path: UnsafeMutableBufferPointer<Double>, share sharePath: UnsafeBufferPointer<Double>,
    base basePath: UnsafeBufferPointer<Double>
  ) {
    for h in 0..<path.count {
      path[h] =
        Self.read(shareValues[h], sharePath) / 100 * Self.read(baseValues[h], basePath)
    }
  }

  @inline(__always)
  static func read(_ value: Value, _ path: UnsafeBufferPointer<Double>) -> Double {
    switch value {
    case .observed(let v): v
    case .projected(let h): path[h]
    case .missing: .nan
    }
  }

  /// The model label: "urbanisation_rate / 100 × pop_resident".
  static func name(_ derivation: Derivation) -> String {
    "\(derivation.share) / 100 × \(derivation.base)"
  }
}
