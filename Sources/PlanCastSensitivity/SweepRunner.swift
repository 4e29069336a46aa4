import Dispatch
import PlanCastAttainment
import PlanCastPlan
import Synchronization

/// Evaluates sweep points; one worker per thread.
public protocol SweepModel: Sendable {
  /// Outcomes per point (one per target).
  var targetCount: Int { get }
  func makeWorker() -> any SweepWorker
}

/// A thread's evaluator (owns its buffers).
public protocol SweepWorker: AnyObject {
  /// The outcomes at one point: a value for each design column, `nil` for the scenario's own.
  func evaluate(_ point: [Double?]) -> [SweepOutcome]
}

/// Sweep points of a scenario over draws simulated once (``SweepDraws``): every point uses the
/// same seed, hence the same shocks and parameter draws (common random numbers). A column on a
/// `residual_scale` assumption, which changes the shocks, is evaluated by a full engine run per
/// point with the same seed instead.
public struct ScenarioSweepModel: SweepModel {
  public let draws: SweepDraws
  let engine: AttainmentEngine
  /// Assumption index per design column.
  let indices: [Int]
  let resimulate: Bool

  /// Checks every column names an assumption of the scenario.
  public init(engine: AttainmentEngine, draws: SweepDraws, columns: [String])
    throws(SensitivityError)
  {
    var indices: [Int] = []
    for name in columns {
      guard let i = draws.assumptionIndex(name) else {
        throw .unknownAssumption(name, known: draws.scenario.assumptions.map(\.name))
      }
      indices.append(i)
    }
    self.engine = engine
    self.draws = draws
    self.indices = indices
    resimulate = indices.contains { !draws.canSweep(assumption: $0) }
  }

  public var targetCount: Int { draws.targets.count }

  public func makeWorker() -> any SweepWorker { Worker(model: self) }

  final class Worker: SweepWorker {
    let model: ScenarioSweepModel
    var scratch: SweepDraws.Scratch

    init(model: ScenarioSweepModel) {
      self.model = model
      scratch = SweepDraws.Scratch(for: model.draws)
    }

    func evaluate(_ point: [Double?]) -> [SweepOutcome] {
      if model.resimulate {
        var scenario = model.draws.scenario
        for (column, value) in point.enumerated() {
          guard let value else { continue }
          scenario =
            scenario.with(
              assumption: scenario.assumptions[model.indices[column]].name, value: .fixed(value))
            ?? scenario
        }
        var settings = model.draws.settings
        settings.threads = 1
        return model.draws.outcomes(of: model.engine.run(scenario, settings: settings))
      }
      let overrides = point.enumerated().compactMap { column, value in
        value.map { (index: model.indices[column], value: $0) }
      }
      return model.draws.evaluate(overrides, scratch: &scratch)
    }
  }
}

/// Runs design points on several threads. Each point's outcome depends only on the point, so
/// results are identical at any thread count and for any split into shards.
public enum SweepRunner {
  /// Outcomes of `rows[range]`, in order. `progress(done, total)` is called (serialised) as
  /// points finish.
  public static func run(
    _ model: any SweepModel, rows: [[Double?]], range: Range<Int>, threads: Int,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) -> [[SweepOutcome]] {
    let results = ResultSlots(count: range.count)
    let done = Mutex(0)
    let threads = max(1, min(threads, range.count))
    DispatchQueue.concurrentPerform(iterations: threads) { worker in
      let evaluator = model.makeWorker()
      var k = worker
      while k < range.count {
        results.set(k, evaluator.evaluate(rows[range.lowerBound + k]))
        k += threads
        if let progress {
          done.withLock { count in
            count += 1
            progress(count, range.count)
          }
        }
      }
    }
    return results.values()
  }
}

/// Per-point results, each slot written by one thread.
final class ResultSlots: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<[SweepOutcome]>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: max(1, count))
    slots.initialize(repeating: [], count: max(1, count))
  }

  func set(_ k: Int, _ value: [SweepOutcome]) { slots[k] = value }

  func values() -> [[SweepOutcome]] {
    defer {
      slots.deinitialize(count: max(1, count))
      slots.deallocate()
    }
    return Array(UnsafeBufferPointer(start: slots, count: count))
  }
}
