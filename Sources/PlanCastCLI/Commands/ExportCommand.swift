import ArgumentParser
import Foundation
import PlanCastForecasting
import PlanCastPlan
import PlanCastReports

/// `plancast export`: tables as CSV, JSON, Markdown or an Excel workbook, with a run manifest.
public struct ExportCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export tables as CSV, JSON, Markdown or Excel (.xlsx) with a run manifest.",
    discussion: """
      Writes into --to DIR (which must exist): one file per table for csv, json and markdown \
      (projections, targets, backtest_accuracy, backtest_forecasts), or one workbook \
      plancast-<what>.xlsx with a sheet per table; and manifest.json beside them with the \
      PlanCast version, the command line, seed, paths and the SHA-256 of every model file read \
      and every file written. JSON files follow the versioned schemas in Schemas/. Column \
      headers and names follow --lang; ids, codes and JSON keys do not.

      All files are written as one set: each goes to a temporary file first and none is put in \
      place unless all could be written. An existing file is kept unless --force is given.

      Examples:
        plancast export --to out
        plancast export --what projections --format xlsx --lang zh --to out --force
      """)

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var language: LanguageOption

  @Option(help: "What to export.")
  var what: ExportSubject = .all

  @Option(help: ArgumentHelp("Directory to write into (must exist).", valueName: "dir"))
  var to: String = "."

  @Option(help: "File format.")
  var format: ExportFormat = .csv

  @Flag(help: "Overwrite files that exist.")
  var force = false

  @Option(help: ArgumentHelp("Backtest origin years FIRST:LAST.", valueName: "first:last"))
  var origins = RangeArgument(2010...2020)

  @Option(help: ArgumentHelp("Backtest horizons FIRST:LAST.", valueName: "first:last"))
  var horizons = RangeArgument(1...5)

  public init() {}

  public func validate() throws {
    guard horizons.range.lowerBound >= 1 else {
      throw ValidationError("--horizons must start at 1 or later, e.g. 1:5")
    }
  }

  public func run() throws {
    try reportingFailures {
      let model = try modelOptions.load()
      let subjects = what.subjects
      let request = ProjectionRequest(
        toYear: model.config.planEnd, paths: simulation.paths, seed: simulation.seed)
      let tables = try subjects.flatMap { subject in
        try subject.tables(
          model: model, request: request, language: language.lang, origins: origins.range,
          horizons: horizons.range)
      }
      var options: [(String, JSONValue)] = [
        ("what", .string(what.rawValue)), ("format", .string(format.rawValue)),
        ("to_year", .int(request.toYear)),
      ]
      if subjects.contains(.backtest) {
        options += [
          ("origins", .string(origins.defaultValueDescription)),
          ("horizons", .string(horizons.defaultValueDescription)),
        ]
      }
      let manifest = try ExportCommand.manifest(
        model: model, asOf: modelOptions.asOf, simulation: simulation, language: language.lang,
        options: options)
      let exporter = Exporter(
        format: format, language: language.lang, directory: to,
        workbookName: "plancast-\(what.rawValue)")
      do throws(ExportError) {
        let paths = try exporter.write(tables, manifest: manifest, overwrite: force)
        for path in paths { print(path) }
      } catch {
        throw CLIFailure.data(error.description)
      }
    }
  }

  /// The manifest of a run of the current process.
  static func manifest(
    model: PlanModel, asOf: Int?, simulation: SimulationOptions, language: Language,
    options: [(String, JSONValue)]
  ) throws -> RunManifest {
    do throws(RunManifest.InputError) {
      return try RunManifest(
        version: PlanCastVersion.string, commandLine: CommandLine.arguments, model: model,
        asOf: asOf, seed: simulation.seed, paths: simulation.paths, scenario: nil,
        language: language, options: options)
    } catch {
      throw CLIFailure.data(error.description)
    }
  }
}

/// The `--what` choices of `plancast export`. A new table (attainment, sweep) is a new case and
/// a branch of ``tables(model:request:language:origins:horizons:)``.
enum ExportSubject: String, ExpressibleByArgument, CaseIterable {
  case projections, targets, backtest, all

  /// The subjects this choice stands for (`all`: every other case).
  var subjects: [ExportSubject] {
    self == .all ? Self.allCases.filter { $0 != .all } : [self]
  }

  func tables(
    model: PlanModel, request: ProjectionRequest, language: Language,
    origins: ClosedRange<Int>, horizons: ClosedRange<Int>
  ) throws -> [ExportTable] {
    switch self {
    case .projections:
      guard model.specifications != nil else {
        throw CLIFailure.data(
          "\(model.directory): no models.toml; add one to say which model projects each indicator")
      }
      let projections = ProjectionEngine(model: model).project(request)
      return [ProjectionTables.export(projections, model: model, language: language)]
    case .targets:
      let evaluations = TargetEvaluator(data: model.data, language: language).evaluate(model.plan)
      return [TargetTables.export(evaluations, model: model, language: language)]
    case .backtest:
      let rows = SeriesBacktest(engine: ProjectionEngine(model: model)).run(
        request, origins: origins, horizons: horizons)
      return BacktestTables.export(rows, model: model, language: language)
    case .all:
      return try subjects.flatMap {
        try $0.tables(
          model: model, request: request, language: language, origins: origins,
          horizons: horizons)
      }
    }
  }
}

extension ExportFormat: ExpressibleByArgument {}
