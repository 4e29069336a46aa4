import PlanCastPlan

/// An average-growth target's quantity year by year: the average annual growth from the
/// period's start to each year, observed as far as every year of the period is, simulated
/// beyond. The target is read against this path, not against the annual rates.
public struct AveragePath: Sendable {
  public let target: Target
  /// The observed average from the period's start to each year, while no year is missing.
  public let observed: [(year: Int, value: Double)]
  /// The simulated average to each later year, the target year last; each entry is an
  /// interim target (the same target measured to an earlier year) or the target itself.
  public let projected: [TargetAttainment]
}

extension AttainmentEngine {
  /// The average path of every average-growth target that has a probability under `scenario`.
  ///
  /// The interim targets join the plan's own targets, so the engine simulates the same series
  /// with the same draws as ``run(_:settings:)`` with the same settings: the path's last point
  /// is the attainment table's median and intervals, bit for bit.
  public static func averagePaths(
    model: PlanModel, scenario: Scenario, settings: MonteCarloSettings
  ) throws -> [AveragePath] {
    let evaluator = TargetEvaluator(data: model.data)
    var observed: [String: [(year: Int, value: Double)]] = [:]
    var interim: [Target] = []
    for target in model.plan.targets {
      guard case .averageGrowth(let start) = target.form, start < target.year else { continue }
      for year in start..<target.year {
        let measured = target.measured(to: year)
        let evaluation = evaluator.evaluate(measured)
        if evaluation.latestYear == year, let value = evaluation.latestValue {
          observed[target.id, default: []].append((year, value))
        } else {
          interim.append(measured)
        }
      }
    }
    guard !observed.isEmpty || !interim.isEmpty else { return [] }
    let engine = try AttainmentEngine(model: model.replacingTargets(model.plan.targets + interim))
    let results = engine.run(scenario, settings: settings).targets
    return model.plan.targets.compactMap { target in
      guard case .averageGrowth = target.form,
        let own = results.first(where: { $0.target.id == target.id }), own.probability != nil
      else { return nil }
      let earlier = results.filter {
        $0.target.id.hasPrefix(target.id + Target.interimSeparator) && $0.probability != nil
      }
      return AveragePath(
        target: target, observed: observed[target.id] ?? [],
        projected: earlier.sorted { $0.target.year < $1.target.year } + [own])
    }
  }
}

extension Target {
  /// Separates a target's id from the year of an interim target made from it (`T02@2023`).
  static let interimSeparator = "@"

  /// The same target measured to `year` (its period's start unchanged).
  func measured(to year: Int) -> Target {
    Target(
      id: id + Self.interimSeparator + String(year), nameZH: nameZH, nameEN: nameEN,
      indicator: indicator, region: region, comparator: comparator, value: value,
      tolerance: tolerance, unit: unit, year: year, form: form, wordingZH: wordingZH, note: note)
  }
}
