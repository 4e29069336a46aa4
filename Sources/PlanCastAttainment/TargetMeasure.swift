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

  init(target: Target, seriesIndex: Int, series s: SimulatedSeries, condition: TargetCondition) {
    self.target = target
    self.seriesIndex = seriesIndex
    self.condition = condition
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
  }

  /// The target quantity on a path (nil when a needed year has no value).
  func quantity(_ s: SimulatedSeries, path: UnsafeBufferPointer<Double>) -> Double? {
    switch target.form {
    case .level, .share:
      return s.value(year: target.year, path: path)
    case .averageGrowth:
      var product = 1.0
      for year in years {
        guard let r = s.value(year: year, path: path) else { return nil }
        product *= 1 + r / 100
      }
      return 100 * (pow(product, 1 / Double(years.count)) - 1)
    case .changeVersusBase:
      var product = 1.0
      for year in years {
        guard let r = s.value(year: year, path: path) else { return nil }
        product *= 1 + r / 100
      }
      return 100 * (product - 1)
    case .cumulative:
      var sum = 0.0
      for year in years {
        guard let v = s.value(year: year, path: path) else { return nil }
        sum += v
      }
      return sum
    }
  }

  /// The path's own average change per projected year, in the shift space's terms: growth %
  /// (levels), units a year (shares, difference levels), or the mean projected rate (rates).
  func annualChange(_ s: SimulatedSeries, path: UnsafeBufferPointer<Double>, quantity q: Double)
    -> Double
  {
    switch target.form {
    case .level, .share:
      let h = Double(target.year - s.lastObserved)
      switch shift {
      case .multiplicative: return 100 * (pow(q / s.lastObservedValue, 1 / h) - 1)
      default: return (q - s.lastObservedValue) / h
      }
    case .averageGrowth, .changeVersusBase, .cumulative:
      var product = 1.0
      var sum = 0.0
      var count = 0.0
      for year in Swift.max(years.lowerBound, s.firstProjected)...target.year {
        let r = s.value(year: year, path: path) ?? 0
        product *= 1 + r / 100
        sum += r
        count += 1
      }
      if case .cumulative = target.form { return sum / count }
      return 100 * (pow(product, 1 / count) - 1)
    }
  }

  /// The constant change per projected year that would put this path exactly on the target.
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
