/// The names a model gives its areas, indicators, units and proxy rules in an output language.
extension ModelData {
  /// The area's name in `language` (its id when the model does not declare it).
  public func areaName(_ id: String, _ language: Language) -> String {
    config.area(id)?.name(language) ?? id
  }

  /// The indicator's name in `language` (its id when the catalogue does not hold it).
  public func indicatorName(_ id: String, _ language: Language) -> String {
    catalog[id]?.name(language) ?? id
  }

  /// The unit of a quantity as tables show it: `%` for percentages, else the declared unit's
  /// name in `language` (its id when undeclared).
  public func displayUnit(_ id: String, _ language: Language) -> String {
    id == "pct" ? "%" : config.units[id]?.name(language) ?? id
  }

  /// The declared proxy rule's note for (region, indicator) in `language`, if there is a rule.
  public func proxyNote(region: String, indicator: String, _ language: Language) -> String? {
    proxyRule(region: region, indicator: indicator)?.note(language)
  }
}
