import ArgumentParser

/// A `FIRST:LAST` range of whole numbers on the command line (years or horizons).
struct RangeArgument: ExpressibleByArgument {
  let range: ClosedRange<Int>

  init(_ range: ClosedRange<Int>) { self.range = range }

  init?(argument: String) {
    let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
    if parts.count == 1, let single = Int(parts[0]) {
      range = single...single
      return
    }
    guard parts.count == 2, let first = Int(parts[0]), let last = Int(parts[1]), first <= last
    else { return nil }
    range = first...last
  }

  var defaultValueDescription: String { "\(range.lowerBound):\(range.upperBound)" }
}
