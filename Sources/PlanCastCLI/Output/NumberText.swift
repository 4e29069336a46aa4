import Foundation

/// Number formatting for tables: fixed decimals, an explicit sign for changes.
enum NumberText {
  /// Decimals for quantities of the size of `values`: 0 from 1,000 up, 1 from 100, else 2, so
  /// that one series or row reads with one number of decimals.
  static func decimals(bySizeOf values: [Double]) -> Int {
    let largest = values.map(abs).filter(\.isFinite).max() ?? 0
    return largest >= 1000 ? 0 : largest >= 100 ? 1 : 2
  }

  /// `x` with at most 4 decimals, trailing zeros dropped (sums of published figures carry
  /// binary noise such as 1172.6037999999999); "–" when not finite.
  static func trimmed(_ x: Double) -> String {
    guard x.isFinite else { return "–" }
    var text = String(format: "%.4f", x)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

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
