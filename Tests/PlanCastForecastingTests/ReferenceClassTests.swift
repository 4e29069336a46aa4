import Foundation
import PlanCastNumerics
import Testing

@testable import PlanCastForecasting

/// `pooled`: the reference class learnt from a file, on synthetic classes with known structure and
/// on the 296-city panel shipped in `Models/reference-classes/china-cities`.
@Suite struct ReferenceClassTests {
  static var panelPath: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("Models/reference-classes/china-cities/real-gdp-index.csv").path
  }

  static func panel() throws -> [YearlySeries] {
    let text = try String(contentsOfFile: panelPath, encoding: .utf8)
    return try LongSeriesTable.parse(text, file: panelPath).series
  }

  /// `members` series of `years` years with growth `common(t) + differential(i, t)`.
  static func synthetic(
    members: Int, years: Int, differential: (Int, Int, inout Philox) -> Double
  ) throws -> [YearlySeries] {
    var generator = Philox(seed: 7, stream: 0)
    let common = (0..<years).map { 0.06 + 0.01 * sin(Double($0)) }
    return try (0..<members).map { i in
      var level = 100.0
      var values = [level]
      for t in 1..<years {
        level *= exp(common[t] + differential(i, t, &generator))
        values.append(level)
      }
      return try YearlySeries(name: "s\(i)", years: Array(2000..<(2000 + years)), values: values)
    }
  }

  @Test func persistentDifferentialsKeepTheirSlope() throws {
    // Each series keeps its own growth differential: the cumulative differential over h years
    // is h times the recent one, so the pooled slope b_h is close to h.
    let series = try Self.synthetic(members: 60, years: 20) { i, _, g in
      0.002 * Double(i - 30) + 0.001 * g.nextNormal()
    }
    let rc = try ReferenceClass(series: series, horizon: 4)
    for h in 1...4 { #expect(abs(rc.persistence[h - 1] - Double(h)) < 0.05 * Double(h)) }
  }

  @Test func noiseDifferentialsRevertToTheCrossSection() throws {
    // Independent noise around the common growth: a recent differential says nothing about the
    // future, so b_h is near 0 and the specific errors have the noise's spread (√h · 0.02).
    let series = try Self.synthetic(members: 80, years: 20) { _, _, g in 0.02 * g.nextNormal() }
    let rc = try ReferenceClass(series: series, horizon: 3)
    for h in 1...3 {
      #expect(abs(rc.persistence[h - 1]) < 0.25)
      let sd = rc.specificVariance[h - 1].squareRoot()
      #expect(abs(sd / (0.02 * Double(h).squareRoot()) - 1) < 0.15)
    }
    // The error quantiles invert the error distribution function.
    for p in [0.025, 0.1, 0.5, 0.9, 0.975] {
      #expect(abs(rc.errorCDF(rc.errorQuantile(p, horizon: 2), horizon: 2) - p) < 1e-9)
    }
  }

  @Test func tooFewSeriesFallBackWithANote() throws {
    let series = try Self.synthetic(members: 1, years: 15) { _, _, _ in 0 }
    let result = BatchForecaster(settings: BatchSettings(method: .pooled, horizon: 3)).run(series)
    #expect(result[0].method == "damped")
    #expect(result[0].note?.contains("no reference class: 1 series end in 2014") == true)
  }

  @Test func nonMembersFallBackAndMembersAreUnchanged() throws {
    var series = try Self.synthetic(members: 40, years: 15) { _, _, g in 0.02 * g.nextNormal() }
    let settings = BatchSettings(method: .pooled, horizon: 3, extraLevels: [50], threads: 2)
    let alone = BatchForecaster(settings: settings).run(series)
    // A series ending earlier and one with a non-positive value are not members.
    let short = series[0].through(2010)
    series.append(try YearlySeries(name: "short", years: short.years, values: short.values))
    series.append(
      try YearlySeries(name: "negative", years: [2012, 2013, 2014], values: [1, -1, 2]))
    let result = BatchForecaster(settings: settings).run(series)
    #expect(result[40].note?.hasPrefix("not in the reference class") == true)
    #expect(result[41].note?.hasPrefix("not in the reference class") == true)
    for k in 0..<40 {
      #expect(result[k].method == "pooled")
      #expect(result[k].points == alone[k].points)
      for (point, extra) in zip(result[k].points, result[k].extraIntervals) {
        #expect(point.lo95 < point.lo80 && point.lo80 < extra[0].lower)
        #expect(extra[0].lower < point.median && point.median < extra[0].upper)
        #expect(extra[0].upper < point.hi80 && point.hi80 < point.hi95)
      }
    }
  }

  @Test func sameOutputForAnyThreadCount() throws {
    let series = try Self.panel().map { $0.through(2011) }
    let one = BatchForecaster(settings: BatchSettings(method: .pooled, horizon: 5, threads: 1))
      .run(series)
    let two = BatchForecaster(settings: BatchSettings(method: .pooled, horizon: 5, threads: 2))
      .run(series)
    #expect(one.map(\.points) == two.map(\.points))
  }

  @Test func citiesAreRelatedSeries() throws {
    // η² of growth by year, 2001–2009: 0.19 (the share `auto` needs is 0.1).
    let rc = try ReferenceClass(series: try Self.panel().map { $0.through(2009) }, horizon: 5)
    #expect(rc.members.count == 296)
    #expect(rc.yearEffectShare > 0.15 && rc.yearEffectShare < 0.25)
    #expect(rc.commonModel == "damped")
  }

  /// With 6–8 years of common growth the common index is a random walk with drift; the
  /// development origins 2006–2008 (measured 80 % coverage 70.5 / 78.9 / 85.1 %, MAPE 5.02 /
  /// 4.74 / 4.29 %).
  @Test func shortHistoryUsesDriftForTheCommonIndex() throws {
    let panel = try Self.panel()
    let rc = try ReferenceClass(series: panel.map { $0.through(2007) }, horizon: 5)
    #expect(rc.commonModel == "drift")
    #expect(rc.pairs[0] == 296 * 2)
    #expect(rc.pairs[2] == 0)
    #expect(throws: ReferenceClass.Unavailable.self) {
      try ReferenceClass(series: panel.map { $0.through(2005) }, horizon: 5)
    }
    #expect(throws: ReferenceClass.Unavailable.self) {
      try ReferenceClass(series: panel, horizon: 0)
    }
  }

  /// The panel check of `shared/tools/panel_score.py` (MAPE, 80 / 95 % coverage over every city
  /// and h = 1…5) at the three reported origins, for `pooled` and the drift peer.
  @Test(arguments: [2010, 2011, 2012])
  func panelCalibration(origin: Int) throws {
    let panel = try Self.panel()
    func score(_ method: BatchMethod) -> (mape: Double, c80: Double, c95: Double) {
      let forecasts = BatchForecaster(settings: BatchSettings(method: method, horizon: 5))
        .run(panel.map { $0.through(origin) })
      var ape = 0.0
      var in80 = 0
      var in95 = 0
      var n = 0
      for (series, forecast) in zip(panel, forecasts) {
        for point in forecast.points {
          guard let k = series.years.firstIndex(of: point.year) else { continue }
          let y = series.values[k]
          ape += abs(point.median - y) / y
          in80 += point.lo80 <= y && y <= point.hi80 ? 1 : 0
          in95 += point.lo95 <= y && y <= point.hi95 ? 1 : 0
          n += 1
        }
      }
      return (ape / Double(n), Double(in80) / Double(n), Double(in95) / Double(n))
    }
    let pooled = score(.pooled)
    let drift = score(.drift)
    // Measured: MAPE 4.60 / 6.79 / 6.88 %, 80 %: 91.8 / 83.1 / 83.0 %, 95 %: 97.3 / 95.4 / 93.2 %.
    #expect(pooled.mape < 0.07)
    #expect(pooled.c80 > 0.8 && pooled.c80 < 0.93)
    #expect(pooled.c95 > 0.92 && pooled.c95 < 0.98)
    #expect(pooled.mape < drift.mape)
    #expect(abs(pooled.c80 - 0.8) < abs(drift.c80 - 0.8))
  }
}
