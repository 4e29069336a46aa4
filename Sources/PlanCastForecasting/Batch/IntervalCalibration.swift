import Foundation

/// How ``BatchForecaster`` sets the width of its intervals.
public enum IntervalCalibrationMode: String, CaseIterable, Sendable {
  /// As the fitted models say.
  case model
  /// Widened or narrowed by the factors learnt on the file's own held-out last years
  /// (``IntervalCalibration``).
  case heldOut = "held-out"

  /// The default of a method: `held-out` for `auto`, `model` for the others.
  public static func standard(for method: BatchMethod) -> IntervalCalibrationMode {
    method == .auto ? .heldOut : .model
  }
}

/// Interval widths learnt across the series of a file from their own last years (a
/// split-conformal calibration, Vovk, Gammerman & Shafer 2005; Stankeviciute et al. 2021 for
/// forecasts pooled across series).
///
/// **Held-out pass.** Every series with at least ``minimumFitYears`` + horizon years is cut
/// before its last `horizon` years and forecast by the same method and settings; no year after a
/// series' last observation is ever read. For each held-out value `a` (series *i*, `h` years
/// ahead) and each level, the factor it needs is how far the interval must be stretched around
/// the point forecast `m` to hold it: `(log a − log m)/(log u − log m)` above the point with `u`
/// the upper bound, the same with the lower bound below it (on the values themselves where a
/// value or bound is not positive). The factor for horizon `h` and level `L` is the conformal
/// quantile of those needs, the ⌈(n + 1)·L⌉-th smallest of the `n` series' values.
///
/// **Forecasts.** Every interval of the real run is then stretched (factor > 1) or shrunk
/// (< 1) around its point forecast by the factor of its horizon and level; the point forecast and
/// the mean are unchanged. Intervals stay nested: a wider level never ends inside a narrower one.
///
/// What it learns from the other series is one factor per horizon and level; it assumes the
/// series' last years are as hard to forecast as their next ones (exchangeable errors).
public struct IntervalCalibration: Sendable, Equatable {
  /// Interval levels in percent: 80, 95, then the extra levels of the run.
  public let levels: [Double]
  /// The factor of each horizon (outer, h = 1…) and level (inner, as ``levels``).
  public let factors: [[Double]]
  /// The series whose last years were held out.
  public let heldOutSeries: Int

  /// Years a series needs before its held-out years to enter the calibration.
  public static let minimumFitYears = 6
  /// Held-out values a horizon needs; fewer and the run keeps the models' intervals.
  public static let minimumValues = 20

