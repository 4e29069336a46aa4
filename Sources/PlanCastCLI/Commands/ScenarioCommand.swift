import ArgumentParser
import Foundation
import PlanCastAttainment
import PlanCastPlan
import PlanCastReports

/// `plancast scenario new|check`: write a scenario file to start from, and check one.
public struct ScenarioCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "scenario",
    abstract:
      "Write a commented scenario scaffold, or check a scenario file and show what it changes.",
    discussion: "The file format, every effect and the bounds: Models/SCENARIOS.md.",
    subcommands: [ScenarioNewCommand.self, ScenarioCheckCommand.self])

  public init() {}
}

/// `plancast scenario new NAME [--from S]`: a scaffold extending S, its assumptions listed as
/// comments to uncomment and change.
struct ScenarioNewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Write scenarios/NAME.toml: a commented scaffold extending --from.",
    discussion: """
      The new file changes nothing until you uncomment a line: it lists every assumption of \
      the parent with its current value, and a commented example of a new assumption. Check \
      it with `plancast scenario check NAME`.
      """)

  @Argument(help: "File name of the new scenario (letters, digits, - and _).")
  var name: String

  @Option(help: ArgumentHelp("The scenario it extends.", valueName: "scenario"))
  var from = "baseline"

  @Option(
    help: ArgumentHelp(
      "Write here instead of the model's scenarios/ (its extends still resolved there).",
      valueName: "path.toml"))
  var to: String?

  @Flag(help: "Overwrite a file that exists.")
  var force = false

  @OptionGroup var modelOptions: ModelOptions

  func validate() throws {
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
    guard !name.isEmpty, name.unicodeScalars.allSatisfy(allowed.contains), name.count <= 64
    else {
      throw ValidationError("NAME '\(name)': use letters, digits, - and _ (at most 64)")
    }
  }

  func run() throws {
    try reportingFailures {
      let model = try modelOptions.load()
      let parent = try ScenarioSelection.resolve(
        from, model: model, engine: nil, allowAll: false
      ).scenarios[0]
      let path = to ?? model.scenarioPath(name)
      let text = ScenarioScaffold(name: name, parent: parent).text
      do throws(AtomicFile.WriteError) {
        try AtomicFile.write(Data(text.utf8), to: path, overwrite: force)
      } catch {
        throw CLIFailure.data(error.description)
      }
      print(path)
    }
  }
}

/// `plancast scenario check NAME|FILE`: loads one scenario as `attain` would, checks its
/// values against what the model projects, and prints its changes against its parent.
struct ScenarioCheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check one scenario file and print what it changes against its parent.",
    discussion: """
      Exit 0 and the changes (indicator, areas, years, effect, value or distribution, per \
      assumption) when the file is usable; otherwise the error with file, line and field, and \
      exit 1.
      """)

  @Argument(
    help: ArgumentHelp("A scenario of scenarios/ or a .toml file.", valueName: "name|path.toml"))
  var scenario: String

  @OptionGroup var modelOptions: ModelOptions

  func run() throws {
    try reportingFailures {
      let model = try modelOptions.load()
      let engine: AttainmentEngine?
      if model.specifications == nil {
        engine = nil
      } else {
        do { engine = try AttainmentEngine(model: model) } catch {
          throw CLIFailure.data("cannot build the joint simulation: \(error)")
        }
      }
      let checked = try ScenarioSelection.resolve(
        scenario, model: model, engine: engine, allowAll: false
      ).scenarios[0]
      let parentID = checked.ancestry.first
      let parent = try parentID.map { (id: String) throws -> Scenario in
        try ScenarioSelection.resolve(id, model: model, engine: nil, allowAll: false).scenarios[0]
      }
      print(
        "ok: \(checked.id) (\(checked.nameEN) · \(checked.nameZH))"
          + (parentID.map {
            ", extends \(([$0] + checked.ancestry.dropFirst()).joined(separator: " → "))"
          } ?? "")
          + (engine == nil ? "; values not checked against projections (no models.toml)" : ""))
      let changes = checked.changes(from: parent)
      if changes.isEmpty {
        print("changes nothing against \(parentID ?? "the models as estimated")")
      }
      for change in changes {
        print("\(change.kind == .added ? "+" : "~") \(change.name)")
        for line in change.details { print("    \(line)") }
      }
    }
  }
}
