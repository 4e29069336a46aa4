import Foundation
import Testing

/// `plancast calibrate-plans`: calls made from a model, a saved calls table scored again, and
/// bad input.
@Suite struct CalibratePlansCommandTests {
  static var model: String {
    PlanCommandTestSupport.repositoryRoot.appendingPathComponent("Models/china-13fyp").path
  }

  static func run(_ arguments: [String]) throws -> PlanCommandTestSupport.Result {
    try PlanCommandTestSupport.run(["calibrate-plans"] + arguments)
  }

  @Test func scoresTheThirteenthPlanAndScoresTheSavedCallsAgain() throws {
    let saved = try ForecastCommandTests.write("", name: "calls.csv")
    let made = try Self.run([
      "--model", Self.model, "--as-of", "2015", "--draws", "20000", "--save-calls", saved,
      "--format", "csv",
    ])
    #expect(made.status == 0, "\(made.stderr)")
    let lines = made.stdout.split(separator: "\r\n").map(String.init)
    #expect(lines.first == "targets,forecaster,n,met,brier,log_score,correct")
    #expect(lines.contains { $0.hasPrefix("own calls,base rate,8,6,") })
    #expect(lines.contains { $0.hasPrefix("own calls,PlanCast,2,0,") })
    #expect(lines.contains { $0.hasPrefix("common,recent trend,2,0,") })
    let table = try String(contentsOfFile: saved, encoding: .utf8)
    #expect(table.hasPrefix("plan,target,name,met,p_model,p_base_rate,trend_reaches\n"))
    #expect(table.split(separator: "\n").count == 9)
    let again = try Self.run(["--calls", saved, "--format", "csv"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout == made.stdout)
    let text = try Self.run(["--calls", saved])
    #expect(text.stdout.contains("Reliability") && text.stdout.contains("far too few"))
  }

  @Test func badInputExitsWithTheFileNamed() throws {
    let calls = try ForecastCommandTests.write(
      "plan,target,name,met,p_model,p_base_rate,trend_reaches\np,A,a,perhaps,0.5,0.9,yes\n",
      name: "calls.csv")
    let bad = try Self.run(["--calls", calls])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("calls.csv:2, field 'met'"))
    let outcomes = try ForecastCommandTests.write("id,met\nT01,yes\nT01,no\n", name: "o.csv")
    let twice = try Self.run(["--model", Self.model, "--as-of", "2015", "--outcomes", outcomes])
    #expect(twice.status == 1 && twice.stderr.contains("o.csv:3, field 'id'"))
    let noYear = try Self.run(["--model", Self.model])
    #expect(noYear.status != 0 && noYear.stderr.contains("--as-of"))
    let both = try Self.run(["--calls", calls, "--model", Self.model])
    #expect(both.status != 0 && both.stderr.contains("--calls scores a finished table"))
  }
}
