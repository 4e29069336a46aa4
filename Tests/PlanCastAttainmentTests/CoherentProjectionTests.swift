import Foundation
import PlanCastPlan
import Testing

@testable import PlanCastAttainment

/// Urban population, resident population and the urbanisation rate are projected coherently:
/// urban = rate / 100 × resident on every draw (urban population is the product; see
/// `derive` in indicators.toml), in the engine and in sweeps alike.
@Suite struct CoherentProjectionTests {
  /// The CZT model with one more target, on resident population, so that its draws are kept.
  static func model() throws -> PlanModel {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-coherent-\(UUID().uuidString)")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: CZTCurrentDataTests.directory), to: dir)
    let targets = dir.appendingPathComponent("targets.toml")
    let text = try String(contentsOf: targets, encoding: .utf8)
    try
      (text + """

        [[targets]]
        id = "TR"
        name_zh = "常住人口"
        name_en = "resident population"
        indicator = "pop_resident"
        region = "CZT"
        comparator = ">="
        value = 1700
        unit = "10k_persons"
        year = 2025
        form = "level"
        wording_zh = "常住人口(测试用)"

        """
    ).write(to: targets, atomically: true, encoding: .utf8)
    return try PlanModel.load(directory: dir.path)
  }

  /// A scenario moving both components, with uncertain values, outside the model.
  static let moving = """
    [scenario]
    name_en = "Moving components"
    name_zh = "分项变动"
    extends = "baseline"

    [[assumptions]]
    name = "urbanisation_pace"
    value = 0.25

    [[assumptions]]
    name = "resident_shift"
    effect = "growth_shift"
    indicator = "pop_resident"
    distribution = { normal = [0.0, 5.0] }
    """

  @Test(arguments: ["baseline", "moving"])
  func urbanIsRateTimesResidentOnEveryDraw(scenario name: String) throws {
    let model = try Self.model()
    let engine = try AttainmentEngine(model: model)
    let scenario: Scenario
    if name == "baseline" {
      scenario = try #require(model.scenarios.first { $0.id == "baseline" })
    } else {
      let file = FileManager.default.temporaryDirectory
        .appendingPathComponent("plancast-moving-\(UUID().uuidString).toml")
      try Self.moving.write(to: file, atomically: true, encoding: .utf8)
      defer { try? FileManager.default.removeItem(at: file) }
      scenario = try model.scenario(file: file.path)
      try engine.check(scenario)
    }
    let urban = try #require(engine.series.first { $0.indicator == "pop_urban" })
    #expect(urban.product != nil && urban.components == 0)
    let settings = MonteCarloSettings(draws: 4000, seed: 7, threads: 2)
    let store = DrawStore(targets: engine.measures.count, draws: settings.draws)
    defer { store.deallocate() }
    engine.simulate(scenario, settings: settings, into: store)
    func draws(_ id: String) throws -> UnsafeBufferPointer<Double> {
      let k = try #require(engine.measures.firstIndex { $0.target.id == id })
      return UnsafeBufferPointer(start: store.quantity[k], count: settings.draws)
    }
    let (u, rate, resident) = (try draws("T03"), try draws("T09"), try draws("TR"))
    var spread = Set<Double>()
    for p in 0..<settings.draws {
      #expect(abs(u[p] - rate[p] / 100 * resident[p]) <= 1e-12 * u[p], "draw \(p)")
      #expect(u[p] <= resident[p] && u[p] > 0, "draw \(p)")
      spread.insert(resident[p])
    }
    #expect(spread.count > settings.draws / 2, "resident population is simulated, not fixed")
    // The reported T03 is the same draws' summary.
    let t03 = try #require(
      engine.run(scenario, settings: settings).targets.first {
        $0.target.id == "T03"
      })
    #expect(t03.model == "urbanisation_rate / 100 × pop_resident")
    #expect(try #require(t03.hi95) < (try #require(u.max())) + 1e-9)
  }

  @Test func sweepsComputeTheProductAsTheEngineDoes() throws {
    let model = try Self.model()
    let engine = try AttainmentEngine(model: model)
    let baseline = try #require(model.scenarios.first { $0.id == "baseline" })
    let settings = MonteCarloSettings(draws: 3000, seed: 11, threads: 2)
    let draws = engine.sweepDraws(baseline, settings: settings)
    let index = try #require(draws.assumptionIndex("urbanisation_pace"))
    var scratch = SweepDraws.Scratch(for: draws)
    for value in [-0.4, 0.3] {
      let swept = draws.evaluate([(index, value)], scratch: &scratch)
      let fixed = try #require(baseline.with(assumption: "urbanisation_pace", value: .fixed(value)))
      let run = engine.run(fixed, settings: settings)
      for (k, target) in draws.targets.enumerated() where target.id == "T03" {
        let t = try #require(run.targets.first { $0.target.id == target.id })
        #expect(swept[k].probability == t.probability)
        #expect(swept[k].median == t.median)
      }
    }
  }

  @Test func anAssumptionOnTheProductItselfIsRefused() throws {
    let model = try Self.model()
    let engine = try AttainmentEngine(model: model)
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-urban-\(UUID().uuidString).toml")
    try """
    [scenario]
    name_en = "Urban push"
    name_zh = "城镇人口"
    extends = "baseline"

    [[assumptions]]
    name = "urban_push"
    effect = "add"
    indicator = "pop_urban"
    value = 20
    """.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let scenario = try model.scenario(file: file.path)
    #expect {
      try engine.check(scenario)
    } throws: { error in
      let text = "\(error)"
      return text.contains(
        "pop_urban in CZT is computed on every draw as urbanisation_rate / 100 × pop_resident")
        && text.contains("urban_push") && text.contains("indicator")
    }
  }
}
