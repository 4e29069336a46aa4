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
  /// Per assumption: the key of its random stream (`seed &+ key`, stream = draw).
  let streamKeys: [UInt64]
  /// Per assumption: its value or distribution (plain numbers, so that drawing them on every
  /// path copies no reference-counted assumption).
  let valueSpecs: [AssumptionValue]
  /// Per series: what each entry of ``perSeries`` does to a path, resolved once.
  let operations: [[PathOperation]]
  /// Every operation's listed-year mask, one after another (plain flags, so that applying an
  /// operation on every path touches no reference count).
  let listedMasks: [Bool]

  /// One assumption's action on one series' path (see ``apply(series:values:path:)``).
  struct PathOperation: Sendable {
    enum Kind: Sendable {
      /// `path += v` in the listed years (rates' growth shifts and shocks, `add`).
      case addListed
      /// Growth shift or shock on levels and shares: in listed years `factor *= 1 + v/100`
      /// (multiplicative) or `offset += v`; every year `path = path·factor + offset`, clamped
      /// to [0, 100] for shares.
      case compound(multiplicative: Bool, clamp: Bool)
      /// `path = v` in the listed years.
      case fix
      /// No action on the path (`residual_scale`).
      case none
    }
    let value: Int
    let kind: Kind
    /// Where this operation's mask starts in ``ScenarioEffects/listedMasks`` (one flag per
    /// projected year).
    let listedStart: Int
  }

  init(scenario: Scenario, series: [SimulatedSeries]) {
    assumptions = scenario.assumptions
    streamKeys = scenario.assumptions.map { stableHash("assumption:" + $0.name) }
    valueSpecs = scenario.assumptions.map(\.value)
    // A product takes its components' effects (see ``SeriesProduct``), none of its own.
    let perSeries = series.map { s -> [(index: Int, follows: Bool)] in
      guard s.product == nil else { return [] }
      return scenario.assumptions.enumerated().compactMap { index, a in
        guard a.areas?.contains(s.area) ?? true else { return nil }
        if a.indicator == s.indicator { return (index, false) }
        if a.indicator == s.followsIndicator, a.effect == .growthShift || a.effect == .shock {
          return (index, true)
        }
        return nil
      }
    }
    self.perSeries = perSeries
    var masks: [Bool] = []
    operations = series.indices.map { k in
      let s = series[k]
      return perSeries[k].map { entry -> PathOperation in
        let a = scenario.assumptions[entry.index]
        let listedStart = masks.count
        masks += (0..<Swift.max(0, s.horizon)).map {
          a.years?.contains(s.firstProjected + $0) ?? true
        }
        let kind: IndicatorKind = entry.follows ? .level : s.kind
        let multiplicative = kind == .level && (entry.follows || s.trend != .difference)
        let operation: PathOperation.Kind
        switch a.effect {
        case .growthShift, .shock:
          operation =
            kind == .rate
            ? .addListed
            : .compound(
              multiplicative: multiplicative || (kind == .level && a.effect == .shock),
              clamp: kind == .share)
        case .add: operation = .addListed
        case .fix: operation = .fix
        case .residualScale: operation = .none
        }
        return PathOperation(value: entry.index, kind: operation, listedStart: listedStart)
      }
    }
    listedMasks = masks
    residualScales = series.indices.map { k in
      perSeries[k].reduce(scenario.residualScale) { scale, entry in
        let a = scenario.assumptions[entry.index]
        return a.effect == .residualScale && !entry.follows ? scale * a.value.central : scale
      }
    }
  }

  /// Draws every assumption's value for one path (fixed values are returned as they are).
  func drawValues(seed: UInt64, path: UInt64, into values: UnsafeMutableBufferPointer<Double>) {
    for k in valueSpecs.indices {
      switch valueSpecs[k] {
      case .fixed(let v): values[k] = v
      case .normal(let mean, let sd):
        var g = Philox(seed: seed &+ streamKeys[k], stream: path)
        values[k] = mean + sd * g.nextZigguratNormal()
      case .uniform(let lower, let upper):
        var g = Philox(seed: seed &+ streamKeys[k], stream: path)
        values[k] = lower + (upper - lower) * g.nextUniform()
      case .triangular(let lower, let mode, let upper):
        var g = Philox(seed: seed &+ streamKeys[k], stream: path)
        let u = g.nextUniform()
        let split = (mode - lower) / (upper - lower)
        values[k] =
          u < split
          ? lower + ((upper - lower) * (mode - lower) * u).squareRoot()
          : upper - ((upper - lower) * (upper - mode) * (1 - u)).squareRoot()
      }
    }
  }

  /// Applies the assumptions acting on series `k` (with `values` drawn by
  /// ``drawValues(seed:path:into:)``) to its projected `path`.
  func apply(
    series k: Int, values: UnsafeBufferPointer<Double>, path: UnsafeMutableBufferPointer<Double>
  ) {
    operations[k].withUnsafeBufferPointer { operations in
      listedMasks.withUnsafeBufferPointer { masks in
        for operation in operations {
          let v = values[operation.value]
          // The mask covers the series' horizon, which is the path's length.
          let listed = UnsafeBufferPointer(
            rebasing: masks[operation.listedStart..<(operation.listedStart + path.count)])
          switch operation.kind {
          case .addListed:
            for h in 0..<path.count where listed[h] { path[h] += v }
          case .fix:
            for h in 0..<path.count where listed[h] { path[h] = v }
          case .compound(let multiplicative, let clamp):
            var factor = 1.0
            var offset = 0.0
            for h in 0..<path.count {
              if listed[h] {
                if multiplicative { factor *= 1 + v / 100 } else { offset += v }
              }
              path[h] = path[h] * factor + offset
              if clamp { path[h] = Swift.min(100, Swift.max(0, path[h])) }
            }
          case .none:
            break
          }
        }
      }
    }
  }
}
