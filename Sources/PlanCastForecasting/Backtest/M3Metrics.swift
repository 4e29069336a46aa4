#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Accuracy measures as the M3 competition literature uses them.
///
/// - **sMAPE** (Makridakis & Hibon 2000), per series and horizon:
///   `200·|A − F| / (|A| + |F|)` (0 when both are 0). A method's score at horizon h is the mean
///   over series; "avg 1–6" is the mean over all series × horizons (equal to the mean of the
///   per-horizon scores when every series has every horizon). Makridakis & Hibon wrote the
///   denominator without absolute values; that differs only for non-positive forecasts.
/// - **MASE** (Hyndman & Koehler 2006): per series, `mean_h |A_h − F_h|` divided by the
///   in-sample one-step naive MAE of the training part, `(1/(n−1))·Σ_{t=2..n} |y_t − y_{t−1}|`;
///   then the mean over series.
/// - **Coverage**: the share of series × horizons whose actual lies inside `[lower, upper]`.
/// - **Scaled WIS**: the weighted interval score (Bracher et al. 2021) of the median and the 80%
///   and 95% intervals, `(½|A − m| + Σ_α (α/2)·IS_α) / 2.5` with the interval score
///   `IS_α = (u − l) + (2/α)·(l − A)⁺ + (2/α)·(A − u)⁺`, a quantile-based approximation of the
///   CRPS; per series the mean over horizons divided by the MASE scale, then the mean over
///   series. For intervals shrunk onto the point it equals MASE, so a value below MASE means the
///   intervals carry information.
///
/// These reproduce the published M3 yearly tables from the submitted forecasts (see
/// `M3MetricsTests` and `Benchmarks/m3/README.md`).
public enum M3Metrics {
  /// sMAPE of one forecast, in percent.
  public static func smape(actual: Double, forecast: Double) -> Double {
    let denominator = abs(actual) + abs(forecast)
    return denominator == 0 ? 0 : 200 * abs(actual - forecast) / denominator
  }

  /// The MASE scale: the mean absolute one-step change of the training values (`nil` for fewer
  /// than 2 values).
  public static func naiveScale(_ training: [Double]) -> Double? {
    guard training.count >= 2 else { return nil }
    var sum = 0.0
    for t in 1..<training.count { sum += abs(training[t] - training[t - 1]) }
    return sum / Double(training.count - 1)
  }

  /// A method's accuracy over a set of series.
  public struct Accuracy: Sendable, Equatable {
    /// Mean sMAPE over series at horizons 1, 2, ….
    public let smapeByHorizon: [Double]
    /// Mean sMAPE over all series × horizons 1…4 and 1…H.
    public let smapeAverage1to4: Double
    public let smapeAverage: Double
    /// Mean over series of each series' MASE over horizons 1…H.
    public let mase: Double
    /// Share of actuals inside the 80% and 95% intervals, when intervals were given.
    public let coverage80: Double?
    public let coverage95: Double?
    /// Mean scaled weighted interval score, when every interval is finite.
    public let scaledWIS: Double?
    public let seriesCount: Int
    /// The same measures at each horizon alone (horizon 1 first).
    public let horizons: [HorizonAccuracy]
  }

  /// The accuracy of the h-th forecast year: sMAPE, MASE (`|A − F|` over the MASE scale,
  /// averaged over series), coverage and scaled WIS, over the series that have that horizon.
  public struct HorizonAccuracy: Sendable, Equatable {
    public let smape: Double
    public let mase: Double
    public let coverage80: Double?
    public let coverage95: Double?
    public let scaledWIS: Double?
    public let seriesCount: Int
  }

  /// The interval score of `[lower, upper]` at level `1 − alpha` for the outcome `actual`.
  public static func intervalScore(
    actual: Double, lower: Double, upper: Double, alpha: Double
  ) -> Double {
    (upper - lower) + 2 / alpha * (Swift.max(0, lower - actual) + Swift.max(0, actual - upper))
  }

  /// The weighted interval score of a median and central 80% and 95% intervals.
  public static func weightedIntervalScore(
    actual: Double, median: Double, interval80: ForecastInterval, interval95: ForecastInterval
  ) -> Double {
    let s80 = intervalScore(
      actual: actual, lower: interval80.lower, upper: interval80.upper, alpha: 0.2)
    let s95 = intervalScore(
      actual: actual, lower: interval95.lower, upper: interval95.upper, alpha: 0.05)
    return (0.5 * abs(actual - median) + 0.1 * s80 + 0.025 * s95) / 2.5
  }

  /// Problems of an evaluation's inputs.
  public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case missingForecast(series: String, horizon: Int)
    case missingTraining(series: String)
    case zeroScale(series: String)

