import Foundation
import PlanCastPlan
import Testing

@testable import PlanCastForecasting

/// The evidence behind a projection (fitted years, checked rolling-origin forecasts, the thin
/// rule) and the backtest verdict (declared model against the better benchmark on common
/// forecasts).
@Suite struct ProjectionEvidenceTests {
  static func summary(mase: Double, count: Int = 3) -> AccuracySummary? {
    AccuracySummary(
      (0..<count).map { k in
        record(origin: 2010 + k, horizon: 1, actual: 10, mean: 10 + mase, scale: 1)
      })
  }

  static func record(origin: Int, horizon: Int, actual: Double, mean: Double, scale: Double)
    -> Backtest.Record
  {
    Backtest.Record(
      origin: origin, horizon: horizon, year: origin + horizon, actual: actual,
      forecast: Forecast.Point(
        year: origin + horizon, mean: mean, median: mean, lo80: mean - 1, hi80: mean + 1,
        lo95: mean - 2, hi95: mean + 2),
      scale: scale)
  }

  @Test func yearsAreShownAsRuns() {
    let e = ProjectionEvidence(
      fittedYears: [2005, 2010, 2011, 2012, 2020, 2022, 2023], accuracy: nil)
    #expect(e.yearsText == "2005, 2010–2012, 2020, 2022–2023")
    #expect(ProjectionEvidence(fittedYears: [], accuracy: nil).yearsText == "")
  }

  @Test func thinMeansFewerThanSixObservationsOrNothingChecked() {
    let checked = Self.summary(mase: 0.5)
    #expect(ProjectionEvidence(fittedYears: Array(2019...2023), accuracy: checked).isThin)
    #expect(!ProjectionEvidence(fittedYears: Array(2018...2023), accuracy: checked).isThin)
    #expect(ProjectionEvidence(fittedYears: Array(2000...2023), accuracy: nil).isThin)
    #expect(
      ProjectionEvidence(fittedYears: Array(2000...2023), accuracy: nil).summary(.en)
        == "thin: 24 obs · 0 checked")
    #expect(
      ProjectionEvidence(fittedYears: Array(2018...2023), accuracy: checked).summary(.en)
        == "6 obs · 3 checked")
  }

  @Test func cztUrbanPopulationRestsOnThreeCensusYearsAndNoBacktest() throws {
    let model = try CZTData.model()
    let engine = ProjectionEngine(model: model)
    let request = ProjectionRequest(toYear: 2025)
    let urban = try engine.evidence(area: "CZT", indicator: "pop_urban", request: request)
    #expect(urban.fittedYears == [2010, 2020, 2021])
    #expect(urban.checkedForecasts == 0)
    #expect(urban.isThin)
    let gdp = try engine.evidence(area: "CZT", indicator: "gdp_nominal", request: request)
    #expect(gdp.fittedYears == Array(2005...2024))
    #expect(!gdp.isThin)
    // The count is that of a rolling-origin backtest of the declared model at every origin of
    // the window, 1–5 years ahead.
    let resident = try engine.evidence(area: "Zhuzhou", indicator: "pop_resident", request: request)
    let series = try CZTData.series(area: "Zhuzhou", indicator: "pop_resident")
    let (records, _) = Backtest.run(
      model: LogLinearTrend(), series: series, origins: 2010...2023, horizons: 1...5)
    #expect(resident.checkedForecasts == records.count)
    #expect(resident.checkedForecasts > 0)
  }

  @Test func verdictComparesTheDeclaredModelWithTheBetterBenchmarkOnCommonForecasts() {
    func row(_ model: String, _ records: [Backtest.Record]) -> SeriesBacktest.Row {
      SeriesBacktest.Row(
        area: "A", indicator: "x", model: model, summary: AccuracySummary(records),
        records: records, skippedOrigins: [])
    }
    // Declared errors 1, 1, 4 (origin 2012 is hard); naive 2, 2, 2; drift 3, 3 and no 2012.
    let declared = row(
      "declared: ar",
      [
        Self.record(origin: 2010, horizon: 1, actual: 10, mean: 11, scale: 1),
        Self.record(origin: 2011, horizon: 1, actual: 10, mean: 11, scale: 1),
        Self.record(origin: 2012, horizon: 1, actual: 10, mean: 14, scale: 1),
      ])
    let naive = row(
      "naive",
      (2010...2012).map { Self.record(origin: $0, horizon: 1, actual: 10, mean: 12, scale: 1) })
    let drift = row(
      "drift",
      (2010...2011).map { Self.record(origin: $0, horizon: 1, actual: 10, mean: 13, scale: 1) })
    let verdict = BacktestVerdict.verdicts([declared, naive, drift])[0]
    #expect(verdict.benchmarkModel == "naive")
    #expect(verdict.declared?.mase == 2)
    #expect(verdict.benchmark?.mase == 2)
    #expect(verdict.outcome == .beatsBenchmarks)
    // Against drift alone only 2010 and 2011 are common: 1 vs 3.
    let againstDrift = BacktestVerdict.verdicts([declared, drift])[0]
    #expect(againstDrift.declared?.count == 2)
    #expect(againstDrift.declared?.mase == 1)
    #expect(againstDrift.outcome == .beatsBenchmarks)
    // A declared model worse than naive loses; one with no checked forecast is not backtested;
    // a forecast without a finite mean is left out and counted.
    let worse = row(
      "declared: ar",
      [
        Self.record(origin: 2010, horizon: 1, actual: 10, mean: 15, scale: 1),
        Self.record(origin: 2011, horizon: 1, actual: 10, mean: .nan, scale: 1),
      ])
    let lost = BacktestVerdict.verdicts([worse, naive])[0]
    #expect(lost.outcome == .losesToBenchmark)
    #expect(lost.declared?.count == 1)
    #expect(lost.undefinedForecasts == 1)
    #expect(
      BacktestVerdict.verdicts([row("declared: ar", []), naive])[0].outcome == .notBacktested)
  }

  @Test func cztNominalGDPLosesToDrift() throws {
    // The example: the declared nominal-GDP model behind T01 has a MASE far above drift's.
    let model = try CZTData.model()
    let rows = SeriesBacktest(engine: ProjectionEngine(model: model)).run(
      ProjectionRequest(toYear: 2025, areas: ["CZT"], indicators: ["gdp_nominal"], paths: 500),
      origins: 2010...2020, horizons: 1...5)
    let verdict = try #require(BacktestVerdict.verdicts(rows).first)
    #expect(verdict.outcome == .losesToBenchmark)
    #expect(verdict.benchmarkModel == "drift")
    #expect((verdict.declared?.mase ?? 0) > 3 * (verdict.benchmark?.mase ?? .infinity))
  }
}
