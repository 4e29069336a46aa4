import Foundation
import Testing

/// Issue 19: options that size work or memory have hard limits with a clear message, and a
/// negative number is reported as out of range, not as a missing value.
@Suite struct InputLimitsTests {
  @Test(arguments: [
    (["attain", "--draws", "1000000000000"], "--draws must be at most"),
    (["attain", "--draws", "2147483648"], "--draws must be at most"),
    (["attain", "--draws", "-5"], "--draws must be at least 100 (got -5)"),
    (["forecast", "--data", "x.csv", "--horizon", "-1"], "--horizon must be at least 1"),
    (["forecast", "--data", "x.csv", "--horizon", "1000"], "--horizon must be at most 100"),
    (["forecast", "--data", "x.csv", "--horizon", "9223372036854775807"], "at most 100"),
    (["sweep", "oat", "--draws", "2000000000"], "--draws must be at most"),
    (["sweep", "sobol", "--resamples", "1000000000000"], "--resamples must be at most 100000"),
    (["backtest", "--horizons", "1:9223372036854775807"], "--horizons must end at 100 or earlier"),
    (
      ["backtest", "--origins", "9223372036854775806:9223372036854775807"], "calendar years 0…9999"
    ),
    (["project", "--to", "-9223372036854775807"], "is outside the model's years"),
    (["backtest", "--vintage", "-5"], "is outside the model's years"),
    (
      [
        "regress", "--data",
        PlanCommandTestSupport.repositoryRoot.appendingPathComponent(
          "Fuzz/Corpus/regress-columns/small.csv"
        ).path, "--y", "y", "--x", "x1",
        "--cov", "hac", "--hac-lags", "9223372036854775807",
      ], "must be below the 6 data rows"
    ),
    (["sweep", "oat", "--shard", "1/10001", "--output", "x.json"], "1 ≤ K ≤ N ≤ 10000"),
  ])
  func refusedWithAReason(arguments: [String], phrase: String) throws {
    let result = try PlanCommandTestSupport.run(arguments)
    #expect(result.status == 2, "\(arguments): \(result.stderr)")
    #expect(result.stderr.contains(phrase), "\(arguments): \(result.stderr)")
    #expect(!result.stderr.contains("Missing value"))
  }

  /// A model whose observations file has a header only (a fresh `plancast init`): `targets`
  /// says what is missing; `attain` and `project` refuse it instead of printing "no data" for
  /// everything with exit 0.
  @Test func modelWithoutObservationsIsRefusedWhereItWouldProject() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-empty-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let initialised = try PlanCommandTestSupport.run(["init", dir.path])
    #expect(initialised.status == 0, "\(initialised.stderr)")
    let targets = try PlanCommandTestSupport.run(["targets", "--model", dir.path])
    #expect(targets.status == 0 && targets.stdout.contains("Still missing"), "\(targets.stderr)")
    for command in [["attain", "--draws", "1000"], ["project"]] {
      let r = try PlanCommandTestSupport.run(command + ["--model", dir.path])
      #expect(r.status == 1, "\(command): \(r.stdout)")
      #expect(r.stderr.contains("observations.csv") && r.stderr.contains("no data rows"))
    }
  }

  @Test func dataNamingADirectorySaysSo() throws {
    let directory = FileManager.default.temporaryDirectory.path
    let regress = try PlanCommandTestSupport.run([
      "regress", "--data", directory, "--y", "y", "--x", "a",
    ])
    #expect(regress.status == 2 && regress.stderr.contains("directory"), "\(regress.stderr)")
    #expect(!regress.stderr.contains("UTF-8"))
    let forecast = try PlanCommandTestSupport.run([
      "forecast", "--data", directory, "--horizon", "2",
    ])
    #expect(forecast.status != 0 && forecast.stderr.contains("directory"), "\(forecast.stderr)")
  }

  /// Issue 19's CSV examples through `regress`: a duplicated header, a decimal comma, a
  /// thousands separator, hexadecimal and a NUL byte give the line and a non-zero exit.
  @Test(arguments: [
    ("y,a,a\n1,2,3\n2,3,4\n3,5,1\n4,1,1\n", ":1", "twice"),
    ("y,a\n1,2\n2,5,9\n3,5\n4,1\n", ":3", "decimal comma"),
    ("y,a\n1,2\n2,\"2,000\"\n3,5\n4,1\n", ":3", "'2,000' is not a number"),
    ("y,a\n1,2\n2,0x10\n3,5\n4,1\n", ":3", "'0x10' is not a number"),
    ("y,a\n1,2\n2,4\u{0}1\n3,5\n4,1\n", ":3", "NUL"),
    ("y,a\n1,2\n2,3,\n3,5\n4,1\n", ":3", "trailing comma"),
  ])
  func regressRefusesBadCells(csv: String, line: String, phrase: String) throws {
    let path = try RegressCommandTests.write(csv)
    let result = try RegressCommandTests.regress(["--data", path, "--y", "y", "--x", "a"])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(
      result.stderr.contains(path + line) && result.stderr.contains(phrase), "\(result.stderr)")
  }

  @Test func longHeaderIsNotEchoedWhole() throws {
    let long = String(repeating: "h", count: 100_000)
    let path = try RegressCommandTests.write("y,\(long)\n1,2\n2,3\n3,4\n")
    let result = try RegressCommandTests.regress(["--data", path, "--y", "y", "--x", "b"])
    #expect(result.status == 2)
    #expect(result.stderr.utf8.count < 2000, "\(result.stderr.utf8.count) bytes")
  }
}

/// `--lenient` forgives a trailing comma on data rows, and nothing else.
@Suite struct LenientCSVTests {
  @Test func trailingCommaAcceptedOnlyWhenLenient() throws {
    let path = try RegressCommandTests.write("y,a\n1,2,\n2,3,\n3,5,\n4,4,\n")
    let strict = try RegressCommandTests.regress(["--data", path, "--y", "y", "--x", "a"])
    #expect(strict.status == 1 && strict.stderr.contains("trailing comma"))
    let lenient = try RegressCommandTests.regress([
      "--data", path, "--y", "y", "--x", "a", "--lenient",
    ])
    #expect(lenient.status == 0, "\(lenient.stderr)")
    let extra = try RegressCommandTests.write("y,a\n1,2,7\n2,3\n3,5\n4,4\n")
    let refused = try RegressCommandTests.regress([
      "--data", extra, "--y", "y", "--x", "a", "--lenient",
    ])
    #expect(refused.status == 1)
  }
}
