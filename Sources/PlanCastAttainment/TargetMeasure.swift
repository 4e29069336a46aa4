import PlanCastPlan

/// How a target's quantity is computed on a path, and how a constant yearly change would move
/// it (for "what it would take").
struct TargetMeasure: Sendable {
  /// How a constant change `c` per projected year moves the quantity.
  enum ShiftSpace: Sendable {
    /// `Q·(1 + c/100)^exponent`; annual changes compose multiplicatively.
    case multiplicative(exponent: Double)
    /// `Q + c·weight`; annual changes add.
    case additive(weight: Double)
  }

  let target: Target
  let seriesIndex: Int
  let condition: TargetCondition
  let shift: ShiftSpace?
  /// Years whose values the quantity uses.
  let years: ClosedRange<Int>
  /// The observed part of the quantity, folded once: for growth forms the product of
  /// `1 + r/100`, for cumulative forms the sum, over the observed years of ``years`` in order
  /// (nil when one is missing, so the quantity is undefined); for level forms the observed value
  /// when the target year is observed.
  let observedPart: Double?
  /// Path indices of the projected years of ``years``.
  let projectedIndices: Range<Int>
  /// The series' last observed value and year, and its first projected year.
  let lastObservedValue: Double
  let lastObserved: Int
  let firstProjected: Int

  init(target: Target, seriesIndex: Int, series s: SimulatedSeries, condition: TargetCondition) {
    self.target = target
    self.seriesIndex = seriesIndex
    self.condition = condition
    lastObservedValue = s.lastObservedValue
    lastObserved = s.lastObserved
    firstProjected = s.firstProjected
    let projected = Double(target.year - s.lastObserved)
    switch target.form {
    case .level, .share:
      years = target.year...target.year
      let additive = s.kind == .share || s.trend == .difference
      shift =
        projected <= 0
        ? nil : additive ? .additive(weight: projected) : .multiplicative(exponent: projected)
    case .averageGrowth(let start):
      years = start...target.year
      let inPeriod = Double(target.year - Swift.max(start, s.firstProjected) + 1)
      let n = Double(target.year - start + 1)
      shift = inPeriod > 0 ? .multiplicative(exponent: inPeriod / n) : nil
    case .changeVersusBase(let base):
      years = (base + 1)...target.year
      let inPeriod = Double(target.year - Swift.max(base + 1, s.firstProjected) + 1)
      shift = inPeriod > 0 ? .multiplicative(exponent: inPeriod) : nil
    case .cumulative(let start):
      years = start...target.year
      let inPeriod = Double(target.year - Swift.max(start, s.firstProjected) + 1)
      shift = inPeriod > 0 ? .additive(weight: inPeriod) : nil
    }
    let first = Swift.max(years.lowerBound, s.firstProjected)
    let firstIndex = first - s.firstProjected
    let endIndex = Swift.max(firstIndex, years.upperBound - s.firstProjected + 1)
    projectedIndices = firstIndex..<endIndex
    var part: Double? = nil
    switch target.form {
    case .level, .share:
      part = target.year <= s.lastObserved ? s.observed[target.year] : nil
    case .averageGrowth, .changeVersusBase, .cumulative:
      var cumulative = true
      if case .cumulative = target.form {} else { cumulative = false }
      var folded: Double? = cumulative ? 0 : 1
      for year in years where year <= s.lastObserved {
        guard let r = s.observed[year], let f = folded else {
          folded = nil
          break
        }
        folded = cumulative ? f + r : f * (1 + r / 100)
      }
      part = folded
    }
    observedPart = part
  }

  /// Whether the quantity can be computed on a path: false when an observed-period year of a
  /// growth or cumulative form is missing.
  var isDefined: Bool {
    switch target.form {
    case .level, .share: return true
    case .averageGrowth, .changeVersusBase, .cumulative: return observedPart != nil
    }
  }

