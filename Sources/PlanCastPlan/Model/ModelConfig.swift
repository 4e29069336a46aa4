/// The contents of `model.toml`: the plan's period, the year range, the areas and units.
public struct ModelConfig: Sendable {
  public let id: String
  public let nameEN: String
  public let nameZH: String
  /// First and last year of the plan period (e.g. 2021 and 2025).
  public let planStart: Int
  public let planEnd: Int
  /// Observations and targets must fall in `firstYear...lastYear`.
  public let firstYear: Int
  public let lastYear: Int
  /// Years of change averaged for a target's recent annual change.
  public let recentWindow: Int
  /// The insufficient-data rule, if the model declares one.
  public let sufficiency: DataSufficiency?
  /// Areas in declaration order.
  public let areas: [Area]
  public let units: [String: UnitInfo]

  public init(
    id: String, nameEN: String, nameZH: String, planStart: Int, planEnd: Int, firstYear: Int,
    lastYear: Int, recentWindow: Int, sufficiency: DataSufficiency? = nil, areas: [Area],
    units: [String: UnitInfo]
  ) {
    self.id = id
    self.nameEN = nameEN
    self.nameZH = nameZH
    self.planStart = planStart
    self.planEnd = planEnd
    self.firstYear = firstYear
    self.lastYear = lastYear
    self.recentWindow = recentWindow
    self.sufficiency = sufficiency
    self.areas = areas
    self.units = units
  }

  public var yearRange: ClosedRange<Int> { firstYear...lastYear }

  /// The plan's base year, the year before the plan period: data older than this are stale.
  public var baseYear: Int { planStart - 1 }

  /// The area with this id, if declared.
  public func area(_ id: String) -> Area? { areas.first { $0.id == id } }
}

/// Reads and checks `model.toml`.
package enum ModelConfigLoader {
  package static func load(path: String) throws(ModelError) -> ModelConfig {
    let doc = try TOMLDocument.load(
      path: path, hint: "A model directory needs model.toml (see Models/README.md).")
    guard let model = try doc.table("model") else {
      throw ModelError(
        .missingField, at: SourceLocation(file: path, line: nil), field: "model",
        "no [model] table", hint: "Add a [model] table (see Models/README.md).")
    }
    try model.rejectUnknownKeys([
      "id", "name_en", "name_zh", "plan_start", "plan_end", "first_year", "last_year",
      "recent_window", "min_observations", "observation_window",
    ])
    let firstYear = try model.int("first_year")
    let lastYear = try model.int("last_year")
    for (key, year) in [("first_year", firstYear), ("last_year", lastYear)]
    where !(0...9999).contains(year) {
      throw model.error(
        key, .yearOutOfRange, "\(year) is not a calendar year (0…9999)",
        hint: "Give the first and last years the model's data and targets may use.")
    }
    guard firstYear <= lastYear else {
      throw model.error(
        "last_year", "last_year \(lastYear) is before first_year \(firstYear)",
        hint: "Swap or correct the years.")
    }
    let planStart = try model.int("plan_start")
    let planEnd = try model.int("plan_end")
    for (key, year) in [("plan_start", planStart), ("plan_end", planEnd)]
    where !(firstYear...lastYear).contains(year) {
      throw model.error(
        key, .yearOutOfRange, "\(year) is outside first_year…last_year (\(firstYear)…\(lastYear))",
        hint: "Widen the year range or correct the year.")
    }
    guard planStart <= planEnd else {
      throw model.error(
        "plan_end", "plan_end \(planEnd) is before plan_start \(planStart)",
        hint: "Correct the plan period.")
    }
    let window = try model.optionalInt("recent_window") ?? 5
    guard window >= 1 else {
      throw model.error("recent_window", "must be at least 1", hint: "Use e.g. recent_window = 5.")
    }
    return ModelConfig(
      id: try model.string("id"), nameEN: try model.string("name_en"),
      nameZH: try model.string("name_zh"), planStart: planStart, planEnd: planEnd,
      firstYear: firstYear, lastYear: lastYear, recentWindow: window,
      sufficiency: try loadSufficiency(model), areas: try loadAreas(doc), units: try loadUnits(doc))
  }

  /// `min_observations` and `observation_window`: both or neither, each at least 1, the
  /// count no larger than the window.
  private static func loadSufficiency(_ model: TOMLSection) throws(ModelError) -> DataSufficiency? {
    let count = try model.optionalInt("min_observations")
    let window = try model.optionalInt("observation_window")
    switch (count, window) {
    case (nil, nil): return nil
    case (nil, _):
      throw model.error(
        "min_observations", .missingField, "observation_window is set without min_observations",
        hint: "Add e.g. min_observations = 5, or drop observation_window.")
    case (_, nil):
      throw model.error(
        "observation_window", .missingField, "min_observations is set without observation_window",
        hint: "Add e.g. observation_window = 10, or drop min_observations.")
    case (let count?, let window?):
      guard count >= 1, window >= count else {
        throw model.error(
          "min_observations",
          "min_observations \(count) must be at least 1 and at most observation_window \(window)",
          hint: "Use e.g. min_observations = 5 with observation_window = 10.")
      }
      return DataSufficiency(minObservations: count, window: window)
    }
  }

  private static func loadAreas(_ doc: TOMLDocument) throws(ModelError) -> [Area] {
    var areas: [Area] = []
    let sections = try doc.arrayOfTables("areas")
    for section in sections {
      try section.rejectUnknownKeys(["id", "kind", "name_en", "name_zh", "members"])
      let id = try section.string("id")
      if areas.contains(where: { $0.id == id }) {
        throw section.error("id", "area '\(id)' is declared twice", hint: "Remove one declaration.")
      }
      let kind = try section.choice("kind", as: AreaKind.self)
      let members = section.has("members") ? try section.stringArray("members") : []
      if kind != .region && !members.isEmpty {
        throw section.error(
          "members", "only a region has members", hint: "Set kind = \"region\" or drop members.")
      }
      if let twice = members.enumerated().first(where: {
        members[..<$0.offset].contains($0.element)
      }) {
        throw section.error(
          "members",
          "'\(twice.element)' is listed twice as a member of '\(id)': it would be counted twice",
          hint: "List each member city once.")
      }
      areas.append(
        Area(
          id: id, kind: kind, nameEN: try section.string("name_en"),
          nameZH: try section.string("name_zh"), members: members))
    }
    for (area, section) in zip(areas, sections) {
      for member in area.members {
        guard let m = areas.first(where: { $0.id == member }), m.kind == .city else {
          throw section.error(
            "members", .unknownArea, "member '\(member)' of '\(area.id)' is not a declared city",
            hint: "Declare it as [[areas]] with kind = \"city\" or fix the name.")
        }
      }
    }
    if areas.isEmpty {
      throw ModelError(
        .missingField, at: SourceLocation(file: doc.path, line: nil), field: "areas",
        "no [[areas]] declared", hint: "Declare the region, its cities and reference areas.")
    }
    return areas
  }

  private static func loadUnits(_ doc: TOMLDocument) throws(ModelError) -> [String: UnitInfo] {
    guard let table = try doc.table("units") else {
      throw ModelError(
        .missingField, at: SourceLocation(file: doc.path, line: nil), field: "units",
        "no [units] table", hint: "Declare the units, e.g. pct = { en = \"%\", zh = \"%\" }.")
    }
    var units: [String: UnitInfo] = [:]
    for key in table.keys {
      guard let unit = try table.subtable(key) else { continue }
      units[key] = UnitInfo(
        id: key, nameEN: try unit.string("en"), nameZH: try unit.string("zh"))
    }
    return units
  }
}
