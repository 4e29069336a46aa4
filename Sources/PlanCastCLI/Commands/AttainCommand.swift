import ArgumentParser
import Foundation
import PlanCastAttainment
import PlanCastPlan

/// `plancast attain`: the probability of meeting every target, per scenario.
public struct AttainCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "attain",
    abstract: "Probability of meeting each plan target under one or all scenarios (Monte Carlo).",
    discussion: """
      Every series a target needs is fitted (models.toml) and simulated jointly: residual shocks \
      correlated across series as estimated from their residuals, parameter uncertainty drawn \
      from each model's estimates, and the scenario's assumptions (fixed or drawn from their \
      distributions). P(attain) is the share of draws meeting the target, with its Monte Carlo \
      standard error. "required" is the constant annual change over the projected years (growth \
      % for levels, points a year for shares, the average rate for growth targets) that would \
      make P = 0.5 and P = 0.8. The same seed gives bitwise the same output at any --threads; \
      scenarios share random numbers, so their differences are not noise.

      Examples:
        plancast attain
        plancast attain --scenario all --draws 200000 --format csv
        plancast attain --scenario low-growth --lang zh
      """)

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var language: LanguageOption
  @OptionGroup var tableWidth: TableWidthOption

  @Option(
    help: ArgumentHelp(
      "A scenario of the model's scenarios/ (file name without .toml), a .toml file anywhere (its extends found in scenarios/), or all.",
      valueName: "name|path.toml|all"))
  var scenario = "baseline"

  @Option(parsing: .unconditional, help: "Monte Carlo draws (100 to 10^7).")
  var draws = 100_000

  @Option(parsing: .unconditional, help: "Random seed: the same seed gives the same output.")
  var seed: UInt64 = 20_210_602

  @Option(help: "Worker threads (results do not depend on it).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "P(attain) at or above this is on track.")
  var onTrack = 0.8

  @Option(help: "P(attain) below this is off track.")
  var offTrack = 0.2

  @Option(help: "Output format.")
  var format: OutputFormat = .table

  public init() {}

  public func validate() throws {
    try WorkLimits.check(draws, "--draws", minimum: 100, maximum: WorkLimits.draws)
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard 0 < offTrack, offTrack < onTrack, onTrack <= 1 else {
      throw ValidationError("need 0 < --off-track < --on-track ≤ 1")
    }
  }

  public func run() throws {
    try reportingFailures {
      let model = try modelOptions.load()
      guard model.specifications != nil else {
        throw CLIFailure.data(
          "\(model.directory): no models.toml; add one to say which model projects each indicator")
      }
      let engine: AttainmentEngine
      do { engine = try AttainmentEngine(model: model) } catch {
        throw CLIFailure.data("cannot build the joint simulation: \(error)")
      }
      let selection = try ScenarioSelection.resolve(scenario, model: model, engine: engine)
      let settings = MonteCarloSettings(
        draws: draws, seed: seed, threads: threads,
        thresholds: StatusThresholds(onTrack: onTrack, offTrack: offTrack))
      let results = engine.run(selection.scenarios, settings: settings)
      let report = AttainmentReport(
        results: results, model: model, language: language.lang, skipped: selection.skipped)
      switch format {
      case .json: print(report.json().render())
      case .csv, .markdown: print(format.render(report.tidyTable()), terminator: "")
      case .table:
        print(report.text(maxWidth: tableWidth.maxWidth))
      }
    }
  }
}
