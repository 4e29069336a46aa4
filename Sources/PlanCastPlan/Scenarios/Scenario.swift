/// How an assumption changes a simulated series. Values are in the indicator's terms: growth
/// in percentage points, levels in the indicator's unit.
public enum AssumptionEffect: String, Sendable, CaseIterable, Hashable {
  /// Adds the value (pp) to the annual growth in the listed years: for a level indicator the
  /// change compounds into every later level; for a rate indicator it is added to the rate.
  case growthShift = "growth_shift"
  /// A one-off shock of the value (%) in each listed year that persists: a level indicator is
  /// scaled by `1 + value/100` from that year on; a rate indicator gets `value` pp that year.
  case shock
  /// An add factor: the value (indicator units) is added in the listed years only.
  case add
  /// The indicator is set to the value in the listed years (a fixed path).
  case fix
  /// The indicator's residual shocks are multiplied by the value (1 = as estimated).
  case residualScale = "residual_scale"
}

/// A number given as a fixed value or as a distribution drawn once per Monte Carlo path.
public enum AssumptionValue: Sendable, Hashable {
  case fixed(Double)
  case normal(mean: Double, standardDeviation: Double)
  case uniform(lower: Double, upper: Double)
  case triangular(lower: Double, mode: Double, upper: Double)

  /// The value's centre: the fixed value, the mean or the mode.
  public var central: Double {
    switch self {
    case .fixed(let v): v
    case .normal(let mean, _): mean
    case .uniform(let lower, let upper): (lower + upper) / 2
    case .triangular(_, let mode, _): mode
    }
  }

  /// True when the value is random.
  public var isRandom: Bool {
    if case .fixed = self { return false }
    return true
  }
}

/// A named scenario assumption acting on one indicator.
public struct Assumption: Sendable, Hashable {
  /// Unique name within a scenario; a child scenario overrides a parent's by name.
  public let name: String
  public let effect: AssumptionEffect
  public let indicator: String
  /// Areas it acts on (`nil`: every simulated area of the indicator).
  public let areas: [String]?
  /// Years it acts on (`nil`: every projected year).
  public let years: [Int]?
  public let value: AssumptionValue
  /// Low and high values for one-at-a-time sensitivity sweeps.
  public let low: Double?
  public let high: Double?
  /// Where each key was last written (the assumption's own file or a parent's).
  public let keyLocations: [String: SourceLocation]

  public init(
    name: String, effect: AssumptionEffect, indicator: String, areas: [String]?, years: [Int]?,
    value: AssumptionValue, low: Double?, high: Double?, keyLocations: [String: SourceLocation]
  ) {
    self.name = name
    self.effect = effect
    self.indicator = indicator
    self.areas = areas
    self.years = years
    self.value = value
    self.low = low
    self.high = high
    self.keyLocations = keyLocations
  }

  /// Where `key` was written, falling back to the value's (or the name's) line.
  public func location(of key: String) -> SourceLocation {
    keyLocations[key] ?? keyLocations["value"] ?? keyLocations["distribution"]
      ?? keyLocations["name"] ?? SourceLocation(file: "", line: nil)
  }

  /// Where the value (or distribution) was written.
  public var location: SourceLocation { location(of: "value") }

  /// A copy with another value (used by sweeps).
  public func with(value: AssumptionValue) -> Assumption {
    Assumption(
      name: name, effect: effect, indicator: indicator, areas: areas, years: years, value: value,
      low: low, high: high, keyLocations: keyLocations)
  }

  /// True when it applies to `area` in `year`.
  public func applies(area: String, year: Int) -> Bool {
    (areas?.contains(area) ?? true) && (years?.contains(year) ?? true)
  }
}

/// A resolved scenario: its own settings merged over those of the scenarios it extends.
public struct Scenario: Sendable, Hashable {
  /// The file name without `.toml`.
  public let id: String
  public let nameEN: String
  public let nameZH: String
  public let descriptionEN: String
  public let descriptionZH: String
  /// The chain of scenarios it extends, nearest first.
  public let ancestry: [String]
  /// Multiplies every residual shock (1 = as estimated).
  public let residualScale: Double
  public let assumptions: [Assumption]

  public init(
    id: String, nameEN: String, nameZH: String, descriptionEN: String, descriptionZH: String,
    ancestry: [String], residualScale: Double, assumptions: [Assumption]
  ) {
    self.id = id
    self.nameEN = nameEN
    self.nameZH = nameZH
    self.descriptionEN = descriptionEN
    self.descriptionZH = descriptionZH
    self.ancestry = ancestry
    self.residualScale = residualScale
    self.assumptions = assumptions
  }

  public func name(_ language: Language) -> String { language == .zh ? nameZH : nameEN }

  /// A copy with one assumption's value replaced (sweeps).
  public func with(assumption name: String, value: AssumptionValue) -> Scenario? {
    guard assumptions.contains(where: { $0.name == name }) else { return nil }
    return Scenario(
      id: id, nameEN: nameEN, nameZH: nameZH, descriptionEN: descriptionEN,
      descriptionZH: descriptionZH, ancestry: ancestry, residualScale: residualScale,
      assumptions: assumptions.map { $0.name == name ? $0.with(value: value) : $0 })
  }
}

/// A scenario file that cannot be used, and why: a broken file costs only itself (and the
/// scenarios that extend it), never its siblings.
public struct SkippedScenario: Sendable {
  /// The file name without `.toml`.
  public let id: String
  public let error: ModelError

  public init(id: String, error: ModelError) {
    self.id = id
    self.error = error
  }
}