  /// What the quantity needs on a path, for the per-draw loop.
  var quantity: TargetQuantity {
    let kind: TargetQuantity.Kind
    switch target.form {
    case .level, .share: kind = .level
    case .averageGrowth: kind = .averageGrowth
    case .changeVersusBase: kind = .changeVersusBase
    case .cumulative: kind = .cumulative
    }
    return TargetQuantity(
      series: seriesIndex, kind: kind, targetYear: target.year, lastObserved: lastObserved,
      firstProjected: firstProjected, observedPart: observedPart,
      projectedIndices: projectedIndices, yearCount: years.count)
  }

  /// The path's own average change per projected year, in the shift space's terms: growth %
  /// (levels), units a year (shares, difference levels), or the mean projected rate (rates).
  ///
  /// For every form this is a function of the quantity alone, increasing in it (the observed
  /// part is fixed), so its quantiles over the draws are this function of the quantity's: the
  /// engine keeps only the quantities.
  func annualChange(quantity q: Double) -> Double {
    switch target.form {
    case .level, .share:
      let h = Double(target.year - lastObserved)
      switch shift {
      case .multiplicative: return 100 * (pow(q / lastObservedValue, 1 / h) - 1)
      default: return (q - lastObservedValue) / h
      }
    case .averageGrowth, .changeVersusBase, .cumulative:
      let count = Double(projectedIndices.count)
      guard let observed = observedPart, count > 0 else {
        if case .cumulative = target.form { return .nan }
        return 0
      }
      let product: Double
      switch target.form {
      case .cumulative: return (q - observed) / count
      case .averageGrowth: product = pow(1 + q / 100, Double(years.count)) / observed
      default: product = (1 + q / 100) / observed
      }
      return 100 * (pow(product, 1 / count) - 1)
    }
  }

  /// The constant change per projected year that would put a path with quantity `q` exactly on
  /// the target; decreasing in `q`.
  func requiredShift(quantity q: Double) -> Double? {
    switch shift {
    case .multiplicative(let exponent):
      let ratio: Double
      switch target.form {
      case .averageGrowth, .changeVersusBase: ratio = (1 + target.value / 100) / (1 + q / 100)
      default: ratio = target.value / q
      }
      guard ratio > 0 else { return nil }
      return 100 * (pow(ratio, 1 / exponent) - 1)
    case .additive(let weight):
      return (target.value - q) / weight
    case nil:
      return nil
    }
  }

  /// Combines a typical annual change with a shift.
  func compose(_ change: Double, _ shift: Double) -> Double {
    switch self.shift {
    case .multiplicative: return 100 * ((1 + change / 100) * (1 + shift / 100) - 1)
    default: return change + shift
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A target's quantity on a simulated path, with nothing but numbers: the per-draw loop reads
/// this rather than ``TargetMeasure``, whose ``Target`` (names, wording, notes) a copy would
/// retain string by string.
struct TargetQuantity: Sendable {
  enum Kind: Sendable { case level, averageGrowth, changeVersusBase, cumulative }

  /// The series whose path the quantity reads.
  let series: Int
  let kind: Kind
  let targetYear: Int
  let lastObserved: Int
  let firstProjected: Int
  /// As ``TargetMeasure/observedPart``.
  let observedPart: Double?
  let projectedIndices: Range<Int>
  /// The years of the period (for the average).
  let yearCount: Int

  /// The target quantity on a path (nil when a needed year has no value).
  func quantity(path: UnsafeBufferPointer<Double>) -> Double? {
    // Same operations in the same order as folding every year of the period; the observed
    // years (which come first) are folded once in `observedPart`.
    switch kind {
    case .level:
      if targetYear <= lastObserved { return observedPart }
      let h = targetYear - firstProjected
      return h < path.count ? path[h] : nil
    case .averageGrowth, .changeVersusBase:
      guard var product = observedPart, projectedIndices.upperBound <= path.count else {
        return nil
      }
      for h in projectedIndices { product *= 1 + path[h] / 100 }
      return kind == .averageGrowth
        ? 100 * (pow(product, 1 / Double(yearCount)) - 1) : 100 * (product - 1)
    case .cumulative:
      guard var sum = observedPart, projectedIndices.upperBound <= path.count else { return nil }
      for h in projectedIndices { sum += path[h] }
      return sum
    }
  }
}
