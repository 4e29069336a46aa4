import Foundation
import PlanCastPlan
import Testing

@testable import PlanCastAttainment

/// Scenario values checked for sense against the embedded CZT model (data to 2024, 2025
/// projected): each bad file fails at its file, line and field with what is allowed, and a
/// file outside the model or beside a broken sibling still works.
@Suite struct ScenarioSenseCheckTests {
  static let context: (model: PlanModel, engine: AttainmentEngine)? = {
    guard let model = try? PlanModel.load(directory: CZTCurrentDataTests.directory),
      let engine = try? AttainmentEngine(model: model)
    else { return nil }
    return (model, engine)
  }()

  /// A child of the baseline adding assumption `x` (lines 6–10); `replace` swaps text,
  /// `extra` lines follow from line 11.
  static func text(_ replace: [(String, String)] = [], extra: [String] = []) -> String {
    var text = """
      [scenario]
      name_en = "Test"
      name_zh = "测试"
      extends = "baseline"

      [[assumptions]]
      name = "x"
      effect = "growth_shift"
      indicator = "gdp_real_growth"
      value = 0.5

      """
    for (old, new) in replace { text = text.replacingOccurrences(of: old, with: new) }
    return text + extra.map { $0 + "\n" }.joined()
  }

  /// Loads `text` as a file outside the model and checks it against the engine.
  static func check(_ text: String) throws -> Scenario {
    let context = try #require(Self.context)
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-scenario-\(UUID().uuidString).toml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let scenario = try context.model.scenario(file: file.path)
    try context.engine.check(scenario)
    return scenario
  }

  struct Case: CustomTestStringConvertible, Sendable {
    let label: String
    let text: String
    let field: String
    let line: Int
    let fragments: [String]
    var testDescription: String { label }
  }

  static let cases: [Case] = [
    Case(
      label: "year after the plan", text: text(extra: ["years = [2030]"]), field: "years",
      line: 11, fragments: ["2030"]),
    Case(
      label: "year already observed", text: text(extra: ["years = [2023]"]), field: "years",
      line: 11, fragments: ["2023 is not a projected year", "list years in 2025"]),
    Case(
      label: "misspelt area", text: text(extra: ["areas = [\"Changsah\"]"]), field: "areas",
      line: 11, fragments: ["'Changsah' is not a declared area", "Did you mean 'Changsha'?"]),
    Case(
      label: "growth shift of a million", text: text([("0.5", "1e6")]), field: "value", line: 10,
      fragments: ["±50 pp"]),
    Case(
      label: "growth shift of -200 pp", text: text([("0.5", "-200")]), field: "value", line: 10,
      fragments: ["-200", "percentage points"]),
    Case(
      label: "growth shift of -99 pp", text: text([("0.5", "-99")]), field: "value", line: 10,
      fragments: ["±50 pp"]),
    Case(
      label: "shock of -400 pp", text: text([("growth_shift", "shock"), ("0.5", "-400")]),
      field: "value", line: 10, fragments: ["a shock of at most ±50 pp"]),
    Case(
      label: "level shock of -60 %",
      text: text([("growth_shift", "shock"), ("gdp_real_growth", "gdp_nominal"), ("0.5", "-60")]),
      field: "value", line: 10, fragments: ["% of the level"]),
    Case(
      label: "share fixed at 120",
      text: text([
        ("growth_shift", "fix"), ("gdp_real_growth", "urbanisation_rate"), ("0.5", "120"),
      ]),
      field: "value", line: 10, fragments: ["a share between 0 and 100"]),
    Case(
      label: "add pushing a share past 100",
      text: text([("growth_shift", "add"), ("gdp_real_growth", "urbanisation_rate"), ("0.5", "60")]
      ),
      field: "value", line: 10, fragments: ["outside 0–100"]),
    Case(
      label: "add making a level negative",
      text: text([("growth_shift", "add"), ("gdp_real_growth", "pop_resident"), ("0.5", "-1e6")]),
      field: "value", line: 10, fragments: ["≤ 0"]),
    Case(
      label: "normal add whose tail makes a level negative",
      text: text([
        ("growth_shift", "add"), ("gdp_real_growth", "pop_resident"),
        ("value = 0.5", "distribution = { normal = [0, 10000] }"),
      ]), field: "distribution", line: 10, fragments: ["≤ 0"]),
    Case(
      label: "add on a rate beyond 50 pp",
      text: text([
        ("growth_shift", "add"), ("gdp_real_growth", "energy_intensity_change"), ("0.5", "80"),
      ]),
      field: "value", line: 10, fragments: ["±50 pp on a rate"]),
    Case(
      label: "normal support beyond the bound",
      text: text([("value = 0.5", "distribution = { normal = [0, 40] }")]),
      field: "distribution", line: 10, fragments: ["a distribution reaching"]),
    Case(
      label: "uniform support beyond the bound",
      text: text([("value = 0.5", "distribution = { uniform = [-60, 0] }")]),
      field: "distribution", line: 10, fragments: ["-60"]),
    Case(
      label: "triangular support beyond the bound",
      text: text([("value = 0.5", "distribution = { triangular = [-10, 0, 70] }")]),
      field: "distribution", line: 10, fragments: ["70"]),
    Case(
      label: "low beyond the bound", text: text(extra: ["low = -80"]), field: "low", line: 11,
      fragments: ["-80"]),
    Case(
      label: "high beyond the bound", text: text(extra: ["low = -1", "high = 80"]), field: "high",
      line: 12, fragments: ["80"]),
    Case(
      label: "residual scale of 20",
      text: text([("growth_shift", "residual_scale"), ("0.5", "20")]),
      field: "value", line: 10, fragments: ["from 0 to 10"]),
    Case(
      label: "years given to residual_scale, which takes none",
      text: text([("growth_shift", "residual_scale"), ("0.5", "2")], extra: ["years = [2025]"]),
      field: "years", line: 11, fragments: ["takes no years"]),
    Case(
      label: "scenario residual scale of 20",
      text: text([("extends = \"baseline\"", "extends = \"baseline\"\nresidual_scale = 20")]),
      field: "residual_scale", line: 5, fragments: ["outside 0–10"]),
    Case(
      label: "misspelt indicator", text: text([("\"gdp_real_growth\"", "\"gdp_real_grwth\"")]),
      field: "indicator", line: 9, fragments: ["Did you mean 'gdp_real_growth'?"]),
    Case(
      label: "misspelt effect", text: text([("growth_shift", "growth_shfit")]), field: "effect",
      line: 8, fragments: ["Did you mean 'growth_shift'?"]),
    Case(
      label: "misspelt key", text: text([("value = 0.5", "valeu = 0.5")]), field: "valeu",
      line: 10, fragments: ["Did you mean 'value'?"]),
    Case(
      label: "misspelt parent", text: text([("\"baseline\"", "\"baselin\"")]), field: "extends",
      line: 4, fragments: ["Did you mean 'baseline'?"]),
    Case(
      label: "misspelt inherited assumption",
      text: text([
        (
          "name = \"x\"\neffect = \"growth_shift\"\nindicator = \"gdp_real_growth\"\n",
          "name = \"real_growth_shfit\"\n"
        )
      ]), field: "name", line: 7,
      fragments: ["unknown assumption 'real_growth_shfit'", "Did you mean 'real_growth_shift'?"]),
    Case(
      label: "indicator that no target projects",
      text: text([("gdp_real_growth", "pop_census")]), field: "indicator", line: 9,
      fragments: ["acts on nothing", "Projected:"]),
    Case(
      label: "assumption on urban population, the product of rate and resident population",
      text: text([("growth_shift", "add"), ("gdp_real_growth", "pop_urban"), ("0.5", "20")]),
      field: "indicator", line: 9,
      fragments: [
        "pop_urban in CZT is computed on every draw as urbanisation_rate / 100 × pop_resident",
        "Put the assumption on urbanisation_rate or pop_resident instead",
      ]),
    Case(
      label: "value and distribution both",
      text: text(extra: ["distribution = { normal = [0, 1] }"]), field: "value", line: 10,
      fragments: ["both value and distribution"]),
  ]

