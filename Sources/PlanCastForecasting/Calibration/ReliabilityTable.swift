/// Probability forecasts of an event grouped into equal-width bins of the forecast probability:
/// in each, the mean forecast and the observed frequency (a reliability diagram, Murphy & Winkler
/// 1977), and the Murphy (1973) decomposition of the Brier score.
public struct ReliabilityTable: Sendable, Equatable {
  /// One bin `[lower, upper)` (the last includes 1).
  public struct Bin: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let count: Int
    /// Mean forecast probability and share of events that occurred; NaN for an empty bin.
    public let meanForecast: Double
    public let observedFrequency: Double
  }

  public let bins: [Bin]
  /// Number of forecasts.
  public let count: Int
  /// Murphy's terms with the binned forecasts: Brier ≈ reliability − resolution + uncertainty
  /// (exact when the forecasts within each bin are equal).
  public let reliability: Double
  public let resolution: Double
  public let uncertainty: Double

  /// Bins `pairs` of (forecast probability, occurred) into `binCount` bins.
  public init(_ pairs: [(probability: Double, occurred: Bool)], binCount: Int = 10) {
    var sums = [Double](repeating: 0, count: binCount)
    var hits = [Int](repeating: 0, count: binCount)
    var counts = [Int](repeating: 0, count: binCount)
    for (p, occurred) in pairs {
      let k = Swift.min(binCount - 1, Swift.max(0, Int(p * Double(binCount))))
      sums[k] += p
      counts[k] += 1
      if occurred { hits[k] += 1 }
    }
    bins = (0..<binCount).map { k in
      let n = Double(counts[k])
      return Bin(
        lower: Double(k) / Double(binCount), upper: Double(k + 1) / Double(binCount),
        count: counts[k],
        meanForecast: counts[k] > 0 ? sums[k] / n : .nan,
        observedFrequency: counts[k] > 0 ? Double(hits[k]) / n : .nan)
    }
    count = pairs.count
    let total = Double(pairs.count)
    let base = total > 0 ? Double(hits.reduce(0, +)) / total : .nan
    var rel = 0.0
    var res = 0.0
    for bin in bins where bin.count > 0 {
      let n = Double(bin.count)
      rel +=
        n * (bin.meanForecast - bin.observedFrequency) * (bin.meanForecast - bin.observedFrequency)
      res += n * (bin.observedFrequency - base) * (bin.observedFrequency - base)
    }
    reliability = total > 0 ? rel / total : .nan
    resolution = total > 0 ? res / total : .nan
    uncertainty = base * (1 - base)
  }
}
