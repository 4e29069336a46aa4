import PlanCastPlan

/// Rolling-origin backtests of a plan model's series: the declared model, the automatic
/// choice among every applicable class, and the naive and drift benchmarks.
public struct SeriesBacktest: Sendable {
  /// One model's accuracy on one series.
  public struct Row: Sendable {
    public let area: String
    public let indicator: String
    /// "declared: …", "auto", a class name, or a benchmark.
    public let model: String
    public let summary: AccuracySummary?
    public let records: [Backtest.Record]
    /// Origins where the model could not be fitted.
    public let skippedOrigins: [Int]
  }

  public let engine: ProjectionEngine

  public init(engine: ProjectionEngine) {
    self.engine = engine
  }

  /// The classes that apply to an indicator of this kind, for `auto` and comparison.
  public static func applicableClasses(for kind: IndicatorKind) -> [ModelClass] {
    switch kind {
    case .level: [.loglinear, .ar, .etsDamped, .theta]
    case .share: [.logitLinear, .theta]
    case .rate: [.ar, .theta]
    }
  }

  /// Backtests every pair of `request` at `origins` and `horizons`.
  public func run(
    _ request: ProjectionRequest, origins: ClosedRange<Int>, horizons: ClosedRange<Int>
  ) -> [Row] {
    engine.pairs(request).flatMap {
      run(
        area: $0.area, indicator: $0.indicator, request: request, origins: origins,
        horizons: horizons)
    }
  }

  func run(
    area: String, indicator: String, request: ProjectionRequest, origins: ClosedRange<Int>,
    horizons: ClosedRange<Int>
  ) -> [Row] {
    let model = engine.model
    guard let info = model.data.catalog[indicator],
      let declaration = model.specifications?.declaration(indicator: indicator, area: area),
      let (series, _) = try? engine.history(area: area, indicator: indicator, request: request)
    else { return [] }
    guard let first = series.years.first, let last = series.years.last else { return [] }
    let window = first...last
    let factory = engine.factory(area: area, request: request)
    var specs: [(String, Result<any ForecastModel, Error>)] = []
    specs.append(
      (
        "declared: \(declaration.modelClass.rawValue)",
        Result { try factory.make(declaration, indicator: info, window: window) }
      ))
    var autoOptions = declaration.options
    autoOptions.candidates = Self.applicableClasses(for: info.kind)
    for candidate in autoOptions.candidates where candidate != declaration.modelClass {
      specs.append(
        (
          candidate.rawValue,
          Result {
            try factory.make(candidate, options: autoOptions, indicator: info, window: window)
          }
        ))
    }
    specs.append(
      (
        "auto",
        Result { try factory.make(.auto, options: autoOptions, indicator: info, window: window) }
      ))
    specs.append(("naive", .success(RandomWalk(drift: false))))
    specs.append(("drift", .success(RandomWalk(drift: true))))
    return specs.map { label, spec in
      guard case .success(let forecastModel) = spec else {
        return Row(
          area: area, indicator: indicator, model: label, summary: nil, records: [],
          skippedOrigins: [])
      }
      let (records, skipped) = Backtest.run(
        model: forecastModel, series: series, origins: origins, horizons: horizons,
        paths: request.paths, seed: request.seed)
      return Row(
        area: area, indicator: indicator, model: label, summary: AccuracySummary(records),
        records: records, skippedOrigins: skipped)
    }
  }
}
