/// Sample correlation.
public enum Correlation {
  /// Pearson's correlation of the paired values `x` and `y` (same count, at least two); nil when
  /// either has no variation.
  public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count, "pearson: \(x.count) and \(y.count) values")
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (u, v) in zip(x, y) {
      sxy += (u - mx) * (v - my)
      sxx += (u - mx) * (u - mx)
      syy += (v - my) * (v - my)
    }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
  }
}
