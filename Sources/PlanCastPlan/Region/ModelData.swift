/// All validated observations of a model, with lookups that return city series (observed
/// plus derived points) and region series (computed from members, else published, else a
/// declared proxy).
public struct ModelData: Sendable {
  public let config: ModelConfig
  public let catalog: IndicatorCatalog
  public let proxies: [ProxyRule]
  public let observations: [Observation]
  private let byKey: [String: [Observation]]

  public init(
    config: ModelConfig, catalog: IndicatorCatalog, proxies: [ProxyRule],
    observations: [Observation]
  ) {
    self.config = config
    self.catalog = catalog
    self.proxies = proxies
    self.observations = observations
    self.byKey = Dictionary(grouping: observations) { "\($0.area)|\($0.indicator)" }
  }

  /// The last year of any observation (nil without data).
  public var lastObservedYear: Int? { observations.map(\.year).max() }

  /// The rows of the data file for (area, indicator), as a series. For a region these are
  /// the figures published for the region as such.
  public func observedSeries(area: String, indicator: String) -> IndicatorSeries {
    let rows = byKey["\(area)|\(indicator)"] ?? []
    return IndicatorSeries(
      area: area, indicator: indicator, unit: catalog[indicator]?.unit ?? "",
      origin: config.area(area)?.kind == .region ? .published : .observed,
      points: rows.map { SeriesPoint(year: $0.year, value: $0.value, provenance: .observed($0)) })
  }

  /// The series of a city or reference area: observed rows plus, for an indicator with a
  /// `derive` rule, `share/100 × base` in years with no observed value but both inputs.
  public func areaSeries(area: String, indicator: String) -> IndicatorSeries {
    let observed = observedSeries(area: area, indicator: indicator)
    guard let derivation = catalog[indicator]?.derivation else { return observed }
    let share = observedSeries(area: area, indicator: derivation.share)
    let base = observedSeries(area: area, indicator: derivation.base)
    let have = Set(observed.years)
    let rule = "derived: \(derivation.share) × \(derivation.base) / 100"
    let derived = share.points.compactMap { s -> SeriesPoint? in
      guard !have.contains(s.year), let b = base.point(in: s.year) else { return nil }
      return SeriesPoint(
        year: s.year, value: s.value / 100 * b.value,
        provenance: .computed(
          rule: rule, inputs: s.provenance.observations + b.provenance.observations))
    }
    return IndicatorSeries(
      area: area, indicator: indicator, unit: observed.unit, origin: .observed,
      points: observed.points + derived)
  }

  /// The region's series computed from its members by the indicator's rule (empty when the
  /// rule is `none` or no year has every member's inputs).
  public func computedSeries(region: String, indicator: String) -> IndicatorSeries {
    guard let area = config.area(region), let ind = catalog[indicator] else {
      return IndicatorSeries(
        area: region, indicator: indicator, unit: "", origin: .observed, points: [])
    }
    let aggregator = RegionAggregator(rule: ind.aggregation.summary) {
      areaSeries(area: $0, indicator: $1)
    }
    return IndicatorSeries(
      area: region, indicator: indicator, unit: ind.unit,
      origin: .computed(rule: ind.aggregation.summary),
      points: aggregator.aggregate(region: area, indicator: ind))
  }

  /// The region's series under its proxy rule, if one is declared.
  public func proxySeries(region: String, indicator: String, language: Language = .en)
    -> IndicatorSeries?
  {
    guard let rule = proxyRule(region: region, indicator: indicator) else { return nil }
    let sources = rule.sources.map { observedSeries(area: $0, indicator: indicator) }
    let years = Set(sources.flatMap(\.years)).sorted()
    let note = rule.note(language)
    let points = years.compactMap { year -> SeriesPoint? in
      for source in sources {
        if let p = source.point(in: year), case .observed(let o) = p.provenance {
          return SeriesPoint(
            year: year, value: p.value,
            provenance: .proxy(area: source.area, note: note, observation: o))
        }
      }
      return nil
    }
    return IndicatorSeries(
      area: region, indicator: indicator, unit: catalog[indicator]?.unit ?? "",
      origin: .proxy(note: note), points: points)
  }

  /// The declared proxy rule for (region, indicator), if any.
  public func proxyRule(region: String, indicator: String) -> ProxyRule? {
    proxies.first { $0.region == region && $0.indicator == indicator }
  }

  /// The series to use for (area, indicator). For a city or reference area: its
  /// ``areaSeries(area:indicator:)``. For a region, in order: computed from the members (with
  /// the figures published for the region in the years the members cannot give), the figures
  /// published for the region, the proxy. Returns nil when none has a point.
  public func series(area: String, indicator: String, language: Language = .en)
    -> IndicatorSeries?
  {
    guard let kind = config.area(area)?.kind else { return nil }
    if kind != .region {
      let s = areaSeries(area: area, indicator: indicator)
      return s.isEmpty ? nil : s
    }
    let computed = computedSeries(region: area, indicator: indicator)
    let published = observedSeries(area: area, indicator: indicator)
    if !computed.isEmpty {
      let have = Set(computed.years)
      let filled = published.points.filter { !have.contains($0.year) }
      guard !filled.isEmpty else { return computed }
      return IndicatorSeries(
        area: area, indicator: indicator, unit: computed.unit, origin: computed.origin,
        points: computed.points + filled)
    }
    if !published.isEmpty { return published }
    if let proxy = proxySeries(region: area, indicator: indicator, language: language),
      !proxy.isEmpty
    {
      return proxy
    }
    return nil
  }
}
