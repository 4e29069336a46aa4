import Dispatch
import PlanCastNumerics
import PlanCastPlan

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One target's summary at one sweep point: P(attain), the median and the central 80% interval
/// of the target quantity. Identical to the fields of ``TargetAttainment`` that
/// ``AttainmentEngine/run(_:settings:)`` reports for the same scenario and settings.
public struct SweepOutcome: Sendable, Equatable {
  public var probability: Double
  public var median: Double
  public var lo80: Double
  public var hi80: Double

  public init(probability: Double, median: Double, lo80: Double, hi80: Double) {
    self.probability = probability
    self.median = median
    self.lo80 = lo80
    self.hi80 = hi80
  }
}

/// A scenario's Monte Carlo draws simulated once, so that thousands of settings of its
/// assumptions (sweep points) can be evaluated cheaply with common random numbers.
///
/// Every assumption effect except `residual_scale` acts on a series' path after the model has
/// simulated it (see ``ScenarioEffects``), so the raw paths (shocks, parameter draws) are the
/// same at every sweep point. They are simulated once here with the engine's random streams;
/// ``evaluate(_:scratch:)`` then applies the assumptions with the point's values, measures every
/// target and summarises. The result is bitwise what
/// `engine.run(scenario.with(assumption: …, value: .fixed(v)), settings:)` gives.
public struct SweepDraws: Sendable {
  public let scenario: Scenario
  public let settings: MonteCarloSettings
  /// The targets with a probability, in plan order: the order of ``evaluate(_:scratch:)``.
  public let targets: [Target]
  let engine: AttainmentEngine
  let effects: ScenarioEffects
  /// Per series: the raw paths, `draws × horizon` (draw-major), before assumption effects.
  let paths: [[Double]]
  /// Drawn assumption values, `draws × assumptions` (draw-major).
  let values: [Double]
  /// Per measured target: its series' assumption effects and quantity, precompiled.
  let compiled: [CompiledMeasure]

  /// The index of the assumption named `name` in ``Scenario/assumptions``.
  public func assumptionIndex(_ name: String) -> Int? {
    scenario.assumptions.firstIndex { $0.name == name }
  }

  /// True when the assumption acts on paths after simulation, so it can be swept over these
  /// draws; false for `residual_scale`, which changes the shocks themselves (sweep it with
  /// ``AttainmentEngine/run(_:settings:)`` instead).
  public func canSweep(assumption index: Int) -> Bool {
    scenario.assumptions[index].effect != .residualScale
  }

  /// Buffers for ``evaluate(_:scratch:)``; one per thread.
  public struct Scratch {
    var path: [Double]
    /// A product's components after their effects.
    var share: [Double]
    var base: [Double]
    var values: [Double]
    var quantities: [[Double]]

    public init(for draws: SweepDraws) {
      path = [Double](repeating: 0, count: draws.engine.series.map(\.horizon).max() ?? 0)
      share = path
      base = path
      values = [Double](repeating: 0, count: draws.scenario.assumptions.count)
      quantities = draws.engine.measures.map { _ in
        [Double](repeating: .nan, count: draws.settings.draws)
      }
    }
  }

  /// The outcome of every target (``targets`` order) with assumption `index` set to `value`
  /// for each `(index, value)` in `overrides` (all must satisfy ``canSweep(assumption:)``).
  public func evaluate(_ overrides: [(index: Int, value: Double)], scratch: inout Scratch)
    -> [SweepOutcome]
  {
    let n = settings.draws
    let assumptionCount = scenario.assumptions.count
    var fixed = [Double?](repeating: nil, count: assumptionCount)
    for (index, value) in overrides { fixed[index] = value }
    var outcomes: [SweepOutcome] = []
    outcomes.reserveCapacity(compiled.count)
    for (t, plan) in compiled.enumerated() {
      if let product = plan.product {
        evaluateProduct(plan, product, target: t, fixed: fixed, scratch: &scratch)
      } else {
        evaluateSeries(plan, target: t, fixed: fixed, scratch: &scratch)
      }
      let condition = plan.condition
      let met = scratch.quantities[t].reduce(0) { $0 + (condition.isMet(by: $1) ? 1 : 0) }
      let q = QuantileSelection.quantiles(&scratch.quantities[t], [0.5, 0.1, 0.9])
      outcomes.append(
        SweepOutcome(probability: Double(met) / Double(n), median: q[0], lo80: q[1], hi80: q[2]))
    }
    return outcomes
  }

