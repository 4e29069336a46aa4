import Foundation
import PlanCastNumerics

/// A central interval.
public struct ForecastInterval: Sendable, Equatable {
  public let lower: Double
  public let upper: Double

  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }
}

/// The forecast of one series by ``BatchForecaster``.
public struct SeriesForecast: Sendable {
  public let seriesID: String
  /// What produced the forecast: a single method (`damped`, or the fallback used), a
  /// combination such as `mean(damped,theta,ar)` (members actually used), prefixed `auto: ` for
  /// `auto`, or `flat` (one observation: the last value, no intervals).
  public let method: String
  /// Why the requested method was not used as asked (fallback, dropped members), or `nil`.
  public let note: String?
  /// One point per forecast year; interval bounds are NaN for a flat forecast.
  public let points: [Forecast.Point]
  /// The additional central intervals (``BatchSettings/extraLevels``), `[point][level]`.
  public let extraIntervals: [[ForecastInterval]]
}

/// Settings of a batch run.
public struct BatchSettings: Sendable {
  public var method: BatchMethod
  public var horizon: Int
  /// Central interval levels in percent other than 80 and 95 (always given), e.g. `[50, 90]`;
  /// these come from simulated paths of the fitted model(s).
  public var extraLevels: [Double]
  /// Simulated paths per series for models without an exact predictive distribution (AR), for
  /// mixtures and for extra levels.
  public var paths: Int
  /// Base seed; each series draws from a stream derived from the seed and its id, so results do
  /// not depend on the number of threads or the order of the series.
  public var seed: UInt64
  public var threads: Int
  /// The members and pooling of `combo` (``Combination/standard`` by default).
  public var combination: Combination
  /// The value standing for a share of 1 for `logistic`.
  public var logisticScale: Double
  /// How interval widths are set (``IntervalCalibrationMode/standard(for:)`` by default).
  public var intervalCalibration: IntervalCalibrationMode

  public init(
    method: BatchMethod, horizon: Int, extraLevels: [Double] = [], paths: Int = 2000,
    seed: UInt64 = 1, threads: Int = 1, combination: Combination = .standard,
    logisticScale: Double = 100, intervalCalibration: IntervalCalibrationMode? = nil
  ) {
    self.method = method
    self.horizon = horizon
    self.extraLevels = extraLevels
    self.paths = paths
    self.seed = seed
    self.threads = threads
    self.combination = combination
    self.logisticScale = logisticScale
    self.intervalCalibration = intervalCalibration ?? .standard(for: method)
  }
}

/// Forecasts many yearly series, each independently, in parallel. Every series gets a forecast:
/// a method that cannot be used on a series falls back to a simpler one (see
/// ``BatchMethod/fallbacks`` and ``Combination``) and says so in ``SeriesForecast/note``; a run
/// never stops because of one series. Output is in input order and bitwise identical for any
/// number of threads.
public struct BatchForecaster: Sendable {
  public let settings: BatchSettings

  public init(settings: BatchSettings) {
    self.settings = settings
  }

  /// Forecasts every series; `progress(done, total)` is called (serialised) after each one.
  /// For `pooled` and `auto` the reference class is built first from all the series (see
  /// ``ReferenceClass``).
  public func run(
    _ series: [YearlySeries], progress: (@Sendable (Int, Int) -> Void)? = nil
  ) -> [SeriesForecast] {
    var forecasts: [SeriesForecast] = []
    forecasts.reserveCapacity(series.count)
    run(series, progress: progress) { forecasts += $0 }
    return forecasts
  }

  /// Series forecast per chunk before the chunk is handed on: the memory of a streamed run.
  public static let chunkSize = 4096

