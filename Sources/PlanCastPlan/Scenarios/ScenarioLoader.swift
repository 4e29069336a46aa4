import Foundation

/// Reads `scenarios/*.toml` of a model directory and resolves `extends` chains.
///
/// A file holds a `[scenario]` table (`name_en`, `name_zh`, optional `description_en`,
/// `description_zh`, `extends`, `residual_scale`) and `[[assumptions]]` entries. A scenario
/// that extends another inherits its settings and assumptions; an assumption with the same
/// `name` overrides the inherited one key by key, so a child states only what differs.
enum ScenarioLoader {
  static let scenarioKeys: Set<String> = [
    "name_en", "name_zh", "description_en", "description_zh", "extends", "residual_scale",
  ]
  static let assumptionKeys: Set<String> = [
    "name", "effect", "indicator", "areas", "years", "value", "distribution", "low", "high",
  ]

  /// One file as written, before inheritance.
  struct Draft {
    let id: String
    let path: String
    let extends: String?
    let fields: [String: Any]
    let residualScale: Double?
    let assumptions: [AssumptionDraft]
    let extendsLocation: SourceLocation
  }

  /// One `[[assumptions]]` entry as written: each key with its location.
  struct AssumptionDraft {
    let name: String
    var entries: [String: (section: TOMLSection, location: SourceLocation)]
  }

  /// Every scenario of `directory` that can be used, and the files that cannot (with why): a
  /// broken file costs only itself and the scenarios that extend it.
  static func load(directory: String, config: ModelConfig, catalog: IndicatorCatalog)
    -> (scenarios: [Scenario], skipped: [SkippedScenario])
  {
    let (drafts, unreadable) = parseDirectory(directory)
    var scenarios: [Scenario] = []
    var skipped = unreadable
    for id in drafts.keys.sorted() {
      do {
        scenarios.append(
          try resolve(id, drafts: drafts, skipped: unreadable, config: config, catalog: catalog))
      } catch {
        skipped.append(SkippedScenario(id: id, error: error))
      }
    }
    return (scenarios, skipped.sorted { $0.id < $1.id })
  }

  /// One scenario file, which may lie outside `directory`; its `extends` chain is resolved
  /// among the scenarios of `directory`.
  static func load(
    file: String, directory: String, config: ModelConfig, catalog: IndicatorCatalog
  ) throws(ModelError) -> Scenario {
    let name = URL(fileURLWithPath: file).lastPathComponent
    guard name.hasSuffix(".toml") else {
      throw ModelError(
        .invalidValue, at: SourceLocation(file: file, line: nil), "not a .toml scenario file",
        hint: "Pass a scenario name from scenarios/ or a path ending in .toml.")
    }
    let draft = try parse(path: file, id: String(name.dropLast(5)))
    var (drafts, unreadable) = parseDirectory(directory)
    drafts[draft.id] = draft
    return try resolve(
      draft.id, drafts: drafts, skipped: unreadable, config: config, catalog: catalog)
  }

  /// The drafts of every `.toml` file in `directory`, and the files that fail to parse.
  static func parseDirectory(_ directory: String) -> ([String: Draft], [SkippedScenario]) {
    let files =
      ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
      .filter { $0.hasSuffix(".toml") }.sorted()
    var drafts: [String: Draft] = [:]
    var skipped: [SkippedScenario] = []
    for file in files {
      let id = String(file.dropLast(5))
      let path = URL(fileURLWithPath: directory).appendingPathComponent(file).path
      do {
        drafts[id] = try parse(path: path, id: id)
      } catch {
        skipped.append(SkippedScenario(id: id, error: error))
      }
    }
    return (drafts, skipped)
  }

  static func parse(path: String, id: String) throws(ModelError) -> Draft {
    let doc = try TOMLDocument.load(path: path, hint: "")
    for key in doc.root.keys where key != "scenario" && key != "assumptions" {
      throw ModelError(
        .invalidValue, at: doc.location(section: "", index: nil, key: key), field: key,
        "unknown table or key '\(key)'",
        hint: "A scenario file has a [scenario] table and [[assumptions]] entries.")
    }
    guard let header = try doc.table("scenario") else {
      throw ModelError(
        .missingField, at: SourceLocation(file: path, line: nil), field: "scenario",
        "no [scenario] table", hint: "Start the file with [scenario] and name_en/name_zh.")
    }
    try header.rejectUnknownKeys(scenarioKeys)
    var fields: [String: Any] = [:]
    for key in ["name_en", "name_zh", "description_en", "description_zh"] {
      if let value = try header.optionalString(key) { fields[key] = value }
    }
    let scale = try header.optionalDouble("residual_scale")
    if let scale, !(0...AssumptionBounds.maximumResidualScale).contains(scale) {
      throw header.error(
        "residual_scale",
        "\(scale) is outside 0–\(Int(AssumptionBounds.maximumResidualScale)) (a multiple of the estimated shocks)",
        hint: "Use 1 for residuals as estimated, 1.5 to widen them by half, 0 to switch them off.")
    }
    var assumptions: [AssumptionDraft] = []
    for entry in try doc.arrayOfTables("assumptions") {
      try entry.rejectUnknownKeys(assumptionKeys)
      let name = try entry.string("name")
      if assumptions.contains(where: { $0.name == name }) {
        throw entry.error(
          "name", .duplicateRow, "a second assumption named '\(name)' in this file",
          hint: "Give each assumption a unique name.")
      }
      var entries: [String: (TOMLSection, SourceLocation)] = [:]
      for key in entry.keys { entries[key] = (entry, entry.location(key)) }
      assumptions.append(AssumptionDraft(name: name, entries: entries))
    }
    return Draft(
      id: id, path: path, extends: try header.optionalString("extends"), fields: fields,
      residualScale: scale, assumptions: assumptions, extendsLocation: header.location("extends"))
  }

