/// The four kinds of sweep.
public enum SweepMethod: String, Sendable, Codable, CaseIterable {
  /// One at a time: each factor to its low and its high value, the others as in the scenario.
  case oat
  /// The cartesian product of `--vary` axes.
  case grid
  /// Sobol first-order and total indices (Saltelli design, Saltelli-2010 and Jansen estimators).
  case sobol
  /// Morris elementary effects (μ, μ*, σ) on random trajectories.
  case morris
}

/// What a sweep point reports per target, and what global indices are computed on.
public enum SweepOutput: String, Sendable, Codable, CaseIterable {
  /// P(attain).
  case probability
  /// The median of the target quantity in the target year (level, share, average growth…).
  case median
}

/// One `--vary NAME=START:STOP:STEP` axis of a grid.
public struct GridAxis: Sendable, Equatable, Codable {
  public let name: String
  public let start: Double
  public let stop: Double
  public let step: Double

  /// Parses and validates `NAME=START:STOP:STEP` (START < STOP, STEP > 0).
  public init(argument: String) throws(SensitivityError) {
    let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let numbers =
      parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false) : []
    guard parts.count == 2, !parts[0].isEmpty, numbers.count == 3,
      let start = Double(numbers[0]), let stop = Double(numbers[1]), let step = Double(numbers[2])
    else {
      throw .invalid(
        "--vary '\(argument)' is not NAME=START:STOP:STEP (e.g. real_growth_shift=-1.5:1:0.5)")
    }
    try self.init(name: String(parts[0]), start: start, stop: stop, step: step)
  }

  public init(name: String, start: Double, stop: Double, step: Double) throws(SensitivityError) {
    guard start.isFinite, stop.isFinite, step.isFinite else {
      throw .invalid("--vary \(name): START, STOP and STEP must be finite numbers")
    }
    guard step != 0 else { throw .invalid("--vary \(name): the step is zero") }
    guard step > 0 else {
      throw .invalid("--vary \(name): the step must be positive (give START < STOP)")
    }
    guard start != stop else {
      throw .invalid("--vary \(name): the range \(start):\(stop) is empty; give START < STOP")
    }
    guard start < stop else {
      throw .invalid("--vary \(name): the range \(start):\(stop) is reversed; give START < STOP")
    }
    guard (stop - start) / step < 1e7 else {
      throw .invalid("--vary \(name): more than ten million values; use a larger step")
    }
    self.name = name
    self.start = start
    self.stop = stop
    self.step = step
  }

  private enum CodingKeys: String, CodingKey { case name, start, stop, step }

  /// Decodes and validates as ``init(name:start:stop:step:)`` does (a shard file is input).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      name: try c.decode(String.self, forKey: .name),
      start: try c.decode(Double.self, forKey: .start),
      stop: try c.decode(Double.self, forKey: .stop), step: try c.decode(Double.self, forKey: .step)
    )
  }

  /// `start, start + step, …` up to `stop` (included when it lies on the grid, to 1e-9 steps).
  public var values: [Double] {
    (0..<valueCount).map { start + Double($0) * step }
  }

  /// How many values the axis has (at most ten million, checked at construction).
  public var valueCount: Int { Int(((stop - start) / step + 1e-9).rounded(.down)) + 1 }
}

/// A target as reports show it.
public struct TargetLabel: Sendable, Equatable, Codable {
  public let id: String
  public let nameEN: String
  public let nameZH: String
  /// e.g. "≥ 25000 (2025)".
  public let goal: String
  /// The unit of the target's quantity, e.g. "100 million yuan" and "亿元" (absent in shards
  /// written before units were recorded).
  public let unitEN: String?
  public let unitZH: String?

  public init(
    id: String, nameEN: String, nameZH: String, goal: String, unitEN: String? = nil,
    unitZH: String? = nil
  ) {
    self.id = id
    self.nameEN = nameEN
    self.nameZH = nameZH
    self.goal = goal
    self.unitEN = unitEN
    self.unitZH = unitZH
  }

  /// The unit in `language`, or nil when not recorded.
  public func unit(zh: Bool) -> String? { zh ? unitZH : unitEN }
}

/// Everything that defines a sweep and its analysis: the design is regenerated from it, and
/// shard files carry it so that `plancast merge` can check parts belong together and
/// reproduce the single-run result exactly.
public struct SweepSpec: Sendable, Equatable, Codable {
  public var method: SweepMethod
  public var model: String
  public var scenario: String
  public var seed: UInt64
  /// Monte Carlo draws per point.
  public var draws: Int
  /// Sobol: base sample size N (a power of two); Morris: trajectories.
  public var samples: Int
  /// Morris grid levels p (even; Δ = p / (2(p − 1))).
  public var levels: Int
  /// Bootstrap resamples for confidence intervals.
  public var resamples: Int
  /// Factors (oat, sobol, morris).
  public var factors: [FactorSpec]
  /// Axes (grid).
  public var axes: [GridAxis]
  public var correlations: [FactorCorrelation]
  public var targets: [TargetLabel]

  public init(
    method: SweepMethod, model: String, scenario: String, seed: UInt64, draws: Int,
    samples: Int, levels: Int, resamples: Int, factors: [FactorSpec], axes: [GridAxis],
    correlations: [FactorCorrelation], targets: [TargetLabel]
  ) {
    self.method = method
    self.model = model
    self.scenario = scenario
    self.seed = seed
    self.draws = draws
    self.samples = samples
    self.levels = levels
    self.resamples = resamples
    self.factors = factors
    self.axes = axes
    self.correlations = correlations
    self.targets = targets
  }
}