  /// Target `t`'s quantity on every draw: its series' raw path with the point's effects.
  private func evaluateSeries(
    _ plan: CompiledMeasure, target t: Int, fixed: [Double?], scratch: inout Scratch
  ) {
    let n = settings.draws
    let assumptionCount = scenario.assumptions.count
    let horizon = plan.horizon
    scratch.quantities[t].withUnsafeMutableBufferPointer { quantities in
      scratch.path.withUnsafeMutableBufferPointer { buffer in
        paths[plan.series].withUnsafeBufferPointer { raw in
          values.withUnsafeBufferPointer { drawn in
            let path = UnsafeMutableBufferPointer(rebasing: buffer[0..<horizon])
            for draw in 0..<n {
              Self.adjust(
                path, raw: raw, draw: draw, effects: plan.effects, fixed: fixed, drawn: drawn,
                assumptions: assumptionCount)
              quantities[draw] = plan.quantity(path)
            }
          }
        }
      }
    }
  }

  /// A product target's quantity on every draw: each component's raw path with its effects,
  /// then their product (as ``Workspace`` computes it).
  private func evaluateProduct(
    _ plan: CompiledMeasure, _ product: CompiledMeasure.Product, target t: Int,
    fixed: [Double?], scratch: inout Scratch
  ) {
    let n = settings.draws
    let assumptionCount = scenario.assumptions.count
    let horizon = plan.horizon
    let p = product.product
    scratch.quantities[t].withUnsafeMutableBufferPointer { quantities in
      scratch.path.withUnsafeMutableBufferPointer { buffer in
        scratch.share.withUnsafeMutableBufferPointer { shareBuffer in
          scratch.base.withUnsafeMutableBufferPointer { baseBuffer in
            paths[p.share].withUnsafeBufferPointer { shareRaw in
              paths[p.base].withUnsafeBufferPointer { baseRaw in
                values.withUnsafeBufferPointer { drawn in
                  let path = UnsafeMutableBufferPointer(rebasing: buffer[0..<horizon])
                  let share = UnsafeMutableBufferPointer(
                    rebasing: shareBuffer[0..<product.shareHorizon])
                  let base = UnsafeMutableBufferPointer(
                    rebasing: baseBuffer[0..<product.baseHorizon])
                  for draw in 0..<n {
                    Self.adjust(
                      share, raw: shareRaw, draw: draw, effects: product.shareEffects,
                      fixed: fixed, drawn: drawn, assumptions: assumptionCount)
                    Self.adjust(
                      base, raw: baseRaw, draw: draw, effects: product.baseEffects, fixed: fixed,
                      drawn: drawn, assumptions: assumptionCount)
                    p.fill(
                      path, share: UnsafeBufferPointer(share), base: UnsafeBufferPointer(base))
                    quantities[draw] = plan.quantity(path)
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// Draw `draw`'s raw path of a series (`out.count` years, draw-major in `raw`) into `out`,
  /// then the point's assumption effects: the overridden value where `fixed` has one, else the
  /// draw's own from `drawn`.
  @inline(__always)
  private static func adjust(
    _ out: UnsafeMutableBufferPointer<Double>, raw: UnsafeBufferPointer<Double>, draw: Int,
    effects: [CompiledMeasure.Effect], fixed: [Double?], drawn: UnsafeBufferPointer<Double>,
    assumptions: Int
  ) {
    let horizon = out.count
    for h in 0..<horizon { out[h] = raw[draw * horizon + h] }
    for e in effects {
      e.apply(fixed[e.index] ?? drawn[draw * assumptions + e.index], to: out)
    }
  }

  /// The outcomes of ``targets`` read from a full engine run (for assumptions that cannot be
  /// swept over fixed draws).
  public func outcomes(of attainment: ScenarioAttainment) -> [SweepOutcome] {
    targets.map { target in
      let t = attainment.targets.first { $0.target.id == target.id }
      return SweepOutcome(
        probability: t?.probability ?? .nan, median: t?.median ?? .nan, lo80: t?.lo80 ?? .nan,
        hi80: t?.hi80 ?? .nan)
    }
  }

  /// What a re-implementation needs to apply the assumptions and measure the targets itself
  /// (the benchmark's numpy peer): per series its raw paths and observed values, per target its
  /// form, and per assumption whom it acts on.
  public var description: SweepDrawsDescription {
    SweepDrawsDescription(
      draws: settings.draws,
      series: engine.series.enumerated().map { k, s in
        SweepDrawsDescription.Series(
          area: s.area, indicator: s.indicator, kind: s.kind.rawValue,
          trend: s.trend?.rawValue, firstProjected: s.firstProjected, horizon: s.horizon,
          observed: s.observed.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
          assumptions: effects.perSeries[k].map { ($0.index, $0.follows) }, paths: paths[k],
          product: s.product.map(SweepDrawsDescription.Product.init))
      },
      assumptions: scenario.assumptions.map {
        SweepDrawsDescription.AssumptionInfo(
          name: $0.name, effect: $0.effect.rawValue, years: $0.years)
      },
      values: values,
      targets: engine.measures.map { m in
        let form: String
        var start: Int? = nil
        switch m.target.form {
        case .level: form = "level"
        case .share: form = "share"
        case .averageGrowth(let s):
          form = "average_growth"
          start = s
        case .changeVersusBase(let b):
          form = "change_vs_base"
          start = b + 1
        case .cumulative(let s):
          form = "cumulative"
          start = s
        }
        return SweepDrawsDescription.TargetInfo(
          id: m.target.id, series: m.seriesIndex, form: form, firstYear: start ?? m.target.year,
          year: m.target.year, comparator: m.condition.comparator.rawValue,
          value: m.condition.value, direction: m.condition.direction,
          tolerance: m.condition.tolerance)
      })
  }
}

/// Plain data describing ``SweepDraws`` for export (see ``SweepDraws/description``).
public struct SweepDrawsDescription: Sendable {
  public struct Series: Sendable {
    public let area: String
    public let indicator: String
    public let kind: String
    public let trend: String?
    public let firstProjected: Int
    public let horizon: Int
    public let observed: [(year: Int, value: Double)]
    /// Assumptions acting on it: index and whether it acts because the series follows the
    /// assumption's indicator (nominal GDP follows real growth).
    public let assumptions: [(index: Int, follows: Bool)]
    /// `draws × horizon`, draw-major (unused for a product).
    public let paths: [Double]
    /// Set when the series is computed as share / 100 × base from two others.
    public let product: Product?
  }
  /// A product series: its components and, per projected year, each component's path index
  /// (-1 when observed, -2 when missing) and observed value (0 unless observed).
  public struct Product: Sendable {
    public let share: Int
    public let base: Int
    public let shareIndex: [Int]
    public let shareObserved: [Double]
    public let baseIndex: [Int]
    public let baseObserved: [Double]

    init(_ p: SeriesProduct) {
      func index(_ v: SimulatedSeries.YearValue) -> Int {
        switch v {
        case .projected(let h): h
        case .observed: -1
        case .missing: -2
        }
      }
      func observed(_ v: SimulatedSeries.YearValue) -> Double {
        if case .observed(let x) = v { x } else { 0 }
      }
      share = p.share
      base = p.base
      shareIndex = p.shareValues.map(index)
      shareObserved = p.shareValues.map(observed)
      baseIndex = p.baseValues.map(index)
      baseObserved = p.baseValues.map(observed)
    }
  }
  public struct AssumptionInfo: Sendable {
    public let name: String
    public let effect: String
    public let years: [Int]?
  }
  public struct TargetInfo: Sendable {
    public let id: String
    public let series: Int
    public let form: String
    /// First year whose value the quantity uses.
    public let firstYear: Int
    public let year: Int
    public let comparator: String
    public let value: Double
    public let direction: Double
    public let tolerance: Double?
  }
  public let draws: Int
  public let series: [Series]
  public let assumptions: [AssumptionInfo]
  /// Drawn assumption values, `draws × assumptions`.
  public let values: [Double]
  public let targets: [TargetInfo]
}

extension AttainmentEngine {
  /// Simulates `scenario`'s raw draws once for sweeping its assumptions (see ``SweepDraws``).
  public func sweepDraws(_ scenario: Scenario, settings: MonteCarloSettings) -> SweepDraws {
    let effects = ScenarioEffects(scenario: scenario, series: series)
    let n = settings.draws
    let store = RawPathStore(
      horizons: series.map { Swift.max(0, $0.horizon) }, draws: n,
      assumptions: scenario.assumptions.count)
    defer { store.deallocate() }
    let blocks = (n + Self.blockSize - 1) / Self.blockSize
    let threads = Swift.max(1, Swift.min(settings.threads, blocks))
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
      var workspace = RawWorkspace(engine: self, effects: effects)
      var block = worker
      while block < blocks {
        let start = block * Self.blockSize
        let count = Swift.min(Self.blockSize, n - start)
        workspace.run(
          block: start..<(start + count), seed: settings.seed, effects: effects, store: store)
        block += threads
      }
    }
    return SweepDraws(
      scenario: scenario, settings: settings, targets: measures.map(\.target), engine: self,
      effects: effects, paths: store.arrays(), values: store.valueArray(),
      compiled: measures.map { CompiledMeasure($0, series: series, effects: effects) })
  }
}

/// Raw paths and drawn values, written by draw index from any thread.
final class RawPathStore: @unchecked Sendable {
  let horizons: [Int]
  let draws: Int
  let assumptions: Int
  let paths: [UnsafeMutablePointer<Double>]
  let values: UnsafeMutablePointer<Double>

  init(horizons: [Int], draws: Int, assumptions: Int) {
    self.horizons = horizons
    self.draws = draws
    self.assumptions = assumptions
    paths = horizons.map { h in
      let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, h * draws))
      p.initialize(repeating: 0, count: Swift.max(1, h * draws))
      return p
    }
    values = .allocate(capacity: Swift.max(1, assumptions * draws))
    values.initialize(repeating: 0, count: Swift.max(1, assumptions * draws))
  }

  func arrays() -> [[Double]] {
    zip(paths, horizons).map { Array(UnsafeBufferPointer(start: $0, count: $1 * draws)) }
  }

  func valueArray() -> [Double] {
    Array(UnsafeBufferPointer(start: values, count: assumptions * draws))
  }

  func deallocate() {
    for p in paths { p.deallocate() }
    values.deallocate()
  }
}

/// One thread's buffers for simulating raw paths: the same random streams, shock correlation
/// and model simulation as ``Workspace``, without applying assumptions or measuring targets.
struct RawWorkspace {
  let engine: AttainmentEngine
  let years: Int
  var shocks: [Double]
  var innovations: [[Double]]
  var values: [Double]

  init(engine: AttainmentEngine, effects: ScenarioEffects) {
    self.engine = engine
    years = engine.shockYears.count
    shocks = [Double](repeating: 0, count: engine.dimension * years * AttainmentEngine.blockSize)
    innovations = engine.series.map {
      [Double](repeating: 0, count: Swift.max(0, $0.horizon) * $0.components)
    }
    values = [Double](repeating: 0, count: effects.assumptions.count)
  }

  mutating func run(
    block: Range<Int>, seed: UInt64, effects: ScenarioEffects, store: RawPathStore
  ) {
    let dimension = engine.dimension
    let engine = engine
    shocks.withUnsafeMutableBufferPointer {
      Workspace.drawShocks(engine: engine, block: block, seed: seed, into: $0)
    }
    for (local, draw) in block.enumerated() {
      values.withUnsafeMutableBufferPointer {
        effects.drawValues(seed: seed, path: UInt64(draw), into: $0)
      }
      for (a, v) in values.enumerated() { store.values[draw * store.assumptions + a] = v }
      for (k, s) in engine.series.enumerated() {
        let horizon = s.horizon
        // A product has no raw paths: ``CompiledMeasure`` computes it from its components.
        guard horizon > 0, let fitted = s.fitted else { continue }
        let scale = effects.residualScales[k]
        let components = s.components
        for h in 0..<horizon {
          let column = local * years + (s.firstProjected + h - engine.shockYears.lowerBound)
          for j in 0..<components {
            innovations[k][h * components + j] =
              scale * shocks[column * dimension + s.componentOffset + j]
          }
        }
        var generator = Philox(seed: seed &+ s.streamKey, stream: UInt64(draw))
        let out = UnsafeMutableBufferPointer(start: store.paths[k] + draw * horizon, count: horizon)
        innovations[k].withUnsafeBufferPointer { z in
          fitted.simulate(innovations: z, generator: &generator, into: out)
        }
      }
    }
  }
}

extension AttainmentEngine {
  /// The targets that get a probability, in plan order (those of ``SweepDraws/targets``).
  public var measuredTargets: [Target] { measures.map(\.target) }
}

/// A target's evaluation on a raw path, precompiled from ``ScenarioEffects/apply`` and
/// ``TargetMeasure/quantity(_:path:)`` so that a sweep point does no lookups, copies or
/// reference counting per draw. The arithmetic is the same operations in the same order, so
/// results are bitwise those of the engine (checked by the sensitivity tests).
struct CompiledMeasure: Sendable {
  /// One assumption acting on the series.
  struct Effect: Sendable {
    enum Mode: Sendable {
      /// Rate indicators: `+v` in listed years.
      case rate
      /// Levels: growth factor `∏(1 + v/100)` over listed years.
      case factor
      /// Shares and difference levels: offset `Σ v` over listed years.
      case offset
      case add
      case fix
      case none
    }
    let index: Int
    let mode: Mode
    let share: Bool
    let listed: [Bool]

    @inline(__always)
    func apply(_ v: Double, to path: UnsafeMutableBufferPointer<Double>) {
      var factor = 1.0
      var offset = 0.0
      for h in 0..<path.count {
        switch mode {
        case .rate:
          if listed[h] { path[h] += v }
        case .factor, .offset:
          if listed[h] {
            if mode == .factor { factor *= 1 + v / 100 } else { offset += v }
          }
          path[h] = path[h] * factor + offset
          if share { path[h] = Swift.min(100, Swift.max(0, path[h])) }
        case .add:
          if listed[h] { path[h] += v }
        case .fix:
          if listed[h] { path[h] = v }
        case .none:
          break
        }
      }
    }
  }

  enum Form: Sendable {
    case level, averageGrowth, changeVersusBase, cumulative
  }

  let series: Int
  let horizon: Int
  let effects: [Effect]
  let form: Form
  let sources: [SimulatedSeries.YearValue]
  let condition: TargetCondition

  /// A product target's components: their raw paths' series, horizons and effects.
  struct Product: Sendable {
    let product: SeriesProduct
    let shareHorizon: Int
    let baseHorizon: Int
    let shareEffects: [Effect]
    let baseEffects: [Effect]
  }

  let product: Product?

  init(_ m: TargetMeasure, series all: [SimulatedSeries], effects: ScenarioEffects) {
    let s = all[m.seriesIndex]
    series = m.seriesIndex
    horizon = Swift.max(0, s.horizon)
    condition = m.condition
    self.effects = Self.compile(series: m.seriesIndex, all: all, effects: effects)
    product = s.product.map { p in
      Product(
        product: p, shareHorizon: Swift.max(0, all[p.share].horizon),
        baseHorizon: Swift.max(0, all[p.base].horizon),
        shareEffects: Self.compile(series: p.share, all: all, effects: effects),
        baseEffects: Self.compile(series: p.base, all: all, effects: effects))
    }
    switch m.target.form {
    case .level, .share: form = .level
    case .averageGrowth: form = .averageGrowth
    case .changeVersusBase: form = .changeVersusBase
    case .cumulative: form = .cumulative
    }
    sources = m.years.map(s.yearValue)
  }

  /// The assumption effects acting on series `k`, resolved for the per-draw loop.
  static func compile(series k: Int, all: [SimulatedSeries], effects: ScenarioEffects)
    -> [Effect]
  {
    let s = all[k]
    return effects.perSeries[k].map { index, follows in
      let a = effects.assumptions[index]
      let kind: IndicatorKind = follows ? .level : s.kind
      let multiplicative = kind == .level && (follows || s.trend != .difference)
      let mode: Effect.Mode
      switch a.effect {
      case .growthShift, .shock:
        mode =
          kind == .rate
          ? .rate
          : (multiplicative || (kind == .level && a.effect == .shock)) ? .factor : .offset
      case .add: mode = .add
      case .fix: mode = .fix
      case .residualScale: mode = .none
      }
      let listed = (0..<Swift.max(0, s.horizon)).map { h in
        a.years?.contains(s.firstProjected + h) ?? true
      }
      return Effect(
        index: index, mode: mode, share: kind == .share, listed: listed)
    }
  }

  /// The target quantity on an adjusted path (NaN where a year has no value).
  @inline(__always)
  func quantity(_ path: UnsafeMutableBufferPointer<Double>) -> Double {
    func value(_ source: SimulatedSeries.YearValue) -> Double? {
      switch source {
      case .observed(let v): return v
      case .projected(let h): return path[h]
      case .missing: return nil
      }
    }
    switch form {
    case .level:
      return value(sources[0]) ?? .nan
    case .averageGrowth, .changeVersusBase:
      var product = 1.0
      for source in sources {
        guard let r = value(source) else { return .nan }
        product *= 1 + r / 100
      }
      return form == .averageGrowth
        ? 100 * (pow(product, 1 / Double(sources.count)) - 1) : 100 * (product - 1)
    case .cumulative:
      var sum = 0.0
      for source in sources {
        guard let v = value(source) else { return .nan }
        sum += v
      }
      return sum
    }
  }
}
