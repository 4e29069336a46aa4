import Foundation
import PlanCastAttainment
import PlanCastForecasting
import PlanCastNumerics
import PlanCastPlan
import Testing

@Suite struct AttainmentTests {
  static func engine(scenarios: [String: String] = [:], gdpThreshold: Double = 260) throws
    -> (AttainmentEngine, PlanModel)
  {
    let dir = try SyntheticPlan.write(scenarios: scenarios, gdpThreshold: gdpThreshold)
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = try PlanModel.load(directory: dir.path)
    return (try AttainmentEngine(model: model), model)
  }

  /// Constant growth: log GDP in 2025 is Student t around the trend, so P(GDP ≥ X) has a closed
  /// form; the Monte Carlo estimate must agree within four standard errors.
  @Test func levelProbabilityMatchesTheClosedForm() throws {
    let (_, probe) = try Self.engine()
    let series = try #require(probe.data.series(area: "R", indicator: "gdp"))
    let fit =
      try LogLinearTrend().fit(
        YearlySeries(name: "gdp", years: series.years, values: series.values))
      as! FittedLogLinearTrend
    let row = try Matrix(rows: [[1, 5]])
    let prediction = try #require(try fit.regression.predict(row).first)
    let threshold = exp(prediction.mean + 0.4 * prediction.observationStandardError)
    let (engine, model) = try Self.engine(gdpThreshold: threshold)
    let t = try StudentT(degreesOfFreedom: Double(fit.regression.residualDegreesOfFreedom))
    let exact = t.survival((log(threshold) - prediction.mean) / prediction.observationStandardError)
    let result = engine.run(
      model.scenarios[0], settings: MonteCarloSettings(draws: 200_000, seed: 5, threads: 2))
    let gdp = try #require(result.targets.first { $0.target.id == "T1" })
    let p = try #require(gdp.probability)
    let se = try #require(gdp.monteCarloStandardError)
    print("closed form P = \(exact), Monte Carlo P = \(p) ± \(se)")
    #expect(abs(p - exact) < 4 * se)
    #expect(abs(log(try #require(gdp.median)) - prediction.mean) < 0.002)
  }

  /// Paths fixed by the scenario make every form's quantity exact.
  @Test func everyTargetFormOnFixedPaths() throws {
    let fixed = """
      [scenario]
      name_en = "Fixed"
      name_zh = "固定"
      extends = "baseline"

      [[assumptions]]
      name = "growth_path"
      effect = "fix"
      indicator = "growth"
      value = 8.0

      [[assumptions]]
      name = "share_path"
      effect = "fix"
      indicator = "share"
      value = 56.0

      [[assumptions]]
      name = "jobs_path"
      effect = "fix"
      indicator = "jobs"
      value = 110.0
      """
    let (engine, model) = try Self.engine(scenarios: ["fixed.toml": fixed])
    let scenario = try #require(model.scenarios.first { $0.id == "fixed" })
    let result = engine.run(scenario, settings: MonteCarloSettings(draws: 2000, seed: 1))
    func target(_ id: String) throws -> TargetAttainment {
      try #require(result.targets.first { $0.target.id == id })
    }
    // Average growth 2021–2025 of five fixed 8% years.
    #expect(abs(try #require(try target("T2").median) - 8) < 1e-12)
    #expect(try target("T2").probability == 1)
    // Change versus 2019: the observed 2020 rate, then five years at 8%.
    let growth2020 = try #require(
      model.data.series(area: "R", indicator: "growth")?.value(in: 2020))
    let expected = 100 * ((1 + growth2020 / 100) * pow(1.08, 5) - 1)
    #expect(abs(try #require(try target("T3").median) - expected) < 1e-9)
    #expect(try target("T3").probability == (expected <= 60 ? 1 : 0))
    #expect(try target("T4").median == 56 && target("T4").probability == 1)
    #expect(abs(try #require(try target("T5").median) - 550) < 1e-9)
    #expect(try target("T5").probability == 1)

