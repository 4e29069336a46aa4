/// Rolling-origin evaluation: for each origin year, fit on data up to the origin and forecast
/// the following years; compare with what was later observed.
public enum Backtest {
  /// One forecast compared with its outturn.
  public struct Record: Sendable, Equatable {
    public let origin: Int
    public let horizon: Int
    public let year: Int
    public let actual: Double
    public let forecast: Forecast.Point
    /// The MASE scale at this origin: mean absolute change between consecutive training years.
    public let scale: Double

    public init(
      origin: Int, horizon: Int, year: Int, actual: Double, forecast: Forecast.Point,
      scale: Double
    ) {
      self.origin = origin
      self.horizon = horizon
      self.year = year
      self.actual = actual
      self.forecast = forecast
      self.scale = scale
    }
  }

  /// Fits `model` at each origin in `origins` that leaves data to fit and to check, and records
  /// forecasts at `horizons`. Origins where the model cannot be fitted are skipped (and counted
  /// in `skipped`).
  public static func run(
    model: some ForecastModel, series: YearlySeries, origins: ClosedRange<Int>,
    horizons: ClosedRange<Int>, paths: Int = 1000, seed: UInt64 = 1
  ) -> (records: [Record], skipped: [Int]) {
    var records: [Record] = []
    var skipped: [Int] = []
    for origin in origins {
      let training = series.through(origin)
      guard training.lastYear == origin,
        let scale = naiveScale(training),
        horizons.contains(where: { series.years.contains(origin + $0) })
      else { continue }
      guard let fitted = try? model.fit(training) else {
        skipped.append(origin)
        continue
      }
      let forecast = fitted.forecast(
        horizon: horizons.upperBound, paths: paths, seed: seed &+ UInt64(origin))
      for h in horizons {
        guard h <= forecast.points.count,
          let index = series.years.firstIndex(of: origin + h)
        else { continue }
        records.append(
          Record(
            origin: origin, horizon: h, year: origin + h, actual: series.values[index],
            forecast: forecast.points[h - 1], scale: scale))
      }
    }
    return (records, skipped)
  }

  /// Mean absolute change between consecutive observed years (the in-sample naive MAE).
  static func naiveScale(_ series: YearlySeries) -> Double? {
    var total = 0.0
    var count = 0
    for k in series.years.indices.dropFirst() where series.years[k] == series.years[k - 1] + 1 {
      total += abs(series.values[k] - series.values[k - 1])
      count += 1
    }
    guard count > 0, total > 0 else { return nil }
    return total / Double(count)
  }
}

/// Accuracy of a set of backtest records.
public struct AccuracySummary: Sendable, Equatable {
  public let count: Int
  /// Mean absolute percentage error (%), over records with a non-zero outturn.
  public let mape: Double
  public let rmse: Double
  /// Mean absolute scaled error (Hyndman and Koehler 2006).
  public let mase: Double
  public let coverage80: Double
  public let coverage95: Double
  /// Mean Winkler (interval) score of the 80% and 95% intervals, in the series' units.
  public let winkler80: Double
  public let winkler95: Double

  /// Summarises `records` (at least one).
  public init?(_ records: [Backtest.Record]) {
    guard !records.isEmpty else { return nil }
    let n = Double(records.count)
    var ape = 0.0
    var apeCount = 0
    var squared = 0.0
    var scaled = 0.0
    var in80 = 0
    var in95 = 0
    var w80 = 0.0
    var w95 = 0.0
    for r in records {
      let error = r.actual - r.forecast.mean
      if r.actual != 0 {
        ape += abs(error / r.actual)
        apeCount += 1
      }
      squared += error * error
      scaled += abs(error) / r.scale
      if r.actual >= r.forecast.lo80 && r.actual <= r.forecast.hi80 { in80 += 1 }
      if r.actual >= r.forecast.lo95 && r.actual <= r.forecast.hi95 { in95 += 1 }
      w80 += Self.winkler(r.actual, r.forecast.lo80, r.forecast.hi80, alpha: 0.2)
      w95 += Self.winkler(r.actual, r.forecast.lo95, r.forecast.hi95, alpha: 0.05)
    }
    count = records.count
    mape = apeCount > 0 ? 100 * ape / Double(apeCount) : .nan
    rmse = (squared / n).squareRoot()
    mase = scaled / n
    coverage80 = Double(in80) / n
    coverage95 = Double(in95) / n
    winkler80 = w80 / n
    winkler95 = w95 / n
  }

  /// Winkler (1972) interval score: width plus `2/α` times the distance outside the interval.
  static func winkler(_ y: Double, _ lo: Double, _ hi: Double, alpha: Double) -> Double {
    (hi - lo) + (y < lo ? 2 / alpha * (lo - y) : 0) + (y > hi ? 2 / alpha * (y - hi) : 0)
  }
}
