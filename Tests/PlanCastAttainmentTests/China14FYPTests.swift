import Foundation
import PlanCastPlan
import Testing

@testable import PlanCastAttainment

/// The national 14th Five-Year Plan (Models/china-14fyp) as of 2020: which targets get a
/// probability, which the insufficient-data rule stops, which have no data.
@Suite struct China14FYPTests {
  static var directory: String {
    URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Models/china-14fyp").path
  }

  @Test func everyRowOfTheOutlineIsRegistered() throws {
    let model = try PlanModel.load(directory: Self.directory)
    #expect(model.plan.targets.count == 19 && model.plan.goals.count == 3)
    #expect(model.config.sufficiency == DataSufficiency(minObservations: 5, window: 10))
  }

  @Test func statusesAsOf2020() throws {
    let model = try PlanModel.load(directory: Self.directory)
    let e = TargetEvaluator(data: model.data).evaluate(model.plan)
    let status = Dictionary(uniqueKeysWithValues: e.map { ($0.target.id, $0.status) })
    for id in ["T11", "T13", "T16"] { #expect(status[id] == .insufficientData, "\(id)") }
    for id in ["T02", "T04", "T05", "T06", "T07", "T08", "T09", "T10", "T17", "T18", "T19"] {
      #expect(status[id] == .noData, "\(id)")
    }
    // Energy intensity vs 2020 with data to 2020: the change so far is the base, 0 %.
    let t12 = try #require(e.first { $0.target.id == "T12" })
    #expect(t12.latestValue == 0 && t12.latestYear == 2020)
  }

  @Test func probabilitiesForTheFiveTargetsWithEnoughData() throws {
    let model = try PlanModel.load(directory: Self.directory)
    let engine = try AttainmentEngine(model: model)
    let baseline = try #require(model.scenarios.first { $0.id == "baseline" })
    let result = engine.run(
      baseline, settings: MonteCarloSettings(draws: 20_000, seed: 20_210_602, threads: 2))
    let withP = result.targets.filter { $0.probability != nil }.map(\.target.id)
    #expect(withP == ["T01", "T03", "T12", "T14", "T15"])
    for t in result.targets where ["T11", "T13", "T16"].contains(t.target.id) {
      #expect(t.status == .insufficientData && t.probability == nil, "\(t.target.id)")
    }
    func p(_ id: String) throws -> Double {
      try #require(result.targets.first { $0.target.id == id }?.probability)
    }
    // 100,000-draw figures in the model's README: 0.998, 0.914, 0.973, 0.870, 0.943.
    #expect(abs(try p("T03") - 0.914) < 0.01)
    #expect(abs(try p("T14") - 0.870) < 0.01)
  }
}
