import Foundation

/// Rolling-origin evaluation of forecasting methods over a reference class of series: at each
/// origin every series is cut at the origin and the whole class forecast at once by
/// ``BatchForecaster/run(_:progress:)`` (so methods pooling over the class see all of it and
/// nothing after the origin), then each forecast is scored against the outturn.
///
/// A series takes part at an origin when it has a value there and every value up to it is
/// positive (growth and percentage errors need positive levels); a horizon is scored when the
/// series has a positive outturn then. A forecast without a predictive distribution (`flat`: no
/// two consecutive years) is not scored. Every such case is counted in
/// ``CalibrationResult/skips``.
public struct ReferenceClassCalibration: Sendable {
  public let settings: CalibrationSettings

  public init(settings: CalibrationSettings) {
    self.settings = settings
  }

  /// The accuracy metrics, in output order: `mape` (% of the outturn, of the median), `mase`,
  /// `crps`, `winkler80`, `winkler95`, then `coverage<L>` (%) for every level.
  public var accuracyMetrics: [String] {
    ["mape", "mase", "crps", "winkler80", "winkler95"]
      + settings.levels.map { "coverage\(IntervalLevel.name($0))" }
  }

  /// The event metrics: `brier`, `log_score`, `climatology` (share of series meeting the event in
  /// the horizon before the origin), `brier_climatology` (its Brier score), `brier_skill`
  /// (`1 − brier/brier_climatology`, over origins with a climatology).
  public static let eventMetrics = [
    "brier", "log_score", "climatology", "brier_climatology", "brier_skill",
  ]

  /// Checks the settings against the data before any work.
  public func validate(_ series: [YearlySeries]) throws(CalibrationError) {
    guard series.count >= 2 else { throw .tooFewSeries(series.count) }
    let h = settings.horizons
    guard h.lowerBound >= 1, h.upperBound <= CalibrationSettings.maximumHorizon else {
      throw .horizons(h)
    }
    guard (0...CalibrationSettings.maximumReplicates).contains(settings.bootstrapReplicates)
    else { throw .replicates(settings.bootstrapReplicates) }
    guard settings.blockLength >= 1 else { throw .blockLength(settings.blockLength) }
    let first = series.compactMap(\.years.first).min() ?? 0
    let last = series.compactMap(\.years.last).max() ?? 0
    let o = settings.origins
    guard o.lowerBound >= first + 1, o.upperBound <= last - h.lowerBound else {
      throw .originsOutsideData(
        origins: o, years: first...Swift.max(first, last), firstHorizon: h.lowerBound)
    }
    let (work, overflow) = o.count.multipliedReportingOverflow(
      by: settings.methodNames.count * series.count)
    guard !overflow, work <= CalibrationSettings.maximumForecasts else {
      throw .tooMuchWork(forecasts: overflow ? Int.max : work)
    }
    let draws = Double(work) * Double(settings.paths) * Double(h.upperBound)
    guard draws <= Double(CalibrationSettings.maximumDraws) else {
      throw .tooManyDraws(draws < 9e18 ? Int(draws) : Int.max)
    }
  }

  /// The series taking part at `origin`, cut there, with the count of those left out by reason.
  public func cut(_ series: [YearlySeries], at origin: Int) -> (
    series: [YearlySeries], source: [Int], noValue: Int, nonPositive: Int
  ) {
    var cut: [YearlySeries] = []
    var source: [Int] = []
    var noValue = 0
    var nonPositive = 0
    for (k, s) in series.enumerated() {
      let training = s.through(origin)
      if training.lastYear != origin {
        noValue += 1
      } else if training.values.contains(where: { $0 <= 0 }) {
        nonPositive += 1
      } else {
        cut.append(training)
        source.append(k)
      }
    }
    return (cut, source, noValue, nonPositive)
  }

  /// Every method's forecasts of the series cut at `origin` (see ``cut(_:at:)``), to the largest
  /// horizon: one ``BatchForecaster`` run per method over the whole class.
  public func forecasts(_ cut: [YearlySeries]) -> [[SeriesForecast]] {
    settings.methods.map { method in
      let batch = BatchSettings(
        method: method, horizon: settings.horizons.upperBound, extraLevels: settings.extraLevels,
        paths: settings.paths, seed: settings.seed, threads: settings.threads)
      return BatchForecaster(settings: batch).run(cut)
    }
      + settings.forecasters.map {
        $0.forecasts(cut, horizon: settings.horizons.upperBound, extraLevels: settings.extraLevels)
      }
  }

