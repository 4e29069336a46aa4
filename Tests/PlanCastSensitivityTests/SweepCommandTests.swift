import Foundation
import PlanCastAttainment
import PlanCastPlan
import Testing

@testable import PlanCastSensitivity

/// `plancast sweep` and `plancast merge` on the embedded CZT model, and the cheap sweep path
/// against full engine runs.
@Suite struct SweepCommandTests {
  static var root: URL {
    URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }
  static var czt: String { root.appendingPathComponent("Models/czt-2025").path }
  static let model = ["--model", czt]

  static var executable: URL {
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("plancast")
    }
    return Bundle.main.bundleURL.appendingPathComponent("plancast")
  }

  static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: o, as: UTF8.self),
      String(decoding: e, as: UTF8.self)
    )
  }

  @Test func sweepPointsEqualFullEngineRunsBitwise() throws {
    let plan = try PlanModel.load(directory: Self.czt)
    let engine = try AttainmentEngine(model: plan)
    let scenario = try #require(plan.scenarios.first { $0.id == "baseline" })
    let settings = MonteCarloSettings(draws: 700, seed: 5, threads: 2)
    let draws = engine.sweepDraws(scenario, settings: settings)
    var scratch = SweepDraws.Scratch(for: draws)
    let points: [[(String, Double)]] = [
      [], [("real_growth_shift", -1.2)], [("deflator_deviation", 1.5), ("energy_policy", -0.7)],
      [("urbanisation_pace", 0.25), ("real_growth_shift", 0.4)],
    ]
    for point in points {
      var s = scenario
      for (name, v) in point { s = try #require(s.with(assumption: name, value: .fixed(v))) }
      let full = draws.outcomes(of: engine.run(s, settings: settings))
      let cheap = draws.evaluate(
        point.map { (draws.assumptionIndex($0.0)!, $0.1) }, scratch: &scratch)
      #expect(cheap == full, "\(point)")
    }
  }

  /// On the 2021 view: with data to 2024 the growth target T02 has no probability (CZT 2022
  /// real growth is not published).
  @Test func oatRanksRealGrowthFirstForTheGrowthTargetAndDrawsATornado() throws {
    let chart = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-oat.svg").path
    let r = try Self.run(
      [
        "sweep", "oat", "--draws", "400", "--format", "csv", "--chart", chart, "--target", "T02",
        "--as-of", "2021",
      ] + Self.model)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)  // no progress bar when stderr is not a terminal
    let rows = r.stdout.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    #expect(
      rows.first?.joined(separator: ",")
        == "target,output,factor,low,high,base,at_low,at_high,swing")
    let t02 = rows.filter { $0[0] == "T02" && $0[1] == "probability" }
    #expect(t02.first?[2] == "real_growth_shift")
    let swings = t02.compactMap { Double($0[8]) }
    #expect(swings == swings.sorted(by: >) && (swings.first ?? 0) > 0.2)
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    #expect(svg.hasPrefix("<svg") || svg.contains("<svg"))
  }

  @Test func gridCurvesAreMonotoneWithCommonRandomNumbers() throws {
    let r = try Self.run(
      [
        "sweep", "grid", "--vary", "real_growth_shift=-1.5:1:0.25", "--draws", "300", "--format",
        "json", "--as-of", "2021",
      ] + Self.model)
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let rows = try #require(json["results"] as? [[String: Any]])
    let t02 = rows.filter { $0["target"] as? String == "T02" }
    #expect(t02.count == 11)
    // The same draws at every point: P and the median can only rise with a growth shift.
    let p = t02.compactMap { $0["probability"] as? Double }
    let median = t02.compactMap { $0["median"] as? Double }
    #expect(p == p.sorted() && p.first! < p.last!)
    #expect(median == median.sorted())
    for row in t02 {
      let lo = try #require(row["lo80"] as? Double)
      let hi = try #require(row["hi80"] as? Double)
      let m = try #require(row["median"] as? Double)
      #expect(lo <= m && m <= hi)
    }
  }

  /// Each method has its own help: its options, not the other methods'.
  @Test(arguments: [
    ("oat", ["--factor", "--range", "--chart"], ["--vary", "--samples", "--correlate"]),
    ("grid", ["--vary", "--max-points", "--chart"], ["--factor", "--samples"]),
    ("sobol", ["--samples", "--correlate", "--resamples"], ["--vary", "--levels", "--chart"]),
    ("morris", ["--samples", "--levels", "--resamples"], ["--vary", "--correlate"]),
  ])
  func eachMethodHasItsOwnHelp(method: String, has: [String], hasNot: [String]) throws {
    let help = try Self.run(["sweep", method, "--help"])
    #expect(help.status == 0)
    for option in has { #expect(help.stdout.contains(option), "\(method) --help lacks \(option)") }
    for option in hasNot {
      #expect(!help.stdout.contains(option + " "), "\(method) --help shows \(option)")
    }
    #expect(help.stdout.contains("--draws") && help.stdout.contains("--shard"))
  }

  @Test func sameOutputAtAnyThreadCount() throws {
    let args =
      ["sweep", "sobol", "--samples", "16", "--draws", "64", "--format", "csv"] + Self.model
    let one = try Self.run(args + ["--threads", "1"])
    let two = try Self.run(args + ["--threads", "2"])
    #expect(one.status == 0 && one.stdout == two.stdout)
  }

  @Test(arguments: ["sobol", "morris", "grid", "oat"])
  func shardsMergeIntoExactlyTheSingleRunOutput(method: String) throws {
    var args = ["sweep", method, "--draws", "64", "--format", "json"] + Self.model
    switch method {
    case "sobol": args += ["--samples", "32", "--correlate", "real_growth_shift:energy_policy=0.5"]
    case "morris": args += ["--samples", "6"]
    case "grid": args += ["--vary", "real_growth_shift=-1:1:0.5", "--vary", "energy_policy=-1:1:1"]
    default: break
    }
    let whole = try Self.run(args)
    #expect(whole.status == 0, "\(whole.stderr)")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sweep-shards-\(method)")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var files: [String] = []
    for k in 1...3 {
      let file = dir.appendingPathComponent("part\(k).json").path
      let part = try Self.run(args + ["--shard", "\(k)/3", "--output", file])
      #expect(part.status == 0, "\(part.stderr)")
      files.append(file)
    }
    let merged = try Self.run(["merge", "--format", "json"] + files.reversed())
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(merged.stdout == whole.stdout)
    // A missing part or a part of another sweep is an error.
    let missing = try Self.run(["merge"] + files.dropLast())
    #expect(missing.status == 1 && missing.stderr.contains("missing shard"))
    // Files that are not shards are said in a user's words, not Swift's DecodingError text.
    let temporary = FileManager.default.temporaryDirectory
    let cases = [
      ("{\"method\": 5}", "is not a PlanCast sweep shard: 'format' is missing"),
      ("{\"x\":", "is not a PlanCast sweep shard: not valid JSON"),
    ]
    for (k, (text, message)) in cases.enumerated() {
      let file = temporary.appendingPathComponent(
        "plancast-not-a-shard-\(k)-\(UUID().uuidString).json")
      try text.write(to: file, atomically: true, encoding: .utf8)
      defer { try? FileManager.default.removeItem(at: file) }
      let bad = try Self.run(["merge", file.path])
      #expect(bad.status == 1 && bad.stderr.contains(message), "\(bad.stderr)")
      #expect(!bad.stderr.contains("DecodingError") && !bad.stderr.contains("CodingKeys"))
    }
  }

  /// A shard file's numbers size the merge's work: each is checked before use (the fuzz harness
  /// found `count` 0 trapping and a huge `count` exhausting memory).
  @Test func tamperedShardsAreRefusedWithTheReason() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sweep-tampered-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let good = dir.appendingPathComponent("good.json").path
    let part = try Self.run(
      ["sweep", "oat", "--draws", "64", "--shard", "1/1", "--output", good] + Self.model)
    #expect(part.status == 0, "\(part.stderr)")
    let original = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: good)))
        as? [String: Any])
    let cases: [(String, Any, String)] = [
      ("count", 0, "is not K/N with 1 ≤ K ≤ N ≤ 10000"),
      ("count", 82_147_483_648, "is not K/N with 1 ≤ K ≤ N ≤ 10000"),
      ("index", 2, "is not K/N"),
      ("totalPoints", Int.max, "'totalPoints' \(Int.max) is outside"),
      ("totalPoints", 4, "should hold points 0…3"),
      ("start", 1, "should hold points"),
    ]
    for (k, (key, value, message)) in cases.enumerated() {
      var tampered = original
      tampered[key] = value
      let file = dir.appendingPathComponent("bad\(k).json")
      try JSONSerialization.data(withJSONObject: tampered).write(to: file)
      let merged = try Self.run(["merge", file.path])
      #expect(merged.status == 1 && merged.stderr.contains(message), "\(key): \(merged.stderr)")
    }
    var spec = try #require(original["spec"] as? [String: Any])
    spec["resamples"] = 1_000_000_000
    var tampered = original
    tampered["spec"] = spec
    let file = dir.appendingPathComponent("resamples.json")
    try JSONSerialization.data(withJSONObject: tampered).write(to: file)
    let merged = try Self.run(["merge", file.path])
    #expect(merged.status == 1 && merged.stderr.contains("'resamples' 1000000000 is outside"))
  }

  @Test(arguments: [
    (["grid", "--vary", "no_such_thing=0:1:0.5"], "no assumption 'no_such_thing'"),
    (["grid", "--vary", "real_growth_shift=1:1:0.5"], "is empty"),
    (["grid", "--vary", "real_growth_shift=1:-1:0.5"], "is reversed"),
    (["grid", "--vary", "real_growth_shift=-1:1:0"], "step is zero"),
    (["grid", "--vary", "real_growth_shift=-1:1:-0.5"], "step must be positive"),
    (["grid", "--vary", "real_growth_shift=a:b:c"], "NAME=START:STOP:STEP"),
    (
      ["grid", "--vary", "real_growth_shift=-1:1:0.1", "--max-points", "10"],
      "more than the limit of 10"
    ),
    (
      ["grid", "--vary", "real_growth_shift=-1:1:1", "--vary", "real_growth_shift=0:1:1"],
      "given twice"
    ),
    (["grid"], "at least one --vary"),
    (["oat", "--factor", "nope"], "no assumption 'nope'"),
    (["oat", "--range", "energy_policy=1:-1"], "is reversed"),
    (["oat", "--range", "energy_policy=1:1"], "is empty"),
    (["sobol", "--samples", "100"], "power of two"),
    (["sobol", "--correlate", "real_growth_shift:energy_policy=1.5"], "(−1, 1)"),
    (["sobol", "--correlate", "real_growth_shift:ghost=0.5"], "no assumption 'ghost'"),
    (
      ["morris", "--correlate", "real_growth_shift:energy_policy=0.5"],
      "Unknown option '--correlate'"
    ),
    (["morris", "--levels", "3"], "even number"),
    (["oat", "--shard", "3/2"], "K/N"),
    (["oat", "--scenario", "utopia"], "no scenario 'utopia'"),
    (["oat", "--vary", "energy_policy=0:1:1"], "Unknown option '--vary'"),
  ])
  func badInputIsAUsageError(arguments: [String], message: String) throws {
    let r = try Self.run(["sweep"] + arguments + ["--draws", "64"] + Self.model)
    #expect(r.status == 2, "\(arguments): \(r.stderr)")
    #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
    #expect(!r.stderr.contains("Fatal error"))
  }

  @Test func forceRunsALargeGrid() throws {
    let r = try Self.run(
      [
        "sweep", "grid", "--vary", "real_growth_shift=-1:1:0.1", "--max-points", "10", "--force",
        "--draws", "32", "--format", "csv",
      ] + Self.model)
    #expect(r.status == 0, "\(r.stderr)")
    // 21 points × the 4 targets with a probability on the data to 2024 (T01, T03, T07, T09).
    #expect(r.stdout.split(whereSeparator: \.isNewline).count == 1 + 21 * 4)
  }
}
