import Foundation
import Testing

/// `plancast regress` end to end: certified output on real data, JSON shape and precision, and
/// a clear one-line error with the right exit code for every kind of bad input.
@Suite struct RegressCommandTests {
  /// NIST's Longley data (the certified regression benchmark) written as a CSV with a header.
  static func longleyCSV() throws -> String {
    let url = PlanCommandTestSupport.repositoryRoot.appendingPathComponent(
      "Tests/PlanCastNumericsTests/Fixtures/nist-linear/Longley.dat")
    let lines = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(
      of: "\r", with: ""
    )
    .components(separatedBy: "\n")
    let start = try #require(lines.lastIndex { $0.hasPrefix("Data:") }) + 1
    let rows = lines[start...].map { $0.split(separator: " ").joined(separator: ",") }
      .filter { !$0.isEmpty }
    return (["y,x1,x2,x3,x4,x5,x6"] + rows).joined(separator: "\n") + "\n"
  }

  static func write(_ text: String, name: String = "data.csv") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plancast-regress-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func regress(_ arguments: [String]) throws -> PlanCommandTestSupport.Result {
    try PlanCommandTestSupport.run(["regress"] + arguments)
  }

  @Test func longleyJSONMatchesNISTCertifiedValues() throws {
    let path = try Self.write(Self.longleyCSV())
    let result = try Self.regress([
      "--data", path, "--y", "y", "--x", "x1,x2,x3,x4,x5,x6", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["n"] as? Int == 16)
    #expect(json["rank"] as? Int == 7)
    let coefficients = try #require(json["coefficients"] as? [[String: Any]])
    #expect(
      coefficients.map { $0["name"] as? String } == ["const", "x1", "x2", "x3", "x4", "x5", "x6"])
    // NIST certified values for Longley (B0 and B6, their standard deviations, residual SD).
    let b0 = try #require(coefficients[0]["estimate"] as? Double)
    let se6 = try #require(coefficients[6]["std_error"] as? Double)
    let sigma = try #require(json["residual_std_error"] as? Double)
    let r2 = try #require(json["r_squared"] as? Double)
    #expect(abs(b0 - -3482258.63459582) / 3482258.63459582 < 1e-10)
    #expect(abs(se6 - 455.478499142212) / 455.478499142212 < 1e-10)
    #expect(abs(sigma - 304.854073561965) / 304.854073561965 < 1e-10)
    #expect(abs(r2 - 0.995479004577296) < 1e-12)
    for key in ["t", "p"] { #expect(coefficients.allSatisfy { $0[key] is Double }) }
  }

  @Test func tableReadsLikeASummary() throws {
    let path = try Self.write(Self.longleyCSV())
    let result = try Self.regress(["--data", path, "--y", "y", "--x", "x1,x2,x3,x4,x5,x6"])
    #expect(result.status == 0)
    for phrase in ["OLS Regression Results", "R-squared:", "Durbin-Watson:", "Cond. No.:", "P>|t|"]
    {
      #expect(result.stdout.contains(phrase), "missing \(phrase)")
    }
  }

  @Test func collinearAndConstantColumnsAreDroppedNotErrors() throws {
    var csv = "y,a,b,c,k\n"
    for i in 0..<12 {
      let a = Double(i)
      let b = Double((i * 7) % 5)
      csv += "\(3 + 2 * a - b + Double(i % 3) * 0.1),\(a),\(b),\(a + 2 * b),5\n"
    }
    let path = try Self.write(csv)
    let result = try Self.regress([
      "--data", path, "--y", "y", "--x", "a,b,c,k", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["rank"] as? Int == 3)
    let dropped = try #require(json["dropped"] as? [String])
    #expect(dropped.count == 2 && dropped.contains("k"))
    let table = try Self.regress(["--data", path, "--y", "y", "--x", "a,b,c,k"])
    #expect(table.stdout.contains("dropped"))
  }

  @Test func robustCovariancesRun() throws {
    let path = try Self.write(Self.longleyCSV())
    for cov in ["hc1", "hac"] {
      let result = try Self.regress(["--data", path, "--y", "y", "--x", "x1,x2", "--cov", cov])
      #expect(result.status == 0, "\(cov): \(result.stderr)")
      #expect(result.stdout.contains(cov == "hc1" ? "HC1" : "HAC"))
    }
  }

  @Test func missingFileIsAUsageError() throws {
    let result = try Self.regress(["--data", "/nonexistent/x.csv", "--y", "y", "--x", "a"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("/nonexistent/x.csv"))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func unknownColumnIsAUsageErrorNamingTheColumns() throws {
    let path = try Self.write("y,a\n1,2\n2,3\n3,5\n")
    let result = try Self.regress(["--data", path, "--y", "y", "--x", "b"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("'b'") && result.stderr.contains("y, a"))
  }

  @Test func nonNumericCellNamesFileLineAndColumn() throws {
    let path = try Self.write("y,a\n1,2\n2,oops\n3,5\n")
    let result = try Self.regress(["--data", path, "--y", "y", "--x", "a"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("\(path):3") && result.stderr.contains("'a'"))
    #expect(result.stderr.contains("'oops'"))
  }

  @Test func nanAndInfinityAreDataErrors() throws {
    for bad in ["nan", "inf", "-Infinity"] {
      let path = try Self.write("y,a\n1,2\n2,\(bad)\n3,5\n4,6\n")
      let result = try Self.regress(["--data", path, "--y", "y", "--x", "a"])
      #expect(result.status == 1, "\(bad)")
      #expect(result.stderr.contains("\(path):3"), "\(bad): \(result.stderr)")
    }
  }

  @Test func fewerRowsThanCoefficientsIsADataError() throws {
    let path = try Self.write("y,a,b\n1,2,3\n2,3,1\n")
    let result = try Self.regress(["--data", path, "--y", "y", "--x", "a,b"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("too few"))
  }

  @Test func badOptionsExitWithUsageCode() throws {
    #expect(try Self.regress(["--data", "x.csv", "--y", "y"]).status == 2)
    #expect(
      try Self.regress(["--data", "x.csv", "--y", "y", "--x", "a", "--cov", "hc9"]).status == 2)
  }

  @Test func theResponseAsARegressorOrARegressorTwiceIsRefused() throws {
    // Both used to be fitted (R² = 1, or two identical columns) with only a footnote.
    let path = try Self.write("y,x\n1,1\n2,2.1\n3,2.9\n4,4.2\n")
    let itself = try Self.regress(["--data", path, "--y", "y", "--x", "y"])
    #expect(itself.status == 2 && itself.stderr.contains("--x names the response 'y'"))
    let twice = try Self.regress(["--data", path, "--y", "y", "--x", "x,x"])
    #expect(twice.status == 2 && twice.stderr.contains("--x lists 'x' twice"))
    #expect(itself.stdout.isEmpty && twice.stdout.isEmpty)
  }

  @Test func valuesNearTheLargestDoubleNameTheirColumn() throws {
    // They used to give a slope of −7e−309 with standard error 0 and t = −inf.
    let path = try Self.write(
      "y,x\n1,1e308\n2,1.0000000001e308\n3,1.0000000002e308\n4,1.0000000003e308\n")
    let r = try Self.regress(["--data", path, "--y", "y", "--x", "x"])
    #expect(r.status == 1 && r.stdout.isEmpty)
    #expect(r.stderr.contains("column 'x' is too large for double precision"), "\(r.stderr)")
  }

  @Test func versionAndHelp() throws {
    let version = try PlanCommandTestSupport.run(["--version"])
    #expect(version.status == 0 && !version.stdout.isEmpty)
    let help = try PlanCommandTestSupport.run(["regress", "--help"])
    #expect(help.stdout.contains("--no-intercept") && help.stdout.contains("Example"))
  }
}
