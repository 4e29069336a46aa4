import Foundation
import PlanCastNumerics
import PlanCastPlan
import Testing

@testable import PlanCastForecasting

/// `project` and `fit` show what `attain` simulates for an indicator with a `derive` rule.
@Suite struct ShareProductProjectionTests {
  @Test func urbanPopulationIsRateTimesResidentOnEveryPath() throws {
    let model = try CZTData.model()
    let engine = ProjectionEngine(model: model)
    let request = ProjectionRequest(toYear: 2025)
    let fit = try engine.fit(area: "CZT", indicator: "pop_urban", request: request)
    let product = try #require(fit.fitted as? FittedShareProduct)
    #expect(product.name == "urbanisation_rate / 100 × pop_resident")
    #expect(product.parameters.contains { $0.name.hasPrefix("share.") })
    #expect(product.parameters.contains { $0.name.hasPrefix("base.") })
    // Urban 2021 is the last observation; rate observed to 2021, resident to 2024: on a path,
    // 2022–2024 are the simulated rate × the observed resident population.
    let resident = try CZTData.series(area: "CZT", indicator: "pop_resident")
    var generator = Philox(seed: 3, stream: 0)
    let z = (0..<(4 * product.innovationsPerYear)).map { _ in generator.nextNormal() }
    var path = [Double](repeating: .nan, count: 4)
    var g1 = Philox(seed: 5, stream: 1)
    z.withUnsafeBufferPointer { z in
      path.withUnsafeMutableBufferPointer {
        product.simulate(innovations: z, generator: &g1, into: $0)
      }
    }
    #expect(path.allSatisfy { $0.isFinite && $0 > 0 })
    for (h, year) in (2022...2024).enumerated() {
      let r = try #require(resident.years.firstIndex(of: year))
      let rate = path[h] / resident.values[r] * 100
      #expect(rate > 70 && rate < 95, "\(year): implied rate \(rate)")
    }
    let forecast = product.forecast(horizon: 4, paths: 2000, seed: 1)
    let rate = engine.project(
      area: "CZT", indicator: "urbanisation_rate", request: request)
    let resident2025 = engine.project(area: "CZT", indicator: "pop_resident", request: request)
    guard case .success(let r) = rate.outcome, case .success(let b) = resident2025.outcome else {
      Issue.record("components did not project")
      return
    }
    // Medians: the product's is near the product of the medians (independent components).
    let implied = r.forecast.points[3].median / 100 * b.forecast.points[0].median
    #expect(abs(forecast.points[3].median - implied) / implied < 0.01)
  }
}
