import ArgumentParser
import Foundation
import PlanCastSensitivity

/// `plancast sweep oat|grid|sobol|morris`: which scenario assumptions decide whether targets
/// are met. Each method is a subcommand with its own options and `--help`.
public struct SweepCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract:
      "Sensitivity of every target to the scenario's assumptions (OAT, grid, Sobol, Morris).",
    discussion: """
      Each sweep point sets assumptions to fixed values and runs the Monte Carlo attainment \
      with --draws draws. Every point uses the same seed (common random numbers): the same \
      shocks and parameter draws, so differences between points are the assumptions' effect, \
      not noise. Outputs per target: P(attain) and the median of the target quantity. \
      `plancast sweep METHOD --help` explains each method and its options.

      --shard K/N evaluates the K-th of N contiguous parts and writes a shard file; \
      `plancast merge` joins the parts into the same result as one run.
      """,
    subcommands: [
      SweepOATCommand.self, SweepGridCommand.self, SweepSobolCommand.self,
      SweepMorrisCommand.self,
    ])

  public init() {}
}

/// `--factor` and `--range`: which assumptions a sweep moves, and over what range.
struct SweepFactorOptions: ParsableArguments {
  @Option(
    name: .customLong("factor"),
    help: ArgumentHelp(
      "Only this assumption (repeatable; default: every assumption with a low/high range or a distribution).",
      valueName: "name"))
  var factors: [String] = []

  @Option(
    name: .customLong("range"),
    help: ArgumentHelp(
      "Override an assumption's low/high range (repeatable).", valueName: "NAME=LOW:HIGH"))
  var ranges: [String] = []
}

/// `--chart` and `--target`: the SVG of a whole run (not of a shard).
struct SweepChartOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Also draw an SVG of P(attain).", valueName: "file.svg"))
  var chart: String?

  @Option(
    name: .customLong("target"),
    help: ArgumentHelp(
      "The target the chart shows (default: the first with a probability).", valueName: "id"))
  var chartTarget: String?
}

/// `--resamples`: the bootstrap of the Sobol and Morris statistics.
struct SweepBootstrapOptions: ParsableArguments {
  @Option(help: "Bootstrap resamples for the confidence intervals (10 to 100000).")
  var resamples = 1000

  func validate() throws {
    try WorkLimits.check(
      resamples, "--resamples", minimum: 10, maximum: SweepShard.maximumResamples)
  }
}

struct SweepOATCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "oat",
    abstract:
      "One at a time: each factor to its low and high value, the others as in the scenario.",
    discussion: """
      Effects are sorted by swing (a tornado); --chart draws the tornado of one target.

      Examples:
        plancast sweep oat --chart tornado.svg
        plancast sweep oat --factor real_growth_shift --range real_growth_shift=-2:1
      """)

  @OptionGroup var sweep: SweepRunOptions
  @OptionGroup var factorOptions: SweepFactorOptions
  @OptionGroup var chartOptions: SweepChartOptions

  func validate() throws { try SweepRunOptions.checkChart(chartOptions.chart, sweep) }

  func run() throws {
    try sweep.run(
      SweepRequest(
        method: .oat, factors: factorOptions.factors, ranges: factorOptions.ranges,
        chart: chartOptions.chart, chartTarget: chartOptions.chartTarget))
  }
}

struct SweepGridCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grid",
    abstract: "The cartesian product of --vary axes: per point P, the median and 80% interval.",
    discussion: """
      At most --max-points points unless --force; --chart draws a heat map of one target \
      (two axes).

      Examples:
        plancast sweep grid --vary real_growth_shift=-1.5:1:0.25 --vary deflator_deviation=-2:2:0.5
      """)

  @OptionGroup var sweep: SweepRunOptions

  @Option(
    name: .customLong("vary"),
    help: ArgumentHelp("A grid axis (repeatable).", valueName: "NAME=START:STOP:STEP"))
  var vary: [String] = []

  @Option(name: .customLong("max-points"), help: "Largest grid run without --force.")
  var maxPoints = SweepDesign.defaultGridLimit

  @Flag(help: "Run a grid larger than --max-points.")
  var force = false

  @OptionGroup var chartOptions: SweepChartOptions

  func validate() throws {
    guard !vary.isEmpty else {
      throw ValidationError("grid needs at least one --vary NAME=START:STOP:STEP")
    }
    guard maxPoints >= 1 else { throw ValidationError("--max-points must be at least 1") }
    try SweepRunOptions.checkChart(chartOptions.chart, sweep)
  }

  func run() throws {
    try sweep.run(
      SweepRequest(
        method: .grid, vary: vary, gridLimit: force ? nil : maxPoints, chart: chartOptions.chart,
        chartTarget: chartOptions.chartTarget))
  }
}

struct SweepSobolCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sobol",
    abstract: "First-order and total Sobol indices, with bootstrap 95% half-widths.",
    discussion: """
      First-order (Saltelli 2010) and total (Jansen) indices on a Saltelli design of \
      N = --samples base points from an unscrambled Joe–Kuo Sobol' sequence (N·(d+2) points). \
      Factors given as distributions in the scenario are sampled from them, others uniformly \
      on low…high. --correlate A:B=RHO correlates factors through a Gaussian copula; indices \
      then refer to the independent underlying normals in factor order (see Models/README.md, \
      "sensitivity").

      Examples:
        plancast sweep sobol --samples 4096 --draws 256 --format csv
        plancast sweep sobol --samples 1024 --shard 1/4 --output part1.json
      """)

  @OptionGroup var sweep: SweepRunOptions
  @OptionGroup var factorOptions: SweepFactorOptions

  @Option(help: "Base sample size N, a power of two.")
  var samples = 1024

  @OptionGroup var bootstrap: SweepBootstrapOptions

  @Option(
    name: .customLong("correlate"),
    help: ArgumentHelp("Correlate two factors (repeatable).", valueName: "A:B=RHO"))
  var correlations: [String] = []

  func validate() throws {
    try WorkLimits.check(samples, "--samples", minimum: 1, maximum: WorkLimits.samples)
  }

  func run() throws {
    try sweep.run(
      SweepRequest(
        method: .sobol, factors: factorOptions.factors, ranges: factorOptions.ranges,
        correlations: correlations, samples: samples, resamples: bootstrap.resamples))
  }
}

struct SweepMorrisCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "morris",
    abstract: "Morris elementary effects μ, μ* and σ per factor.",
    discussion: """
      On --samples trajectories over a --levels grid of each factor's low…high range (effects \
      per unit of range).

      Examples:
        plancast sweep morris --samples 40 --levels 6
      """)

  @OptionGroup var sweep: SweepRunOptions
  @OptionGroup var factorOptions: SweepFactorOptions

  @Option(help: "Trajectories.")
  var samples = 20

  @Option(help: "Grid levels (even).")
  var levels = 4

  @OptionGroup var bootstrap: SweepBootstrapOptions

  func validate() throws {
    try WorkLimits.check(samples, "--samples", minimum: 1, maximum: WorkLimits.samples)
    try WorkLimits.check(levels, "--levels", minimum: 2, maximum: WorkLimits.levels)
  }

  func run() throws {
    try sweep.run(
      SweepRequest(
        method: .morris, factors: factorOptions.factors, ranges: factorOptions.ranges,
        samples: samples, levels: levels, resamples: bootstrap.resamples))
  }
}
