import PlanCastAttainment
import PlanCastPlan

/// What `--scenario` names: a scenario of the model's `scenarios/`, a `.toml` file anywhere
/// (its `extends` resolved among the model's scenarios, so experiments need not live in the
/// model folder), or `all`. A broken file costs only itself: for one scenario it is a warning,
/// for `all` it is skipped and named.
struct ScenarioSelection {
  let scenarios: [Scenario]
  /// For `all`, the files that could not be used, with why (broken files and those failing
  /// the engine's sense checks). For one scenario a broken sibling is only a warning on
  /// standard error, so this is empty.
  let skipped: [SkippedScenario]

  /// Resolves `argument` for `model`, checking each scenario against what `engine` projects.
  static func resolve(
    _ argument: String, model: PlanModel, engine: AttainmentEngine?, allowAll: Bool = true
  ) throws -> ScenarioSelection {
    if argument == "all" && allowAll {
      var usable: [Scenario] = []
      var skipped = model.skippedScenarios
      for scenario in model.scenarios {
        do {
          try engine?.check(scenario)
          usable.append(scenario)
        } catch {
          skipped.append(SkippedScenario(id: scenario.id, error: error))
        }
      }
      guard !usable.isEmpty else {
        let why = skipped.map { "\n  \($0.error)" }.joined()
        throw CLIFailure.data("\(model.scenarioPath(nil)) holds no usable scenario file\(why)")
      }
      return ScenarioSelection(scenarios: usable, skipped: skipped.sorted { $0.id < $1.id })
    }
    let isFile = argument.hasSuffix(".toml") || argument.contains("/")
    let known = model.scenarios.map(\.id) + model.skippedScenarios.map(\.id)
    guard isFile || known.contains(argument) else {
      throw CLIFailure.usage(
        "no scenario '\(argument)' in \(model.scenarioPath(nil)); known: "
          + (model.scenarios.isEmpty ? "none" : model.scenarios.map(\.id).joined(separator: ", "))
          + (allowAll ? ", or all" : "") + NameSuggestion.didYouMean(argument, among: known))
    }
    let scenario: Scenario
    do {
      scenario =
        isFile
        ? try model.scenario(file: argument) : try model.scenario(named: argument)
      try engine?.check(scenario)
    } catch {
      throw CLIFailure.data(error.description)
    }
    for sibling in model.skippedScenarios where sibling.id != scenario.id {
      printError("warning: scenario '\(sibling.id)' skipped: \(sibling.error)")
    }
    return ScenarioSelection(scenarios: [scenario], skipped: [])
  }
}
