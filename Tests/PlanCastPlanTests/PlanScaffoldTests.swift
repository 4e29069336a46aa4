import Foundation
import Testing

@testable import PlanCastPlan

/// A new user's path (README, "Model your own plan"): init, read what is missing, add data
/// for a made-up two-target plan, and see both targets measured.
@Suite struct PlanScaffoldTests {
  func freshDirectory() -> URL {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-init-\(UUID().uuidString)").appendingPathComponent("myplan")
  }

  @Test func templateLoadsAtOnceAndSaysWhatIsMissing() throws {
    let dir = freshDirectory()
    defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
    try PlanScaffold.template(id: "myplan").write(to: dir.path)
    let model = try PlanModel.load(directory: dir.path)
    #expect(model.config.id == "myplan" && model.plan.targets.map(\.id) == ["T01", "T02"])
    let gaps = ModelGaps(model: model)
    #expect(gaps.missingSeries.map(\.indicator) == ["gdp", "urbanisation_rate"])
    #expect(gaps.missingModels.isEmpty)
    #expect(gaps.lines()[0].contains("MyRegion,gdp,YEAR,VALUE,100m_yuan"))
    let statuses = TargetEvaluator(data: model.data).evaluate(model.plan).map(\.status)
    #expect(statuses == [.noData, .noData])
  }

  @Test func newUserFillsInATwoTargetPlan() throws {
    let dir = freshDirectory()
    defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
    try PlanScaffold.template(id: "myplan").write(to: dir.path)
    // Made-up data: GDP growing 6 % a year from 7000, urbanisation +1 pp a year from 60 %.
    var rows = ""
    for (k, year) in (2011...2020).enumerated() {
      let gdp = 7000 * pow(1.06, Double(k - 9))
      rows += "MyRegion,gdp,\(year),\(String(format: "%.1f", gdp)),100m_yuan,,made up,\n"
      rows += "MyRegion,urbanisation_rate,\(year),\(51 + k),pct,,made up,\n"
    }
    try TestSupport.append(String(rows.dropLast()), to: "data/observations.csv", of: dir)
    let model = try PlanModel.load(directory: dir.path)
    #expect(ModelGaps(model: model).isEmpty)
    let e = TargetEvaluator(data: model.data).evaluate(model.plan)
    // GDP 7000 × 1.06⁵ ≈ 9368 < 10000, 79 % of the way; urbanisation 60 + 5 = 65 < 70, half
    // of the way: both at risk (the pace covers at least half of the required movement).
    #expect(e.map(\.status) == [.atRisk, .atRisk])
    #expect(close(e[1].projectedValue, 65, within: 1e-9))
  }

  @Test func initIntoANonEmptyDirectoryWritesNothing() throws {
    let dir = freshDirectory()
    defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let mine = dir.appendingPathComponent("model.toml")
    try "my own file\n".write(to: mine, atomically: true, encoding: .utf8)
    #expect {
      try PlanScaffold.template(id: "myplan").write(to: dir.path)
    } throws: { error in
      guard let e = error as? ModelError else { return false }
      return e.field == "DIR" && e.location.file == dir.path
        && e.description.contains("not empty (model.toml)")
    }
    #expect(try String(contentsOf: mine, encoding: .utf8) == "my own file\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model.toml"])
  }

  @Test func fromAModelCopiesItWithANewID() throws {
    let dir = freshDirectory()
    defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
    try PlanScaffold.copying(from: TestSupport.cztDirectory, id: "my-czt").write(to: dir.path)
    let copy = try PlanModel.load(directory: dir.path)
    let czt = try TestSupport.loadCZT()
    #expect(copy.config.id == "my-czt")
    #expect(copy.plan.targets.map(\.id) == czt.plan.targets.map(\.id))
    #expect(copy.scenarios.count == czt.scenarios.count)
    #expect(copy.data.lastObservedYear == czt.data.lastObservedYear)
  }
}
