import Foundation
import Testing

/// A lint over `Sources/`: `try!`, `fatalError(` and force unwraps (`x!`, `f()!`, `a[i]!`) can
/// trap on user input. Their number per file may only go down: a file not listed must have
/// none, a listed file no more than its count (the state when issue 19 added this test; lower a
/// count when a trap is removed). Comments and string literals are not scanned.
@Suite struct TrapLintTests {
  static let allowed: [String: Int] = [
    "PlanCastAttainment/AttainmentEngine.swift": 1,
    "PlanCastAttainment/OrderStatistics.swift": 2,
    "PlanCastAttainment/ShockCorrelation.swift": 2,
    "PlanCastAttainment/SimulatedSeries.swift": 1,
    "PlanCastForecasting/Backtest/M3Metrics.swift": 1,
    "PlanCastForecasting/Batch/BatchForecaster.swift": 3,
    "PlanCastForecasting/Core/LinearModelUncertainty.swift": 8,
    "PlanCastForecasting/Models/DampedTrendETS.swift": 1,
    "PlanCastForecasting/Models/EnergyIntensityChange.swift": 6,
    "PlanCastForecasting/Models/ExponentialSmoothing/SmoothingPosterior.swift": 1,
    "PlanCastForecasting/Models/GrowthAutoregression.swift": 8,
    "PlanCastForecasting/Models/LogLinearTrend.swift": 3,
    "PlanCastForecasting/Models/LogisticTrend.swift": 4,
    "PlanCastForecasting/Models/LogitLinearTrend.swift": 2,
    "PlanCastForecasting/Models/NominalGDP.swift": 8,
    "PlanCastForecasting/Models/RandomWalk.swift": 3,
    "PlanCastForecasting/Models/Theta.swift": 1,
    "PlanCastForecasting/Projection/ProjectionEngine.swift": 1,
    "PlanCastNumerics/LinearAlgebra/CompensatedArithmetic.swift": 7,
    "PlanCastNumerics/LinearAlgebra/PivotedQR.swift": 7,
    "PlanCastNumerics/Optimization/LevenbergMarquardtIteration.swift": 1,
    "PlanCastNumerics/Regression/LinearRegression.swift": 5,
    "PlanCastNumerics/Regression/RegressionResult+Prediction.swift": 1,
    "PlanCastNumerics/Regression/RegressionResult.swift": 2,
    "PlanCastReports/Report/PlanReport.swift": 2,
    "PlanCastSensitivity/Factor.swift": 1,
  ]

  /// The traps on one line of Swift, comments and string literals left out.
  static func traps(in line: String) -> Int {
    var code = line
    if let comment = code.range(of: "//") { code = String(code[..<comment.lowerBound]) }
    code = code.replacingOccurrences(
      of: #""(?:[^"\\]|\\.)*""#, with: "\"\"", options: .regularExpression)
    let pattern = #"try!|fatalError\(|[A-Za-z0-9_\)\]]!(?!=)"#
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return 0 }
    return regex.numberOfMatches(in: code, range: NSRange(code.startIndex..., in: code))
  }

  @Test func lintCatchesEachKindOfTrap() {
    #expect(Self.traps(in: "let x = try! f()") == 1)
    #expect(Self.traps(in: "fatalError(\"no\")") == 1)
    #expect(Self.traps(in: "let y = rows[id]!.count + f()!") == 2)
    #expect(Self.traps(in: "if a != b, !c { } // x! try!") == 0)
    #expect(Self.traps(in: "print(\"wow!\")") == 0)
  }

  @Test func noNewTrapsInSources() throws {
    let sources = PlanCommandTestSupport.repositoryRoot.appendingPathComponent("Sources")
    let files = try #require(FileManager.default.enumerator(atPath: sources.path))
    var found: [String: Int] = [:]
    for case let path as String in files where path.hasSuffix(".swift") {
      let text = try String(
        contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
      let count = text.split(separator: "\n", omittingEmptySubsequences: false)
        .reduce(0) { $0 + Self.traps(in: String($1)) }
      if count > 0 { found[path] = count }
    }
    #expect(!found.isEmpty, "the scan found no Swift sources")
    for (path, count) in found.sorted(by: { $0.key < $1.key }) {
      #expect(
        count <= Self.allowed[path, default: 0],
        "\(path): \(count) try!/fatalError/force unwraps, allowed \(Self.allowed[path, default: 0])"
      )
    }
  }
}
