import PlanCastPlan

/// What to project.
public struct ProjectionRequest: Sendable {
  /// Last year to project.
  public var toYear: Int
  /// Restrict to these areas / indicators (`nil`: all declared).
  public var areas: [String]?
  public var indicators: [String]?
  /// Simulated paths for models without an exact forecast, and their seed.
  public var paths: Int
  public var seed: UInt64

  public init(
    toYear: Int, areas: [String]? = nil, indicators: [String]? = nil,
    paths: Int = 5000, seed: UInt64 = 1
  ) {
    self.toYear = toYear
    self.areas = areas
    self.indicators = indicators
    self.paths = paths
    self.seed = seed
  }
}

/// The projection of one (area, indicator), or why there is none.
public struct SeriesProjection: Sendable {
  public let area: String
  public let indicator: String
  public let unit: String
  /// The data the model was fitted to (after `fit_from` and `--as-of`).
  public let history: YearlySeries
  /// Set when the series is a proxy for the area.
  public let proxyNote: String?
  /// The fitted model and its forecast, or the reason it failed.
  public let outcome: Result<(fitted: any FittedModel, forecast: Forecast), ForecastError>
}

/// Fits each declared (area, indicator) of a plan model and projects it to a year.
public struct ProjectionEngine: Sendable {
  public let model: PlanModel

  public init(model: PlanModel) {
    self.model = model
  }

  /// The (area, indicator) pairs that a request covers, in declaration order: the declared
  /// areas, or every city and region with data.
  public func pairs(_ request: ProjectionRequest) -> [(area: String, indicator: String)] {
    guard let specs = model.specifications else { return [] }
    let indicators = specs.indicators.filter { request.indicators?.contains($0) ?? true }
    var pairs: [(String, String)] = []
    for indicator in indicators {
      let areas =
        model.config.areas.filter { $0.kind != .reference }.map(\.id)
        + model.config.areas.filter { $0.kind == .reference }.map(\.id)
      for area in areas where request.areas?.contains(area) ?? true {
        guard let declaration = specs.declaration(indicator: indicator, area: area) else {
          continue
        }
        let explicit = declaration.areas?.contains(area) == true
        let isReference = model.config.area(area)?.kind == .reference
        guard explicit || (!isReference && declaration.areas == nil) else { continue }
        guard let series = model.data.series(area: area, indicator: indicator), !series.isEmpty
        else { continue }
        pairs.append((area, indicator))
      }
    }
    return pairs
  }

  /// Projects every pair of the request. A series that cannot be modelled gets a failure with
  /// a message naming it; the others go on.
  public func project(_ request: ProjectionRequest) -> [SeriesProjection] {
    pairs(request).map { project(area: $0.area, indicator: $0.indicator, request: request) }
  }

  /// The data window of a series: from `fit_from` on (cut the model with
  /// `PlanModel.through(_:)` to see only data up to a year).
  public func history(area: String, indicator: String, request: ProjectionRequest) throws
    -> (series: YearlySeries, proxy: String?)
  {
    guard let source = model.data.series(area: area, indicator: indicator) else {
      throw ForecastError.invalidSeries("\(area) \(indicator)", "no data")
    }
    let declaration = model.specifications?.declaration(indicator: indicator, area: area)
    let from = declaration?.options.fitFrom ?? model.specifications?.fitFrom ?? Int.min
    let points = source.points.filter { $0.year >= from }
    let series = try YearlySeries(
      name: "\(area) \(indicator)", years: points.map(\.year), values: points.map(\.value))
    return (series, source.origin.proxyNote)
  }

