import Foundation
import Testing

/// `plancast reference-class` and the CZT model's calibrated real growth, on the real data.
@Suite struct ReferenceClassCommandTests {
  typealias Support = PlanCommandTestSupport

  @Test func storedCZTCalibrationIsCurrent() throws {
    let r = try Support.run([
      "reference-class", "fit", "--model", Support.cztModel, "--check", "--threads", "2",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("gdp_real_growth") && r.stdout.contains("is current"))
  }

  /// The `in80` count of the city rows in `backtest --vintage 2021`'s accuracy table.
  static func citiesInside80(_ extra: [String]) throws -> Int {
    let r = try Support.run(
      ["backtest", "--model", Support.cztModel, "--vintage", "2021", "--indicator", "gdp_nominal"]
        + extra)
    #expect(r.status == 0, "\(r.stderr)")
    let line = try #require(
      r.stdout.split(separator: "\n").first { $0.hasPrefix("gdp_nominal") && $0.contains("cities") }
    )
    let inside = try #require(line.split(separator: " ").first { $0.contains("/") })
    return try #require(Int(inside.split(separator: "/")[0]))
  }

  @Test func calibratedModelHoldsMoreOfWhatHappenedSince2021() throws {
    // As of 2021 the declared model put 5 of 9 city GDP outturns (2022–2024) inside its 80 %
    // band; calibrated on the 296 cities, more of them.
    let before = try Self.citiesInside80(["--no-reference-class"])
    let after = try Self.citiesInside80([])
    #expect(before == 5)
    #expect(after > before)
  }

  @Test func missingCalibrationIsSaidPerTarget() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-nocal-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(at: URL(fileURLWithPath: Support.cztModel), to: dir)
    try FileManager.default.removeItem(at: dir.appendingPathComponent("calibration"))
    let r = try Support.run(["attain", "--model", dir.path, "--draws", "2000"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("data but no projection"))
    #expect(
      r.stdout.contains(
        "T01 GDP, current prices: gdp_real_growth is calibrated on the reference class"))
    #expect(r.stdout.contains("run plancast reference-class fit"))
    let plain = try Support.run([
      "attain", "--model", dir.path, "--draws", "2000", "--no-reference-class",
    ])
    #expect(plain.status == 0 && plain.stdout.contains("T01  "))
  }

  @Test func panelBacktestCalibratedCoversCloserToNominal() throws {
    let r = try Support.run([
      "reference-class", "backtest", "--model", Support.cztModel, "--origins", "2011:2011",
      "--horizons", "1:3", "--paths", "400", "--bootstrap", "0", "--format", "csv",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    // method,origin,horizon,metric,value,…: the all-horizon 80 % coverage of each.
    func coverage(_ method: String) -> Double? {
      r.stdout.split(whereSeparator: \.isNewline).compactMap { line -> Double? in
        let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard f.count > 4, f[0] == method, f[1] == "2011", f[2] == "all", f[3] == "coverage80"
        else { return nil }
        return Double(f[4])
      }.first
    }
    let raw = try #require(coverage("ar(1)+trend"))
    let calibrated = try #require(coverage("ar(1)+trend+class"))
    #expect(abs(calibrated - 80) < abs(raw - 80), "raw \(raw), calibrated \(calibrated)")
  }
}
