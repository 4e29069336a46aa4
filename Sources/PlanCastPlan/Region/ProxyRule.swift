/// A declared proxy: while a region's series cannot be computed from its members and no
/// regional figure is published, each year's value follows the first `sources` area with a
/// value in that year.
public struct ProxyRule: Sendable, Hashable {
  public let region: String
  public let indicator: String
  public let sources: [String]
  public let noteEN: String
  public let noteZH: String

  public init(region: String, indicator: String, sources: [String], noteEN: String, noteZH: String)
  {
    self.region = region
    self.indicator = indicator
    self.sources = sources
    self.noteEN = noteEN
    self.noteZH = noteZH
  }

  public func note(_ language: Language) -> String { language == .zh ? noteZH : noteEN }
}

/// Reads and checks `proxies.toml` (optional: a model without proxies omits the file).
package enum ProxyRulesLoader {
  package static func load(path: String, config: ModelConfig, catalog: IndicatorCatalog)
    throws(ModelError) -> [ProxyRule]
  {
    let doc = try TOMLDocument.load(path: path, hint: "")
    var rules: [ProxyRule] = []
    for s in try doc.arrayOfTables("proxies") {
      try s.rejectUnknownKeys(["region", "indicator", "sources", "note_en", "note_zh"])
      let region = try s.string("region")
      guard config.area(region)?.kind == .region else {
        throw s.error(
          "region", .unknownArea, "'\(region)' is not a declared region",
          hint: "Use a region declared in model.toml.")
      }
      let indicator = try s.string("indicator")
      guard catalog[indicator] != nil else {
        throw s.error(
          "indicator", .unknownIndicator, "'\(indicator)' is not a declared indicator",
          hint: "Declare it in indicators.toml or fix the name.")
      }
      let sources = try s.stringArray("sources")
      for source in sources where config.area(source) == nil {
        throw s.error(
          "sources", .unknownArea, "'\(source)' is not a declared area",
          hint: "Declare it in model.toml or fix the name.")
      }
      if rules.contains(where: { $0.region == region && $0.indicator == indicator }) {
        throw s.error(
          "indicator", "a second proxy for \(region) \(indicator)", hint: "Keep one rule.")
      }
      rules.append(
        ProxyRule(
          region: region, indicator: indicator, sources: sources,
          noteEN: try s.string("note_en"), noteZH: try s.string("note_zh")))
    }
    return rules
  }
}
