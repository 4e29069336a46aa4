import PlanCastForecasting
import PlanCastPlan

/// Builds the engine's series: each (area, indicator) fitted once, through the last year any
/// target needs; an indicator with a `derive` rule (urban population = urbanisation rate ×
/// resident population) as the product of its two components when both have a declared model
/// and data for the area, so that the three are coherent on every draw.
struct SeriesAssembly {
  let model: PlanModel
  let projection: ProjectionEngine
  /// The last year each "area|indicator" must be projected to, over every target that reads
  /// it directly or through a product.
  let needed: [String: Int]
  private(set) var series: [SimulatedSeries] = []
  private(set) var dimension = 0

  init(model: PlanModel) {
    self.model = model
    projection = ProjectionEngine(model: model)
    var needed: [String: Int] = [:]
    for t in model.plan.targets {
      var indicators = [t.indicator]
      if let d = model.data.catalog[t.indicator]?.derivation { indicators += [d.share, d.base] }
      for indicator in indicators {
        needed["\(t.region)|\(indicator)"] = Swift.max(
          needed["\(t.region)|\(indicator)"] ?? t.year, t.year)
      }
    }
    self.needed = needed
  }

  /// The index of the series of (area, indicator), built on first use: a product where the
  /// rule applies, else the declared model fitted to the data.
  mutating func index(area: String, indicator: String) throws -> Int {
    if let k = series.firstIndex(where: { $0.area == area && $0.indicator == indicator }) {
      return k
    }
    if let k = try product(area: area, indicator: indicator) { return k }
    return try fitted(area: area, indicator: indicator)
  }

  private func request(_ area: String, _ indicator: String) -> ProjectionRequest {
    ProjectionRequest(toYear: needed["\(area)|\(indicator)"] ?? model.config.planEnd)
  }

  private mutating func fitted(area: String, indicator: String) throws -> Int {
    let request = request(area, indicator)
    let fit = try projection.fit(area: area, indicator: indicator, request: request)
    guard let last = fit.history.lastYear, let info = model.data.catalog[indicator] else {
      throw ForecastError.invalidSeries("\(area) \(indicator)", "no observations")
    }
    let key = "\(area)|\(indicator)"
    let s = SimulatedSeries(
      area: area, indicator: indicator, kind: info.kind, trend: info.trend,
      source: .model(fit.fitted), modelName: fit.fitted.name,
      observed: Dictionary(uniqueKeysWithValues: zip(fit.history.years, fit.history.values)),
      lastObserved: last, lastYear: Swift.max(needed[key] ?? last, last),
      proxyNote: fit.proxyNote,
      evidence: try? projection.evidence(area: area, indicator: indicator, request: request),
      followsIndicator: model.specifications?.declaration(indicator: indicator, area: area)?
        .options.realGrowth,
      componentOffset: dimension, streamKey: stableHash("series:" + key))
    dimension += s.components
    series.append(s)
    return series.count - 1
  }

  /// The product series of (area, indicator), or nil when no `derive` rule applies (no rule, a
  /// component without a declared model or data in the area or that cannot be fitted, or no
  /// data of its own).
  private mutating func product(area: String, indicator: String) throws -> Int? {
    guard let info = model.data.catalog[indicator],
      let rule = projection.productRule(area: area, indicator: indicator),
      // A component that cannot be fitted leaves the indicator to its own model.
      let share = try? index(area: area, indicator: rule.share),
      let base = try? index(area: area, indicator: rule.base)
    else { return nil }
    let history = try projection.history(
      area: area, indicator: indicator, request: request(area, indicator)
    ).series
    guard let last = history.lastYear else { return nil }
    let lastYear = Swift.max(needed["\(area)|\(indicator)"] ?? last, last)
    let components = [series[share], series[base]]
    let notes = components.compactMap(\.proxyNote)
    // The thinner component's evidence stands for the product.
    let evidence = components.compactMap(\.evidence).min {
      ($0.isThin ? 0 : 1, $0.observations) < ($1.isThin ? 0 : 1, $1.observations)
    }
    let s = SimulatedSeries(
      area: area, indicator: indicator, kind: info.kind, trend: info.trend,
      source: .product(
        SeriesProduct(
          share: share, of: series[share], base: base, of: series[base],
          firstProjected: last + 1, horizon: lastYear - last)),
      modelName: rule.productName,
      observed: Dictionary(uniqueKeysWithValues: zip(history.years, history.values)),
      lastObserved: last, lastYear: lastYear,
      proxyNote: notes.isEmpty ? nil : notes.joined(separator: "; "), evidence: evidence,
      followsIndicator: nil, componentOffset: dimension,
      streamKey: stableHash("series:\(area)|\(indicator)"))
    series.append(s)
    return series.count - 1
  }
}
