import PlanCastPlan

/// A series computed on every draw from two simulated ones, as `share / 100 × base` (urban
/// population = urbanisation rate × resident population), so that the three agree on every
/// draw: urban ≤ resident and urban / resident is the projected rate. The rule is the
/// indicator's `derive` in indicators.toml.
struct SeriesProduct: Sendable {
  /// Indices of the share and base series in the engine's series.
  let share: Int
  let base: Int
  /// Per projected year of the product: each component's value.
  let shareValues: [SimulatedSeries.YearValue]
  let baseValues: [SimulatedSeries.YearValue]

  /// The product over the projected years `firstProjected…` of `horizon` years.
  init(
    share: Int, of shareSeries: SimulatedSeries, base: Int, of baseSeries: SimulatedSeries,
    firstProjected: Int, horizon: Int
  ) {
    self.share = share
    self.base = base
    let years = (0..<Swift.max(0, horizon)).map { firstProjected + $0 }
    shareValues = years.map(shareSeries.yearValue)
    baseValues = years.map(baseSeries.yearValue)
  }

  /// Fills `path` from the components' paths (after their assumption effects); NaN where a
  /// component has no value.
  @inline(__always)
  func fill(
    _ path: UnsafeMutableBufferPointer<Double>, share sharePath: UnsafeBufferPointer<Double>,
    base basePath: UnsafeBufferPointer<Double>
  ) {
    for h in 0..<path.count {
      path[h] = shareValues[h].read(sharePath) / 100 * baseValues[h].read(basePath)
    }
  }
}
