import ArgumentParser
import Foundation
import PlanCastPlan
import PlanCastSensitivity

/// `plancast merge`: joins the shard files of a sweep split with `--shard K/N`.
public struct MergeCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Join sweep shard files (plancast sweep … --shard K/N) into the full result.",
    discussion: """
      Every shard must come from the same sweep (same method, model, scenario, seed, draws, \
      factors), and each of 1…N must be present once. The merged output is identical to that \
      of the sweep run in one piece.

      Example:
        plancast sweep sobol --shard 1/2 --output a.json
        plancast sweep sobol --shard 2/2 --output b.json
        plancast merge a.json b.json --format csv
      """)

  @Argument(help: ArgumentHelp("Shard files.", valueName: "file"))
  var files: [String] = []

  @OptionGroup var language: LanguageOption

  @Option(help: "Output format.")
  var format: OutputFormat = .table

  @Option(
    help: ArgumentHelp(
      "Also draw an SVG: a tornado (oat) or heat map (grid with two axes) of P(attain).",
      valueName: "file.svg"))
  var chart: String?

  @Option(
    name: .customLong("target"),
    help: ArgumentHelp("The target the chart shows (default: the first).", valueName: "id"))
  var chartTarget: String?

  public init() {}

  public func validate() throws {
    guard !files.isEmpty else { throw ValidationError("give the shard files to merge") }
  }

  public func run() throws {
    try reportingFailures {
      var shards: [(file: String, shard: SweepShard)] = []
      for file in files {
        guard let data = FileManager.default.contents(atPath: file) else {
          throw CLIFailure.data("cannot read \(file)")
        }
        do { shards.append((file, try SweepShard.decode(data, file: file))) } catch {
          throw CLIFailure.data("\(error)")
        }
      }
      let result: SweepResult
      do { result = try SweepShard.merge(shards) } catch { throw CLIFailure.data("\(error)") }
      try SweepReport(result: result, language: language.lang).emit(
        format: format, chart: chart, chartTarget: chartTarget)
    }
  }
}
