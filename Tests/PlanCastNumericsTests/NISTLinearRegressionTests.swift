import Foundation
import PlanCastNumerics
import Testing

/// All 11 NIST StRD linear datasets: every coefficient, standard error, the residual SD and R²
/// must reach the required log relative error (correct significant digits).
@Suite struct NISTLinearRegressionTests {
  /// Required LRE per dataset (10 everywhere except the notoriously ill-conditioned sets).
  static let requiredLRE: [String: Double] = ["Filip": 7, "Wampler4": 8, "Wampler5": 6]

  @Test(arguments: NISTLinearDataset.names)
  func certifiedValues(name: String) throws {
    let dataset = try NISTLinearDataset.load(name)
    let result = try LinearRegression.fit(dataset.regressionData())
    let required = Self.requiredLRE[name] ?? 10

    #expect(result.rank == dataset.estimates.count, "\(name): rank")
    var worst = 15.0
    for (k, coefficient) in result.coefficients.enumerated() {
      let estimateLRE = logRelativeError(
        try #require(coefficient.estimate), certified: dataset.estimates[k])
      let errorLRE = logRelativeError(
        try #require(coefficient.standardError), certified: dataset.standardErrors[k])
      #expect(estimateLRE >= required, "\(name) B\(k) estimate LRE \(estimateLRE)")
      #expect(errorLRE >= required, "\(name) B\(k) standard error LRE \(errorLRE)")
      worst = min(worst, estimateLRE, errorLRE)
    }
    let sdLRE = logRelativeError(
      result.residualStandardError, certified: dataset.residualStandardDeviation)
    let r2LRE = logRelativeError(result.rSquared, certified: dataset.rSquared)
    #expect(sdLRE >= required, "\(name) residual SD LRE \(sdLRE)")
    #expect(r2LRE >= required, "\(name) R² LRE \(r2LRE)")
    let f = try #require(result.fStatistic)
    if dataset.fStatistic.isInfinite {
      #expect(f.isInfinite && result.isExactFit, "\(name): exact fit must give F = ∞")
    } else {
      #expect(logRelativeError(f, certified: dataset.fStatistic) >= required - 1, "\(name) F")
    }
    worst = min(worst, sdLRE, r2LRE)
    print(
      "NIST \(name): min LRE coefficients/SE \(fmt(result.coefficients.indices.map { k in min(logRelativeError(result.coefficients[k].estimate!, certified: dataset.estimates[k]), logRelativeError(result.coefficients[k].standardError!, certified: dataset.standardErrors[k])) }.min()!)), residual SD \(fmt(sdLRE)), R² \(fmt(r2LRE)), overall \(fmt(worst))"
    )
  }

  @Test func exactFitOutputIsFinite() throws {
    for name in ["Wampler1", "Wampler2"] {
      let result = try LinearRegression.fit(NISTLinearDataset.load(name).regressionData())
      #expect(result.residualStandardError == 0)
      #expect(result.rSquared == 1)
      #expect(result.coefficients.allSatisfy { $0.estimate!.isFinite && $0.standardError == 0 })
    }
  }
}

private func fmt(_ x: Double) -> String { String(format: "%.1f", x) }
