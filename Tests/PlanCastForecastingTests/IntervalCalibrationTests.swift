import Foundation
import PlanCastNumerics
import Testing

@testable import PlanCastForecasting

/// The held-out interval calibration of `plancast forecast` (``IntervalCalibration``):
/// hand-checked pieces, the factors recomputed from forecasts of the cut series, no look past a
/// series' cut, and coverage on the M3 yearly training years.
@Suite struct IntervalCalibrationTests {
  @Test func conformalQuantileIsTheCeilingRank() {
    let values = (1...9).map(Double.init)  // n = 9
    // ⌈10 × 0.8⌉ = 8th smallest; ⌈10 × 0.95⌉ = 10 > 9: the largest.
    #expect(IntervalCalibration.conformalQuantile(values.reversed(), level: 0.8) == 8)
    #expect(IntervalCalibration.conformalQuantile(values, level: 0.95) == 9)
    #expect(IntervalCalibration.conformalQuantile(values, level: 0.5) == 5)
  }

  @Test func needIsTheStretchThatReachesTheValue() {
    let bounds = ForecastInterval(lower: 50, upper: 200)
    // On logs: log(400/100)/log(200/100) = 2 above, log(100/25)/log(100/50) = 2 below.
    #expect(abs(IntervalCalibration.need(actual: 400, point: 100, bounds: bounds) - 2) < 1e-15)
    #expect(abs(IntervalCalibration.need(actual: 25, point: 100, bounds: bounds) - 2) < 1e-15)
    #expect(IntervalCalibration.need(actual: 100, point: 100, bounds: bounds) == 0)
    // A non-positive value: on the values themselves, (−50 − 100)/(50 − 100) = 3.
    #expect(IntervalCalibration.need(actual: -50, point: 100, bounds: bounds) == 3)
    let none = ForecastInterval(lower: .nan, upper: .nan)
    #expect(IntervalCalibration.need(actual: 1, point: 100, bounds: none).isNaN)
    // Stretching by the need puts the bound on the value.
    let upper = IntervalCalibration.stretch(200, around: 100, by: 2)
    #expect(abs(upper - 400) < 1e-12)
    #expect(IntervalCalibration.stretch(50, around: 100, by: 0.5) == 100 * exp(0.5 * log(0.5)))
  }

  @Test func applyScalesAroundThePointAndKeepsIntervalsNested() throws {
    let point = Forecast.Point(
      year: 2001, mean: 104, median: 100, lo80: 80, hi80: 125, lo95: 70, hi95: 140)
    let forecast = SeriesForecast(
      seriesID: "A", method: "m", note: nil, points: [point], extraIntervals: [[]])
    let calibration = IntervalCalibration(levels: [80, 95], factors: [[2, 0.5]], heldOutSeries: 1)
    let out = calibration.apply(to: forecast).points[0]
    #expect(out.median == 100 && out.mean == 104)
    #expect(abs(out.lo80 - 64) < 1e-12 && abs(out.hi80 - 156.25) < 1e-12)
    // The 95 % interval shrunk inside the stretched 80 % one is widened to it.
    #expect(out.lo95 == out.lo80 && out.hi95 == out.hi80)
  }

  /// Sixty trending series with noise: the factors equal the conformal quantiles of the needs
  /// recomputed here from forecasts of each series cut before its last `horizon` years.
  @Test func factorsComeFromForecastsOfTheCutSeries() throws {
    let horizon = 3
    let series = try Self.noisySeries(count: 60, years: 15)
    let settings = BatchSettings(method: .auto, horizon: horizon, paths: 400, seed: 7, threads: 2)
    let forecaster = BatchForecaster(settings: settings)
    var forecasts: [SeriesForecast] = []
    let result = forecaster.run(series) { forecasts += $0 }
    let calibration = try #require(try result?.get())
    #expect(calibration.heldOutSeries == 60)
    let heldOut = series.map { forecaster.forecast($0.through($0.years[$0.count - horizon - 1])) }
    for h in 0..<horizon {
      for (l, level) in [80.0, 95].enumerated() {
        let needs = zip(heldOut, series).map { f, s in
          IntervalCalibration.need(
            actual: s.values[s.count - horizon + h], point: f.points[h].median,
            bounds: IntervalCalibration.bounds(f.points[h], extra: [])[l])
        }
        let expected = IntervalCalibration.conformalQuantile(needs, level: level / 100)
        #expect(calibration.factors[h][l] == expected)
      }
    }
    // The run's forecasts are the uncalibrated ones stretched by those factors.
    let model = BatchForecaster(
      settings: BatchSettings(
        method: .auto, horizon: horizon, paths: 400, seed: 7, threads: 1,
        intervalCalibration: .model)
    ).run(series)
    for (calibrated, raw) in zip(forecasts, model) {
      #expect(calibrated.points.map(\.median) == raw.points.map(\.median))
      #expect(calibrated.points == calibration.apply(to: raw).points)
    }
  }