    public var description: String {
      switch self {
      case .missingForecast(let s, let h): "no forecast for series \(s) at horizon \(h)"
      case .missingTraining(let s): "no training values (at least 2) for series \(s)"
      case .zeroScale(let s): "series \(s) has constant training values, so its MASE is undefined"
      }
    }
  }

  /// Forecasts of one series: point forecasts by horizon, optionally with 80% and 95% bounds.
  public struct SeriesForecasts: Sendable {
    public var point: [Double]
    public var interval80: [ForecastInterval]?
    public var interval95: [ForecastInterval]?

    public init(
      point: [Double], interval80: [ForecastInterval]? = nil,
      interval95: [ForecastInterval]? = nil
    ) {
      self.point = point
      self.interval80 = interval80
      self.interval95 = interval95
    }
  }

  /// Scores `forecasts` against `actuals` (by series id, horizon 1 first), scaling MASE by
  /// `training`. Every series of `actuals` must have a forecast for every horizon; forecasts of
  /// other series are ignored. Coverage is reported when every series has intervals.
  public static func evaluate(
    forecasts: [String: SeriesForecasts], actuals: [String: [Double]],
    training: [String: [Double]]
  ) throws -> Accuracy {
    let ids = actuals.keys.sorted()
    let horizon = actuals.values.map(\.count).max() ?? 0
    var sums = [Double](repeating: 0, count: horizon)
    var counts = [Int](repeating: 0, count: horizon)
    var maseSum = 0.0
    var covered80 = 0
    var covered95 = 0
    var intervalTerms = 0
    var haveIntervals = true
    var wisSum = 0.0
    var wisFinite = true
    var maseByHorizon = [Double](repeating: 0, count: horizon)
    var coveredByHorizon = [[Int]](repeating: [0, 0], count: horizon)
    var wisByHorizon = [Double](repeating: 0, count: horizon)
    for id in ids {
      let actual = actuals[id]!
      guard let f = forecasts[id] else {
        throw EvaluationError.missingForecast(series: id, horizon: 1)
      }
      guard f.point.count >= actual.count else {
        throw EvaluationError.missingForecast(series: id, horizon: f.point.count + 1)
      }
      guard let train = training[id], let scale = naiveScale(train) else {
        throw EvaluationError.missingTraining(series: id)
      }
      guard scale > 0 else { throw EvaluationError.zeroScale(series: id) }
      var absoluteError = 0.0
      for h in actual.indices {
        sums[h] += smape(actual: actual[h], forecast: f.point[h])
        counts[h] += 1
        absoluteError += abs(actual[h] - f.point[h])
        maseByHorizon[h] += abs(actual[h] - f.point[h]) / scale
      }
      maseSum += absoluteError / Double(actual.count) / scale
      if let i80 = f.interval80, let i95 = f.interval95, i80.count >= actual.count,
        i95.count >= actual.count
      {
        var wis = 0.0
        for h in actual.indices {
          intervalTerms += 1
          if i80[h].lower <= actual[h] && actual[h] <= i80[h].upper {
            covered80 += 1
            coveredByHorizon[h][0] += 1
          }
          if i95[h].lower <= actual[h] && actual[h] <= i95[h].upper {
            covered95 += 1
            coveredByHorizon[h][1] += 1
          }
          let term = weightedIntervalScore(
            actual: actual[h], median: f.point[h], interval80: i80[h], interval95: i95[h])
          wis += term
          wisByHorizon[h] += term / scale
        }
        wisFinite = wisFinite && wis.isFinite
        wisSum += wis / Double(actual.count) / scale
      } else {
        haveIntervals = false
      }
    }
    let byHorizon = zip(sums, counts).map { $0 / Double(Swift.max(1, $1)) }
    func average(_ hs: Range<Int>) -> Double {
      let total = hs.reduce(0.0) { $0 + sums[$1] }
      let n = hs.reduce(0) { $0 + counts[$1] }
      return total / Double(Swift.max(1, n))
    }
    let useIntervals = haveIntervals && intervalTerms > 0
    let horizons = (0..<horizon).map { h in
      let n = Double(Swift.max(1, counts[h]))
      return HorizonAccuracy(
        smape: byHorizon[h], mase: maseByHorizon[h] / n,
        coverage80: useIntervals ? Double(coveredByHorizon[h][0]) / n : nil,
        coverage95: useIntervals ? Double(coveredByHorizon[h][1]) / n : nil,
        scaledWIS: useIntervals && wisFinite ? wisByHorizon[h] / n : nil, seriesCount: counts[h])
    }
    return Accuracy(
      smapeByHorizon: byHorizon, smapeAverage1to4: average(0..<Swift.min(4, horizon)),
      smapeAverage: average(0..<horizon), mase: maseSum / Double(Swift.max(1, ids.count)),
      coverage80: useIntervals ? Double(covered80) / Double(intervalTerms) : nil,
      coverage95: useIntervals ? Double(covered95) / Double(intervalTerms) : nil,
      scaledWIS: useIntervals && wisFinite ? wisSum / Double(Swift.max(1, ids.count)) : nil,
      seriesCount: ids.count, horizons: horizons)
  }
}
