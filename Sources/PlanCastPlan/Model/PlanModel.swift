import Foundation

/// A loaded, validated model directory: configuration, indicators, proxies, data, targets.
public struct PlanModel: Sendable {
  /// The directory it was loaded from.
  public let directory: String
  public let data: ModelData
  public let plan: PlanTargets
  /// Which model projects each indicator (`models.toml`); `nil` when the file is absent.
  public let specifications: ModelSpecifications?
  /// Scenarios from `scenarios/*.toml`, resolved (empty when the folder is absent).
  public let scenarios: [Scenario]
  /// Scenario files that cannot be used, with the reason; they leave the others usable.
  public let skippedScenarios: [SkippedScenario]

  public var config: ModelConfig { data.config }

  /// File names inside a model directory.
  public enum File {
    public static let model = "model.toml"
    public static let indicators = "indicators.toml"
    public static let proxies = "proxies.toml"
    public static let targets = "targets.toml"
    public static let models = "models.toml"
    public static let scenarios = "scenarios"
    public static let observations = "data/observations.csv"
  }

  /// Loads and validates every file of the model directory.
  /// - Throws: ``ModelError`` naming file, line and field of the first problem.
  public static func load(directory: String) throws(ModelError) -> PlanModel {
    func path(_ name: String) -> String {
      URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue
    else {
      throw ModelError(
        .missingFile, at: SourceLocation(file: directory, line: nil), "no such model directory",
        hint: "Pass --model DIR with a directory laid out as in Models/README.md.")
    }
    let config = try ModelConfigLoader.load(path: path(File.model))
    let catalog = try IndicatorCatalogLoader.load(path: path(File.indicators), config: config)
    let proxies =
      FileManager.default.fileExists(atPath: path(File.proxies))
      ? try ProxyRulesLoader.load(path: path(File.proxies), config: config, catalog: catalog) : []
    let observations = try ObservationFileLoader.load(
      path: path(File.observations), config: config, catalog: catalog)
    try IndicatorCatalogLoader.checkBreaks(
      path: path(File.indicators), catalog: catalog, observations: observations)
    let plan = try TargetsLoader.load(path: path(File.targets), config: config, catalog: catalog)
    let specifications =
      FileManager.default.fileExists(atPath: path(File.models))
      ? try ModelSpecificationsLoader.load(
        path: path(File.models), config: config, catalog: catalog) : nil
    let scenarios = ScenarioLoader.load(
      directory: path(File.scenarios), config: config, catalog: catalog)
    return PlanModel(
      directory: directory,
      data: ModelData(
        config: config, catalog: catalog, proxies: proxies, observations: observations),
      plan: plan, specifications: specifications, scenarios: scenarios.scenarios,
      skippedScenarios: scenarios.skipped)
  }

  /// The scenario named `id` in `scenarios/`.
  /// - Throws: the reason it was skipped, or an error listing the known names.
  public func scenario(named id: String) throws(ModelError) -> Scenario {
    if let found = scenarios.first(where: { $0.id == id }) { return found }
    if let skipped = skippedScenarios.first(where: { $0.id == id }) { throw skipped.error }
    let known = scenarios.map(\.id)
    throw ModelError(
      .missingFile, at: SourceLocation(file: scenarioPath(id), line: nil), "no scenario '\(id)'",
      hint: "Known: \(known.isEmpty ? "none" : known.joined(separator: ", "))."
        + NameSuggestion.didYouMean(id, among: known))
  }

  /// A scenario file anywhere on disk, its `extends` resolved among the model's scenarios.
  public func scenario(file: String) throws(ModelError) -> Scenario {
    try ScenarioLoader.load(
      file: file, directory: scenarioPath(nil), config: config, catalog: data.catalog)
  }

  /// `scenarios/` or the file of scenario `id` in it.
  public func scenarioPath(_ id: String?) -> String {
    let folder = URL(fileURLWithPath: directory).appendingPathComponent(File.scenarios)
    return id.map { folder.appendingPathComponent($0 + ".toml").path } ?? folder.path
  }
}

extension PlanModel {
  /// The model as it stood at the end of `year`: only observations up to and including it, so
  /// any command reproduces what it would have said then.
  public func through(_ year: Int) -> PlanModel {
    PlanModel(
      directory: directory,
      data: ModelData(
        config: data.config, catalog: data.catalog, proxies: data.proxies,
        observations: data.observations.filter { $0.year <= year }),
      plan: plan, specifications: specifications, scenarios: scenarios,
      skippedScenarios: skippedScenarios)
  }

  /// The model with `targets` instead of its plan's (the qualitative goals kept).
  public func replacingTargets(_ targets: [Target]) -> PlanModel {
    PlanModel(
      directory: directory, data: data, plan: PlanTargets(targets: targets, goals: plan.goals),
      specifications: specifications, scenarios: scenarios, skippedScenarios: skippedScenarios)
  }
}

extension PlanModel {
  /// The model with every `reference_class` dropped: each declared model speaks with its own
  /// distribution, as before reference classes (`--no-reference-class`).
  public func withoutReferenceClasses() -> PlanModel {
    let specs = specifications.map { specs in
      ModelSpecifications(
        selection: specs.selection, fitFrom: specs.fitFrom,
        declarations: specs.declarations.map { d in
          var options = d.options
          options.referenceClass = nil
          return ModelDeclaration(
            indicator: d.indicator, areas: d.areas, modelClass: d.modelClass, options: options,
            location: d.location)
        })
    }
    return PlanModel(
      directory: directory, data: data, plan: plan, specifications: specs, scenarios: scenarios,
      skippedScenarios: skippedScenarios)
  }
}
