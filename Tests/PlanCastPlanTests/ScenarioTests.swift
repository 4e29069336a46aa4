import Foundation
import Testing

@testable import PlanCastPlan

/// Scenario files: inheritance, overrides, and every way a file can be wrong.
@Suite struct ScenarioTests {
  @Test func cztScenariosResolveTheirInheritance() throws {
    let scenarios = try TestSupport.loadCZT().scenarios
    #expect(
      Set(scenarios.map(\.id)).isSuperset(of: [
        "baseline", "high-growth", "low-growth", "pandemic-shock", "energy-policy",
      ]))
    let high = try #require(scenarios.first { $0.id == "high-growth" })
    #expect(high.ancestry == ["baseline"])
    let shift = try #require(high.assumptions.first { $0.name == "real_growth_shift" })
    #expect(shift.value == .fixed(1.0) && shift.effect == .growthShift && shift.low == -1.5)
    #expect(high.assumptions.count == 4)
    let deflator = try #require(high.assumptions.first { $0.name == "deflator_deviation" })
    #expect(deflator.value == .normal(mean: 0, standardDeviation: 1))
    let energy = try #require(scenarios.first { $0.id == "energy-policy" })
    let policy = try #require(energy.assumptions.first { $0.name == "energy_policy" })
    #expect(
      policy.years == [2025] && policy.value == .fixed(-1.5) && policy.effect == .add)
    let shock = try #require(scenarios.first { $0.id == "pandemic-shock" })
    #expect(shock.residualScale == 1.5 && shock.assumptions.count == 5)
  }

  static func model(_ files: [String: String]) throws -> PlanModel {
    let dir = try TestSupport.mutatedMinimal { dir in
      let folder = dir.appendingPathComponent("scenarios")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for (name, text) in files {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
      }
    }
    defer { try? FileManager.default.removeItem(at: dir) }
    return try PlanModel.load(directory: dir.path)
  }

  static func scenarios(_ files: [String: String]) throws -> [Scenario] {
    try model(files).scenarios
  }

  /// The error of the first file that could not be used: a broken scenario file costs only
  /// itself, so the model still loads.
  static func error(_ files: [String: String]) throws -> ModelError {
    try #require(try model(files).skippedScenarios.first).error
  }

  static let base = """
    [scenario]
    name_en = "Base"
    name_zh = "基准"

    [[assumptions]]
    name = "g"
    effect = "growth_shift"
    indicator = "growth"
    value = 0.5
    """

  @Test func childOverridesOnlyWhatDiffers() throws {
    let child =
      "[scenario]\nname_en = \"Child\"\nname_zh = \"子\"\nextends = \"base\"\n\n[[assumptions]]\nname = \"g\"\ndistribution = { uniform = [0, 1] }\n"
    let all = try Self.scenarios(["base.toml": Self.base, "child.toml": child])
    let resolved = try #require(all.first { $0.id == "child" })
    #expect(resolved.assumptions.first?.value == .uniform(lower: 0, upper: 1))
    #expect(resolved.assumptions.first?.effect == .growthShift)
    #expect(resolved.assumptions.first?.indicator == "growth")
  }

  @Test func unknownKeyNamesFileLineAndField() throws {
    let e = try Self.error([
      "base.toml": Self.base.replacingOccurrences(of: "value = 0.5", with: "valu = 0.5")
    ])
    #expect(e.field == "valu" && e.location.line == 9 && e.location.file.hasSuffix("base.toml"))
  }

  @Test func cycleInExtendsIsReported() throws {
    let a = "[scenario]\nname_en = \"A\"\nname_zh = \"A\"\nextends = \"b\"\n"
    let b = "[scenario]\nname_en = \"B\"\nname_zh = \"B\"\nextends = \"a\"\n"
    let e = try Self.error(["a.toml": a, "b.toml": b])
    #expect(e.field == "extends" && e.description.contains("cycle"))
    let orphan = try Self.error([
      "a.toml": "[scenario]\nname_en = \"A\"\nname_zh = \"A\"\nextends = \"zz\"\n"
    ])
    #expect(orphan.description.contains("'zz'") && orphan.location.line == 4)
  }

  @Test func impossibleDistributionsAreRejected() throws {
    for bad in [
      "{ normal = [0, -1] }", "{ uniform = [2, 1] }", "{ triangular = [0, 5, 1] }",
      "{ cauchy = [0, 1] }", "{ normal = [0] }",
    ] {
      let text = Self.base.replacingOccurrences(of: "value = 0.5", with: "distribution = \(bad)")
      let e = try Self.error(["base.toml": text])
      #expect(e.field == "distribution" && e.location.line == 9, "\(bad): \(e)")
    }
  }

  @Test func badEffectIndicatorAreaAndRanges() throws {
    let effect = try Self.error([
      "base.toml": Self.base.replacingOccurrences(of: "growth_shift", with: "boost")
    ])
    #expect(effect.field == "effect" && effect.description.contains("\"shock\""))
    let indicator = try Self.error([
      "base.toml": Self.base.replacingOccurrences(of: "\"growth\"", with: "\"gdpp\"")
    ])
    #expect(indicator.kind == .unknownIndicator)
    let area = try Self.error(["base.toml": Self.base + "\nareas = [\"Nowhere\"]\n"])
    #expect(area.kind == .unknownArea)
    let range = try Self.error(["base.toml": Self.base + "\nlow = 2\nhigh = 1\n"])
    #expect(range.field == "high")
    let both = try Self.error(["base.toml": Self.base + "\ndistribution = { normal = [0, 1] }\n"])
    #expect(both.field == "value")
  }

  @Test func aBrokenFileCostsOnlyItselfAndItsChildren() throws {
    let child = "[scenario]\nname_en = \"C\"\nname_zh = \"子\"\nextends = \"broken\"\n"
    let model = try Self.model([
      "base.toml": Self.base,
      "broken.toml": Self.base.replacingOccurrences(of: "value", with: "valeu"),
      "child.toml": child,
    ])
    #expect(model.scenarios.map(\.id) == ["base"])
    #expect(model.skippedScenarios.map(\.id) == ["broken", "child"])
    let broken = try #require(model.skippedScenarios.first)
    #expect(broken.error.description.contains("Did you mean 'value'?"))
    #expect(model.skippedScenarios[1].error.description.contains("extends 'broken'"))
    #expect(throws: ModelError.self) { try model.scenario(named: "broken") }
    #expect(try model.scenario(named: "base").id == "base")
  }

  @Test func unknownNamesGetASuggestion() throws {
    let extends = try Self.error([
      "base.toml": Self.base,
      "a.toml": "[scenario]\nname_en = \"A\"\nname_zh = \"A\"\nextends = \"bsae\"\n",
    ])
    #expect(extends.field == "extends" && extends.description.contains("Did you mean 'base'?"))
    let effect = try Self.error([
      "base.toml": Self.base.replacingOccurrences(of: "growth_shift", with: "growth_shfit")
    ])
    #expect(effect.description.contains("Did you mean 'growth_shift'?"))
    let added = try Self.error([
      "base.toml": Self.base,
      "a.toml":
        "[scenario]\nname_en = \"A\"\nname_zh = \"A\"\nextends = \"base\"\n\n[[assumptions]]\nname = \"gg\"\nvalue = 1\n",
    ])
    #expect(
      added.description.contains("unknown assumption 'gg'")
        && added.description.contains("Did you mean 'g'?") && added.location.line == 7)
  }
}
