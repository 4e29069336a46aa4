/// What kind of quantity an indicator is.
public enum IndicatorKind: String, Sendable, CaseIterable {
  /// A stock or flow (GDP, population).
  case level
  /// A percentage of something (urbanisation rate).
  case share
  /// An annual % change on the previous year (real growth, energy-intensity change).
  case rate

  /// The values an observation of this kind may take unless `plausible` in indicators.toml
  /// says otherwise: levels are not negative, shares lie in 0–100, rates in −100…+100 (a fall
  /// of more than everything, or more than a doubling in a year, is a typo or a unit slip).
  public var defaultPlausibleRange: ClosedRange<Double> {
    switch self {
    case .level: 0...Double.greatestFiniteMagnitude
    case .share: 0...100
    case .rate: -100...100
    }
  }
}

/// How a year-to-year change of a level or share is measured.
public enum TrendMeasure: String, Sendable, CaseIterable {
  /// Compound % a year.
  case growth
  /// Units a year (percentage points for shares).
  case difference
}

/// How a region's value is computed from its members' values.
public enum Aggregation: Sendable, Hashable {
  /// Sum of the members.
  case sum
  /// `scale × Σ numerator / Σ denominator`.
  case ratioOfSums(numerator: String, denominator: String, scale: Double)
  /// `Σ w·x / Σ w` with `w` the `weight` indicator `lag` years earlier.
  case weightedMean(weight: String, lag: Int)
  /// No rule: regional values come only from published figures or a proxy.
  case none

  /// A short description for provenance and reports.
  public var summary: String {
    switch self {
    case .sum: return "sum of members"
    case .ratioOfSums(let n, let d, let s):
      return "\(s == 1 ? "" : "\(s.formatted6) × ")Σ \(n) / Σ \(d)"
    case .weightedMean(let w, let lag):
      return lag == 0 ? "\(w)-weighted mean" : "\(w)(t−\(lag))-weighted chaining"
    case .none: return "no aggregation rule"
    }
  }

  /// ``summary`` in `language`, indicators named by `name` (their Chinese names in Chinese).
  public func summary(_ language: Language, name: (String) -> String) -> String {
    guard language == .zh else { return summary }
    switch self {
    case .sum: return "成员合计"
    case .ratioOfSums(let n, let d, let s):
      return "\(s == 1 ? "" : "\(s.formatted6) × ")Σ \(name(n)) / Σ \(name(d))"
    case .weightedMean(let w, let lag):
      return lag == 0 ? "以\(name(w))加权平均" : "以\(name(w))(t−\(lag))加权链接"
    case .none: return "无汇总规则"
    }
  }
}

/// Fills a missing member value as `share / 100 × base` (e.g. urban population from the
/// urbanisation rate and the resident population of the same year).
public struct Derivation: Sendable, Hashable {
  public let share: String
  public let base: String

  public init(share: String, base: String) {
    self.share = share
    self.base = base
  }

  /// The rule as a model label: "urbanisation_rate / 100 × pop_resident".
  public var productName: String { "\(share) / 100 × \(base)" }
}

/// An indicator declared in `indicators.toml`.
public struct Indicator: Sendable, Hashable {
  public let id: String
  public let nameEN: String
  public let nameZH: String
  public let unit: String
  public let kind: IndicatorKind
  /// How changes are measured; `nil` for rates.
  public let trend: TrendMeasure?
  public let aggregation: Aggregation
  /// First years of a new, non-comparable basis, ascending.
  public let breaks: [Int]
  public let derivation: Derivation?
  /// The values an observation may take (``IndicatorKind/defaultPlausibleRange`` unless
  /// `plausible = [low, high]` is given); others are refused at load.
  public let plausibleRange: ClosedRange<Double>

  public init(
    id: String, nameEN: String, nameZH: String, unit: String, kind: IndicatorKind,
    trend: TrendMeasure?, aggregation: Aggregation, breaks: [Int], derivation: Derivation?,
    plausibleRange: ClosedRange<Double>? = nil
  ) {
    self.id = id
    self.nameEN = nameEN
    self.nameZH = nameZH
    self.unit = unit
    self.kind = kind
    self.trend = trend
    self.aggregation = aggregation
    self.breaks = breaks.sorted()
    self.derivation = derivation
    self.plausibleRange = plausibleRange ?? kind.defaultPlausibleRange
  }

  public func name(_ language: Language) -> String { language == .zh ? nameZH : nameEN }

  /// The first year of the comparable basis that contains `year`.
  public func basisStart(containing year: Int) -> Int? {
    breaks.last { $0 <= year }
  }
}

extension Double {
  /// Up to six significant decimals, without trailing zeros.
  var formatted6: String {
    if self == rounded() && abs(self) < 1e15 { return String(Int64(self)) }
    return "\(self)"
  }
}
