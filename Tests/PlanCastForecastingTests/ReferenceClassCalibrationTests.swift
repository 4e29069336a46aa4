import Foundation
import Testing

@testable import PlanCastForecasting

/// The calibration on the 296-city reference class (`Models/reference-classes/china-cities`):
/// it reproduces `panel_score.py`, uses nothing after the origin, and rejects or counts bad
/// input.
@Suite struct ReferenceClassCalibrationTests {
  static func cities() throws -> [YearlySeries] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Models/reference-classes/china-cities/real-gdp-index.csv")
    let text = try String(contentsOf: url, encoding: .utf8)
    return try LongSeriesTable.parse(text, file: url.path).series
  }

  static func score(
    _ scores: [CalibrationScore], _ metric: String, origin: Int?, horizon: Int? = nil,
    event: AttainmentEvent? = nil
  ) throws -> CalibrationScore {
    try #require(
      scores.first {
        $0.metric == metric && $0.origin == origin && $0.event == event
          && (event != nil || $0.horizon == horizon)
      })
  }

  /// `panel_score.py score 2012` of `plancast forecast --method damped --horizon 5 --level
  /// 10,20,…,90,95` on `panel_score.py prep 2012` (the same values as the committed file): the
  /// figures it returns, printed with repr().
  @Test func reproducesPanelScoreForDampedAt2012() throws {
    let settings = CalibrationSettings(
      methods: [.damped], origins: 2012...2012, horizons: 1...5, threads: 2,
      bootstrapReplicates: 0)
    let result = try ReferenceClassCalibration(settings: settings).run(try Self.cities())
    let s = result.accuracy.filter { $0.method == "damped" }
    let mape = try Self.score(s, "mape", origin: 2012)
    #expect(mape.count == 296 * 5)
    #expect(abs(mape.value - 6.2961806367293445) < 1e-9)
    #expect(abs(try Self.score(s, "coverage80", origin: 2012).value - 85.0) < 1e-9)
    #expect(abs(try Self.score(s, "coverage95", origin: 2012).value - 95.33783783783784) < 1e-9)
    let e = result.events.filter { $0.method == "damped" }
    let brier = [0.04404739800067539, 0.11914367158445908, 0.14322435082774668]
    let skill = [0.7558822934260756, 0.23959120559848923, 0.2669697574552329]
    for (k, event) in CalibrationSettings.panelEvents.enumerated() {
      let b = try Self.score(e, "brier", origin: 2012, event: event)
      #expect(b.count == 296)
      #expect(abs(b.value - brier[k]) < 1e-9, "\(event)")
      #expect(
        abs(try Self.score(e, "brier_skill", origin: 2012, event: event).value - skill[k]) < 1e-9,
        "\(event)")
    }
    #expect(result.skips.isEmpty)
    // One origin: no bootstrap.
    #expect(result.accuracy.allSatisfy { $0.uncertainty == nil })
  }

  @Test func forecastsAtAnOriginIgnoreEverythingAfterIt() throws {
    let original = Array(try Self.cities().prefix(40))
    let origin = 2008
    let perturbed = try original.enumerated().map { k, s in
      try YearlySeries(
        name: s.name, years: s.years,
        values: zip(s.years, s.values).map { $0 > origin ? $1 * (1.3 + 0.01 * Double(k)) : $1 })
    }
    #expect(original != perturbed)
    let calibration = ReferenceClassCalibration(
      settings: CalibrationSettings(
        methods: [.damped, .auto], origins: origin...origin, horizons: 1...5, threads: 2,
        bootstrapReplicates: 0))
    let a = calibration.cut(original, at: origin)
    let b = calibration.cut(perturbed, at: origin)
    #expect(a.series == b.series && a.series.count == 40)
    let fa = calibration.forecasts(a.series)
    let fb = calibration.forecasts(b.series)
    #expect(fa.count == 4)
    for (x, y) in zip(fa.joined(), fb.joined()) {
      #expect(x.seriesID == y.seriesID && x.method == y.method)
      #expect(x.points == y.points)
      #expect(x.extraIntervals == y.extraIntervals)
    }
    // The scores do change: the outturns are different.
    let ra = try calibration.run(original)
    let rb = try calibration.run(perturbed)
    #expect(
      try Self.score(ra.accuracy, "mape", origin: origin).value
        != Self.score(rb.accuracy, "mape", origin: origin).value)
    #expect(ra.climatology.map(\.share) == rb.climatology.map(\.share))
  }

  @Test func badSettingsAreRejectedWithTheDataRange() throws {
    let cities = Array(try Self.cities().prefix(5))
    func error(
      _ origins: ClosedRange<Int>, _ horizons: ClosedRange<Int> = 1...5,
      series: [YearlySeries]? = nil
    ) -> CalibrationError? {
      let c = ReferenceClassCalibration(
        settings: CalibrationSettings(methods: [.naive], origins: origins, horizons: horizons))
      do {
        try c.validate(series ?? cities)
        return nil
      } catch { return error }
    }
    let outside = try #require(error(1990...1995))
    #expect(outside.description.contains("its years are 2000–2017"))
    #expect(outside.description.contains("origins 2001:2016"))
    #expect(error(2000...2005) != nil)
    #expect(error(2013...2017) != nil)
    #expect(error(2016...2016) == nil)
    #expect(error(2010...2012, 0...5) == .horizons(0...5))
    #expect(error(2010...2012, 1...51) == .horizons(1...51))
    #expect(error(2010...2012, series: [cities[0]]) == .tooFewSeries(1))
    let many = try (0..<5000).map {
      try YearlySeries(
        name: "s\($0)", years: Array(1970...2017), values: Array(repeating: 1, count: 48))
    }
    #expect(error(1971...2000, series: many) == .tooMuchWork(forecasts: 30 * 2 * 5000))
    #expect(error(1971...1980, 1...20, series: many) == .tooManyDraws(10 * 2 * 5000 * 2000 * 20))
  }

  @Test func shortGappyAndNonPositiveSeriesAreCountedNotFatal() throws {
    func series(_ name: String, _ years: [Int], _ value: (Int) -> Double) throws -> YearlySeries {
      try YearlySeries(name: name, years: years, values: years.map(value))
    }
    let growth: (Int) -> Double = { 100 * pow(1.07, Double($0 - 2000)) }
    let data = [
      try series("full", Array(2000...2015), growth),
      try series("late", Array(2008...2015), growth),
      try series("gap", Array(2000...2015).filter { $0 != 2010 }, growth),
      try series("negative", Array(2000...2015)) { $0 == 2003 ? -1 : growth($0) },
      try series("ends", Array(2000...2011), growth),
      try series("lone", [2010], growth),
    ]
    let result = try ReferenceClassCalibration(
      settings: CalibrationSettings(
        methods: [.naive], origins: 2010...2010, horizons: 1...3, bootstrapReplicates: 0)
    ).run(data)
    func skipped(_ reason: String, horizon: Int? = nil, event: AttainmentEvent? = nil) -> Int {
      result.skips.filter { $0.reason == reason && $0.horizon == horizon && $0.event == event }
        .map(\.count).reduce(0, +)
    }
    #expect(skipped("no value at the origin") == 1)
    #expect(skipped("a non-positive value up to the origin") == 1)
    #expect(skipped("no outturn", horizon: 1) == 1)
    #expect(skipped("no outturn", horizon: 2) == 2)
    #expect(skipped("no outturn", horizon: 3) == 2)
    // late starts in 2008 and lone has one value: no value in 2007 for their own growth.
    #expect(skipped("no positive value 3 years before the origin", event: .ownTrailing) == 2)
    #expect(
      result.skips.first { $0.reason.hasPrefix("flat") }?.count == 1,
      "lone has one value: flat forecast, not scored")
    let mape = try Self.score(
      result.accuracy.filter { $0.method == "naive" }, "mape", origin: 2010, horizon: 1)
    #expect(mape.count == 3)
  }
}
