import PlanCastNumerics

/// A forecast distribution per future year: mean, median and central intervals.
public struct Forecast: Sendable, Equatable {
  /// One forecast year.
  public struct Point: Sendable, Equatable {
    public let year: Int
    public let mean: Double
    public let median: Double
    /// Central 80% and 95% intervals.
    public let lo80: Double
    public let hi80: Double
    public let lo95: Double
    public let hi95: Double

    public init(
      year: Int, mean: Double, median: Double, lo80: Double, hi80: Double, lo95: Double,
      hi95: Double
    ) {
      self.year = year
      self.mean = mean
      self.median = median
      self.lo80 = lo80
      self.hi80 = hi80
      self.lo95 = lo95
      self.hi95 = hi95
    }
  }

  /// The model that produced the forecast.
  public let model: String
  public let points: [Point]

  public init(model: String, points: [Point]) {
    self.model = model
    self.points = points
  }

  /// Summarises `paths` simulated paths of `model` (path `k` uses `Philox(seed:, stream: k)`).
  public static func bySimulation(model: some FittedModel, horizon: Int, paths: Int, seed: UInt64)
    -> Forecast
  {
    let lastYear = model.series.lastYear ?? 0
    var columns = [[Double]](repeating: [Double](repeating: 0, count: paths), count: horizon)
    var innovations = [Double](repeating: 0, count: horizon)
    var path = [Double](repeating: 0, count: horizon)
    for k in 0..<paths {
      var generator = Philox(seed: seed, stream: UInt64(k))
      for h in 0..<horizon { innovations[h] = generator.nextNormal() }
      innovations.withUnsafeBufferPointer { z in
        path.withUnsafeMutableBufferPointer { out in
          model.simulate(innovations: z, generator: &generator, into: out)
        }
      }
      for h in 0..<horizon { columns[h][k] = path[h] }
    }
    let points = (0..<horizon).map { h -> Point in
      let sorted = columns[h].sorted()
      return Point(
        year: lastYear + h + 1, mean: sorted.reduce(0, +) / Double(paths),
        median: Quantile.sorted(sorted, 0.5), lo80: Quantile.sorted(sorted, 0.1),
        hi80: Quantile.sorted(sorted, 0.9), lo95: Quantile.sorted(sorted, 0.025),
        hi95: Quantile.sorted(sorted, 0.975))
    }
    return Forecast(model: model.name, points: points)
  }
}

/// Sample quantiles.
public enum Quantile {
  /// The `p` quantile of ascending `sorted` values by linear interpolation (R's type 7, numpy's
  /// default).
  public static func sorted(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let position = p * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = Swift.min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
  }
}
