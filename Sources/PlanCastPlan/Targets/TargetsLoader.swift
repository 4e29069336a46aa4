/// Reads and checks `targets.toml` against the model's areas, units and indicators.
package enum TargetsLoader {
  private static let targetKeys: Set<String> = [
    "id", "name_zh", "name_en", "indicator", "region", "comparator", "value", "tolerance", "unit",
    "year", "form", "base_year", "period_start", "wording_zh", "note",
  ]

  private enum FormName: String, CaseIterable {
    case level, share
    case averageGrowth = "average_growth"
    case changeVersusBase = "change_vs_base"
    case cumulative
  }

  package static func load(path: String, config: ModelConfig, catalog: IndicatorCatalog)
    throws(ModelError) -> PlanTargets
  {
    let doc = try TOMLDocument.load(
      path: path, hint: "A model directory needs targets.toml (see Models/README.md).")
    var targets: [Target] = []
    var ids: Set<String> = []
    for s in try doc.arrayOfTables("targets") {
      let target = try self.target(s, config: config, catalog: catalog)
      guard ids.insert(target.id).inserted else {
        throw s.error(
          "id", "target id '\(target.id)' is used twice", hint: "Give each target its own id.")
      }
      targets.append(target)
    }
    guard !targets.isEmpty else {
      throw ModelError(
        .missingField, at: SourceLocation(file: path, line: nil), field: "targets",
        "the plan has no [[targets]]: nothing to measure or forecast",
        hint:
          "Add at least one [[targets]] table (id, indicator, region, comparator, value, unit, year, form); see Models/README.md."
      )
    }
    var goals: [QualitativeGoal] = []
    for s in try doc.arrayOfTables("goals") {
      try s.rejectUnknownKeys(["id", "name_zh", "name_en", "region", "year", "wording_zh"])
      let region = try s.string("region")
      try checkArea(region, s, config: config)
      let year = try s.int("year")
      try checkYear(year, "year", s, config: config)
      let goal = QualitativeGoal(
        id: try s.string("id"), nameZH: try s.string("name_zh"), nameEN: try s.string("name_en"),
        region: region, year: year, wordingZH: try s.string("wording_zh"))
      guard ids.insert(goal.id).inserted else {
        throw s.error("id", "id '\(goal.id)' is used twice", hint: "Give each goal its own id.")
      }
      goals.append(goal)
    }
    return PlanTargets(targets: targets, goals: goals)
  }

  private static func target(_ s: TOMLSection, config: ModelConfig, catalog: IndicatorCatalog)
    throws(ModelError) -> Target
  {
    try s.rejectUnknownKeys(targetKeys)
    let id = try s.string("id")
    let indicatorID = try s.string("indicator")
    guard let indicator = catalog[indicatorID] else {
      throw s.error(
        "indicator", .noDataRule,
        "target \(id) names indicator '\(indicatorID)', which indicators.toml does not declare, so it has no unit or region rule",
        hint:
          "Declare [\(indicatorID)] in indicators.toml (aggregation = \"none\" if no rule applies) or fix the name."
      )
    }
    let region = try s.string("region")
    try checkArea(region, s, config: config)
    let comparatorText = try s.string("comparator")
    guard let comparator = TargetComparator(text: comparatorText) else {
      let allowed = TargetComparator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      throw s.error(
        "comparator", "'\(comparatorText)' is not a comparator", hint: "Use one of \(allowed).")
    }
    let tolerance = try s.optionalDouble("tolerance")
    if comparator == .about && (tolerance ?? -1) < 0 {
      throw s.error(
        "tolerance", .missingField, "a '~' (about) target needs a non-negative tolerance",
        hint: "Add e.g. tolerance = 0.25 (same unit as value).")
    }
    let year = try s.int("year")
    try checkYear(year, "year", s, config: config)
    guard year >= config.baseYear else {
      throw s.error(
        "year", .yearOutOfRange,
        "target \(id) is for \(year), before the plan's base year \(config.baseYear) (plan_start \(config.planStart) − 1)",
        hint:
          "A target lies in the plan period \(config.planStart)–\(config.planEnd) or later; correct the year."
      )
    }
    let form = try self.form(s, year: year, indicator: indicator, config: config)
    let unit = try s.string("unit")
    guard config.units[unit] != nil else {
      throw s.error(
        "unit", .unknownUnit, "unit '\(unit)' is not declared in model.toml",
        hint: "Use a unit declared under [units] in model.toml.")
    }
    let expected: String
    switch form {
    case .averageGrowth, .changeVersusBase: expected = "pct"
    case .level, .share, .cumulative: expected = indicator.unit
    }
    guard unit == expected else {
      throw s.error(
        "unit", .unknownUnit,
        "unit '\(unit)' does not fit: this target is measured in '\(expected)'",
        hint: "Write unit = \"\(expected)\" and the value in that unit.")
    }
    return Target(
      id: id, nameZH: try s.string("name_zh"), nameEN: try s.string("name_en"),
      indicator: indicatorID, region: region, comparator: comparator, value: try s.double("value"),
      tolerance: tolerance, unit: unit, year: year, form: form,
      wordingZH: try s.string("wording_zh"), note: try s.optionalString("note"))
  }

  private static func form(
    _ s: TOMLSection, year: Int, indicator: Indicator, config: ModelConfig
  ) throws(ModelError) -> TargetForm {
    let name = try s.choice("form", as: FormName.self)
    func start(_ key: String) throws(ModelError) -> Int {
      let y = try s.int(key)
      try checkYear(y, key, s, config: config)
      guard y <= year else {
        throw s.error(
          key, .yearOutOfRange, "\(key) \(y) is after the target year \(year)",
          hint: "Correct the year.")
      }
      return y
    }
    func requireRate() throws(ModelError) {
      guard indicator.kind == .rate else {
        throw s.error(
          "form",
          "form '\(name.rawValue)' compounds annual rates and needs an indicator of kind \"rate\"; '\(indicator.id)' is a \(indicator.kind.rawValue)",
          hint:
            "Use the indicator's yearly % change (kind = \"rate\") or, for a \(indicator.kind.rawValue), form = \"\(indicator.kind == .share ? "share" : "level")\" with the value the target implies."
        )
      }
    }
    switch name {
    case .level, .share:
      guard indicator.kind != .rate else {
        throw s.error(
          "form",
          "'\(indicator.id)' is an annual rate; a \(name.rawValue) target on it is not defined",
          hint: "Use form = \"average_growth\" or \"change_vs_base\".")
      }
      return name == .level ? .level : .share
    case .averageGrowth:
      try requireRate()
      return .averageGrowth(periodStart: try start("period_start"))
    case .changeVersusBase:
      try requireRate()
      let base = try start("base_year")
      guard base < year else {
        throw s.error(
          "base_year", .yearOutOfRange, "base_year must be before the target year",
          hint: "Correct the year.")
      }
      return .changeVersusBase(baseYear: base)
    case .cumulative:
      guard indicator.kind == .level else {
        throw s.error(
          "form",
          "form 'cumulative' sums yearly values, which needs a level indicator; '\(indicator.id)' is a \(indicator.kind.rawValue)",
          hint:
            indicator.kind == .rate
            ? "For a change over the period compounded from annual rates use form = \"change_vs_base\"; for the mean rate \"average_growth\"."
            : "Use form = \"share\" for the share in the target year.")
      }
      return .cumulative(periodStart: try start("period_start"))
    }
  }

  private static func checkArea(_ id: String, _ s: TOMLSection, config: ModelConfig)
    throws(ModelError)
  {
    guard config.area(id) != nil else {
      throw s.error(
        "region", .unknownArea, "'\(id)' is not an area declared in model.toml",
        hint: "Use one of \(config.areas.map(\.id).joined(separator: ", ")).")
    }
  }

  private static func checkYear(_ year: Int, _ key: String, _ s: TOMLSection, config: ModelConfig)
    throws(ModelError)
  {
    guard config.yearRange.contains(year) else {
      throw s.error(
        key, .yearOutOfRange, "\(year) is outside \(config.firstYear)…\(config.lastYear)",
        hint: "Correct the year or widen the range in model.toml.")
    }
  }
}
