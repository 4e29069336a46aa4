import PlanCastPlan

/// Turns a `models.toml` declaration into a model specification for one series.
public struct ModelFactory: Sendable {
  /// How `auto` declarations choose.
  public let selection: SelectionRule
  /// Series of other indicators of the same area, for models that need them (nominal GDP needs
  /// real growth, energy intensity may use it), already cut to the projection's data window.
  public let auxiliary: @Sendable (String) -> YearlySeries?
  /// The declaration of another indicator in the same area (the real growth model inside
  /// nominal GDP follows the declared real growth model).
  public let auxiliaryDeclaration: @Sendable (String) -> ModelDeclaration?

  public init(
    selection: SelectionRule,
    auxiliaryDeclaration: @escaping @Sendable (String) -> ModelDeclaration? = { _ in nil },
    auxiliary: @escaping @Sendable (String) -> YearlySeries? = { _ in nil }
  ) {
    self.selection = selection
    self.auxiliaryDeclaration = auxiliaryDeclaration
    self.auxiliary = auxiliary
  }

  /// The model for `declaration` on a series of `indicator` observed over `window`. Level
  /// breaks declared for the indicator are added to the declaration's own; breaks and pulses
  /// outside the window are dropped (a dummy without data cannot be estimated, and an
  /// `--as-of` view must not fail because the model file names a later year).
  public func make(
    _ declaration: ModelDeclaration, indicator: Indicator, window: ClosedRange<Int>
  ) throws -> any ForecastModel {
    try make(
      declaration.modelClass, options: declaration.options, indicator: indicator, window: window)
  }

  func make(
    _ modelClass: ModelClass, options: ModelOptions, indicator: Indicator,
    window: ClosedRange<Int>
  ) throws -> any ForecastModel {
    let breaks = Set(options.breaks + indicator.breaks)
      .filter { $0 > window.lowerBound && $0 <= window.upperBound }.sorted()
    var options = options
    options.pulses = options.pulses.filter { window.contains($0) }
    switch modelClass {
    case .auto:
      let candidates = try options.candidates.map {
        try make($0, options: options, indicator: indicator, window: window)
      }
      let rule: AutoModel.Rule =
        selection == .aicc ? .aicc : .backtest(origins: 5, horizon: 3)
      return AutoModel(candidates: candidates, rule: rule)
    case .naive: return RandomWalk(drift: false)
    case .drift: return RandomWalk(drift: true)
    case .loglinear: return LogLinearTrend(breakYears: breaks, pulseYears: options.pulses)
    case .logitLinear: return LogitLinearTrend(scale: options.scale ?? 100)
    case .ar:
      return GrowthAutoregression(
        input: indicator.kind == .rate ? .rates : .levels, order: options.order ?? 1,
        trend: options.trend ?? false, pulseYears: options.pulses, breakYears: breaks,
        calibration: try Self.calibration(options.referenceClass, indicator: indicator.id))
    case .etsDamped: return DampedTrendETS()
    case .nominalGDP:
      let (name, real) = try realGrowth(options, for: modelClass)
      return NominalGDP(
        realGrowth: real, realModel: try rateModel(for: name, window: window),
        breakYears: breaks)
    case .energyIntensity:
      var regressor: EnergyIntensityChange.GrowthRegressor?
      if options.realGrowth != nil {
        let (name, real) = try realGrowth(options, for: modelClass)
        regressor = .init(
          series: real, future: .model(try rateModel(for: name, window: window)))
      }
      return EnergyIntensityChange(
        trend: options.trend ?? true, growth: regressor, stepYears: breaks,
        pulseYears: options.pulses)
    case .logistic: return LogisticTrend(scale: options.scale ?? 100)
    case .theta: return Theta()
    }
  }

  /// The real growth series a composite model needs.
  func realGrowth(_ options: ModelOptions, for modelClass: ModelClass) throws
    -> (String, YearlySeries)
  {
    guard let name = options.realGrowth else {
      throw ForecastError.invalidOption(
        "\(modelClass.rawValue) needs real_growth = \"…\" in models.toml")
    }
    guard let series = auxiliary(name), series.count >= 3 else {
      throw ForecastError.invalidOption(
        "\(modelClass.rawValue) needs the \(name) series of the same area, which has too little data"
      )
    }
    return (name, series)
  }

  /// The AR model of a rate indicator as its own declaration states it (order, trend, pulses,
  /// reference-class calibration), or AR(1) when it has none.
  func rateModel(for indicator: String, window: ClosedRange<Int>) throws -> GrowthAutoregression {
    let options = auxiliaryDeclaration(indicator).map(\.options) ?? ModelOptions()
    return GrowthAutoregression(
      input: .rates, order: options.order ?? 1, trend: options.trend ?? false,
      pulseYears: options.pulses.filter { window.contains($0) },
      calibration: try Self.calibration(options.referenceClass, indicator: indicator))
  }

  /// The stored calibration of a declaration with a reference class; an error when it has not
  /// been fitted yet.
  static func calibration(_ link: ReferenceClassLink?, indicator: String) throws
    -> PathCalibration?
  {
    guard let link else { return nil }
    guard let record = link.calibration,
      let calibration = PathCalibration(bias: record.bias, scale: record.scale)
    else {
      throw ForecastError.invalidOption(
        "\(indicator) is calibrated on the reference class \(link.path), but "
          + "\(link.calibrationPath) does not exist yet: run plancast reference-class fit --model DIR "
          + "(or give --no-reference-class)")
    }
    return calibration
  }
}
