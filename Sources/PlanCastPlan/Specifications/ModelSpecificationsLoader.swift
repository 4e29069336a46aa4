/// Reads and checks `models.toml`: a `[projection]` table of defaults and `[[models]]` entries.
package enum ModelSpecificationsLoader {
  static let entryKeys: Set<String> = [
    "indicator", "areas", "model", "breaks", "pulses", "order", "trend", "candidates", "fit_from",
    "real_growth", "scale", "reference_class",
  ]

  package static func load(path: String, config: ModelConfig, catalog: IndicatorCatalog)
    throws(ModelError) -> ModelSpecifications
  {
    let doc = try TOMLDocument.load(
      path: path, hint: "Add models.toml (see Models/README.md) to choose a model per indicator.")
    var selection = SelectionRule.aicc
    var fitFrom: Int?
    if let projection = try doc.table("projection") {
      try projection.rejectUnknownKeys(["selection", "fit_from"])
      if projection.has("selection") {
        selection = try projection.choice("selection", as: SelectionRule.self)
      }
      fitFrom = try projection.optionalInt("fit_from")
      if let year = fitFrom { try checkYear(year, key: "fit_from", in: projection, config: config) }
    }
    var declarations: [ModelDeclaration] = []
    for entry in try doc.arrayOfTables("models") {
      let declaration = try parse(entry, config: config, catalog: catalog, modelsPath: path)
      try checkNoClash(declaration, with: declarations, entry: entry)
      declarations.append(declaration)
    }
    return ModelSpecifications(selection: selection, fitFrom: fitFrom, declarations: declarations)
  }

  static func parse(
    _ s: TOMLSection, config: ModelConfig, catalog: IndicatorCatalog, modelsPath: String
  ) throws(ModelError) -> ModelDeclaration {
    try s.rejectUnknownKeys(entryKeys)
    let indicator = try knownIndicator(s, "indicator", catalog: catalog)
    var areas: [String]?
    if s.has("areas") {
      let names = try s.stringArray("areas")
      for name in names where config.area(name) == nil {
        throw s.error(
          "areas", .unknownArea, "'\(name)' is not a declared area",
          hint: "Use areas declared in model.toml: "
            + config.areas.map(\.id).joined(separator: ", ") + ".")
      }
      guard !names.isEmpty else {
        throw s.error("areas", "the list is empty", hint: "Name areas or drop the key.")
      }
      areas = names
    }
    let modelClass = try s.choice("model", as: ModelClass.self)
    var options = ModelOptions()
    options.breaks = try s.optionalBreakYears("breaks") ?? []
    options.pulses = try s.optionalIntArray("pulses") ?? []
    for year in options.breaks { try checkYear(year, key: "breaks", in: s, config: config) }
    for year in options.pulses { try checkYear(year, key: "pulses", in: s, config: config) }
    options.order = try s.optionalInt("order")
    if let order = options.order, !(0...4).contains(order) {
      throw s.error(
        "order", "order \(order) is outside 0…4",
        hint: "Short yearly series support AR orders 0 to 4; 1 is usual.")
    }
    if s.has("trend") {
      guard let flag = s.table["trend"]?.bool else {
        throw s.error("trend", "expected true or false", hint: "Write trend = true.")
      }
      options.trend = flag
    }
    if s.has("candidates") {
      for name in try s.stringArray("candidates") {
        guard let candidate = ModelClass(rawValue: name), candidate != .auto else {
          let allowed = ModelClass.allCases.filter { $0 != .auto }.map(\.rawValue)
          throw s.error(
            "candidates", "'\(name)' is not a model class",
            hint: "Use some of: \(allowed.joined(separator: ", ")).")
        }
        options.candidates.append(candidate)
      }
    }
    if modelClass == .auto, options.candidates.isEmpty {
      throw s.error(
        "candidates", .missingField, "model = \"auto\" needs candidates",
        hint: "Add candidates = [\"loglinear\", \"ar\", \"ets_damped\"] or similar.")
    }
    options.fitFrom = try s.optionalInt("fit_from")
    if let year = options.fitFrom { try checkYear(year, key: "fit_from", in: s, config: config) }
    if s.has("real_growth") {
      options.realGrowth = try knownIndicator(s, "real_growth", catalog: catalog)
    }
    if modelClass == .nominalGDP, options.realGrowth == nil {
      throw s.error(
        "real_growth", .missingField, "nominal_gdp needs the real growth indicator",
        hint: "Add real_growth = \"gdp_real_growth\".")
    }
    options.scale = try s.optionalDouble("scale")
    if let scale = options.scale, scale <= 0 {
      throw s.error("scale", "the scale must be positive", hint: "Use 100 for percentages.")
    }
    if s.has("reference_class") {
      guard modelClass == .ar else {
        throw s.error(
          "reference_class", "only model = \"ar\" can be calibrated on a reference class",
          hint: "Remove reference_class, or declare the indicator's model as ar.")
      }
      options.referenceClass = try ModelCalibrationLoader.link(
        s, indicator: indicator, options: options, modelsPath: modelsPath)
    }
    return ModelDeclaration(
      indicator: indicator, areas: areas, modelClass: modelClass, options: options,
      location: s.location("model"))
  }

  static func knownIndicator(_ s: TOMLSection, _ key: String, catalog: IndicatorCatalog)
    throws(ModelError) -> String
  {
    let name = try s.string(key)
    guard catalog[name] != nil else {
      throw s.error(
        key, .unknownIndicator, "'\(name)' is not a declared indicator",
        hint: "Declare it in indicators.toml or fix the name.")
    }
    return name
  }

  static func checkYear(_ year: Int, key: String, in s: TOMLSection, config: ModelConfig)
    throws(ModelError)
  {
    guard config.yearRange.contains(year) else {
      throw s.error(
        key, .yearOutOfRange,
        "\(year) is outside the model's years \(config.firstYear)–\(config.lastYear)",
        hint: "Use a year inside the range set in model.toml.")
    }
  }

  static func checkNoClash(
    _ declaration: ModelDeclaration, with earlier: [ModelDeclaration], entry: TOMLSection
  ) throws(ModelError) {
    for other in earlier where other.indicator == declaration.indicator {
      let overlap: Bool
      switch (other.areas, declaration.areas) {
      case (nil, nil): overlap = true
      case (let a?, let b?): overlap = !Set(a).isDisjoint(with: b)
      default: overlap = false
      }
      if overlap {
        throw entry.error(
          "areas", .duplicateRow,
          "a second model for \(declaration.indicator) in the same areas (first at \(other.location))",
          hint:
            "Keep one entry per indicator and area; per-area entries override one without areas.")
      }
    }
  }
}
