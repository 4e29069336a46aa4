import ArgumentParser
import PlanCastPlan

/// `--model DIR`, shared by every command that reads a model.
struct ModelOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Model directory (default: $PLANCAST_MODEL, else the embedded Models/czt-2025 found above the current directory or the executable).",
      valueName: "dir"))
  var model: String?

  /// Locates and loads the model; a bad model prints its error and exits with code 1.
  func load() throws -> PlanModel {
    do {
      let directory = try ModelLocator.current.locate(explicit: model)
      return try PlanModel.load(directory: directory)
    } catch {
      throw CLIFailure.data(error.description)
    }
  }
}

/// The output language option.
struct LanguageOption: ParsableArguments {
  @Option(name: .long, help: "Language of names and labels.")
  var lang: Language = .en
}

extension Language: ExpressibleByArgument {}