  func project(area: String, indicator: String, request: ProjectionRequest) -> SeriesProjection {
    let unit = model.data.catalog[indicator]?.unit ?? ""
    let empty = YearlySeries(unchecked: "\(area) \(indicator)", [], [])
    do {
      let fit = try self.fit(area: area, indicator: indicator, request: request)
      let last = fit.history.lastYear!
      guard request.toYear > last else {
        throw ForecastError.invalidOption(
          "\(fit.history.name): the last observation (\(last)) is not before --to \(request.toYear)"
        )
      }
      let forecast = fit.fitted.forecast(
        horizon: request.toYear - last, paths: request.paths, seed: request.seed)
      return SeriesProjection(
        area: area, indicator: indicator, unit: unit, history: fit.history,
        proxyNote: fit.proxyNote, outcome: .success((fit.fitted, forecast)))
    } catch let error as ForecastError {
      return SeriesProjection(
        area: area, indicator: indicator, unit: unit, history: empty, proxyNote: nil,
        outcome: .failure(error))
    } catch {
      return SeriesProjection(
        area: area, indicator: indicator, unit: unit, history: empty, proxyNote: nil,
        outcome: .failure(.estimationFailed(series: "\(area) \(indicator)", model: "", "\(error)")))
    }
  }

  /// Fits the declared model of (area, indicator) to its data window; for an indicator with a
  /// `derive` rule whose share and base both have a declared model and data in the area, the
  /// product of the two fitted components (``FittedShareProduct``), as `attain` simulates it.
  public func fit(area: String, indicator: String, request: ProjectionRequest) throws
    -> (fitted: any FittedModel, history: YearlySeries, proxyNote: String?)
  {
    let (series, proxy) = try history(area: area, indicator: indicator, request: request)
    if let product = try product(area: area, indicator: indicator, series: series, request: request)
    {
      return (product, series, proxy)
    }
    guard let first = series.years.first, let last = series.lastYear else {
      throw ForecastError.invalidSeries(
        series.name, "no observations in the data window (check fit_from)")
    }
    guard let declaration = model.specifications?.declaration(indicator: indicator, area: area),
      let info = model.data.catalog[indicator]
    else { throw ForecastError.invalidSeries(series.name, "no model declared in models.toml") }
    let fitted = try factory(area: area, request: request)
      .make(declaration, indicator: info, window: first...last).fit(series)
    return (fitted, series, proxy)
  }

  /// Whether (area, indicator) has a declared model and data.
  public func isProjectable(area: String, indicator: String) -> Bool {
    model.specifications?.declaration(indicator: indicator, area: area) != nil
      && model.data.series(area: area, indicator: indicator)?.isEmpty == false
  }

  /// The `derive` rule of (area, indicator) when it projects the indicator as share / 100 ×
  /// base: the indicator, its share and its base all have a declared model and data in the
  /// area (and the rule does not name the indicator itself); nil otherwise.
  public func productRule(area: String, indicator: String) -> Derivation? {
    guard let rule = model.data.catalog[indicator]?.derivation, rule.share != indicator,
      rule.base != indicator, isProjectable(area: area, indicator: indicator),
      isProjectable(area: area, indicator: rule.share),
      isProjectable(area: area, indicator: rule.base)
    else { return nil }
    return rule
  }

  /// The share × base product of a `derive` indicator, or nil when the rule does not apply or a
  /// component cannot be fitted (the indicator's own model then projects it).
  private func product(
    area: String, indicator: String, series: YearlySeries, request: ProjectionRequest
  ) throws -> FittedShareProduct? {
    guard !series.isEmpty, let rule = productRule(area: area, indicator: indicator),
      let share = try? fit(area: area, indicator: rule.share, request: request).fitted,
      let base = try? fit(area: area, indicator: rule.base, request: request).fitted
    else { return nil }
    return FittedShareProduct(share: share, base: base, series: series, name: rule.productName)
  }

  /// The model factory for `area`: `auto` follows models.toml's selection rule, and composite
  /// models find the other indicators of the same area (declaration and data window).
  public func factory(area: String, request: ProjectionRequest) -> ModelFactory {
    ModelFactory(
      selection: model.specifications?.selection ?? .aicc,
      auxiliaryDeclaration: { [model] other in
        model.specifications?.declaration(indicator: other, area: area)
      },
      auxiliary: { [self] other in
        try? self.history(area: area, indicator: other, request: request).series
      })
  }
}
