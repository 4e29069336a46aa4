import Foundation
import Testing

/// `plancast scenario new|check`, `--scenario PATH.toml` and `--scenario all` beside a broken
/// file, on a copy of the embedded CZT model.
@Suite struct ScenarioCommandTests {
  /// A fresh copy of the CZT model (scenarios/ is written to).
  static func copy() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-scenarios-\(UUID().uuidString)")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: PlanCommandTestSupport.cztModel), to: dir)
    return dir
  }

  @Test func newWritesAScaffoldThatChecksAndChangesNothing() throws {
    let dir = try Self.copy()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = ["--model", dir.path]
    let made = try PlanCommandTestSupport.run(
      ["scenario", "new", "my-test", "--from", "low-growth"] + model)
    #expect(made.status == 0, "\(made.stderr)")
    let path = dir.appendingPathComponent("scenarios/my-test.toml").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("extends = \"low-growth\"") && text.contains("# value = -1.5"))
    let checked = try PlanCommandTestSupport.run(["scenario", "check", "my-test"] + model)
    #expect(checked.status == 0, "\(checked.stderr)")
    #expect(checked.stdout.contains("changes nothing against low-growth"))
    // A second `new` refuses to overwrite.
    let again = try PlanCommandTestSupport.run(
      ["scenario", "new", "my-test", "--from", "low-growth"] + model)
    #expect(again.status != 0 && again.stderr.contains("my-test.toml"))
    let badName = try PlanCommandTestSupport.run(["scenario", "new", "../x"] + model)
    #expect(badName.status == 2)
  }

  @Test func checkPrintsChangesAgainstTheParentAndFailsWithFileLineField() throws {
    let dir = try Self.copy()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = ["--model", dir.path]
    let outside = dir.appendingPathComponent("outside.toml")
    try """
    [scenario]
    name_en = "Slower"
    name_zh = "更慢"
    extends = "low-growth"

    [[assumptions]]
    name = "real_growth_shift"
    value = -2.5

    [[assumptions]]
    name = "urban_push"
    effect = "add"
    indicator = "urbanisation_rate"
    areas = ["CZT"]
    years = [2025]
    distribution = { uniform = [0.0, 1.0] }

    """.write(to: outside, atomically: true, encoding: .utf8)
    let checked = try PlanCommandTestSupport.run(["scenario", "check", outside.path] + model)
    #expect(checked.status == 0, "\(checked.stderr)")
    for fragment in [
      "extends low-growth → baseline", "~ real_growth_shift", "value: -1.5 → -2.5",
      "+ urban_push", "areas: CZT", "years: 2025", "value: uniform(0.0, 1.0)",
    ] {
      #expect(checked.stdout.contains(fragment), "\(fragment)\n\(checked.stdout)")
    }
    try String(contentsOf: outside, encoding: .utf8).replacingOccurrences(
      of: "years = [2025]", with: "years = [2019]"
    ).write(to: outside, atomically: true, encoding: .utf8)
    let bad = try PlanCommandTestSupport.run(["scenario", "check", outside.path] + model)
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("outside.toml:15, field 'years'") && bad.stderr.contains("2025"))
  }

  @Test func allNamesTheSkippedFileAndOneScenarioOnlyWarns() throws {
    let dir = try Self.copy()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = ["--model", dir.path, "--draws", "1000"]
    try
      "[scenario]\nname_en = \"B\"\nname_zh = \"坏\"\nextends = \"baseline\"\n\n[[assumptions]]\nname = \"real_growth_shift\"\nvalue = -200\n"
      .write(
        to: dir.appendingPathComponent("scenarios/broken.toml"), atomically: true,
        encoding: .utf8)
    let all = try PlanCommandTestSupport.run(["attain", "--scenario", "all"] + model)
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.contains("Scenario files skipped:") && all.stdout.contains("broken.toml:8"))
    // Every target accounted for: 4 with a probability, the rest grouped by reason.
    #expect(all.stdout.contains("Without a probability: 20 of 24 numeric targets"))
    #expect(all.stdout.contains("qualitative, never forecast (4)"))
    let one = try PlanCommandTestSupport.run(["attain", "--scenario", "low-growth"] + model)
    #expect(one.status == 0 && one.stderr.contains("warning: scenario 'broken' skipped"))
    let chosen = try PlanCommandTestSupport.run(["attain", "--scenario", "broken"] + model)
    #expect(chosen.status == 1 && chosen.stderr.contains("field 'value'"))
    let json = try PlanCommandTestSupport.run(
      ["attain", "--scenario", "all", "--format", "json"] + model)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let skipped = try #require(object["skipped_scenarios"] as? [[String: Any]])
    #expect(skipped.map { $0["id"] as? String } == ["broken"])
  }
}