  /// Why a run could not be calibrated.
  public struct Unavailable: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
  }

  init(levels: [Double], factors: [[Double]], heldOutSeries: Int) {
    self.levels = levels
    self.factors = factors
    self.heldOutSeries = heldOutSeries
  }

  /// The calibration learnt from held-out forecasts: `heldOut[k]` is the forecast of `full[k]`
  /// cut before its last `horizon` values.
  init(heldOut: [SeriesForecast], full: [YearlySeries], levels: [Double], horizon: Int)
    throws(Unavailable)
  {
    var needs = [[[Double]]](
      repeating: [[Double]](repeating: [], count: levels.count), count: horizon)
    for (forecast, series) in zip(heldOut, full) {
      var actual: [Int: Double] = [:]
      for (year, value) in zip(series.years.suffix(horizon), series.values.suffix(horizon)) {
        actual[year] = value
      }
      for (h, point) in forecast.points.enumerated() where h < horizon {
        guard let a = actual[point.year] else { continue }
        for (l, bounds) in Self.bounds(point, extra: forecast.extraIntervals[h]).enumerated() {
          let need = Self.need(actual: a, point: point.median, bounds: bounds)
          if !need.isNaN { needs[h][l].append(need) }
        }
      }
    }
    guard !heldOut.isEmpty else {
      throw Unavailable(
        description:
          "intervals as the models give them: no series with at least "
          + "\(Self.minimumFitYears + horizon) years to hold out (outside a reference class)")
    }
    var factors: [[Double]] = []
    for (h, perLevel) in needs.enumerated() {
      var row: [Double] = []
      for (l, values) in perLevel.enumerated() {
        guard values.count >= Self.minimumValues else {
          throw Unavailable(
            description:
              "intervals as the models give them: \(values.count) held-out values \(h + 1) "
              + "year(s) ahead, \(Self.minimumValues) needed (series with at least "
              + "\(Self.minimumFitYears + horizon) years)")
        }
        row.append(Self.conformalQuantile(values, level: levels[l] / 100))
      }
      factors.append(row)
    }
    self.levels = levels
    self.factors = factors
    self.heldOutSeries = heldOut.count
  }

  /// The ⌈(n + 1)·level⌉-th smallest value (the largest when that rank exceeds n).
  static func conformalQuantile(_ values: [Double], level: Double) -> Double {
    let sorted = values.sorted()
    let rank = Int((Double(sorted.count + 1) * level).rounded(.up))
    return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
  }

  /// The intervals of a point, in the order of ``levels``.
  static func bounds(_ point: Forecast.Point, extra: [ForecastInterval]) -> [ForecastInterval] {
    [
      ForecastInterval(lower: point.lo80, upper: point.hi80),
      ForecastInterval(lower: point.lo95, upper: point.hi95),
    ] + extra
  }

  /// The factor an interval around `point` must be stretched by to hold `actual`: 0 at the
  /// point, 1 on the bound, NaN when the bounds are missing.
  static func need(actual: Double, point: Double, bounds: ForecastInterval) -> Double {
    let bound = actual >= point ? bounds.upper : bounds.lower
    guard actual.isFinite, point.isFinite, bound.isFinite else { return .nan }
    let logScale = actual > 0 && point > 0 && bound > 0
    let distance = logScale ? log(actual / point) : actual - point
    let halfWidth = logScale ? log(bound / point) : bound - point
    if distance == 0 { return 0 }
    if halfWidth == 0 { return .infinity }
    return distance / halfWidth
  }

  /// `bound` moved `factor` times as far from `point` (on logs when both are positive).
  static func stretch(_ bound: Double, around point: Double, by factor: Double) -> Double {
    guard bound.isFinite, point.isFinite else { return bound }
    if bound > 0 && point > 0 { return point * exp(factor * log(bound / point)) }
    return point + factor * (bound - point)
  }

  /// The forecast with every interval stretched by its factor.
  func apply(to forecast: SeriesForecast) -> SeriesForecast {
    var points: [Forecast.Point] = []
    var extra: [[ForecastInterval]] = []
    for (h, point) in forecast.points.enumerated() {
      let k = factors[Swift.min(h, factors.count - 1)]
      let m = point.median
      var lo80 = Self.stretch(point.lo80, around: m, by: k[0])
      var hi80 = Self.stretch(point.hi80, around: m, by: k[0])
      var lo95 = Self.stretch(point.lo95, around: m, by: k[1])
      var hi95 = Self.stretch(point.hi95, around: m, by: k[1])
      // Nested: 80 % inside 95 %, and both around the point.
      lo95 = Swift.min(lo95, lo80)
      hi95 = Swift.max(hi95, hi80)
      lo80 = Swift.min(lo80, m)
      hi80 = Swift.max(hi80, m)
      points.append(
        Forecast.Point(
          year: point.year, mean: point.mean, median: m, lo80: lo80, hi80: hi80, lo95: lo95,
          hi95: hi95))
      extra.append(
        forecast.extraIntervals[h].enumerated().map { l, interval in
          ForecastInterval(
            lower: Swift.min(Self.stretch(interval.lower, around: m, by: k[l + 2]), m),
            upper: Swift.max(Self.stretch(interval.upper, around: m, by: k[l + 2]), m))
        })
    }
    return SeriesForecast(
      seriesID: forecast.seriesID, method: forecast.method, note: forecast.note, points: points,
      extraIntervals: extra)
  }
}
