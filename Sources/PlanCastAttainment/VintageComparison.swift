import PlanCastForecasting
import PlanCastPlan

/// What PlanCast said with the data of a past year against what happened since: the
/// projections made then next to the outturns (``VintageProjection``) and each target's
/// P(attain) then and now.
public struct VintageComparison: Sendable {
  /// One target's attainment with the vintage's data and with all data.
  public struct Attainment: Sendable {
    public let then: TargetAttainment
    public let now: TargetAttainment
    public var target: Target { now.target }
  }

  public let projection: VintageProjection
  /// Every numeric target, in plan order.
  public let attainment: [Attainment]
  /// The full runs, with the vintage's data and with all data.
  public let then: ScenarioAttainment
  public let now: ScenarioAttainment

  /// The projection comparison of `request` (see ``VintageProjection``) and the attainment
  /// engine under `scenario` with the data up to `vintage` and with all data (the same
  /// `settings`, so common random numbers).
  public init(
    model: PlanModel, vintage: Int, request: ProjectionRequest, scenario: Scenario,
    settings: MonteCarloSettings
  ) throws {
    projection = try VintageProjection(model: model, vintage: vintage, request: request)
    then = try AttainmentEngine(model: model.through(vintage)).run(scenario, settings: settings)
    now = try AttainmentEngine(model: model).run(scenario, settings: settings)
    let thenByID = Dictionary(uniqueKeysWithValues: then.targets.map { ($0.target.id, $0) })
    attainment = now.targets.compactMap { n in
      thenByID[n.target.id].map { Attainment(then: $0, now: n) }
    }
  }
}
