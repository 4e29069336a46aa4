import Foundation

/// Small, exact helpers for compounding and averaging annual changes.
enum TrendMath {
  /// `Π (1 + r/100)` over `rates` (in %).
  static func compound(_ rates: [Double]) -> Double {
    rates.reduce(1) { $0 * (1 + $1 / 100) }
  }

  /// Geometric mean rate (in %) of `rates` (in %); nil for an empty list or a factor ≤ 0.
  static func geometricMeanRate(_ rates: [Double]) -> Double? {
    guard !rates.isEmpty else { return nil }
    let factor = compound(rates)
    guard factor > 0 else { return nil }
    return (pow(factor, 1 / Double(rates.count)) - 1) * 100
  }

  /// The constant compound rate (in %) taking `from` to `to` in `years` years.
  static func constantGrowth(from: Double, to: Double, years: Int) -> Double? {
    guard years > 0, from > 0, to > 0 else { return nil }
    return (pow(to / from, 1 / Double(years)) - 1) * 100
  }

  /// `value × (1 + rate/100)^years`.
  static func grow(_ value: Double, rate: Double, years: Int) -> Double {
    value * pow(1 + rate / 100, Double(years))
  }
}
