/// How a target's value relates to its indicator's observations.
public enum TargetForm: Sendable, Hashable {
  /// The indicator's level in the target year.
  case level
  /// The indicator's value as a share (%) in the target year.
  case share
  /// Geometric mean of an annual-rate indicator over `periodStart...year`.
  case averageGrowth(periodStart: Int)
  /// % change of the level implied by an annual-rate indicator from `baseYear` to the
  /// target year (compounding the rates of `baseYear+1...year`).
  case changeVersusBase(baseYear: Int)
  /// Sum of the indicator's annual values over `periodStart...year`.
  case cumulative(periodStart: Int)

  /// The name used in `targets.toml`.
  public var name: String {
    switch self {
    case .level: return "level"
    case .share: return "share"
    case .averageGrowth: return "average_growth"
    case .changeVersusBase: return "change_vs_base"
    case .cumulative: return "cumulative"
    }
  }
}

/// A numeric plan target from `targets.toml`, checked against the model's declarations.
public struct Target: Sendable, Hashable {
  public let id: String
  public let nameZH: String
  public let nameEN: String
  public let indicator: String
  public let region: String
  public let comparator: TargetComparator
  public let value: Double
  /// Band half-width for `≈` targets.
  public let tolerance: Double?
  public let unit: String
  public let year: Int
  public let form: TargetForm
  /// The plan's wording, quoted.
  public let wordingZH: String
  public let note: String?

  public init(
    id: String, nameZH: String, nameEN: String, indicator: String, region: String,
    comparator: TargetComparator, value: Double, tolerance: Double?, unit: String, year: Int,
    form: TargetForm, wordingZH: String, note: String?
  ) {
    self.id = id
    self.nameZH = nameZH
    self.nameEN = nameEN
    self.indicator = indicator
    self.region = region
    self.comparator = comparator
    self.value = value
    self.tolerance = tolerance
    self.unit = unit
    self.year = year
    self.form = form
    self.wordingZH = wordingZH
    self.note = note
  }

  public func name(_ language: Language) -> String { language == .zh ? nameZH : nameEN }
}

/// A goal of the plan with no number: listed, never forecast.
public struct QualitativeGoal: Sendable, Hashable {
  public let id: String
  public let nameZH: String
  public let nameEN: String
  public let region: String
  public let year: Int
  public let wordingZH: String

  public init(
    id: String, nameZH: String, nameEN: String, region: String, year: Int, wordingZH: String
  ) {
    self.id = id
    self.nameZH = nameZH
    self.nameEN = nameEN
    self.region = region
    self.year = year
    self.wordingZH = wordingZH
  }

  public func name(_ language: Language) -> String { language == .zh ? nameZH : nameEN }
}

/// The contents of `targets.toml`.
public struct PlanTargets: Sendable {
  public let targets: [Target]
  public let goals: [QualitativeGoal]

  public init(targets: [Target], goals: [QualitativeGoal]) {
    self.targets = targets
    self.goals = goals
  }
}
