import Foundation
import PlanCastNumerics

/// A plan's declared growth model (e.g. the CZT model's AR(1)+trend on real growth) forecasting
/// the level series of a reference class, so that ``ReferenceClassCalibration`` can score it
/// with and without its class calibration.
///
/// Each series is read as the model reads its indicator (growth rates `100·(y_t/y_{t−1} − 1)`
/// for a rates model), fitted at the origin, and ``paths`` paths simulated; the levels are
/// `y_o·exp(c_h/100)` with `c_h` the cumulative log growth. With ``calibrated``, a
/// ``PathCalibrationEstimator`` is first fitted to the cut class itself (pairs ending at the
/// origin at the latest), so the calibration, like everything else, uses nothing after the
/// origin. A series the model cannot be fitted to falls back to `drift`, with a note.
public struct DeclaredModelForecaster: OriginForecaster {
  public let name: String
  public let model: GrowthAutoregression
  public let calibrated: Bool
  /// Horizons of the calibration (see ``PathCalibrationEstimator/horizons``).
  public let calibrationHorizons: Int
  public let paths: Int
  public let seed: UInt64
  public let threads: Int

  public init(
    name: String, model: GrowthAutoregression, calibrated: Bool, calibrationHorizons: Int = 5,
    paths: Int = 2000, seed: UInt64 = 1, threads: Int = 1
  ) {
    var model = model
    model.calibration = nil
    self.name = name
    self.model = model
    self.calibrated = calibrated
    self.calibrationHorizons = calibrationHorizons
    self.paths = Swift.max(20, paths)
    self.seed = seed
    self.threads = threads
  }

  public func forecasts(_ cut: [YearlySeries], horizon: Int, extraLevels: [Double])
    -> [SeriesForecast]
  {
    var spec = model
    var classNote: String?
    if calibrated, let origin = Self.commonLastYear(cut) {
      let estimator = PathCalibrationEstimator(
        model: model, horizons: calibrationHorizons, lastYear: origin, seed: seed,
        threads: threads)
      do {
        spec.calibration = try estimator.fit(cut).calibration
      } catch {
        classNote = "not calibrated: \(error)"
      }
    }
    let store = ResultStore<SeriesForecast>(count: cut.count)
    let workers = Swift.max(1, Swift.min(threads, cut.count))
    let fixedSpec = spec
    let note = classNote
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let k = store.next() {
        let result = forecast(
          cut[k], spec: fixedSpec, horizon: horizon, extraLevels: extraLevels, note: note)
        store.put(result, at: k) { _ in }
      }
    }
    return store.results()
  }

  /// The most common last year of the series (the origin they were cut at).
  static func commonLastYear(_ series: [YearlySeries]) -> Int? {
    var counts: [Int: Int] = [:]
    for s in series { if let y = s.lastYear { counts[y, default: 0] += 1 } }
    return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
  }

  func forecast(
    _ series: YearlySeries, spec: GrowthAutoregression, horizon: Int, extraLevels: [Double],
    note: String?
  ) -> SeriesForecast {
    let estimator = PathCalibrationEstimator(
      model: spec, horizons: calibrationHorizons, lastYear: series.lastYear ?? 0)
    let working = estimator.working(series)
    guard let last = series.values.last, let lastYear = series.lastYear, last > 0,
      let fit = try? spec.fitted(working), fit.series.lastYear == lastYear
    else {
      let fallback = BatchForecaster(
        settings: BatchSettings(
          method: .drift, horizon: horizon, extraLevels: extraLevels, paths: paths, seed: seed)
      ).forecast(series)
      return SeriesForecast(
        seriesID: series.name, method: fallback.method,
        note: "\(name) cannot be fitted here; drift instead", points: fallback.points,
        extraIntervals: fallback.extraIntervals)
    }
    let columns = fit.simulatedCumulativeGrowth(
      horizon: horizon, paths: paths, seed: BatchForecaster.seriesSeed(seed, id: series.name)
    ).map { column in column.map { last * exp($0 / 100) } }
    let sorted = columns.map { $0.sorted() }
    let summary = SimulatedForecast.summarise(sorted, model: spec.name, lastYear: lastYear)
    let extra = sorted.map { column in
      extraLevels.map { level in
        let tail = (1 - level / 100) / 2
        return ForecastInterval(
          lower: Quantile.sorted(column, tail), upper: Quantile.sorted(column, 1 - tail))
      }
    }
    return SeriesForecast(
      seriesID: series.name, method: name, note: note, points: summary.points,
      extraIntervals: extra)
  }
}