  static func resolve(
    _ id: String, drafts: [String: Draft], skipped: [SkippedScenario], config: ModelConfig,
    catalog: IndicatorCatalog
  ) throws(ModelError) -> Scenario {
    // The chain from the scenario to its root, checking for cycles and unknown parents.
    var chain: [Draft] = []
    guard var current = drafts[id] else {
      throw ModelError(
        .missingFile, at: SourceLocation(file: id + ".toml", line: nil), "no such scenario",
        hint: "Scenarios: \(drafts.keys.sorted().joined(separator: ", ")).")
    }
    while true {
      chain.append(current)
      guard let parent = current.extends else { break }
      if let broken = skipped.first(where: { $0.id == parent }) {
        throw ModelError(
          .invalidValue, at: current.extendsLocation, field: "extends",
          "it extends '\(parent)', which cannot be used: \(broken.error.message)",
          hint: "Fix \(broken.error.location) first.")
      }
      guard let next = drafts[parent] else {
        throw ModelError(
          .invalidValue, at: current.extendsLocation, field: "extends",
          "no scenario named '\(parent)'",
          hint: "Scenarios here: \(drafts.keys.sorted().joined(separator: ", "))."
            + NameSuggestion.didYouMean(parent, among: drafts.keys))
      }
      if chain.contains(where: { $0.id == next.id }) {
        let cycle = (chain.map(\.id) + [next.id]).joined(separator: " → ")
        throw ModelError(
          .invalidValue, at: current.extendsLocation, field: "extends",
          "the scenarios extend each other in a cycle (\(cycle))",
          hint: "Make one of them extend nothing or another scenario.")
      }
      current = next
    }
    // Merge root first, so nearer scenarios override.
    var fields: [String: Any] = [:]
    var scale = 1.0
    var merged: [AssumptionDraft] = []
    for draft in chain.reversed() {
      fields.merge(draft.fields) { _, new in new }
      if let s = draft.residualScale { scale = s }
      for assumption in draft.assumptions {
        if let index = merged.firstIndex(where: { $0.name == assumption.name }) {
          // A value replaces an inherited distribution and vice versa.
          if assumption.entries["value"] != nil { merged[index].entries["distribution"] = nil }
          if assumption.entries["distribution"] != nil { merged[index].entries["value"] = nil }
          merged[index].entries.merge(assumption.entries) { _, new in new }
        } else {
          try checkNewAssumption(assumption, inherited: merged.map(\.name), in: draft)
          merged.append(assumption)
        }
      }
    }
    let own = chain[0]
    guard let nameEN = fields["name_en"] as? String, let nameZH = fields["name_zh"] as? String
    else {
      throw ModelError(
        .missingField, at: SourceLocation(file: own.path, line: nil), field: "name_en",
        "the scenario has no name_en/name_zh (nor inherits them)",
        hint: "Add name_en = \"…\" and name_zh = \"…\" to [scenario].")
    }
    let assumptions = try merged.map { (draft) throws(ModelError) -> Assumption in
      try AssumptionParser.parse(draft, config: config, catalog: catalog, file: own.path)
    }
    return Scenario(
      id: id, nameEN: nameEN, nameZH: nameZH,
      descriptionEN: fields["description_en"] as? String ?? "",
      descriptionZH: fields["description_zh"] as? String ?? "",
      ancestry: chain.dropFirst().map(\.id), residualScale: scale, assumptions: assumptions)
  }

  /// An assumption a scenario adds rather than overrides must say what it does: a name that is
  /// not inherited and comes without `effect` is most likely a misspelt override.
  static func checkNewAssumption(
    _ assumption: AssumptionDraft, inherited: [String], in draft: Draft
  ) throws(ModelError) {
    guard draft.extends != nil, assumption.entries["effect"] == nil,
      let name = assumption.entries["name"]
    else { return }
    let suggestion = NameSuggestion.closest(to: assumption.name, among: inherited)
    throw ModelError(
      .invalidValue, at: name.location, field: "name",
      "unknown assumption '\(assumption.name)': '\(draft.extends ?? "")' and its parents define "
        + "no assumption of that name, and a new one needs effect, indicator and value",
      hint: suggestion.map { "Did you mean '\($0)'?" }
        ?? "Inherited assumptions: \(inherited.joined(separator: ", ")).")
  }
}