  /// Forecasts every series and hands the forecasts to `emit` in input order, a chunk of
  /// ``chunkSize`` at a time, so that a caller writing them out holds one chunk, not the run:
  /// the same forecasts as ``run(_:progress:)``. Returns the interval calibration used, or why
  /// there is none (`nil` when the settings ask for the models' intervals).
  @discardableResult
  public func run(
    _ series: [YearlySeries], progress: (@Sendable (Int, Int) -> Void)? = nil,
    emit: ([SeriesForecast]) -> Void
  ) -> Result<IntervalCalibration, IntervalCalibration.Unavailable>? {
    let referenceClass = Self.referenceClass(of: series, settings: settings)
    let heldOut = heldOutSeries(series, referenceClass: referenceClass)
    let counter = ProgressCounter(total: series.count + heldOut.count, report: progress)
    let calibration = calibrate(series, heldOut: heldOut, counter: counter)
    let calibrated = try? calibration?.get()
    for start in stride(from: 0, to: series.count, by: Self.chunkSize) {
      let chunk = series[start..<Swift.min(series.count, start + Self.chunkSize)]
      let results = parallelMap(chunk.count, counter: counter) { k in
        forecast(
          chunk[chunk.startIndex + k], referenceClass: referenceClass, calibration: calibrated)
      }
      emit(results)
    }
    return calibration
  }

