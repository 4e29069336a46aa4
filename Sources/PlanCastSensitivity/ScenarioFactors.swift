import PlanCastPlan

/// A `--range NAME=LOW:HIGH` override of an assumption's one-at-a-time range.
public struct FactorRange: Sendable, Equatable {
  public let name: String
  public let low: Double
  public let high: Double

  /// Parses `NAME=LOW:HIGH` (the order is checked where the factor is made).
  public init(argument: String) throws(SensitivityError) {
    let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let numbers =
      parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false) : []
    guard parts.count == 2, !parts[0].isEmpty, numbers.count == 2, let low = Double(numbers[0]),
      let high = Double(numbers[1])
    else { throw .invalid("--range '\(argument)' is not NAME=LOW:HIGH (e.g. energy_policy=-2:1)") }
    name = String(parts[0])
    self.low = low
    self.high = high
  }
}

/// Turns a scenario's assumptions into sweep factors.
///
/// A factor's one-at-a-time and Morris range is the assumption's `low`/`high` (or `--range`).
/// Its Sobol distribution is the assumption's own when it is given as a distribution, else
/// uniform on `low ... high`.
public enum ScenarioFactors {
  /// The factors named in `names` (all assumptions with a range or a distribution when empty).
  /// Whether a sweep varies `assumption` by default: it has a low/high range or a
  /// distribution (residual scales are never varied).
  public static func isVariable(_ assumption: Assumption) -> Bool {
    assumption.effect != .residualScale
      && ((assumption.low != nil && assumption.high != nil) || assumption.value.isRandom)
  }

  public static func make(scenario: Scenario, names: [String], ranges: [FactorRange])
    throws(SensitivityError) -> [FactorSpec]
  {
    let known = scenario.assumptions.map(\.name)
    for r in ranges where !known.contains(r.name) {
      throw .unknownAssumption(r.name, known: known)
    }
    var seen: Set<String> = []
    for name in names {
      guard known.contains(name) else { throw .unknownAssumption(name, known: known) }
      guard seen.insert(name).inserted else { throw .invalid("--factor \(name) is given twice") }
    }
    let chosen =
      names.isEmpty
      ? scenario.assumptions.filter { a in
        isVariable(a) || (a.effect != .residualScale && ranges.contains { $0.name == a.name })
      } : names.map { n in scenario.assumptions.first { $0.name == n }! }
    guard !chosen.isEmpty else {
      throw .invalid(
        "scenario '\(scenario.id)' has no assumption with a low/high range or a distribution; "
          + "add low = … and high = … to an assumption or pass --range NAME=LOW:HIGH")
    }
    return try chosen.map { (a) throws(SensitivityError) -> FactorSpec in
      let range = ranges.last { $0.name == a.name }
      guard let low = range?.low ?? a.low, let high = range?.high ?? a.high else {
        throw .invalid(
          "assumption '\(a.name)' has no low/high range; add low = … and high = … to it in "
            + "the scenario or pass --range \(a.name)=LOW:HIGH")
      }
      let distribution: FactorDistribution
      switch a.value {
      case .fixed: distribution = .uniform(lower: low, upper: high)
      case .normal(let m, let s): distribution = .normal(mean: m, standardDeviation: s)
      case .uniform(let l, let u): distribution = .uniform(lower: l, upper: u)
      case .triangular(let l, let m, let u): distribution = .triangular(lower: l, mode: m, upper: u)
      }
      return try FactorSpec(name: a.name, low: low, high: high, distribution: distribution)
    }
  }
}
