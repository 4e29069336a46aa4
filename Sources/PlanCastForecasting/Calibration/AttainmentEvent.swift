import Foundation

/// An attainment event of a series at an origin: "the average growth from the origin over the
/// next `h` years is at least g", i.e. the value `h` years after the origin is at least
/// `value(origin) · (1 + g)^h`.
public enum AttainmentEvent: Sendable, Equatable, Hashable {
  /// g is the series' own average growth over the `h` years before the origin
  /// (`panel_score.py`'s E1).
  case ownTrailing
  /// g is fixed, as a fraction (0.065 for 6.5%).
  case growth(Double)

  /// `own`, or g in percent (`6.5`).
  public var label: String {
    switch self {
    case .ownTrailing: "own"
    case .growth(let g): String(format: "%.10g", g * 100)
    }
  }

  /// The threshold the value `span` years after `origin` must reach, given the series up to the
  /// origin; `nil` when the series has no positive value at the origin or (own growth) `span`
  /// years before it.
  public func threshold(_ series: YearlySeries, origin: Int, span: Int) -> Double? {
    guard let start = series.value(at: origin), start > 0 else { return nil }
    switch self {
    case .growth(let g):
      return start * pow(1 + g, Double(span))
    case .ownTrailing:
      guard let before = series.value(at: origin - span), before > 0 else { return nil }
      // start · (1 + own)^span with own = (start / before)^(1/span) − 1, as panel_score.py
      // computes it.
      let own = pow(start / before, 1 / Double(span)) - 1
      return start * pow(1 + own, Double(span))
    }
  }
}
