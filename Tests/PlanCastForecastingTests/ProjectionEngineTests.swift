import Foundation
import PlanCastForecasting
import PlanCastPlan
import Testing

/// The projection engine on the embedded CZT model.
@Suite struct ProjectionEngineTests {
  static var czt: PlanModel {
    get throws {
      let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
      return try PlanModel.load(directory: root.appendingPathComponent("Models/czt-2025").path)
    }
  }

  @Test func projectsRegionAndCitiesToThePlanEnd() throws {
    let engine = ProjectionEngine(model: try Self.czt)
    let projections = engine.project(
      ProjectionRequest(toYear: 2025, indicators: ["pop_resident"], paths: 500))
    #expect(Set(projections.map(\.area)) == ["CZT", "Changsha", "Zhuzhou", "Xiangtan"])
    for p in projections {
      let result = try p.outcome.get()
      #expect(result.forecast.points.map(\.year) == [2022, 2023, 2024, 2025])
      for point in result.forecast.points {
        #expect(point.lo95 < point.lo80 && point.lo80 < point.median)
        #expect(point.median < point.hi80 && point.hi80 < point.hi95)
      }
    }
  }

  @Test func asOfReproducesAnEarlierView() throws {
    let model = try Self.czt.through(2018)
    let projections = ProjectionEngine(model: model).project(
      ProjectionRequest(
        toYear: 2025, areas: ["Changsha"], indicators: ["gdp_real_growth"], paths: 300))
    let p = try #require(projections.first)
    #expect(p.history.lastYear == 2018)
    #expect(try p.outcome.get().forecast.points.first?.year == 2019)
  }

  @Test func aSeriesWithTooLittleDataFailsAloneWithItsName() throws {
    let projections = ProjectionEngine(model: try Self.czt).project(
      ProjectionRequest(toYear: 2025, indicators: ["urbanisation_rate"], paths: 300))
    let changsha = try #require(projections.first { $0.area == "Changsha" })
    guard case .failure(let error) = changsha.outcome else {
      Issue.record("one observation cannot be projected")
      return
    }
    #expect(error.description.contains("Changsha urbanisation_rate"))
    let region = try #require(projections.first { $0.area == "CZT" })
    #expect(try region.outcome.get().forecast.points.last!.hi95 < 100)
  }

  @Test func proxySeriesCarryTheirNote() throws {
    let engine = ProjectionEngine(model: try Self.czt)
    let (_, proxy) = try engine.history(
      area: "CZT", indicator: "energy_intensity_change",
      request: ProjectionRequest(toYear: 2025))
    #expect(proxy?.contains("proxy") == true)
  }
}
