import PlanCastPlan

/// Makes the calls for a past plan's targets from a model cut to the year the plan was adopted
/// (``PlanModel/through(_:)``), and joins them with the assessed outcomes.
public struct PlanCallMaker: Sendable {
  /// A target left out of the scoring, and why.
  public struct Skipped: Sendable, Equatable {
    public let target: String
    public let reason: String
  }

  public let model: PlanModel
  public let outcomes: PlanOutcomes
  public let baseRate: PlanBaseRate

  public init(model: PlanModel, outcomes: PlanOutcomes, baseRate: PlanBaseRate) {
    self.model = model
    self.outcomes = outcomes
    self.baseRate = baseRate
  }

  /// The calls on every target of the plan with a clear verdict, and the targets skipped: the
  /// model's P(attain) under `scenario`, the base rate, and the recent-trend rule.
  /// - Throws: what building the joint simulation throws.
  public func calls(scenario: Scenario, settings: MonteCarloSettings) throws -> (
    calls: [PlanCall], skipped: [Skipped]
  ) {
    let attainment = try AttainmentEngine(model: model).run(scenario, settings: settings)
    let probabilities = Dictionary(
      attainment.targets.map { ($0.target.id, $0.probability) }, uniquingKeysWith: { a, _ in a })
    let evaluator = TargetEvaluator(data: model.data)
    var calls: [PlanCall] = []
    var skipped: [Skipped] = []
    for target in model.plan.targets {
      guard let verdict = outcomes.verdicts[target.id] else {
        skipped.append(Skipped(target: target.id, reason: "no row in the outcomes table"))
        continue
      }
      guard let met = verdict.wasMet else {
        skipped.append(Skipped(target: target.id, reason: "the outcome is unclear"))
        continue
      }
      calls.append(
        PlanCall(
          plan: model.config.id, target: target.id, name: target.nameEN, met: met,
          modelProbability: probabilities[target.id] ?? nil, baseRate: baseRate.probability,
          trendReaches: evaluator.recentTrendReaches(target)))
    }
    let known = Set(model.plan.targets.map(\.id))
    for id in outcomes.verdicts.keys.sorted() where !known.contains(id) {
      skipped.append(Skipped(target: id, reason: "not a target of \(model.config.id)"))
    }
    return (calls, skipped)
  }
}