  /// `body(k)` for k in 0..<count on the worker threads, in index order.
  func parallelMap<Item: Sendable>(
    _ count: Int, counter: ProgressCounter, _ body: @Sendable (Int) -> Item
  ) -> [Item] {
    let store = ResultStore<Item>(count: count)
    let threads = Swift.max(1, Swift.min(settings.threads, count))
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      while let k = store.next() {
        store.put(body(k), at: k) { _ in counter.advance() }
      }
    }
    return store.results()
  }

  /// The indices of the series whose last years enter the interval calibration: long enough and
  /// not forecast from the reference class (whose intervals are calibrated on their own).
  func heldOutSeries(
    _ series: [YearlySeries],
    referenceClass: Result<PooledPredictor, ReferenceClass.Unavailable>?
  ) -> [Int] {
    guard calibratesIntervals else { return [] }
    let needed = IntervalCalibration.minimumFitYears + settings.horizon
    return series.indices.filter { k in
      series[k].count >= needed && pooledPredictor(for: series[k], referenceClass) == nil
    }
  }

  /// The calibration from forecasts of the `heldOut` series cut before their last `horizon`
  /// years; `nil` when the settings ask for the models' intervals.
  func calibrate(_ series: [YearlySeries], heldOut: [Int], counter: ProgressCounter) -> Result<
    IntervalCalibration, IntervalCalibration.Unavailable
  >? {
    guard calibratesIntervals else { return nil }
    let horizon = settings.horizon
    let forecasts = parallelMap(heldOut.count, counter: counter) { k in
      let full = series[heldOut[k]]
      return forecast(full.through(full.years[full.count - horizon - 1]))
    }
    do {
      return .success(
        try IntervalCalibration(
          heldOut: forecasts, full: heldOut.map { series[$0] },
          levels: [80, 95] + settings.extraLevels, horizon: horizon))
    } catch {
      return .failure(error)
    }
  }

  /// Whether the run calibrates its intervals on held-out years (`pooled` never does: the
  /// reference class sets its own widths).
  var calibratesIntervals: Bool {
    settings.intervalCalibration == .heldOut && settings.method != .pooled
  }

  /// The minimum members for `auto` to use a reference class.
  public static let automaticMinimumMembers = 30
  /// The smallest ``ReferenceClass/yearEffectShare`` for `auto` to treat the series as related.
  /// Chosen on data before any reported origin: the 296 cities up to 2009 give 0.19, the 152 M3
  /// yearly training series that end at the same position 0.04 (unrelated series).
  public static let automaticYearEffectShare = 0.1

  /// The reference class of `series` for the methods that use one, or why there is none.
  static func referenceClass(of series: [YearlySeries], settings: BatchSettings) -> Result<
    PooledPredictor, ReferenceClass.Unavailable
  >? {
    guard settings.method.usesReferenceClass else { return nil }
    do {
      let rc = try ReferenceClass(series: series, horizon: settings.horizon)
      return .success(PooledPredictor(referenceClass: rc, extraLevels: settings.extraLevels))
    } catch let error as ReferenceClass.Unavailable {
      return .failure(error)
    } catch {
      return .failure(ReferenceClass.Unavailable(description: "\(error)"))
    }
  }

  /// The forecast of one series; `referenceClass` is the file's, for `pooled` and `auto`;
  /// `calibration` stretches the intervals of forecasts not made from the reference class.
  public func forecast(
    _ series: YearlySeries,
    referenceClass: Result<PooledPredictor, ReferenceClass.Unavailable>? = nil,
    calibration: IntervalCalibration? = nil
  ) -> SeriesForecast {
    if let predictor = pooledPredictor(for: series, referenceClass),
      let pooled = pooledForecast(series, with: predictor)
    {
      return pooled
    }
    var notes: [String] = []
    switch referenceClass {
    case .success(let rc)
    where settings.method == .pooled && !rc.referenceClass.contains(series.name):
      notes.append(
        "not in the reference class (it holds the \(rc.referenceClass.members.count) series "
          + "ending in \(rc.referenceClass.lastYear) with \(rc.referenceClass.window + 2) "
          + "consecutive positive values)")
    case .failure(let reason) where settings.method == .pooled:
      notes.append("no reference class: \(reason)")
    default: break
    }
    let local = localForecast(series, notes: notes)
    return calibration.map { $0.apply(to: local) } ?? local
  }

  /// The reference class's predictor when `series` is to be forecast from it.
  func pooledPredictor(
    for series: YearlySeries, _ referenceClass: Result<PooledPredictor, ReferenceClass.Unavailable>?
  ) -> PooledPredictor? {
    guard case .success(let rc) = referenceClass, rc.referenceClass.contains(series.name),
      settings.method == .pooled
        || (rc.referenceClass.members.count >= Self.automaticMinimumMembers
          && rc.referenceClass.yearEffectShare >= Self.automaticYearEffectShare)
    else { return nil }
    return rc
  }

  /// The forecast of one series by its own models (the method, its members or fallbacks).
  func localForecast(_ series: YearlySeries, notes: [String]) -> SeriesForecast {
    let seed = Self.seriesSeed(settings.seed, id: series.name)
    var notes = notes
    if settings.method.isCombination {
      let combination =
        settings.method == .auto ? Combination.automatic : settings.combination
      let prefix = settings.method == .auto ? "auto: " : ""
      var used: [BatchMethod] = []
      var results: [MemberResult] = []
      for (j, member) in combination.members.enumerated() {
        do {
          results.append(try memberForecast(member, series: series, seed: seed &+ UInt64(j)))
          used.append(member)
        } catch {
          notes.append("dropped \(member.rawValue): \(Self.reason(error, series: series.name))")
        }
      }
      if !results.isEmpty {
        let pooled = pool(results, rule: combination.rule, seed: seed)
        return SeriesForecast(
          seriesID: series.name, method: prefix + combination.label(for: used),
          note: notes.isEmpty ? nil : notes.joined(separator: "; "), points: pooled.points,
          extraIntervals: pooled.extra)
      }
      notes.append("no member usable")
    } else if settings.method != .pooled {
      do {
        let result = try memberForecast(settings.method, series: series, seed: seed)
        return SeriesForecast(
          seriesID: series.name, method: settings.method.rawValue, note: nil,
          points: result.points, extraIntervals: result.extra)
      } catch {
        notes.append(Self.reason(error, series: series.name))
      }
    }
    for fallback in settings.method.fallbacks {
      do {
        let result = try memberForecast(fallback, series: series, seed: seed)
        notes.append("used \(fallback.rawValue)")
        return SeriesForecast(
          seriesID: series.name, method: fallback.rawValue, note: notes.joined(separator: "; "),
          points: result.points, extraIntervals: result.extra)
      } catch {
        notes.append(Self.reason(error, series: series.name))
      }
    }
    notes.append("flat at the last value, no intervals")
    return flat(series, note: notes.joined(separator: "; "))
  }

  /// The `pooled` forecast of a member of the reference class.
  func pooledForecast(_ series: YearlySeries, with predictor: PooledPredictor) -> SeriesForecast? {
    guard let last = series.lastYear,
      let forecast = predictor.forecast(series.name, lastYear: last, horizon: settings.horizon)
    else { return nil }
    return SeriesForecast(
      seriesID: series.name, method: settings.method == .auto ? "auto: pooled" : "pooled",
      note: nil, points: forecast.points, extraIntervals: forecast.extra)
  }

  // MARK: - Members

  struct MemberResult {
    let fitted: any FittedModel
    let points: [Forecast.Point]
    let extra: [[ForecastInterval]]
  }

  struct NotASingleMethod: Error, CustomStringConvertible {
    let method: String
    var description: String { "\(method) is not a single-series method" }
  }

  struct NonFiniteForecast: Error, CustomStringConvertible {
    let model: String
    var description: String { "\(model) gave a non-finite forecast" }
  }

  /// Fits a single method and forecasts; throws when it cannot be used.
  func memberForecast(_ method: BatchMethod, series: YearlySeries, seed: UInt64) throws
    -> MemberResult
  {
    guard let spec = method.model(logisticScale: settings.logisticScale) else {
      throw NotASingleMethod(method: method.rawValue)
    }
    let fitted = try spec.fit(series)
    let forecast = fitted.forecast(horizon: settings.horizon, paths: settings.paths, seed: seed)
    let finite = forecast.points.allSatisfy {
      $0.mean.isFinite && $0.median.isFinite && $0.lo80.isFinite && $0.hi80.isFinite
        && $0.lo95.isFinite && $0.hi95.isFinite
    }
    guard forecast.points.count == settings.horizon, finite else {
      throw NonFiniteForecast(model: method.rawValue)
    }
    var extra = [[ForecastInterval]](repeating: [], count: settings.horizon)
    if !settings.extraLevels.isEmpty {
      let columns = Self.simulate(
        fitted, horizon: settings.horizon, paths: settings.paths, seed: seed, stream: 0)
      extra = columns.map { column in settings.extraLevels.map { Self.interval(column, $0) } }
    }
    return MemberResult(fitted: fitted, points: forecast.points, extra: extra)
  }

  /// Pools the members' forecasts by `rule`.
  func pool(_ results: [MemberResult], rule: CombinationRule, seed: UInt64) -> (
    points: [Forecast.Point], extra: [[ForecastInterval]]
  ) {
    let horizon = settings.horizon
    func centre(_ values: [Double]) -> Double {
      switch rule {
      case .quantileMean, .mixture, .medianMixture: values.reduce(0, +) / Double(values.count)
      case .quantileMedian: Quantile.sorted(values.sorted(), 0.5)
      }
    }
    if rule == .quantileMean || rule == .quantileMedian {
      let points = (0..<horizon).map { h -> Forecast.Point in
        let p = results.map { $0.points[h] }
        return Forecast.Point(
          year: p[0].year, mean: centre(p.map(\.mean)), median: centre(p.map(\.median)),
          lo80: centre(p.map(\.lo80)), hi80: centre(p.map(\.hi80)), lo95: centre(p.map(\.lo95)),
          hi95: centre(p.map(\.hi95)))
      }
      let extra = (0..<horizon).map { h in
        settings.extraLevels.indices.map { l in
          ForecastInterval(
            lower: centre(results.map { $0.extra[h][l].lower }),
            upper: centre(results.map { $0.extra[h][l].upper }))
        }
      }
      return (points, extra)
    }
    // Mixture: paths split equally among the members (the first members get one more when
    // the paths do not divide), each member on its own streams.
    var columns = [[Double]](repeating: [], count: horizon)
    let share = settings.paths / results.count
    let remainder = settings.paths % results.count
    for (j, result) in results.enumerated() {
      let member = Self.simulate(
        result.fitted, horizon: horizon, paths: share + (j < remainder ? 1 : 0), seed: seed,
        stream: UInt64(j + 1) << 32)
      for h in 0..<horizon { columns[h] += member[h] }
    }
    var points: [Forecast.Point] = []
    var extra: [[ForecastInterval]] = []
    for h in 0..<horizon {
      let sorted = columns[h].sorted()
      let q = [0.5, 0.1, 0.9, 0.025, 0.975].map { Quantile.sorted(sorted, $0) }
      let median =
        rule == .medianMixture
        ? Quantile.sorted(results.map { $0.points[h].median }.sorted(), 0.5) : q[0]
      points.append(
        Forecast.Point(
          year: results[0].points[h].year, mean: centre(results.map { $0.points[h].mean }),
          median: median, lo80: q[1], hi80: q[2], lo95: q[3], hi95: q[4]))
      extra.append(settings.extraLevels.map { Self.interval(sorted, $0, isSorted: true) })
    }
    return (points, extra)
  }

  /// A flat forecast at the last value, without intervals.
  func flat(_ series: YearlySeries, note: String) -> SeriesForecast {
    let last = series.values.last!
    let year = series.lastYear!
    let points = (0..<settings.horizon).map {
      Forecast.Point(
        year: year + $0 + 1, mean: last, median: last, lo80: .nan, hi80: .nan, lo95: .nan,
        hi95: .nan)
    }
    let none = ForecastInterval(lower: .nan, upper: .nan)
    return SeriesForecast(
      seriesID: series.name, method: "flat", note: note, points: points,
      extraIntervals: points.map { _ in settings.extraLevels.map { _ in none } })
  }

  // MARK: - Helpers

  /// `paths` simulated paths of `model`, as one column per forecast year. Path `k` draws from
  /// `Philox(seed:, stream: stream + k)`.
  static func simulate(
    _ model: any FittedModel, horizon: Int, paths: Int, seed: UInt64, stream: UInt64
  ) -> [[Double]] {
    let width = horizon * model.innovationsPerYear
    var columns = [[Double]](repeating: [Double](repeating: 0, count: paths), count: horizon)
    var innovations = [Double](repeating: 0, count: width)
    var path = [Double](repeating: 0, count: horizon)
    for k in 0..<paths {
      var generator = Philox(seed: seed, stream: stream &+ UInt64(k))
      for i in 0..<width { innovations[i] = generator.nextNormal() }
      innovations.withUnsafeBufferPointer { z in
        path.withUnsafeMutableBufferPointer { out in
          model.simulate(innovations: z, generator: &generator, into: out)
        }
      }
      for h in 0..<horizon { columns[h][k] = path[h] }
    }
    return columns
  }

  /// The central `level`% interval of a sample.
  static func interval(_ sample: [Double], _ level: Double, isSorted: Bool = false)
    -> ForecastInterval
  {
    let sorted = isSorted ? sample : sample.sorted()
    let tail = (1 - level / 100) / 2
    return ForecastInterval(
      lower: Quantile.sorted(sorted, tail), upper: Quantile.sorted(sorted, 1 - tail))
  }

  /// The first clause of an error's message, without the series name.
  static func reason(_ error: Error, series: String) -> String {
    var text = "\(error)"
    if text.hasPrefix(series + ": ") { text.removeFirst(series.count + 2) }
    if let cut = text.range(of: "; ") { text = String(text[..<cut.lowerBound]) }
    return text
  }

  /// A per-series seed from the run's seed and the series id (FNV-1a, then SplitMix64).
  static func seriesSeed(_ seed: UInt64, id: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in id.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    var z = seed ^ hash &+ 0x9e37_79b9_7f4a_7c15
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}

/// Counts finished series across chunks and reports them, serialised.
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private let total: Int
  private let report: (@Sendable (Int, Int) -> Void)?

  init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
    self.total = total
    self.report = report
  }

  func advance() {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    report?(done, total)
  }
}

/// Results written by index from the worker threads, with the shared work counter.
final class ResultStore<Item: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [Item?]
  private var nextIndex = 0
  private var done = 0

  init(count: Int) {
    items = [Item?](repeating: nil, count: count)
  }

  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextIndex < items.count else { return nil }
    nextIndex += 1
    return nextIndex - 1
  }

  /// Stores a result and calls `report` with the number done, under the lock.
  func put(_ item: Item, at k: Int, report: (Int) -> Void) {
    lock.lock()
    defer { lock.unlock() }
    items[k] = item
    done += 1
    report(done)
  }

  func results() -> [Item] {
    lock.lock()
    defer { lock.unlock() }
    return items.map { $0! }
  }
}
