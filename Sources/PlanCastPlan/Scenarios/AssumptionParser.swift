import TOMLKit

/// Checks one merged `[[assumptions]]` entry; each key is read through the section of the file
/// that last set it, so messages point at the right file and line.
enum AssumptionParser {
  typealias Entries = [String: (section: TOMLSection, location: SourceLocation)]

  static func parse(
    _ draft: ScenarioLoader.AssumptionDraft, config: ModelConfig, catalog: IndicatorCatalog,
    file: String
  ) throws(ModelError) -> Assumption {
    let entries = draft.entries
    /// Where the assumption is written (a draft has at least one entry; else the file).
    let location = entries.values.first?.location ?? SourceLocation(file: file, line: nil)
    func section(_ key: String) throws(ModelError) -> TOMLSection {
      guard let entry = entries[key] else {
        throw ModelError(
          .missingField, at: location, field: key,
          "assumption '\(draft.name)' has no '\(key)'",
          hint: "Add \(key) = … to the assumption (or to the one it overrides).")
      }
      return entry.section
    }
    let effect = try section("effect").choice("effect", as: AssumptionEffect.self)
    let indicatorSection = try section("indicator")
    let indicator = try indicatorSection.string("indicator")
    guard catalog[indicator] != nil else {
      throw indicatorSection.error(
        "indicator", .unknownIndicator, "'\(indicator)' is not a declared indicator",
        hint: "Use an indicator from indicators.toml."
          + NameSuggestion.didYouMean(indicator, among: catalog.indicators.map(\.id)))
    }
    var areas: [String]?
    if entries["areas"] != nil {
      let s = try section("areas")
      let names = try s.stringArray("areas")
      for name in names where config.area(name) == nil {
        throw s.error(
          "areas", .unknownArea, "'\(name)' is not a declared area",
          hint: "Areas: \(config.areas.map(\.id).joined(separator: ", "))."
            + NameSuggestion.didYouMean(name, among: config.areas.map(\.id)))
      }
      areas = names
    }
    var years: [Int]?
    if entries["years"] != nil {
      let s = try section("years")
      if effect == .residualScale {
        throw s.error(
          "years", "residual_scale takes no years: it scales the series' shocks in every year",
          hint: "Drop years, or use a scenario's residual_scale for the whole run.")
      }
      let list = try s.optionalIntArray("years") ?? []
      for year in list where !config.yearRange.contains(year) {
        throw s.error(
          "years", .yearOutOfRange, "\(year) is outside \(config.firstYear)–\(config.lastYear)",
          hint: "List projected years, e.g. [2022, 2023].")
      }
      guard !list.isEmpty else {
        throw s.error("years", "the list is empty", hint: "List years or drop the key.")
      }
      years = list
    }
    let value = try parseValue(entries, name: draft.name, at: location)
    if effect == .residualScale, value.isRandom || value.central < 0 {
      let key = entries["value"] != nil ? "value" : "distribution"
      throw try section(key).error(
        key, "a residual scale must be a fixed value of 0 or more",
        hint: "Write value = 1.5 to widen shocks by half.")
    }
    let low = try entries["low"].map { (e) throws(ModelError) in try e.section.double("low") }
    let high = try entries["high"].map { (e) throws(ModelError) in try e.section.double("high") }
    if let low, let high, low >= high, let e = entries["high"] {
      throw e.section.error(
        "high", "high (\(high)) must exceed low (\(low))", hint: "Swap them or widen the range.")
    }
    if let kind = catalog[indicator]?.kind {
      try checkBounds(
        effect: effect, kind: kind, indicator: indicator, value: value, low: low, high: high,
        entries: entries)
    }
    return Assumption(
      name: draft.name, effect: effect, indicator: indicator, areas: areas, years: years,
      value: value, low: low, high: high,
      keyLocations: entries.mapValues(\.location))
  }

