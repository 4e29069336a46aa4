import ArgumentParser
import PlanCastPlan

/// `plancast init DIR [--from MODEL]`: a new model directory to fill in.
public struct InitCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create a new model directory: commented plan, indicator, target and model files.",
    discussion: """
      Without --from, DIR gets PlanCast's template: model.toml (period, areas, units), \
      indicators.toml, targets.toml (two example targets), models.toml, scenarios/baseline.toml \
      and data/observations.csv with the required columns and no rows. With --from, that model \
      is copied, data file included (replace its rows with your own). \
      DIR must be new or empty; nothing is ever overwritten. Then run \
      `plancast targets --model DIR`: it lists what is still missing.
      """)

  @Argument(help: "The new model directory (must not exist or be empty).")
  var directory: String
  @Option(name: .long, help: "Copy the plan definition of this model directory.")
  var from: String?

  public init() {}

  public func run() throws {
    try reportingFailures {
      let id = String(directory.split(separator: "/").last ?? "my-plan")
      do {
        let scaffold =
          try from.map { try PlanScaffold.copying(from: $0, id: id) }
          ?? PlanScaffold.template(id: id)
        try scaffold.write(to: directory)
        for file in scaffold.files { print("created \(directory)/\(file.path)") }
        print("next: plancast targets --model \(directory)")
      } catch {
        throw CLIFailure.data("\(error)")
      }
    }
  }
}
