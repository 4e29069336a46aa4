import COpenBLAS
import Dispatch
import PlanCastForecasting
import PlanCastNumerics
import PlanCastPlan

/// How many draws, with which seed, on how many threads.
public struct MonteCarloSettings: Sendable {
  public var draws: Int
  public var seed: UInt64
  public var threads: Int
  public var thresholds: StatusThresholds

  public init(
    draws: Int = 100_000, seed: UInt64 = 20_210_602, threads: Int = 1,
    thresholds: StatusThresholds = StatusThresholds()
  ) {
    self.draws = draws
    self.seed = seed
    self.threads = threads
    self.thresholds = thresholds
  }
}

/// Monte Carlo attainment: fits every series a target needs, simulates them jointly with
/// correlated shocks, parameter uncertainty and scenario assumptions, and reports the
/// probability of meeting each target.
///
/// Randomness is a pure function of (seed, draw index, stream): draw `p` uses
/// `Philox(seed, stream: p)` for its shocks, a per-series key for parameter draws and a
/// per-assumption key for uncertain assumptions. Results are therefore bitwise identical for
/// any thread count, and scenarios share common random numbers: the same draw sees the same
/// shocks in every scenario, so scenario differences are not noise.
public struct AttainmentEngine: Sendable {
  public let model: PlanModel
  let series: [SimulatedSeries]
  let measures: [TargetMeasure]
  /// Targets without a probability, with the reason.
  let unmeasured: [(target: Target, reason: LocalizedText, status: AttainmentStatus)]
  let correlation: ShockCorrelation
  /// Calendar years with shocks: the first projected year of any series to the last.
  let shockYears: ClosedRange<Int>
  let dimension: Int

  /// Fits the series behind every numeric target. Throws only when the shock correlation
  /// cannot be made positive definite; a target whose series cannot be fitted gets a reason.
  public init(model: PlanModel) throws {
    self.model = model
    let evaluator = TargetEvaluator(data: model.data)
    var assembly = SeriesAssembly(model: model)
    var measures: [(Target, Int, TargetCondition)] = []
    var unmeasured: [(Target, LocalizedText, AttainmentStatus)] = []
    for target in model.plan.targets {
      let evaluation = evaluator.evaluate(target)
      if let status = Self.settled[evaluation.status] {
        unmeasured.append((target, Self.settledReason(evaluation), status))
        continue
      }
      guard let condition = evaluator.condition(for: target) else {
        unmeasured.append(
          (target, TargetEvaluator.noDataReason(target, data: model.data), .noData))
        continue
      }
      guard
        model.specifications?.declaration(indicator: target.indicator, area: target.region) != nil
      else {
        let name = model.data.indicatorName(target.indicator, .zh)
        unmeasured.append(
          (
            target,
            LocalizedText(
              en: "no model declared for \(target.indicator) in models.toml",
              zh: "models.toml 未声明\(name)(\(target.indicator))的模型"), .noData
          ))
        continue
      }
      do {
        let index = try assembly.index(area: target.region, indicator: target.indicator)
        measures.append((target, index, condition))
      } catch {
        unmeasured.append((target, Self.reason(error, target: target, model: model), .noData))
      }
    }
    let series = assembly.series
    self.series = series
    let built = measures.map {
      TargetMeasure(target: $0.0, seriesIndex: $0.1, series: series[$0.1], condition: $0.2)
    }
    // A year inside the target's period that is neither observed nor projected leaves the
    // quantity undefined on every path: no probability rather than a probability of zero.
    self.measures = built.filter(\.isDefined)
    for m in built where !m.isDefined {
      let reason =
        evaluator.evaluate(m.target).reasonText
        ?? LocalizedText(en: "a year inside the period is not observed", zh: "期内有年份无观测值")
      unmeasured.append((m.target, reason, .noData))
    }
    self.unmeasured = unmeasured
    correlation = try ShockCorrelation(series: series)
    dimension = assembly.dimension
    let first = series.map(\.firstProjected).min() ?? 0
    let last = series.map(\.lastYear).max() ?? 0
    shockYears = first...Swift.max(first, last)
  }

