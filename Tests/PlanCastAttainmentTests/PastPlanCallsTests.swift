import Foundation
import PlanCastForecasting
import PlanCastPlan
import Testing

@testable import PlanCastAttainment

/// Scoring past-plan calls: hand-checked scores, the tables' bad input, and the calls made for
/// the 13th Five-Year Plan (Models/china-13fyp) as of 2015.
@Suite struct PastPlanCallsTests {
  static func write(_ text: String, name: String = "table.csv") throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-past-plans-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static let calls = [
    PlanCall(
      plan: "p", target: "A", name: "a", met: true, modelProbability: 0.8, baseRate: 0.9,
      trendReaches: true),
    PlanCall(
      plan: "p", target: "B", name: "b", met: false, modelProbability: 0.3, baseRate: 0.9,
      trendReaches: false),
    PlanCall(
      plan: "p", target: "C", name: "c, with a comma", met: true, modelProbability: nil,
      baseRate: 0.9, trendReaches: nil),
  ]

  @Test func handCheckedScores() throws {
    let evaluation = PlanCallEvaluation(Self.calls)
    let model = try #require(evaluation.ownCalls.first { $0.forecaster == .model })
    #expect(model.count == 2 && model.met == 1 && model.correct == 2)
    #expect(abs(model.brier - (0.2 * 0.2 + 0.3 * 0.3) / 2) < 1e-15)
    #expect(abs(model.logScore - (-log(0.8) - log(0.7)) / 2) < 1e-15)
    let base = try #require(evaluation.ownCalls.first { $0.forecaster == .baseRate })
    #expect(base.count == 3 && base.correct == 2)
    #expect(abs(base.brier - (0.01 + 0.81 + 0.01) / 3) < 1e-15)
    // The trend rule's sure calls are clipped to 0.999 in the log score.
    let trend = try #require(evaluation.ownCalls.first { $0.forecaster == .recentTrend })
    #expect(trend.brier == 0 && abs(trend.logScore + log(0.999)) < 1e-15)
    #expect(evaluation.commonTargets == ["A", "B"])
    #expect(evaluation.commonCalls.first { $0.forecaster == .baseRate }?.count == 2)
    let bins = base.reliability.bins.filter { $0.count > 0 }
    #expect(bins.count == 1 && bins[0].count == 3)
  }

  @Test func callsTableRoundTrips() throws {
    let path = try Self.write(PlanCallTable.csv(Self.calls))
    #expect(try PlanCallTable.load(path: path) == Self.calls)
  }

  @Test func unclearRowsAreNotScored() throws {
    let header = PlanCallTable.columns.joined(separator: ",")
    let path = try Self.write("\(header)\np,A,a,unclear,0.5,0.9,yes\np,B,b,no,,0.9,\n")
    let calls = try PlanCallTable.load(path: path)
    #expect(calls.map(\.target) == ["B"])
  }

  static func loadError(_ text: String) throws -> String {
    let path = try write(text)
    do {
      _ = try PlanCallTable.load(path: path)
    } catch {
      return "\(error)"
    }
    Issue.record("no error for \(text)")
    return ""
  }

  @Test func badCallsTablesNameLineAndField() throws {
    let header = PlanCallTable.columns.joined(separator: ",")
    let outside = try Self.loadError("\(header)\np,A,a,yes,0.5,0.9,yes\np,B,b,no,1.2,0.9,no\n")
    #expect(outside.contains("table.csv:3, field 'p_model'") && outside.contains("'1.2'"))
    let nan = try Self.loadError("\(header)\np,A,a,yes,nan,0.9,yes\n")
    #expect(nan.contains(":2, field 'p_model'"))
    let missingBase = try Self.loadError("\(header)\np,A,a,yes,0.5,,yes\n")
    #expect(missingBase.contains(":2, field 'p_base_rate'"))
    let verdict = try Self.loadError("\(header)\np,A,a,maybe,0.5,0.9,yes\n")
    #expect(verdict.contains(":2, field 'met'") && verdict.contains("yes, no, unclear"))
    let trend = try Self.loadError("\(header)\np,A,a,yes,0.5,0.9,1\n")
    #expect(trend.contains(":2, field 'trend_reaches'"))
    let column = try Self.loadError("plan,target,name,met,p_model,p_base_rate\np,A,a,yes,0.5,0.9\n")
    #expect(column.contains("trend_reaches"))
  }

  @Test func badOutcomeTables() throws {
    func error(_ text: String) throws -> String {
      let path = try Self.write(text)
      do { _ = try PlanOutcomes(path: path) } catch { return "\(error)" }
      Issue.record("no error for \(text)")
      return ""
    }
    let twice = try error("id,met,source\nT01,yes,x\nT02,no,y\nT01,no,z\n")
    #expect(twice.contains(":4, field 'id'") && twice.contains("already has a verdict on line 2"))
    #expect(try error("id,met\nT01,met\n").contains(":2, field 'met'"))
    #expect(try error("id,met\n,yes\n").contains(":2, field 'id'"))
    #expect(try error("target,met\nT01,yes\n").contains("id"))
    let path = try Self.write("met\nunclear\n")
    #expect(throws: ModelError.self) { try PlanBaseRate(path: path) }
  }

  static var directory: String {
    URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Models/china-13fyp").path
  }

  /// The 13th plan as of 2015: every target has a clear verdict; the insufficient-data rule
  /// leaves PlanCast two calls, the trend rule three.
  @Test func thirteenthPlanAsOf2015() throws {
    let model = try PlanModel.load(directory: Self.directory).through(2015)
    let data = Self.directory + "/data/"
    let baseRate = try PlanBaseRate(path: data + "earlier-plan-outcomes.csv")
    #expect(baseRate == PlanBaseRate(met: 14, verdicts: 15))
    let maker = PlanCallMaker(
      model: model, outcomes: try PlanOutcomes(path: data + "outcomes.csv"), baseRate: baseRate)
    let baseline = try #require(model.scenarios.first { $0.id == "baseline" })
    let made = try maker.calls(
      scenario: baseline, settings: MonteCarloSettings(draws: 20_000, seed: 20_210_602, threads: 2))
    #expect(made.skipped.isEmpty)
    #expect(made.calls.count == 8 && made.calls.filter(\.met).count == 6)
    let called = made.calls.filter { $0.modelProbability != nil }.map(\.target)
    #expect(called == ["T02", "T03"])
    let trend = Dictionary(uniqueKeysWithValues: made.calls.map { ($0.target, $0.trendReaches) })
    #expect(trend["T01"] == true && trend["T02"] == false && trend["T03"] == true)
    #expect(trend["T04"] == .some(nil))
    // 100,000-draw figures in the model's README: T02 0.586, T03 0.739.
    func p(_ id: String) throws -> Double {
      try #require(made.calls.first { $0.target == id }?.modelProbability)
    }
    #expect(abs(try p("T02") - 0.586) < 0.015)
    #expect(abs(try p("T03") - 0.739) < 0.015)
  }
}
