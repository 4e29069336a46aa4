/// The indicators declared in `indicators.toml`, by id.
public struct IndicatorCatalog: Sendable {
  /// Indicators in declaration order.
  public let indicators: [Indicator]

  public init(indicators: [Indicator]) { self.indicators = indicators }

  public subscript(id: String) -> Indicator? { indicators.first { $0.id == id } }
}

/// Reads and checks `indicators.toml` against the model's units.
package enum IndicatorCatalogLoader {
  private static let keys: Set<String> = [
    "name_en", "name_zh", "unit", "kind", "trend", "aggregation", "numerator", "denominator",
    "scale", "weight", "weight_lag", "breaks", "derive", "plausible",
  ]

  package static func load(path: String, config: ModelConfig) throws(ModelError) -> IndicatorCatalog {
    let doc = try TOMLDocument.load(
      path: path, hint: "A model directory needs indicators.toml (see Models/README.md).")
    var indicators: [Indicator] = []
    let sections = try doc.allTables()
    for section in sections {
      indicators.append(try indicator(section, config: config))
    }
    let ids = Set(indicators.map(\.id))
    for (indicator, section) in zip(indicators, sections) {
      try checkReferences(indicator, section: section, ids: ids)
    }
    return IndicatorCatalog(indicators: indicators)
  }

  /// Every declared break year must have observations of its indicator on both sides (some
  /// year before it and some year from it on); otherwise it breaks nothing and is an error at
  /// its line in `indicators.toml`.
  package static func checkBreaks(path: String, catalog: IndicatorCatalog, observations: [Observation])
    throws(ModelError)
  {
    let doc = try TOMLDocument.load(
      path: path, hint: "A model directory needs indicators.toml (see Models/README.md).")
    let years = Dictionary(grouping: observations, by: \.indicator).mapValues { rows in
      rows.map(\.year)
    }
    for section in try doc.allTables() {
      guard let indicator = catalog[section.section], !indicator.breaks.isEmpty else { continue }
      let observed = years[indicator.id] ?? []
      for year in indicator.breaks {
        guard observed.contains(where: { $0 < year }), observed.contains(where: { $0 >= year })
        else {
          let span = observed.min().map { "\($0)–\(observed.max() ?? $0)" } ?? "none"
          throw section.error(
            "breaks", .yearOutOfRange,
            "break year \(year) is outside the data of \(indicator.id) (observed years: \(span)):"
              + " a break needs observations before it and from it on",
            hint: "Correct the year, or remove it until data on the new basis are added.")
        }
      }
    }
  }

  private static func indicator(_ s: TOMLSection, config: ModelConfig) throws(ModelError)
    -> Indicator
  {
    try s.rejectUnknownKeys(keys)
    let unit = try s.string("unit")
    guard config.units[unit] != nil else {
      throw s.error(
        "unit", .unknownUnit, "unit '\(unit)' is not declared in model.toml",
        hint: "Declare it under [units] in model.toml or use a declared unit.")
    }
    let kind = try s.choice("kind", as: IndicatorKind.self)
    let trend: TrendMeasure? =
      kind == .rate ? nil : try s.choice("trend", as: TrendMeasure.self)
    let breaks = try s.optionalBreakYears("breaks") ?? []
    for year in breaks where !config.yearRange.contains(year) {
      throw s.error(
        "breaks", .yearOutOfRange,
        "break year \(year) is outside \(config.firstYear)…\(config.lastYear)",
        hint: "Correct the year.")
    }
    var derivation: Derivation?
    if let d = try s.subtable("derive") {
      derivation = Derivation(share: try d.string("share"), base: try d.string("base"))
    }
    var plausible: ClosedRange<Double>?
    if s.has("plausible") {
      let bounds = try s.doubleArray("plausible")
      guard bounds.count == 2, bounds[0] < bounds[1] else {
        throw s.error(
          "plausible", .invalidValue, "plausible must be [low, high] with low < high",
          hint: "E.g. plausible = [-50, 50] for a rate that never moves more than 50 % a year.")
      }
      plausible = bounds[0]...bounds[1]
    }
    return Indicator(
      id: s.section, nameEN: try s.string("name_en"), nameZH: try s.string("name_zh"),
      unit: unit, kind: kind, trend: trend, aggregation: try aggregation(s), breaks: breaks,
      derivation: derivation, plausibleRange: plausible)
  }

  private enum Rule: String, CaseIterable {
    case sum
    case ratioOfSums = "ratio_of_sums"
    case weightedMean = "weighted_mean"
    case none
  }

  private static func aggregation(_ s: TOMLSection) throws(ModelError) -> Aggregation {
    switch try s.choice("aggregation", as: Rule.self) {
    case .sum: return .sum
    case .none: return .none
    case .ratioOfSums:
      return .ratioOfSums(
        numerator: try s.string("numerator"), denominator: try s.string("denominator"),
        scale: try s.optionalDouble("scale") ?? 1)
    case .weightedMean:
      let lag = try s.optionalInt("weight_lag") ?? 0
      guard lag >= 0 else {
        throw s.error("weight_lag", "must be 0 or more", hint: "Use 0 (same year) or 1 (chaining).")
      }
      return .weightedMean(weight: try s.string("weight"), lag: lag)
    }
  }

  private static func checkReferences(
    _ indicator: Indicator, section s: TOMLSection, ids: Set<String>
  ) throws(ModelError) {
    var refs: [(String, String)] = []
    switch indicator.aggregation {
    case .ratioOfSums(let n, let d, _): refs += [("numerator", n), ("denominator", d)]
    case .weightedMean(let w, _): refs.append(("weight", w))
    case .sum, .none: break
    }
    if let d = indicator.derivation { refs += [("derive", d.share), ("derive", d.base)] }
    for (field, ref) in refs where !ids.contains(ref) {
      throw s.error(
        field, .unknownIndicator, "'\(ref)' is not a declared indicator",
        hint: "Declare [\(ref)] in indicators.toml or fix the name.")
    }
  }
}