  /// The value, the support of a distribution, `low` and `high` must lie within
  /// ``AssumptionBounds/allowed(_:on:)``.
  static func checkBounds(
    effect: AssumptionEffect, kind: IndicatorKind, indicator: String, value: AssumptionValue,
    low: Double?, high: Double?, entries: Entries
  ) throws(ModelError) {
    guard let (range, meaning) = AssumptionBounds.allowed(effect, on: kind) else { return }
    let support = AssumptionBounds.support(of: value)
    let checks: [(key: String, lower: Double, upper: Double)] =
      [(entries["value"] != nil ? "value" : "distribution", support.lowerBound, support.upperBound)]
      + (low.map { [("low", $0, $0)] } ?? []) + (high.map { [("high", $0, $0)] } ?? [])
    for check in checks
    where !range.contains(check.lower) || !range.contains(check.upper) {
      guard let entry = entries[check.key] else { continue }
      let shown =
        check.lower == check.upper
        ? "\(check.lower)" : "a distribution reaching \(check.lower) … \(check.upper)"
      throw entry.section.error(
        check.key,
        "\(shown) is outside what \(effect.rawValue) on \(kind.rawValue) indicator "
          + "'\(indicator)' allows: \(meaning)",
        hint: effect == .growthShift || effect == .shock
          ? "Values are percentage points (−1.5 means 1.5 points lower), not % of the value."
          : "See Models/SCENARIOS.md for what each effect takes.")
    }
  }

  /// `value = 1.5` or `distribution = { normal = [mean, sd] }` (also `uniform = [lo, hi]`,
  /// `triangular = [lo, mode, hi]`): exactly one of the two.
  static func parseValue(_ entries: Entries, name: String, at location: SourceLocation)
    throws(ModelError) -> AssumptionValue
  {
    switch (entries["value"], entries["distribution"]) {
    case (let v?, nil):
      return .fixed(try v.section.double("value"))
    case (nil, let d?):
      return try parseDistribution(d.section)
    case (let v?, _?):
      throw v.section.error(
        "value", "both value and distribution are given",
        hint: "Keep value for a fixed number or distribution for an uncertain one.")
    case (nil, nil):
      throw ModelError(
        .missingField, at: location, field: "value",
        "assumption '\(name)' has neither value nor distribution",
        hint: "Add value = … or distribution = { normal = [mean, sd] }.")
    }
  }

  static func parseDistribution(_ s: TOMLSection) throws(ModelError) -> AssumptionValue {
    guard let table = s.table["distribution"]?.table, table.keys.count == 1,
      let kind = table.keys.first
    else {
      throw s.error(
        "distribution",
        "expected one of { normal = [mean, sd] }, { uniform = [low, high] }, "
          + "{ triangular = [low, mode, high] }",
        hint: "Write e.g. distribution = { normal = [2.0, 1.0] }.")
    }
    let numbers = table[kind]?.array?.compactMap { $0.double ?? $0.int.map(Double.init) } ?? []
    guard numbers.allSatisfy(\.isFinite) else {
      throw s.error(
        "distribution", .invalidNumber, "non-finite parameters", hint: "Use finite numbers.")
    }
    func impossible(_ why: String) -> ModelError {
      s.error(
        "distribution", "impossible \(kind) distribution: \(why)", hint: "Fix its parameters.")
    }
    switch kind {
    case "normal":
      guard numbers.count == 2 else { throw impossible("give [mean, sd]") }
      guard numbers[1] > 0 else { throw impossible("the standard deviation must be positive") }
      return .normal(mean: numbers[0], standardDeviation: numbers[1])
    case "uniform":
      guard numbers.count == 2 else { throw impossible("give [low, high]") }
      guard numbers[0] < numbers[1] else { throw impossible("low must be below high") }
      return .uniform(lower: numbers[0], upper: numbers[1])
    case "triangular":
      guard numbers.count == 3 else { throw impossible("give [low, mode, high]") }
      guard numbers[0] < numbers[2], numbers[0] <= numbers[1], numbers[1] <= numbers[2] else {
        throw impossible("need low ≤ mode ≤ high and low < high")
      }
      return .triangular(lower: numbers[0], mode: numbers[1], upper: numbers[2])
    default:
      throw s.error(
        "distribution", "unknown distribution '\(kind)'",
        hint: "Use normal, uniform or triangular.")
    }
  }
}