  /// Statuses decided by the data alone: nothing to simulate, no probability.
  static let settled: [TargetStatus: AttainmentStatus] = [
    .met: .met, .missed: .missed, .staleData: .staleData, .insufficientData: .insufficientData,
  ]

  /// Why a settled target has no probability: its observed value, or the stale-data or
  /// insufficient-data reason.
  static func settledReason(_ e: TargetEvaluation) -> LocalizedText {
    guard e.status != .staleData, e.status != .insufficientData, let value = e.latestValue,
      let year = e.latestYear
    else {
      return e.reasonText ?? LocalizedText(en: e.status.rawValue, zh: e.status.label(.zh))
    }
    return LocalizedText(
      en: "observed: \(e.status.rawValue) (\(value) in \(year)), nothing to simulate",
      zh: "已观测：\(e.status.label(.zh))(\(year)年 \(value))，无需模拟")
  }

  /// Why a target's series could not be fitted: a model error's reason under the series' names.
  static func reason(_ error: Error, target: Target, model: PlanModel) -> LocalizedText {
    guard let error = error as? ForecastError else {
      return LocalizedText(en: "\(error)", zh: "\(error)")
    }
    let region = model.data.areaName(target.region, .zh)
    let indicator = model.data.indicatorName(target.indicator, .zh)
    return LocalizedText(
      en: error.description, zh: "\(region) \(indicator)：\(error.reason(.zh))")
  }

  /// The simulated series: (area, indicator, model, proxy note).
  public var simulatedSeries: [(area: String, indicator: String, model: String, proxy: String?)] {
    series.map { ($0.area, $0.indicator, $0.modelName, $0.proxyNote) }
  }

  /// Runs every scenario with common random numbers.
  public func run(_ scenarios: [Scenario], settings: MonteCarloSettings) -> [ScenarioAttainment] {
    scenarios.map { run($0, settings: settings) }
  }

  /// Runs one scenario.
  public func run(_ scenario: Scenario, settings: MonteCarloSettings) -> ScenarioAttainment {
    let store = DrawStore(targets: measures.count, draws: settings.draws)
    defer { store.deallocate() }
    simulate(scenario, settings: settings, into: store)
    // Targets are summarised independently, so in parallel (each is a pure function of the
    // store, so the result does not depend on the thread count).
    let summaries = SummaryStore(count: measures.count)
    DispatchQueue.concurrentPerform(
      iterations: Swift.max(1, Swift.min(settings.threads, measures.count))
    ) { worker in
      var k = worker
      while k < measures.count {
        summaries.values[k] = summarise(
          measures[k], store: store, target: k, scenario: scenario, settings: settings)
        k += Swift.max(1, Swift.min(settings.threads, measures.count))
      }
    }
    var results = summaries.values.map { $0! }
    results += unmeasured.map { item in
      TargetAttainment(
        target: item.target, scenario: scenario.id, probability: nil,
        monteCarloStandardError: nil, median: nil, lo80: nil, hi80: nil, lo95: nil, hi95: nil,
        status: item.status, requiredForHalf: nil, requiredForEighty: nil,
        projectedAnnualChange: nil, proxyNote: nil, reasonText: item.reason, model: nil,
        evidence: nil)
    }
    let order = Dictionary(
      uniqueKeysWithValues: model.plan.targets.enumerated().map { ($1.id, $0) })
    results.sort { order[$0.target.id, default: 0] < order[$1.target.id, default: 0] }
    return ScenarioAttainment(
      scenario: scenario, draws: settings.draws, seed: settings.seed, targets: results,
      correlationShrinkage: correlation.shrinkage)
  }

  /// Draws per block: shocks of a block are generated together and correlated with one BLAS
  /// call (`dtrmm`).
  static let blockSize = 512

