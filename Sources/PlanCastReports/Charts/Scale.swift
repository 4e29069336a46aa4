import Foundation

/// Maps a data interval linearly onto a pixel interval (which may run backwards, as a y axis
/// does).
public struct LinearScale: Sendable {
  public let domain: ClosedRange<Double>
  public let start: Double
  public let end: Double

  public init(domain: ClosedRange<Double>, range start: Double, _ end: Double) {
    self.domain = domain
    self.start = start
    self.end = end
  }

  public func callAsFunction(_ x: Double) -> Double {
    let span = domain.upperBound - domain.lowerBound
    guard span > 0 else { return (start + end) / 2 }
    return start + (x - domain.lowerBound) / span * (end - start)
  }
}

/// "Nice" axis ticks (Heckbert 1990): steps of 1, 2, 2.5 or 5 times a power of ten covering
/// the data, and tick labels with just enough decimals.
public struct NiceTicks: Sendable, Equatable {
  public let lower: Double
  public let upper: Double
  public let step: Double
  public let values: [Double]

  /// About `count` ticks covering `low...high`; a zero-width range is widened around its value.
  public init(_ low: Double, _ high: Double, count: Int = 5) {
    var low = low
    var high = high
    if !(low.isFinite && high.isFinite) {
      low = 0
      high = 1
    }
    if high < low { swap(&low, &high) }
    if high == low {
      let pad = low == 0 ? 1 : abs(low) * 0.1
      low -= pad
      high += pad
    }
    let rough = (high - low) / Double(max(1, count - 1))
    let magnitude = pow(10, (log10(rough)).rounded(.down))
    let fraction = rough / magnitude
    let nice: Double =
      fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
    let step = nice * magnitude
    let lower = (low / step).rounded(.down) * step
    let upper = (high / step).rounded(.up) * step
    let n = Int(((upper - lower) / step).rounded())
    self.step = step
    self.lower = lower
    self.upper = upper
    values = (0...n).map { lower + Double($0) * step }
  }

  /// Decimals that show every tick distinctly.
  public var decimals: Int {
    var d = 0
    while d < 6 {
      let scaled = step * pow(10, Double(d))
      if abs(scaled - scaled.rounded()) < 1e-6 { break }
      d += 1
    }
    return d
  }

  /// A tick label: grouped thousands, `decimals` decimals.
  public func label(_ x: Double) -> String { NumberLabel.format(x, decimals: decimals) }
}

/// Number labels for charts.
public enum NumberLabel {
  /// `x` with `decimals` decimals and a comma between thousands; "–" when not finite.
  public static func format(_ x: Double, decimals: Int) -> String {
    guard x.isFinite else { return "–" }
    let text = String(format: "%.\(decimals)f", abs(x) < 0.5 * pow(10, -Double(decimals)) ? 0 : x)
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    let parts = body.split(separator: ".", maxSplits: 1)
    var integer = String(parts[0])
    var grouped = ""
    while integer.count > 3 {
      grouped = "," + integer.suffix(3) + grouped
      integer = String(integer.dropLast(3))
    }
    grouped = integer + grouped
    return (negative ? "-" : "") + grouped + (parts.count > 1 ? "." + parts[1] : "")
  }

  /// A value with about four significant digits: 25,118, 56.84, 0.1234.
  public static func compact(_ x: Double) -> String {
    guard x.isFinite else { return "–" }
    let magnitude = abs(x)
    let decimals = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3
    return format(x, decimals: decimals)
  }
}

/// Year ticks: whole years at a step of 1, 2, 5, 10, … giving at most `maximum` labels.
public enum YearTicks {
  public static func values(_ first: Int, _ last: Int, maximum: Int = 10) -> [Int] {
    guard last > first else { return [first] }
    let steps = [1, 2, 5, 10, 20, 25, 50, 100]
    let step = steps.first { (last - first) / $0 + 1 <= maximum } ?? 100
    let start = Int((Double(first) / Double(step)).rounded(.up)) * step
    return Array(stride(from: start, through: last, by: step))
  }
}
