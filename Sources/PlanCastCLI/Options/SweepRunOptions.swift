import ArgumentParser
import Foundation
import PlanCastAttainment
import PlanCastPlan
import PlanCastReports
import PlanCastSensitivity

/// The options every `plancast sweep` method shares (model, scenario, draws, seed, threads,
/// shards, output), and the run itself: design the points, simulate each with the same draws,
/// report or write the shard.
struct SweepRunOptions: ParsableArguments {
  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var language: LanguageOption
  @OptionGroup var progressOption: ProgressOption

  @Option(
    help: ArgumentHelp(
      "A scenario of the model's scenarios/ (file name without .toml) or a .toml file anywhere.",
      valueName: "name|path.toml"))
  var scenario = "baseline"

  @Option(parsing: .unconditional, help: "Monte Carlo draws per point (16 to 10^6).")
  var draws = 1000

  @Option(help: "Random seed, the same for every point (common random numbers).")
  var seed: UInt64 = 20_210_602

  @Option(help: "Worker threads (results do not depend on it).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: ArgumentHelp("Evaluate part K of N and write a shard file.", valueName: "K/N"))
  var shard: String?

  @Option(
    help: ArgumentHelp("Write the shard file here (default: standard output).", valueName: "file"))
  var output: String?

  @Option(help: "Output format.")
  var format: OutputFormat = .table

  @Option(
    name: .customLong("dump-draws"),
    help: ArgumentHelp(
      "Write the scenario's simulated draws and the assumption/target definitions as JSON (for the benchmark's numpy peer).",
      valueName: "file"))
  var dumpDraws: String?

  func validate() throws {
    try WorkLimits.check(draws, "--draws", minimum: 16, maximum: WorkLimits.sweepDraws)
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    if output != nil && shard == nil { throw ValidationError("--output is for --shard files") }
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

  /// `--chart` belongs to a whole run, not a shard.
  static func checkChart(_ chart: String?, _ run: SweepRunOptions) throws {
    if chart != nil && run.shard != nil {
      throw ValidationError("draw --chart when merging shards")
    }
  }

  func run(_ request: SweepRequest) throws {
    try reportingFailures { try execute(request) }
  }

  private func execute(_ request: SweepRequest) throws {
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
      spec = try request.spec(
        model: model, scenario: scenario, targets: engine.measuredTargets, seed: seed, draws: draws)
      design = try SweepDesign(spec, gridLimit: request.gridLimit)
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
    let bar = progressOption.bar(unit: "points")
    var progress: (@Sendable (Int, Int) -> Void)? = nil
    if let bar { progress = { done, all in bar.update(done, all) } }
    let outcomes = SweepRunner.run(
      sweepModel, rows: design.rows, range: range, threads: threads, progress: progress)
    bar?.finish()
    if let (k, n) = shardIndex {
      let part = SweepShard(spec: spec, index: k, count: n, totalPoints: total, outcomes: outcomes)
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
      format: format, chart: request.chart, chartTarget: request.chartTarget)
  }

  private func write(_ text: String, to path: String) throws {
    do { try AtomicFile.write(Data(text.utf8), to: path, overwrite: true) } catch {
      throw CLIFailure.data(error.description)
    }
  }
}
