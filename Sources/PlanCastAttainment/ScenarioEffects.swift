import PlanCastNumerics
import PlanCastPlan

/// Applies a scenario's assumptions to simulated paths, in the indicator's own terms.
///
/// - `growth_shift` v: levels (growth trend) and levels they follow are scaled by
///   `∏(1 + v/100)` over the listed years up to each year; shares and difference-trend levels
///   gain `v` per listed year, cumulated; rates gain `v` in each listed year.
/// - `shock` v: levels are scaled by `1 + v/100` from each listed year on; shares gain `v` from
///   each listed year on; rates gain `v` in the listed years only.
/// - `add` v: `v` is added in the listed years only. `fix` v: the value is set to `v` there.
/// - `residual_scale` v: the series' shocks are multiplied by `v` (see ``residualScale``).
///
/// A `growth_shift` or `shock` on an indicator also moves the series that follow it (nominal
/// GDP follows real growth), as a change of their growth.
struct ScenarioEffects: Sendable {
  /// Per series: indices into `assumptions` of those acting on it, and whether the series only
  /// follows the assumption's indicator.
  let perSeries: [[(index: Int, follows: Bool)]]
  let assumptions: [Assumption]
  let residualScales: [Double]

  init(scenario: Scenario, series: [SimulatedSeries]) {
    assumptions = scenario.assumptions
    let perSeries = series.map { s -> [(index: Int, follows: Bool)] in
      scenario.assumptions.enumerated().compactMap { index, a in
        guard a.areas?.contains(s.area) ?? true else { return nil }
        if a.indicator == s.indicator { return (index, false) }
        if a.indicator == s.followsIndicator, a.effect == .growthShift || a.effect == .shock {
          return (index, true)
        }
        return nil
      }
    }
    self.perSeries = perSeries
    residualScales = series.indices.map { k in
      perSeries[k].reduce(scenario.residualScale) { scale, entry in
        let a = scenario.assumptions[entry.index]
        return a.effect == .residualScale && !entry.follows ? scale * a.value.central : scale
      }
    }
  }

  /// Draws every assumption's value for one path (fixed values are returned as they are).
  func drawValues(seed: UInt64, path: UInt64, into values: inout [Double]) {
    for (k, a) in assumptions.enumerated() {
      switch a.value {
      case .fixed(let v): values[k] = v
      case .normal(let mean, let sd):
        var g = Philox(seed: seed &+ stableHash("assumption:" + a.name), stream: path)
        values[k] = mean + sd * g.nextNormal()
      case .uniform(let lower, let upper):
        var g = Philox(seed: seed &+ stableHash("assumption:" + a.name), stream: path)
        values[k] = lower + (upper - lower) * g.nextUniform()
      case .triangular(let lower, let mode, let upper):
        var g = Philox(seed: seed &+ stableHash("assumption:" + a.name), stream: path)
        let u = g.nextUniform()
        let split = (mode - lower) / (upper - lower)
        values[k] =
          u < split
          ? lower + ((upper - lower) * (mode - lower) * u).squareRoot()
          : upper - ((upper - lower) * (upper - mode) * (1 - u)).squareRoot()
      }
    }
  }

  /// Applies the assumptions acting on series `k` to its projected `path`.
  func apply(
    series k: Int, _ s: SimulatedSeries, values: [Double], path: UnsafeMutableBufferPointer<Double>
  ) {
    for (index, follows) in perSeries[k] {
      let a = assumptions[index]
      let v = values[index]
      let kind: IndicatorKind = follows ? .level : s.kind
      let multiplicative = kind == .level && (follows || s.trend != .difference)
      var factor = 1.0
      var offset = 0.0
      for h in 0..<path.count {
        let year = s.firstProjected + h
        let listed = a.years?.contains(year) ?? true
        switch a.effect {
        case .growthShift, .shock:
          if kind == .rate {
            if listed { path[h] += v }
            continue
          }
          if listed {
            if multiplicative || (kind == .level && a.effect == .shock) {
              factor *= 1 + v / 100
            } else {
              offset += v
            }
          }
          path[h] = path[h] * factor + offset
          if kind == .share { path[h] = Swift.min(100, Swift.max(0, path[h])) }
        case .add:
          if listed { path[h] += v }
        case .fix:
          if listed { path[h] = v }
        case .residualScale:
          break
        }
      }
    }
  }
}
