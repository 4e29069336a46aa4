import ArgumentParser
import Foundation
import PlanCastAttainment
import PlanCastPlan
import PlanCastReports

/// `plancast calibrate-plans`: how often past attainment calls came true.
public struct CalibratePlansCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "calibrate-plans",
    abstract: "Score past P(attain) calls against the outcomes of the plans they were made for.",
    discussion: """
      Three forecasters are scored on every past target with a clear verdict (met or not): \
      PlanCast's P(attain) (baseline scenario, from the data known when the plan was adopted), \
      the base rate (the share of targets met in earlier plans, the same for every target), \
      and the recent-trend rule (1 if the value projected at the recent annual change meets \
      the target, else 0; it ignores the insufficient-data rule, so it calls more targets). \
      Each is scored on every call it made and all three on the targets every one called: \
      Brier score, log score, calls on the right side of 0.5, and a reliability table.

      From a model: --model DIR --as-of YEAR, with the assessed outcomes in \
      DIR/data/outcomes.csv (columns id = the target id, met = yes|no|unclear) and the earlier plans' \
      outcomes for the base rate in DIR/data/earlier-plan-outcomes.csv (a met column); \
      --save-calls FILE writes the calls table. From a table made elsewhere: --calls FILE \
      (columns plan,target,name,met,p_model,p_base_rate,trend_reaches; empty = no call).

      Examples:
        plancast calibrate-plans --model Models/china-13fyp --as-of 2015
        plancast calibrate-plans --model Models/china-13fyp --as-of 2015 --save-calls calls.csv
        plancast calibrate-plans --calls calls.csv --format csv --report reliability
      """)

  @OptionGroup var modelOptions: ModelOptions

  @Option(help: ArgumentHelp("Score this table of calls instead of making them.", valueName: "csv"))
  var calls: String?

  @Option(
    help: ArgumentHelp(
      "Assessed outcomes (default: DIR/data/outcomes.csv).", valueName: "csv"))
  var outcomes: String?

  @Option(
    name: .customLong("earlier-outcomes"),
    help: ArgumentHelp(
      "Earlier plans' outcomes, for the base rate (default: DIR/data/earlier-plan-outcomes.csv).",
      valueName: "csv"))
  var earlierOutcomes: String?

  @Option(
    name: .customLong("save-calls"),
    help: ArgumentHelp("Write the calls table here.", valueName: "csv"))
  var saveCalls: String?

  @Option(
    help: ArgumentHelp(
      "Scenario of the model's calls: a file name in scenarios/ (without .toml) or a .toml file anywhere.",
      valueName: "name|path.toml"))
  var scenario = "baseline"

  @Option(parsing: .unconditional, help: "Monte Carlo draws (100 to 10^7).")
  var draws = 100_000

  @Option(parsing: .unconditional, help: "Random seed: the same seed gives the same output.")
  var seed: UInt64 = 20_210_602

  @Option(help: "Worker threads (results do not depend on it).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Output format.")
  var format: OutputFormat = .table

  @Option(help: "The table --format csv|markdown prints.")
  var report: PlanCallReport.Part = .scores

  public init() {}

  public func validate() throws {
    try WorkLimits.check(draws, "--draws", minimum: 100, maximum: WorkLimits.draws)
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    if calls != nil {
      guard modelOptions.model == nil, modelOptions.asOf == nil, outcomes == nil,
        earlierOutcomes == nil, saveCalls == nil
      else {
        throw ValidationError(
          "--calls scores a finished table: it takes none of --model, --as-of, --outcomes, --earlier-outcomes, --save-calls"
        )
      }
    } else if modelOptions.asOf == nil {
      throw ValidationError(
        "give --as-of YEAR (the year the plan was adopted: calls use only data up to it), or --calls FILE"
      )
    }
  }

  public func run() throws {
    try reportingFailures {
      let report: PlanCallReport
      if let calls {
        let table: [PlanCall]
        do { table = try PlanCallTable.load(path: calls) } catch {
          throw CLIFailure.data("\(error)")
        }
        report = PlanCallReport(evaluation: PlanCallEvaluation(table), source: calls, skipped: [])
      } else {
        report = try callsFromModel()
      }
      switch format {
      case .json: print(report.json().render())
      case .csv, .markdown: print(format.render(report.table(self.report)), terminator: "")
      case .table: print(report.text())
      }
    }
  }

  private func callsFromModel() throws -> PlanCallReport {
    let model = try modelOptions.load()
    let data = URL(fileURLWithPath: model.directory).appendingPathComponent("data")
    let outcomesPath = outcomes ?? data.appendingPathComponent("outcomes.csv").path
    let earlierPath =
      earlierOutcomes ?? data.appendingPathComponent("earlier-plan-outcomes.csv").path
    let outcomeTable: PlanOutcomes
    let baseRate: PlanBaseRate
    do {
      outcomeTable = try PlanOutcomes(path: outcomesPath)
      baseRate = try PlanBaseRate(path: earlierPath)
    } catch {
      throw CLIFailure.data("\(error)")
    }
    let chosen = try ScenarioSelection.resolve(
      scenario, model: model, engine: nil, allowAll: false
    ).scenarios[0]
    let maker = PlanCallMaker(model: model, outcomes: outcomeTable, baseRate: baseRate)
    let made: (calls: [PlanCall], skipped: [PlanCallMaker.Skipped])
    do {
      made = try maker.calls(
        scenario: chosen, settings: MonteCarloSettings(draws: draws, seed: seed, threads: threads))
    } catch {
      throw CLIFailure.data("cannot build the joint simulation: \(error)")
    }
    if let saveCalls {
      do {
        try AtomicFile.write(
          Data(PlanCallTable.csv(made.calls).utf8), to: saveCalls, overwrite: true)
      } catch {
        throw CLIFailure.data("\(error)")
      }
    }
    let asOf = modelOptions.asOf.map { " as of \($0)" } ?? ""
    return PlanCallReport(
      evaluation: PlanCallEvaluation(made.calls),
      source:
        "\(model.config.id)\(asOf), base rate \(baseRate.met)/\(baseRate.verdicts) from earlier plans",
      skipped: made.skipped)
  }
}
extension PlanCallReport.Part: ExpressibleByArgument {}
