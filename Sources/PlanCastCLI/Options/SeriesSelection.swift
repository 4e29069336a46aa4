import ArgumentParser
import PlanCastForecasting
import PlanCastPlan

/// `--city` and `--indicator`: which series a command covers.
struct SeriesSelection: ParsableArguments {
  @Option(
    name: [.customLong("city"), .customLong("area")],
    help: ArgumentHelp("Only this city or region (repeatable).", valueName: "area"))
  var areas: [String] = []

  @Option(
    name: .customLong("indicator"),
    help: ArgumentHelp("Only this indicator (repeatable).", valueName: "id"))
  var indicators: [String] = []

  /// A projection request, checking the names against the model.
  func request(model: PlanModel, toYear: Int, simulation: SimulationOptions) throws
    -> ProjectionRequest
  {
    for area in areas where model.config.area(area) == nil {
      throw CLIFailure.usage(
        "unknown area '\(area)'; areas in this model: "
          + model.config.areas.map(\.id).joined(separator: ", "))
    }
    for indicator in indicators where model.data.catalog[indicator] == nil {
      throw CLIFailure.usage(
        "unknown indicator '\(indicator)'; indicators in this model: "
          + model.data.catalog.indicators.map(\.id).joined(separator: ", "))
    }
    guard model.config.yearRange.contains(toYear) else {
      throw CLIFailure.usage(
        "--to \(toYear) is outside the model's years \(model.config.firstYear)–\(model.config.lastYear)"
      )
    }
    return ProjectionRequest(
      toYear: toYear, areas: areas.isEmpty ? nil : areas,
      indicators: indicators.isEmpty ? nil : indicators, paths: simulation.paths,
      seed: simulation.seed)
  }
}

/// `--paths` and `--seed` for simulated intervals.
struct SimulationOptions: ParsableArguments {
  @Option(help: "Simulated paths per series for models without exact intervals.")
  var paths: Int = 5000

  @Option(help: "Random seed: the same seed gives the same output.")
  var seed: UInt64 = 20_210_602

  func validate() throws {
    guard paths >= 100 else { throw ValidationError("--paths must be at least 100") }
  }
}