  @Test(arguments: cases) func badValuesFailAtTheirFieldWithWhatIsAllowed(_ c: Case) throws {
    do {
      _ = try Self.check(c.text)
      Issue.record("\(c.label): accepted")
    } catch let error as ModelError {
      #expect(error.field == c.field, "\(c.label): \(error)")
      #expect(error.location.line == c.line, "\(c.label): \(error)")
      #expect(error.location.file.hasSuffix(".toml"), "\(c.label): \(error)")
      for fragment in c.fragments {
        #expect(error.description.contains(fragment), "\(c.label): \(error)")
      }
    }
  }

  @Test func sensibleValuesPass() throws {
    for text in [
      Self.text(), Self.text([("0.5", "-1.5")], extra: ["years = [2025]", "low = -3", "high = 1"]),
      Self.text([("value = 0.5", "distribution = { normal = [0, 2] }")]),
      Self.text([("growth_shift", "fix"), ("gdp_real_growth", "urbanisation_rate"), ("0.5", "81")]),
      Self.text([("growth_shift", "add"), ("gdp_real_growth", "pop_resident"), ("0.5", "-50")]),
      Self.text(extra: ["areas = [\"CZT\"]"]),
    ] {
      #expect(throws: Never.self) { try Self.check(text) }
    }
  }

  /// A copy of low-growth.toml outside the model runs, its parent found in the model's
  /// scenarios, and lowers T01 against the baseline.
  @Test func aFileOutsideTheModelExtendsTheModelsScenarios() throws {
    let context = try #require(Self.context)
    let lowGrowth = try String(
      contentsOfFile: context.model.scenarioPath("low-growth"), encoding: .utf8)
    let outside = try Self.check(lowGrowth)
    #expect(outside.ancestry == ["baseline"])
    let settings = MonteCarloSettings(draws: 4000, seed: 7, threads: 2)
    func t01(_ s: Scenario) throws -> Double {
      try #require(
        context.engine.run(s, settings: settings).targets.first { $0.target.id == "T01" }?
          .probability)
    }
    let baseline = try context.model.scenario(named: "baseline")
    let inModel = try context.model.scenario(named: "low-growth")
    #expect(try t01(outside) == t01(inModel))
    #expect(try t01(outside) < t01(baseline))
  }

  /// A broken sibling in scenarios/ costs only itself: the model loads, the baseline runs, and
  /// the broken file is named with its line and field.
  @Test func aBrokenSiblingIsOnlySkipped() throws {
    let copy = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-czt-\(UUID().uuidString)")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: CZTCurrentDataTests.directory), to: copy)
    defer { try? FileManager.default.removeItem(at: copy) }
    try "[scenario]\nname_en = \"B\"\nname_zh = \"坏\"\nextends = \"baseline\"\nresidul_scale = 2\n"
      .write(
        to: copy.appendingPathComponent("scenarios/broken.toml"), atomically: true, encoding: .utf8)
    let model = try PlanModel.load(directory: copy.path)
    #expect(throws: Never.self) { try model.scenario(named: "baseline") }
    let broken = try #require(model.skippedScenarios.first { $0.id == "broken" })
    #expect(broken.error.location.line == 5 && broken.error.field == "residul_scale")
    #expect(broken.error.description.contains("Did you mean 'residual_scale'?"))
    #expect(!model.scenarios.contains { $0.id == "broken" })
  }
}
