import ArgumentParser
import Foundation
import PlanCastPlan

/// `--model DIR`, shared by every command that reads a model.
struct ModelOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Model directory (default: $PLANCAST_MODEL, else the embedded Models/czt-2025 found above the current directory or the executable).",
      valueName: "dir"))
  var model: String?

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "Use only data up to this year, to reproduce what PlanCast would have said then.",
      valueName: "year"))
  var asOf: Int?

  @Flag(
    name: .customLong("no-reference-class"),
    help: ArgumentHelp(
      "Ignore the reference classes of models.toml: each model with its own uncalibrated distribution."
    ))
  var noReferenceClass = false

  /// Locates and loads the model (cut to `--as-of`, without reference classes when asked); a
  /// bad model prints its error and exits with code 1, and so does a model without a single
  /// observation unless `allowingNoData` (`targets` and `data` list what is missing; every
  /// other command would only print "no data" for everything).
  func load(allowingNoData: Bool = false) throws -> PlanModel {
    let loaded: PlanModel
    do {
      let directory = try ModelLocator.current.locate(explicit: model)
      loaded = try PlanModel.load(directory: directory)
    } catch {
      throw CLIFailure.data(error.description)
    }
    if !allowingNoData, loaded.data.observations.isEmpty {
      let file = URL(fileURLWithPath: loaded.directory)
        .appendingPathComponent(PlanModel.File.observations).path
      throw CLIFailure.data(
        "\(file): the file has a header and no data rows. Add the observations, one row per "
          + "area, indicator and year; plancast targets --model \(loaded.directory) lists what is missing")
    }
    let model = noReferenceClass ? loaded.withoutReferenceClasses() : loaded
    guard let asOf else { return model }
    guard loaded.config.yearRange.contains(asOf) else {
      throw CLIFailure.usage(
        "--as-of \(asOf) is outside the model's years \(loaded.config.firstYear)–\(loaded.config.lastYear)"
      )
    }
    return model.through(asOf)
  }
}

/// The output language option.
struct LanguageOption: ParsableArguments {
  @Option(name: .long, help: "Language of names and labels.")
  var lang: Language = .en
}

extension Language: ExpressibleByArgument {}