  func simulate(_ scenario: Scenario, settings: MonteCarloSettings, into store: DrawStore) {
    let effects = ScenarioEffects(scenario: scenario, series: series)
    let blocks = (settings.draws + Self.blockSize - 1) / Self.blockSize
    let threads = Swift.max(1, Swift.min(settings.threads, blocks))
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
      var workspace = Workspace(engine: self, effects: effects)
      var block = worker
      while block < blocks {
        let start = block * Self.blockSize
        let count = Swift.min(Self.blockSize, settings.draws - start)
        workspace.run(
          block: start..<(start + count), seed: settings.seed, effects: effects, store: store)
        block += threads
      }
    }
  }

  func summarise(
    _ measure: TargetMeasure, store: DrawStore, target k: Int, scenario: Scenario,
    settings: MonteCarloSettings
  ) -> TargetAttainment {
    let s = series[measure.seriesIndex]
    let n = settings.draws
    let quantities = UnsafeBufferPointer(start: store.quantity[k], count: n)
    let met = quantities.reduce(0) { $0 + (measure.condition.isMet(by: $1) ? 1 : 0) }
    let p = Double(met) / Double(n)
    // The annual change and the required shift are monotone functions of the quantity
    // (increasing and decreasing), so every summary is an order statistic of the quantities.
    let levels = [0.5, 0.1, 0.9, 0.025, 0.975]
    let wantsRequired = measure.shift != nil && measure.condition.comparator != .about
    let up: Bool
    switch measure.condition.comparator {
    case .atLeast, .greaterThan, .about: up = true
    case .atMost, .lessThan: up = false
    case .reach: up = measure.condition.direction >= 0
    }
    let shiftLevels = up ? [0.5, 0.8] : [0.5, 0.2]
    var ranks = OrderStatistics.ranks(count: n, levels: levels)
    if wantsRequired {
      ranks += OrderStatistics.ranks(count: n, levels: shiftLevels).map { n - 1 - $0 }
    }
    let order = OrderStatistics(quantities, ranks: ranks)
    let q = levels.map { order.quantile($0) }
    let typicalChange = order.quantile(0.5) { measure.annualChange(quantity: $0) }
    var required: (Double?, Double?) = (nil, nil)
    if wantsRequired {
      let c = shiftLevels.map { level in
        order.quantile(level, decreasing: true) { measure.requiredShift(quantity: $0) ?? .nan }
      }
      required = (measure.compose(typicalChange, c[0]), measure.compose(typicalChange, c[1]))
    }
    return TargetAttainment(
      target: measure.target, scenario: scenario.id, probability: p,
      monteCarloStandardError: (p * (1 - p) / Double(n)).squareRoot(), median: q[0], lo80: q[1],
      hi80: q[2], lo95: q[3], hi95: q[4], status: settings.thresholds.status(p),
      requiredForHalf: required.0, requiredForEighty: required.1,
      projectedAnnualChange: typicalChange, proxyNote: s.proxyNote, reasonText: nil,
      model: s.modelName, evidence: s.evidence)
  }
}

/// Target summaries written by index from the summarising threads.
final class SummaryStore: @unchecked Sendable {
  let values: UnsafeMutableBufferPointer<TargetAttainment?>
  init(count: Int) {
    values = .allocate(capacity: count)
    values.initialize(repeating: nil)
  }
  deinit {
    values.deinitialize()
    values.deallocate()
  }
}

/// Each target's quantity per draw, written by index from any thread (each draw by exactly one
/// thread, NaN where the quantity is undefined).
final class DrawStore: @unchecked Sendable {
  let quantity: [UnsafeMutablePointer<Double>]

  init(targets: Int, draws: Int) {
    quantity = (0..<targets).map { _ in
      UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, draws))
    }
  }

  func deallocate() {
    for p in quantity { p.deallocate() }
  }
}
