import Foundation
import PlanCastForecasting
import Testing

/// Cross-check against statsmodels `AutoReg` (conditional OLS) on Changsha real GDP growth
/// 2002–2021; the fixture is written by `Fixtures/statsmodels/ar_reference.py`.
@Suite struct GrowthAutoregressionStatsmodelsTests {
  struct Reference: Decodable {
    struct Case: Decodable {
      let name: String
      let lags: Int
      let trend: String
      let pulse2020: Bool
      let nobs: Int
      let params: [String: Double]
      let bse: [String: Double]
      let rss: Double
      let forecast: [Double]
    }
    let years: [Int]
    let values: [Double]
    let cases: [Case]
  }

  static func reference() throws -> Reference {
    let url = Bundle.module.resourceURL!.appendingPathComponent(
      "Fixtures/statsmodels/ar_reference.json")
    return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
  }

  /// Estimates, standard errors (statsmodels scales by RSS/n, PlanCast by RSS/(n − k)),
  /// residual sum of squares and 5-step dynamic forecasts agree to 1e-8 relative.
  @Test func matchesAutoReg() throws {
    let reference = try Self.reference()
    let series = try YearlySeries(
      name: "Changsha gdp_real_growth", years: reference.years, values: reference.values)
    #expect(reference.cases.count == 4)
    var worst = 0.0
    func check(_ a: Double, _ b: Double, _ what: String) {
      let error = abs(a - b) / Swift.max(1, abs(b))
      worst = Swift.max(worst, error)
      #expect(error < 1e-8, "\(what): \(a) vs statsmodels \(b)")
    }
    for c in reference.cases {
      let fit = try GrowthAutoregression(
        input: .rates, order: c.lags, trend: c.trend == "ct", pulseYears: c.pulse2020 ? [2020] : [],
        biasCorrectionReplications: 0
      ).fitted(series)
      let b = fit.regression.estimates
      let n = Double(reference.values.count)
      #expect(fit.regression.observations == c.nobs)
      // statsmodels' trend counts observations from 1; PlanCast's is 0 in the last row year.
      let slope = c.params["trend"] ?? 0
      check(b[0], c.params["const"]! + slope * n, "\(c.name) intercept")
      var j = 1
      if c.trend == "ct" {
        check(b[1], slope, "\(c.name) trend")
        j = 2
      }
      for lag in 1...c.lags {
        check(b[j + lag - 1], c.params["y.L\(lag)"]!, "\(c.name) ar\(lag)")
      }
      if c.pulse2020 { check(b.last!, c.params["pulse2020"]!, "\(c.name) pulse") }
      check(fit.regression.residualSumOfSquares, c.rss, "\(c.name) rss")
      let scale = (Double(c.nobs - b.count) / Double(c.nobs)).squareRoot()
      let se = fit.regression.coefficients.map { ($0.standardError ?? .nan) * scale }
      if c.trend == "ct" { check(se[1], c.bse["trend"]!, "\(c.name) se trend") }
      check(se[j], c.bse["y.L1"]!, "\(c.name) se ar1")
      let forecast = fit.pointForecast(horizon: 5)
      for h in 0..<5 { check(forecast[h], c.forecast[h], "\(c.name) forecast h=\(h + 1)") }
    }
    print("statsmodels AutoReg cross-check: worst relative difference \(worst)")
  }
}