  /// The held-out forecasts read nothing after the cut: changing a series' held-out years
  /// changes its needs, never the forecast they are measured against.
  @Test func heldOutForecastsNeverReadTheHeldOutYears() throws {
    let horizon = 3
    let series = try Self.noisySeries(count: 40, years: 12)
    let changed = try series.map { s in
      try YearlySeries(
        name: s.name, years: s.years,
        values: s.values.enumerated().map { k, v in k >= s.count - horizon ? v * 3 : v })
    }
    let forecaster = BatchForecaster(
      settings: BatchSettings(method: .auto, horizon: horizon, paths: 400, seed: 3))
    for (a, b) in zip(series, changed) {
      let cutA = a.through(a.years[a.count - horizon - 1])
      let cutB = b.through(b.years[b.count - horizon - 1])
      #expect(forecaster.forecast(cutA).points == forecaster.forecast(cutB).points)
    }
    let first = try #require(try forecaster.run(series) { _ in }?.get())
    let second = try #require(try forecaster.run(changed) { _ in }?.get())
    #expect(first.factors != second.factors)
  }

  @Test func tooFewLongSeriesKeepTheModelsIntervals() throws {
    let series = try Self.noisySeries(count: 10, years: 15)
    let settings = BatchSettings(method: .auto, horizon: 3, paths: 400)
    let forecaster = BatchForecaster(settings: settings)
    var forecasts: [SeriesForecast] = []
    let result = forecaster.run(series) { forecasts += $0 }
    guard case .failure(let reason) = result else {
      Issue.record("expected no calibration, got \(String(describing: result))")
      return
    }
    #expect(reason.description.contains("20 needed"))
    var model = settings
    model.intervalCalibration = .model
    #expect(
      forecasts.map(\.points) == BatchForecaster(settings: model).run(series).map(\.points))
    // Other methods keep their models' intervals unless asked.
    #expect(BatchSettings(method: .damped, horizon: 3).intervalCalibration == .model)
  }

  /// On the M3 yearly training data (test years never read): `auto` forecasts the last 6
  /// training years from the years before them, calibrated on the 6 years before those; the
  /// share of held-out values inside the intervals is near what they claim.
  @Test func coverageOnTheM3TrainingYears() throws {
    let horizon = 6
    let train = try M3MetricsTests.series("train.csv")
    let series = try train.keys.sorted().map { id in
      let values = train[id, default: []]
      return try YearlySeries(name: id, years: Array(1...values.count), values: values)
    }
    let fit = series.map { $0.through($0.count - horizon) }
    let forecaster = BatchForecaster(
      settings: BatchSettings(method: .auto, horizon: horizon, threads: 2))
    var inside80 = 0
    var inside95 = 0
    var total = 0
    forecaster.run(fit) { chunk in
      for forecast in chunk {
        let actual = train[forecast.seriesID, default: []]
        for point in forecast.points {
          let a = actual[point.year - 1]
          total += 1
          if point.lo80 <= a && a <= point.hi80 { inside80 += 1 }
          if point.lo95 <= a && a <= point.hi95 { inside95 += 1 }
        }
      }
    }
    #expect(total == 645 * 6)
    let c80 = Double(inside80) / Double(total)
    let c95 = Double(inside95) / Double(total)
    #expect(c80 > 0.77 && c80 < 0.83, "80 % coverage \(c80)")
    #expect(c95 > 0.93 && c95 < 0.97, "95 % coverage \(c95)")
  }

  /// `count` series of `years` years: log-linear trends with Philox noise, ending in four
  /// different years (so that they make no reference class).
  static func noisySeries(count: Int, years: Int) throws -> [YearlySeries] {
    var generator = Philox(seed: 11, stream: 0)
    return try (0..<count).map { k in
      let growth = 0.01 * Double(k % 7)
      var level = 100.0 + Double(k)
      let values = (0..<years).map { _ in
        level *= exp(growth + 0.05 * generator.nextNormal())
        return level
      }
      let start = 2000 + k % 4
      return try YearlySeries(name: "S\(k)", years: Array(start..<(start + years)), values: values)
    }
  }
}
