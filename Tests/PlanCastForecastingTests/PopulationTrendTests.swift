import Foundation
import PlanCastForecasting
import Testing

/// Population: the log-linear trend on the census-consistent resident population series.
@Suite struct PopulationTrendTests {
  @Test func changshaAndCZTResidentPopulation() throws {
    for area in ["Changsha", "CZT"] {
      let series = try CZTData.series(area: area, indicator: "pop_resident")
      #expect(series.years == Array(2010...2024))
      let fit = try LogLinearTrend().fit(series) as! FittedLogLinearTrend
      let f = fit.forecast(horizon: 1, paths: 0, seed: 0)
      let p = f.points.last!
      print(
        "\(area) pop_resident loglinear: growth \(100 * fit.growthRate) %/yr, σ̂ "
          + "\(fit.innovationStandardDeviation); 2025 median \(p.median), 80% [\(p.lo80), \(p.hi80)], "
          + "95% [\(p.lo95), \(p.hi95)]")
      #expect(p.year == 2025)
      #expect(p.lo95 < p.lo80 && p.lo80 < p.median && p.median < p.hi80 && p.hi80 < p.hi95)
      #expect(p.median > series.values.last!)
    }
    // Changsha grew about 3.1 % a year over 2010–2024 (704 → 1062 万人).
    let changsha =
      try LogLinearTrend().fit(
        CZTData.series(area: "Changsha", indicator: "pop_resident")) as! FittedLogLinearTrend
    #expect(changsha.growthRate > 0.03 && changsha.growthRate < 0.04)
  }
}
