import Foundation

/// Number formatting for tables: fixed decimals, an explicit sign for changes.
enum NumberText {
  /// `x` with `digits` decimals (2 by default); "–" for nil.
  static func fixed(_ x: Double?, digits: Int = 2) -> String {
    guard let x, x.isFinite else { return "–" }
    return String(format: "%.\(digits)f", x)
  }

  /// Like ``fixed(_:digits:)`` with a leading + for positive values.
  static func signed(_ x: Double?, digits: Int = 2) -> String {
    guard let x, x.isFinite else { return "–" }
    return (x > 0 ? "+" : "") + fixed(x, digits: digits)
  }

  /// A target threshold without needless decimals: 25000, 56.8, 2.5.
  static func plain(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
  }
}
