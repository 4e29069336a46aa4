/// The model classes a model file can name for an indicator.
public enum ModelClass: String, Sendable, CaseIterable, Hashable {
  /// Choose among `candidates` by the file's selection rule.
  case auto
  /// Random walk: the last value carried forward.
  case naive
  /// Random walk with drift (average change of the history).
  case drift
  /// Constant growth, `log y` linear in time, with optional break and pulse dummies.
  case loglinear
  /// Bounded share with a logit-linear trend (UN World Urbanization Prospects form).
  case logitLinear = "logit_linear"
  /// Three-parameter logistic with an estimated ceiling (Levenberg–Marquardt).
  case logistic
  /// AR(p) on growth rates, optional trend in growth and dummies.
  case ar
  /// Damped-trend exponential smoothing on logs, ETS(A,Ad,N).
  case etsDamped = "ets_damped"
  /// The Theta method.
  case theta
  /// Nominal GDP = real growth model × deflator model.
  case nominalGDP = "nominal_gdp"
  /// Yearly change of energy intensity with a trend and/or an elasticity to GDP growth.
  case energyIntensity = "energy_intensity"
}

/// How `auto` chooses among candidate models.
public enum SelectionRule: String, Sendable, CaseIterable, Hashable {
  /// Smallest AICc among candidates on the same transformed response.
  case aicc
  /// Smallest rolling-origin backtest score (MASE over the last origins).
  case backtest
}

/// Options of one model declaration; each applies to the classes that use it.
public struct ModelOptions: Sendable, Hashable {
  /// Years from which a level shift dummy applies (level models) or step dummies (AR).
  public var breaks: [Int] = []
  /// Years with their own one-off dummy (e.g. 2020).
  public var pulses: [Int] = []
  /// Autoregressive order (AR).
  public var order: Int?
  /// A linear trend in the growth rate (AR: structural slowdown) or a trend term (energy).
  public var trend: Bool?
  /// Candidate classes for `auto`.
  public var candidates: [ModelClass] = []
  /// First year used for estimation (overrides the file's default).
  public var fitFrom: Int?
  /// The real growth indicator (nominal GDP) or GDP growth regressor (energy intensity).
  public var realGrowth: String?
  /// The share scale (100 for percent) for share models.
  public var scale: Double?
  /// The reference class calibrating the model (AR), with its stored calibration.
  public var referenceClass: ReferenceClassLink?

  public init() {}
}

/// One `[[models]]` entry: which class projects an indicator, in which areas.
public struct ModelDeclaration: Sendable, Hashable {
  public let indicator: String
  /// The areas it applies to; `nil` means every area with data for the indicator.
  public let areas: [String]?
  public let modelClass: ModelClass
  public let options: ModelOptions
  /// Where it was declared, for messages.
  public let location: SourceLocation
}

/// The parsed model file: defaults and declarations, with lookup per (indicator, area).
public struct ModelSpecifications: Sendable {
  /// How `auto` chooses.
  public let selection: SelectionRule
  /// Default first estimation year (`nil`: all data).
  public let fitFrom: Int?
  public let declarations: [ModelDeclaration]

  public init(selection: SelectionRule, fitFrom: Int?, declarations: [ModelDeclaration]) {
    self.selection = selection
    self.fitFrom = fitFrom
    self.declarations = declarations
  }

  /// The declaration for `indicator` in `area`: an entry naming the area wins over one for
  /// every area.
  public func declaration(indicator: String, area: String) -> ModelDeclaration? {
    declarations.first { $0.indicator == indicator && $0.areas?.contains(area) == true }
      ?? declarations.first { $0.indicator == indicator && $0.areas == nil }
  }

  /// Indicators that have a declaration, in file order.
  public var indicators: [String] {
    var seen: Set<String> = []
    return declarations.map(\.indicator).filter { seen.insert($0).inserted }
  }
}