  /// Runs the evaluation; `progress(done, total)` counts origin × method runs.
  public func run(
    _ series: [YearlySeries], progress: ((Int, Int) -> Void)? = nil
  ) throws(CalibrationError) -> CalibrationResult {
    try validate(series)
    let origins = Array(settings.origins)
    var tally = Tally(settings: settings, origins: origins.count)
    var done = 0
    for (i, origin) in origins.enumerated() {
      let (cut, source, noValue, nonPositive) = cut(series, at: origin)
      tally.skip(origin, nil, nil, nil, "no value at the origin", noValue)
      tally.skip(origin, nil, nil, nil, "a non-positive value up to the origin", nonPositive)
      let outturns = settings.horizons.map { h in source.map { series[$0].value(at: origin + h) } }
      for (j, h) in settings.horizons.enumerated() {
        tally.skip(origin, h, nil, nil, "no outturn", outturns[j].count { $0 == nil })
        tally.skip(
          origin, h, nil, nil, "a non-positive outturn", outturns[j].count { ($0 ?? 1) <= 0 })
      }
      let thresholds = settings.events.map { event in
        cut.map { event.threshold($0, origin: origin, span: settings.eventHorizon) }
      }
      for (e, event) in settings.events.enumerated() {
        tally.skip(
          origin, nil, nil, event,
          "no positive value \(settings.eventHorizon) years before the origin",
          thresholds[e].count { $0 == nil })
      }
      let base = settings.events.map { climatology($0, cut, origin: origin) }
      for (e, event) in settings.events.enumerated() {
        tally.climatology.append((origin, event, base[e]?.share, base[e]?.count ?? 0))
      }
      let all = forecasts(cut)
      for (m, forecasts) in all.enumerated() {
        let method = settings.methodNames[m]
        var flat = 0
        var unordered = 0
        for (k, forecast) in forecasts.enumerated() {
          guard forecast.method != "flat" else {
            flat += 1
            continue
          }
          let scale = Backtest.naiveScale(cut[k])
          for (j, h) in settings.horizons.enumerated() {
            guard let y = outturns[j][k], y > 0,
              let distribution = distribution(forecast, horizon: h)
            else { continue }
            if !distribution.isMonotone { unordered += 1 }
            tally.accuracy[m][i][j].add(
              scores(forecast, horizon: h, distribution: distribution, outturn: y, scale: scale))
          }
          guard let final = outturns[settings.horizons.count - 1][k], final > 0,
            let distribution = distribution(forecast, horizon: settings.eventHorizon)
          else { continue }
          for e in settings.events.indices {
            guard let t = thresholds[e][k] else { continue }
            tally.addEvent(
              m, e, i, p: 1 - distribution.cdf(t), occurred: final >= t,
              climatology: base[e]?.share)
          }
        }
        tally.skip(origin, nil, method, nil, "flat forecast (no predictive distribution)", flat)
        tally.fallbacks.append((method, origin, forecasts.count { $0.note != nil }))
        tally.unordered.append((method, origin, unordered))
        done += 1
        progress?(done, origins.count * settings.methodNames.count)
      }
    }
    guard tally.hasScores else { throw .nothingToScore(settings.origins) }
    return tally.result(seriesCount: series.count, metrics: accuracyMetrics)
  }

  /// The share of the cut series meeting `event` over the horizon before `origin`: from the value
  /// `h` years before the origin (own growth: over the `h` years before that) to the value at the
  /// origin. Uses no data after the origin. `nil` when no series has the years.
  func climatology(_ event: AttainmentEvent, _ cut: [YearlySeries], origin: Int) -> (
    share: Double, count: Int
  )? {
    let h = settings.eventHorizon
    var hits = 0
    var n = 0
    for s in cut {
      guard let t = event.threshold(s, origin: origin - h, span: h), let y = s.value(at: origin)
      else { continue }
      n += 1
      if y >= t { hits += 1 }
    }
    return n > 0 ? (Double(hits) / Double(n), n) : nil
  }

  /// The predictive distribution at horizon `h` from the median and every level's interval.
  func distribution(_ forecast: SeriesForecast, horizon h: Int) -> QuantileDistribution? {
    let point = forecast.points[h - 1]
    return QuantileDistribution(
      median: point.median,
      intervals: settings.levels.map { ($0, interval(forecast, horizon: h, level: $0)) })
  }

  func interval(_ forecast: SeriesForecast, horizon h: Int, level: Double) -> ForecastInterval {
    let point = forecast.points[h - 1]
    if level == 80 { return ForecastInterval(lower: point.lo80, upper: point.hi80) }
    if level == 95 { return ForecastInterval(lower: point.lo95, upper: point.hi95) }
    let k = settings.extraLevels.firstIndex(of: level) ?? 0
    return forecast.extraIntervals[h - 1][k]
  }

  /// One forecast's terms of ``accuracyMetrics`` (nil where undefined: MASE without a scale).
  func scores(
    _ forecast: SeriesForecast, horizon h: Int, distribution: QuantileDistribution,
    outturn y: Double, scale: Double?
  ) -> [Double?] {
    let median = forecast.points[h - 1].median
    let error = abs(median - y)
    var terms: [Double?] = [
      100 * error / y, scale.map { error / $0 }, ScoringRules.crps(distribution, outcome: y),
      ScoringRules.winkler(
        interval(forecast, horizon: h, level: 80), alpha: 0.2, outcome: y),
      ScoringRules.winkler(
        interval(forecast, horizon: h, level: 95), alpha: 0.05, outcome: y),
    ]
    for level in settings.levels {
      let i = interval(forecast, horizon: h, level: level)
      terms.append(i.lower <= y && y <= i.upper ? 100 : 0)
    }
    return terms
  }
}

/// Interval level names: `80`, `97.5`.
enum IntervalLevel {
  static func name(_ level: Double) -> String {
    level == level.rounded() ? String(Int(level)) : "\(level)"
  }
}
