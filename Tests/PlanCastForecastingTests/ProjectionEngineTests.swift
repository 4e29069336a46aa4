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
      #expect(result.forecast.points.map(\.year) == [2025])  // data to 2024
      for point in result.forecast.points {
        #expect(point.lo95 < point.lo80 && point.lo80 < point.median)
        #expect(point.median < point.hi80 && point.hi80 < point.hi95)
      }
    }
  }

  /// The 2024 level break of nominal GDP (5th economic census) is used: without it the
  /// 2023→2024 step enters the deflator and the 2025 projection moves.
  @Test func theCensusBreakOf2024ChangesThe2025Projection() throws {
    let source = URL(fileURLWithPath: CZTData.directory)
    let copy = FileManager.default.temporaryDirectory
      .appendingPathComponent("czt-no-2024-break-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: source, to: copy)
    defer { try? FileManager.default.removeItem(at: copy) }
    let indicators = copy.appendingPathComponent("indicators.toml")
    let text = try String(contentsOf: indicators, encoding: .utf8)
    let declared = "breaks = [2019, 2024]\n\n[gdp_real_growth]"
    #expect(text.contains(declared))
    try text.replacingOccurrences(of: declared, with: "breaks = [2019]\n\n[gdp_real_growth]")
      .write(to: indicators, atomically: true, encoding: .utf8)
    func projection(_ model: PlanModel) throws -> (median: Double, deflatorYears: [Int]) {
      let request = ProjectionRequest(
        toYear: 2025, areas: ["CZT"], indicators: ["gdp_nominal"], paths: 2000)
      let engine = ProjectionEngine(model: model)
      let fit = try engine.fit(area: "CZT", indicator: "gdp_nominal", request: request)
      let nominal = try #require(fit.fitted as? FittedNominalGDP)
      let point = try #require(
        fit.fitted.forecast(horizon: 1, paths: 2000, seed: 7).points.first)
      #expect(point.year == 2025)
      return (point.median, nominal.deflator.series.years)
    }
    let withBreak = try projection(try Self.czt)
    let withoutBreak = try projection(try PlanModel.load(directory: copy.path))
    #expect(!withBreak.deflatorYears.contains(2024))
    #expect(withoutBreak.deflatorYears.contains(2024))
    #expect(abs(withBreak.median - withoutBreak.median) > 1)
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
