/// The text of a new scenario file extending `parent`: loads as a copy of the parent, with
/// every inherited assumption listed as comments to uncomment and change.
public struct ScenarioScaffold: Sendable {
  public let name: String
  public let parent: Scenario

  public init(name: String, parent: Scenario) {
    self.name = name
    self.parent = parent
  }

  public var text: String {
    var lines = [
      "# Scenario '\(name)', extending '\(parent.id)'. As written it changes nothing: uncomment",
      "# and edit lines below. Format, effects and bounds: Models/SCENARIOS.md.",
      "# Check it with: plancast scenario check \(name)",
      "[scenario]",
      "name_en = \"\(name)\"",
      "name_zh = \"\(name)\"",
      "description_en = \"\"",
      "description_zh = \"\"",
      "extends = \"\(parent.id)\"",
      "# residual_scale = \(parent.residualScale)    # shocks × this (1 = as estimated, 0–10)",
    ]
    for a in parent.assumptions {
      lines += [
        "",
        "# Inherited \(a.name): \(a.effect.rawValue) on \(a.indicator)"
          + (a.areas.map { " in \($0.joined(separator: ", "))" } ?? "")
          + (a.years.map { " in \($0.map(String.init).joined(separator: ", "))" } ?? "") + ".",
        "# To change it, uncomment the entry and the keys to override:",
        "# [[assumptions]]",
        "# name = \"\(a.name)\"",
        "# " + a.value.tomlLine,
      ]
      if let low = a.low { lines.append("# low = \(low)") }
      if let high = a.high { lines.append("# high = \(high)") }
    }
    lines += [
      "",
      "# A new assumption needs a new name, an effect (growth_shift, shock, add, fix,",
      "# residual_scale), an indicator and a value or a distribution:",
      "# [[assumptions]]",
      "# name = \"my_assumption\"",
      "# effect = \"growth_shift\"",
      "# indicator = \"gdp_real_growth\"",
      "# years = [2025]",
      "# distribution = { normal = [-0.5, 0.5] }    # or value = -0.5",
      "",
    ]
    return lines.joined(separator: "\n")
  }
}

extension AssumptionValue {
  /// `value = …` or `distribution = { … }`, as a scenario file writes it.
  var tomlLine: String {
    switch self {
    case .fixed(let v): "value = \(v)"
    case .normal(let mean, let sd): "distribution = { normal = [\(mean), \(sd)] }"
    case .uniform(let lower, let upper): "distribution = { uniform = [\(lower), \(upper)] }"
    case .triangular(let lower, let mode, let upper):
      "distribution = { triangular = [\(lower), \(mode), \(upper)] }"
    }
  }
}