    // The annual change and the constant change that would just meet each target (the engine
    // derives both from the quantity's order statistics).
    func expectClose(_ value: Double?, _ expected: Double, _ what: String) {
      #expect(
        value.map { abs($0 - expected) < 1e-9 } == true, "\(what): \(String(describing: value))")
    }
    for id in ["T2", "T3"] { expectClose(try target(id).projectedAnnualChange, 8, id) }
    expectClose(try target("T2").requiredForHalf, 7, "T2 required")
    expectClose(try target("T2").requiredForEighty, 7, "T2 required")
    expectClose(
      try target("T3").requiredForEighty, 100 * (pow(1.6 / (1 + growth2020 / 100), 0.2) - 1),
      "T3 required")
    let share = try #require(model.data.series(area: "R", indicator: "share"))
    let years = Double(2025 - share.years.last!)
    expectClose(try target("T4").projectedAnnualChange, (56 - share.values.last!) / years, "T4")
    expectClose(try target("T4").requiredForHalf, (55 - share.values.last!) / years, "T4")
    expectClose(try target("T5").projectedAnnualChange, 110, "T5")
    expectClose(try target("T5").requiredForEighty, 100, "T5 required")
  }

  @Test func bitwiseIdenticalAtOneAndTwoThreads() throws {
    let (engine, model) = try Self.engine()
    let one = engine.run(
      model.scenarios[0], settings: MonteCarloSettings(draws: 30_000, seed: 9, threads: 1))
    let two = engine.run(
      model.scenarios[0], settings: MonteCarloSettings(draws: 30_000, seed: 9, threads: 2))
    for (a, b) in zip(one.targets, two.targets) {
      #expect(a.probability == b.probability && a.median == b.median && a.lo95 == b.lo95)
      #expect(a.hi80 == b.hi80 && a.requiredForEighty == b.requiredForEighty)
    }
  }

  /// Common random numbers: a scenario whose only change cannot matter gives identical results,
  /// and a growth shift moves the level probability monotonically.
  @Test func commonRandomNumbersAcrossScenarios() throws {
    let same = "[scenario]\nname_en = \"Same\"\nname_zh = \"同\"\nextends = \"baseline\"\n"
    let up = """
      [scenario]
      name_en = "Up"
      name_zh = "高"
      extends = "baseline"

      [[assumptions]]
      name = "gdp_up"
      effect = "growth_shift"
      indicator = "gdp"
      value = 1.0
      """
    let (engine, model) = try Self.engine(
      scenarios: ["same.toml": same, "up.toml": up], gdpThreshold: 380)
    let settings = MonteCarloSettings(draws: 20_000, seed: 3)
    let results = engine.run(model.scenarios, settings: settings)
    let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.scenario.id, $0) })
    let base = try #require(byID["baseline"]?.targets.first { $0.target.id == "T1" })
    let copy = try #require(byID["same"]?.targets.first { $0.target.id == "T1" })
    let shifted = try #require(byID["up"]?.targets.first { $0.target.id == "T1" })
    #expect(base.probability == copy.probability && base.median == copy.median)
    // +1 pp a year for five years raises every draw's 2025 level by 1.01^5.
    #expect(abs(try #require(shifted.median) / (try #require(base.median)) - pow(1.01, 5)) < 1e-9)
    let pBase = try #require(base.probability)
    #expect(pBase > 0.05 && pBase < 0.95, "the threshold should leave the outcome uncertain")
    #expect(try #require(shifted.probability) > pBase)
  }

  /// "What it would take": at the required change for P = 0.8, the shifted distribution meets
  /// the target in 80% of draws.
  @Test func requiredChangeDeliversItsProbability() throws {
    let (engine, model) = try Self.engine()
    let result = engine.run(
      model.scenarios[0], settings: MonteCarloSettings(draws: 20_000, seed: 4))
    let gdp = try #require(result.targets.first { $0.target.id == "T1" })
    let required = try #require(gdp.requiredForEighty)
    let projected = try #require(gdp.projectedAnnualChange)
    let shift = 100 * ((1 + required / 100) / (1 + projected / 100) - 1)
    let scenario = """
      [scenario]
      name_en = "Required"
      name_zh = "所需"
      extends = "baseline"

      [[assumptions]]
      name = "gdp_shift"
      effect = "growth_shift"
      indicator = "gdp"
      value = \(shift)
      """
    let (engine2, model2) = try Self.engine(scenarios: ["required.toml": scenario])
    let check = engine2.run(
      try #require(model2.scenarios.first { $0.id == "required" }),
      settings: MonteCarloSettings(draws: 20_000, seed: 4))
    let p = try #require(check.targets.first { $0.target.id == "T1" }?.probability)
    #expect(abs(p - 0.8) < 0.01, "P at the required change: \(p)")
  }
}
