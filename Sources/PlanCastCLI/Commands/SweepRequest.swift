import PlanCastAttainment
import PlanCastPlan
import PlanCastSensitivity

/// What one sweep method asks for: the method's own options (factors, axes, samples), turned
/// into the ``SweepSpec`` every method runs through.
struct SweepRequest {
  var method: SweepMethod
  /// `--factor`: only these assumptions (empty: every one with a range or a distribution).
  var factors: [String] = []
  /// `--range NAME=LOW:HIGH` overrides.
  var ranges: [String] = []
  /// `--vary NAME=START:STOP:STEP` axes (grid).
  var vary: [String] = []
  /// `--correlate A:B=RHO` (sobol).
  var correlations: [String] = []
  var samples = 0
  var levels = 4
  var resamples = 1000
  /// The largest grid run (nil: any size).
  var gridLimit: Int? = SweepDesign.defaultGridLimit
  /// `--chart FILE.svg` and `--target ID` (oat, grid).
  var chart: String?
  var chartTarget: String?

  /// The specification on `scenario`'s assumptions, for the model's measured `targets`.
  func spec(model: PlanModel, scenario: Scenario, targets: [Target], seed: UInt64, draws: Int)
    throws -> SweepSpec
  {
    var factorSpecs: [FactorSpec] = []
    var axes: [GridAxis] = []
    if method == .grid {
      axes = try vary.map { (text) throws(SensitivityError) in try GridAxis(argument: text) }
      let known = scenario.assumptions.map(\.name)
      var seen: Set<String> = []
      for axis in axes {
        guard known.contains(axis.name) else {
          throw SensitivityError.unknownAssumption(axis.name, known: known)
        }
        guard seen.insert(axis.name).inserted else {
          throw SensitivityError.invalid("--vary \(axis.name) is given twice")
        }
      }
    } else {
      let parsed = try ranges.map { (text) throws(SensitivityError) in
        try FactorRange(argument: text)
      }
      factorSpecs = try ScenarioFactors.make(scenario: scenario, names: factors, ranges: parsed)
    }
    let correlated = try correlations.map { (text) throws(SensitivityError) in
      try FactorCorrelation(argument: text)
    }
    let measured = targets.map { t in
      TargetLabel(
        id: t.id, nameEN: t.name(.en), nameZH: t.name(.zh),
        goal: "\(t.comparator.symbol) \(NumberText.plain(t.value)) (\(t.year))",
        unitEN: model.data.displayUnit(t.unit, .en), unitZH: model.data.displayUnit(t.unit, .zh))
    }
    return SweepSpec(
      method: method, model: model.config.id, scenario: scenario.id, seed: seed, draws: draws,
      samples: samples, levels: levels, resamples: resamples, factors: factorSpecs, axes: axes,
      correlations: correlated, targets: measured)
  }
}
