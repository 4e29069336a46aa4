import ArgumentParser
import Foundation
import PlanCastAttainment
import PlanCastPlan
import PlanCastReports
import PlanCastSensitivity
import Synchronization

extension SweepMethod: ExpressibleByArgument {}

/// `plancast sweep oat|grid|sobol|morris`: which scenario assumptions decide whether targets
/// are met.
public struct SweepCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract:
      "Sensitivity of every target to the scenario's assumptions (OAT, grid, Sobol, Morris).",
    discussion: """
      Each sweep point sets assumptions to fixed values and runs the Monte Carlo attainment \
      with --draws draws. Every point uses the same seed (common random numbers): the same \
      shocks and parameter draws, so differences between points are the assumptions' effect, \
      not noise. Outputs per target: P(attain) and the median of the target quantity.

        oat     each factor to its low and high value (the scenario's low/high or --range), \
      the others as in the scenario; effects sorted by swing (tornado).
        grid    the cartesian product of --vary NAME=START:STOP:STEP axes (at most \
      --max-points points unless --force): per point P, median and 80% interval.
        sobol   first-order (Saltelli 2010) and total (Jansen) Sobol indices with bootstrap \
      95% half-widths, on a Saltelli design of N = --samples base points from an unscrambled \
      Joe–Kuo Sobol' sequence (N·(d+2) points). Factors given as distributions in the \
      scenario are sampled from them, others uniformly on low…high. --correlate A:B=RHO \
      correlates factors through a Gaussian copula; indices then refer to the independent \
      underlying normals in factor order (see Models/README.md, "sensitivity").
        morris  elementary effects μ, μ*, σ on --samples trajectories over a --levels grid of \
      each factor's low…high range (effects per unit of range).

      --shard K/N evaluates the K-th of N contiguous parts and writes a shard file; \
      `plancast merge` joins the parts into the same result as one run.

      Examples:
        plancast sweep oat --chart tornado.svg
        plancast sweep grid --vary real_growth_shift=-1.5:1:0.25 --vary deflator_deviation=-2:2:0.5
        plancast sweep sobol --samples 4096 --draws 256 --format csv
        plancast sweep sobol --samples 1024 --shard 1/4 --output part1.json
      """)

  @Argument(help: "oat, grid, sobol or morris.")
  var method: SweepMethod

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var language: LanguageOption

  @Option(
    help: ArgumentHelp(
      "A scenario of the model's scenarios/ (file name without .toml) or a .toml file anywhere.",
      valueName: "name|path.toml"))
  var scenario = "baseline"

  @Option(
    name: .customLong("vary"),
    help: ArgumentHelp("A grid axis (grid; repeatable).", valueName: "NAME=START:STOP:STEP"))
  var vary: [String] = []

  @Option(
    name: .customLong("factor"),
    help: ArgumentHelp(
      "Only this assumption (oat, sobol, morris; repeatable; default: every assumption with a low/high range or a distribution).",
      valueName: "name"))
  var factors: [String] = []

  @Option(
    name: .customLong("range"),
    help: ArgumentHelp(
      "Override an assumption's low/high range (repeatable).", valueName: "NAME=LOW:HIGH"))
  var ranges: [String] = []

  @Option(
    name: .customLong("correlate"),
    help: ArgumentHelp("Correlate two factors (sobol; repeatable).", valueName: "A:B=RHO"))
  var correlations: [String] = []

  @Option(
    help:
      "Base sample size N (sobol: a power of two, default 1024) or trajectories (morris: default 20)."
  )
  var samples: Int?

  @Option(help: "Morris grid levels (even).")
  var levels = 4

  @Option(parsing: .unconditional, help: "Monte Carlo draws per point (16 to 10^6).")
  var draws = 1000

  @Option(help: "Random seed, the same for every point (common random numbers).")
  var seed: UInt64 = 20_210_602

  @Option(help: "Worker threads (results do not depend on it).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Bootstrap resamples for confidence intervals (sobol, morris).")
  var resamples = 1000

  @Option(name: .customLong("max-points"), help: "Largest grid run without --force.")
  var maxPoints = SweepDesign.defaultGridLimit

  @Flag(help: "Run a grid larger than --max-points.")
  var force = false

  @Option(help: ArgumentHelp("Evaluate part K of N and write a shard file.", valueName: "K/N"))
  var shard: String?

  @Option(
    help: ArgumentHelp("Write the shard file here (default: standard output).", valueName: "file"))
  var output: String?

  @Option(help: "Output format.")
  var format: OutputFormat = .table

  @Option(
    help: ArgumentHelp(
      "Also draw an SVG: a tornado (oat) or heat map (grid with two axes) of P(attain).",
      valueName: "file.svg"))
  var chart: String?

  @Option(
    name: .customLong("target"),
    help: ArgumentHelp(
      "The target the chart shows (default: the first with a probability).", valueName: "id"))
  var chartTarget: String?

  @Option(
    name: .customLong("dump-draws"),
    help: ArgumentHelp(
      "Write the scenario's simulated draws and the assumption/target definitions as JSON (for the benchmark's numpy peer).",
      valueName: "file"))
  var dumpDraws: String?

  public init() {}

  public func validate() throws {
    try WorkLimits.check(draws, "--draws", minimum: 16, maximum: WorkLimits.sweepDraws)
    if let samples {
      try WorkLimits.check(samples, "--samples", minimum: 1, maximum: WorkLimits.samples)
    }
    try WorkLimits.check(levels, "--levels", minimum: 2, maximum: WorkLimits.levels)
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    try WorkLimits.check(
      resamples, "--resamples", minimum: 10, maximum: SweepShard.maximumResamples)
    guard maxPoints >= 1 else { throw ValidationError("--max-points must be at least 1") }
    if method == .grid {
      guard !vary.isEmpty else {
        throw ValidationError("grid needs at least one --vary NAME=START:STOP:STEP")
      }
      guard factors.isEmpty, ranges.isEmpty else {
        throw ValidationError("grid takes its factors from --vary, not --factor or --range")
      }
    } else if !vary.isEmpty {
      throw ValidationError(
        "--vary is for grid sweeps; \(method.rawValue) uses --factor and --range")
    }
    if !correlations.isEmpty && method != .sobol {
      throw ValidationError("--correlate applies to sobol only")
    }
    if samples != nil && !(method == .sobol || method == .morris) {
      throw ValidationError("--samples applies to sobol and morris")
    }
    if output != nil && shard == nil { throw ValidationError("--output is for --shard files") }
    if chart != nil && shard != nil { throw ValidationError("draw --chart when merging shards") }
    if let shard { _ = try Self.parseShard(shard) }
  }

  static func parseShard(_ text: String) throws -> (Int, Int) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, 1 <= k, k <= n,
      n <= SweepShard.maximumCount
    else {
      throw ValidationError(
        "--shard '\(text)' is not K/N with 1 ≤ K ≤ N ≤ \(SweepShard.maximumCount)")
    }
    return (k, n)
  }

  public func run() throws {
    try reportingFailures { try execute() }
  }

  func execute() throws {
    do {
      let model = try modelOptions.load()
      guard model.specifications != nil else {
        throw CLIFailure.data(
          "\(model.directory): no models.toml; add one to say which model projects each indicator")
      }
      let engine: AttainmentEngine
      do { engine = try AttainmentEngine(model: model) } catch {
        throw CLIFailure.data("cannot build the joint simulation: \(error)")
      }
      let scenario = try ScenarioSelection.resolve(
        self.scenario, model: model, engine: engine, allowAll: false
      ).scenarios[0]
      let spec: SweepSpec
      let design: SweepDesign
      do {
        spec = try makeSpec(model: model, scenario: scenario, targets: engine.measuredTargets)
        design = try SweepDesign(spec, gridLimit: force ? nil : maxPoints)
      } catch let error as SensitivityError {
        throw CLIFailure.usage(error.description)
      }
      let settings = MonteCarloSettings(draws: draws, seed: seed, threads: threads)
      let sweepDraws = engine.sweepDraws(scenario, settings: settings)
      if let dumpDraws {
        try write(SweepDrawsJSON.render(sweepDraws.description, spec: spec), to: dumpDraws)
      }
      let sweepModel: ScenarioSweepModel
      do {
        sweepModel = try ScenarioSweepModel(
          engine: engine, draws: sweepDraws, columns: design.columns)
      } catch { throw CLIFailure.usage("\(error)") }
      let total = design.rows.count
      var range = 0..<total
      var shardIndex: (Int, Int)? = nil
      if let shard {
        let (k, n) = try Self.parseShard(shard)
        shardIndex = (k, n)
        range = SweepShard.range(k, of: n, total: total)
      }
      let bar = ProgressBar.forStandardError(unit: "points")
      var progress: (@Sendable (Int, Int) -> Void)? = nil
      if let bar { progress = { done, all in bar.update(done, all) } }
      let outcomes = SweepRunner.run(
        sweepModel, rows: design.rows, range: range, threads: threads, progress: progress)
      bar?.finish()
      if let (k, n) = shardIndex {
        let part = SweepShard(
          spec: spec, index: k, count: n, totalPoints: total, outcomes: outcomes)
        let data: Data
        do { data = try part.encoded() } catch {
          throw CLIFailure.data("cannot encode the shard: \(error)")
        }
        if let output {
          try write(String(decoding: data, as: UTF8.self), to: output)
        } else {
          print(String(decoding: data, as: UTF8.self))
        }
        return
      }
      let result = SweepResult(spec: spec, design: design, outcomes: outcomes)
      try SweepReport(result: result, language: language.lang).emit(
        format: format, chart: chart, chartTarget: chartTarget)
    }
  }

  func makeSpec(model: PlanModel, scenario: Scenario, targets: [Target]) throws -> SweepSpec {
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
        goal: "\(t.comparator.symbol) \(NumberText.plain(t.value)) (\(t.year))")
    }
    return SweepSpec(
      method: method, model: model.config.id, scenario: scenario.id, seed: seed, draws: draws,
      samples: samples ?? (method == .morris ? 20 : 1024), levels: levels, resamples: resamples,
      factors: factorSpecs, axes: axes, correlations: correlated, targets: measured)
  }

  func write(_ text: String, to path: String) throws {
    do { try AtomicFile.write(Data(text.utf8), to: path, overwrite: true) } catch {
      throw CLIFailure.data(error.description)
    }
  }
}
