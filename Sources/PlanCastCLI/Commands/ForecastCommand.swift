import ArgumentParser
import Foundation
import PlanCastForecasting
import PlanCastPlan
import PlanCastReports

/// `plancast forecast`: forecasts every series of a long-format CSV file.
public struct ForecastCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "forecast",
    abstract: "Forecast many yearly series from a long CSV file (series_id,year,value).",
    discussion: """
      Input: a CSV file with columns series_id, year and value (any order, other columns \
      ignored, rows in any order, years may have gaps). Output: one row per series and forecast \
      year with mean, median, lo80, hi80, lo95, hi95 (plus loXX/hiXX for other --level values), \
      the method used and a note. The median is the point forecast.

      Methods: naive, drift (random walk without/with drift, exact t intervals); loglinear \
      (constant growth); ar (AR(1) on log growth, simulated); damped (ETS(A,Ad,N) on logs); \
      theta (the standard M3 Theta method); theta-log (Theta on logs); logistic (share with a \
      ceiling, values in (0, --logistic-scale)); combo (an equal-weight combination of \
      --combo-members, pooled by --combination); pooled (the whole file as a reference class: \
      common growth from the cross-section with a damped-trend forecast, each series' recent \
      growth differential shrunk by a slope learnt across series, widths from the file's own \
      rolling-origin errors; needs 20 series ending in the same year with 7 consecutive \
      positive values, others fall back to damped; see Models/README.md, "Reference classes"); \
      auto (pooled for the members of a class of at least 30 related series, i.e. whose year \
      explains at least 10 % of the variance of their growth; otherwise the combination chosen \
      on the M3 yearly training data only, never its test years: naive, drift, loglinear and \
      damped pooled by median-mixture; members that cannot be used are dropped). The method \
      column says what each series got.

      Interval widths (--intervals): held-out (the default of auto) cuts every series with at \
      least 6 + --horizon years before its last --horizon years, forecasts those years the same \
      way, and learns from all these series one factor per horizon and level by which the \
      intervals must be stretched or shrunk to hold the share of held-out values they claim \
      (a split-conformal calibration across series); the real forecasts' intervals are then \
      scaled by it around the point forecast, and a line on standard error gives the factors. \
      It needs 20 such series; with fewer, or with --intervals model (the default of the other \
      methods), the intervals are the models' own. Reference-class forecasts keep their own \
      widths. Only the file's years are read: the held-out years are each series' last ones.

      Combination rule (--combination): mean = every output (mean, median and each interval \
      bound) is the mean over members of that member's value, i.e. quantiles are averaged \
      (Vincentization); median = the same with the median over members; mixture = the \
      equal-weight mixture of the members' distributions, its mean exact and its quantiles from \
      --paths simulated paths split among the members; median-mixture = the point forecast \
      (median column) is the median of the members' medians, the mean and the intervals are \
      the mixture's. Members that cannot be used on a series are dropped (the note says which \
      and why).

      Fallbacks: a method that cannot be used on a series (too short, a gap, a non-positive value \
      for a log model, a failed fit, a non-finite forecast) falls back to theta (log models and \
      logistic only), then drift, then naive; with no two consecutive years the forecast is \
      flat at the last value without intervals. The note column says what happened; the run \
      never stops for one series.

      Series run in parallel on --threads; each series draws from a stream derived from --seed \
      and its id, so the output is the same for any thread count. A progress bar is drawn on \
      standard error when it is a terminal.

      Examples:
        plancast forecast --data indicators.csv --horizon 5 --format csv
        plancast forecast --data m3.csv --horizon 6 --method combo --combo-members damped,theta
        plancast forecast score --forecasts f.csv --actuals test.csv --training train.csv
        plancast forecast calibrate --data cities.csv --origins 2008:2012 --method damped,auto
      """,
    subcommands: [ForecastScoreCommand.self, CalibrateCommand.self])

  // Optional for the parser so that `plancast forecast score` does not need them; run()
  // requires both.
  @Option(
    help: ArgumentHelp(
      "Long-format CSV, or an .xlsx workbook's sheet: series_id,year,value (required).",
      valueName: "file"))
  var data: String?

  @Option(
    help: ArgumentHelp(
      "The sheet of an .xlsx --data (default: the first).", valueName: "name"))
  var sheet: String?

  @Flag(
    help: ArgumentHelp(
      "Forgive empty fields after the header's last column (the trailing comma some spreadsheet "
        + "exports put on data rows). Everything else stays strict."))
  var lenient = false

  @Option(
    parsing: .unconditional,
    help: "Years to forecast after each series' last year, 1 to 100 (required).")
  var horizon: Int?

  @Option(
    help: ArgumentHelp(
      "Forecasting method.", valueName: BatchMethod.allCases.map(\.rawValue).joined(separator: "|")
    ))
  var method: String = BatchMethod.auto.rawValue

  @Option(
    help: ArgumentHelp(
      "Central interval levels in percent; 80 and 95 are always given, others add loXX/hiXX "
        + "columns (from simulated paths). calibrate: 10,20,…,90,95.", valueName: "80,95"))
  var level: String?

  @Option(
    help: ArgumentHelp(
      "Interval widths: the models' own, or calibrated on each series' held-out last years "
        + "(default: held-out for auto, model otherwise).", valueName: "model|held-out"))
  var intervals: String?

  @Option(help: "Members of combo (single methods, comma separated).")
  var comboMembers = Combination.standard.members.map(\.rawValue).joined(separator: ",")

  @Option(
    help: ArgumentHelp(
      "How combo pools its members.", valueName: "mean|median|mixture|median-mixture"))
  var combination = Combination.standard.rule.rawValue

  @Option(help: "Simulated paths per series (AR, mixtures, extra levels).")
  var paths = 2000

  @Option(help: "The value standing for a share of 1, for logistic.")
  var logisticScale = 100.0

  @Option(help: "Output format (also of forecast score).")
  var format: OutputFormat = .table

  @OptionGroup var progressOption: ProgressOption

  @Option(help: "Worker threads (results do not depend on it).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Random seed: the same seed gives the same output.")
  var seed: UInt64 = 1

  public init() {}

  func parsedMethod() throws -> BatchMethod {
    guard let m = BatchMethod(rawValue: method.lowercased()) else {
      throw ValidationError(
        "unknown --method '\(method)'; use one of "
          + BatchMethod.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return m
  }

  func parsedIntervals() throws -> IntervalCalibrationMode {
    guard let intervals else { return .standard(for: try parsedMethod()) }
    guard let mode = IntervalCalibrationMode(rawValue: intervals.lowercased()) else {
      throw ValidationError(
        "unknown --intervals '\(intervals)'; use "
          + IntervalCalibrationMode.allCases.map(\.rawValue).joined(separator: " or "))
    }
    return mode
  }

  func parsedLevels() throws -> [Double] {
    var levels: [Double] = []
    for part in (level ?? "80,95").split(separator: ",") {
      let text = part.trimmingCharacters(in: .whitespaces)
      guard let x = Double(text), x > 0, x < 100 else {
        throw ValidationError("--level: '\(text)' is not a percentage strictly between 0 and 100")
      }
      if x != 80, x != 95, !levels.contains(x) { levels.append(x) }
    }
    return levels
  }

  func parsedCombination() throws -> Combination {
    guard let rule = CombinationRule(rawValue: combination.lowercased()) else {
      throw ValidationError(
        "unknown --combination '\(combination)'; use mean, median, mixture or median-mixture")
    }
    var members: [BatchMethod] = []
    for part in comboMembers.split(separator: ",") {
      let name = part.trimmingCharacters(in: .whitespaces).lowercased()
      guard let m = BatchMethod(rawValue: name), m.model() != nil else {
        throw ValidationError(
          "--combo-members: '\(name)' is not a single method (naive, drift, loglinear, ar, "
            + "damped, theta, theta-log, logistic)")
      }
      if !members.contains(m) { members.append(m) }
    }
    guard !members.isEmpty else { throw ValidationError("--combo-members is empty") }
    return Combination(members: members, rule: rule)
  }

  public func validate() throws {
    if let horizon {
      try WorkLimits.check(horizon, "--horizon", minimum: 1, maximum: WorkLimits.horizon)
    }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    try WorkLimits.check(paths, "--paths", minimum: 100, maximum: WorkLimits.paths)
    guard logisticScale > 0 else { throw ValidationError("--logistic-scale must be positive") }
  }

  /// Checks the method, levels and combination; done in ``run()`` rather than ``validate()``,
  /// which also runs for the subcommands, whose options of the same names (`calibrate
  /// --method damped,auto`) mean something else.
  func validateChoices() throws {
    _ = try parsedMethod()
    _ = try parsedLevels()
    _ = try parsedCombination()
    _ = try parsedIntervals()
  }

  public func run() throws {
    try validateChoices()
    guard let data else { throw ValidationError("Missing expected argument '--data <file>'") }
    guard let horizon else {
      throw ValidationError("Missing expected argument '--horizon <horizon>'")
    }
    try reportingFailures { try execute(data: data, horizon: horizon) }
  }

  func execute(data: String, horizon: Int) throws {
    do {
      let table = try Self.readSeries(data, mode: lenient ? .lenient : .strict, sheet: sheet)
      let settings = BatchSettings(
        method: try parsedMethod(), horizon: horizon, extraLevels: try parsedLevels(),
        paths: paths, seed: seed, threads: threads, combination: try parsedCombination(),
        logisticScale: logisticScale, intervalCalibration: try parsedIntervals())
      // CSV and JSON stream as the series are done; on a terminal they are the progress.
      let streams = format == .csv || format == .json
      let bar =
        streams && isatty(STDOUT_FILENO) != 0 ? nil : progressOption.bar(unit: "series")
      var progress: (@Sendable (Int, Int) -> Void)? = nil
      if let bar { progress = { done, total in bar.update(done, total) } }
      let forecaster = BatchForecaster(settings: settings)
      let report = ForecastReport(extraLevels: settings.extraLevels)
      let calibration: Result<IntervalCalibration, IntervalCalibration.Unavailable>?
      switch format {
      case .csv:
        print(report.csvHeader, terminator: "")
        calibration = forecaster.run(table.series, progress: progress) { chunk in
          for forecast in chunk { print(report.csvRecords([forecast]), terminator: "") }
        }
      case .json:
        print(report.jsonStart, terminator: "")
        var first = true
        calibration = forecaster.run(table.series, progress: progress) { chunk in
          for forecast in chunk {
            print(report.jsonElements([forecast], first: first), terminator: "")
            first = false
          }
        }
        print(report.jsonEnd, terminator: "")
      case .table, .markdown:
        var forecasts: [SeriesForecast] = []
        calibration = forecaster.run(table.series, progress: progress) { forecasts += $0 }
        let text = report.textTable(forecasts)
        if format == .table {
          print(TextTableRenderer.render(text))
        } else {
          print(MarkdownTableRenderer.render(text), terminator: "")
        }
      }
      bar?.finish()
      if let calibration, !progressOption.quiet {
        FileHandle.standardError.write(Data((report.calibrationLine(calibration) + "\n").utf8))
      }
    }
  }

  /// Reads and validates a long-format series file.
  /// An `.xlsx` file is read from its first sheet (or `sheet`); errors name the file and
  /// sheet, and their line numbers are the sheet's row numbers.
  static func readSeries(_ path: String, mode: CSVMode = .strict, sheet: String? = nil) throws
    -> LongSeriesTable
  {
    do {
      if path.lowercased().hasSuffix(".xlsx") {
        let workbook: (sheet: String, text: String)
        do { workbook = try XLSXReader.csv(path: path, sheet: sheet) } catch {
          throw CLIFailure.data(error.description)
        }
        return try LongSeriesTable.parse(
          workbook.text, file: "\(path)[\(workbook.sheet)]", mode: mode)
      }
      guard sheet == nil else {
        throw CLIFailure.usage("--sheet is for .xlsx files; \(path) is read as CSV")
      }
      return try LongSeriesTable.read(path: path, mode: mode)
    } catch let error as SeriesFileError {
      throw CLIFailure.data(error.description)
    } catch let error as CLIFailure {
      throw error
    } catch {
      throw CLIFailure.data("\(path): \(error)")
    }
  }
}

/// `plancast forecast score`: M3-style accuracy of forecasts against actual values.
struct ForecastScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Score forecasts against actuals: sMAPE by horizon, average sMAPE, MASE, coverage.",
    discussion: """
      sMAPE = 200·|A − F|/(|A| + |F|) per series and horizon, averaged over series per horizon \
      and over all series × horizons (avg); MASE = mean_h |A − F| divided by the mean absolute \
      one-step change of the series' training values, averaged over series (Makridakis & Hibon \
      2000; Hyndman & Koehler 2006 — the definitions of the published M3 tables). Horizon h is \
      the h-th year of a series in --actuals. Coverage is the share of actuals inside \
      [lo80, hi80] and [lo95, hi95] when the forecasts file has those columns; with them, \
      wis_scaled is the weighted interval score of the point (taken as the median) and the two \
      intervals (Bracher et al. 2021, a quantile approximation of the CRPS), divided by the \
      MASE scale and averaged like MASE: it equals MASE for intervals shrunk onto the point, so \
      below MASE the intervals carry information, and lower is better.

      --forecasts is a CSV with series_id, year, the point column (--point, default median) \
      and optionally lo80, hi80, lo95, hi95 and a column to group by (--group-by, e.g. method); \
      --actuals and --training are long CSV files series_id,year,value. Every series of \
      --actuals needs a forecast for each of its years. --by-horizon gives one row per group \
      and horizon instead (MASE there is |A − F| over the MASE scale, averaged over series).
      """)

  @Option(help: ArgumentHelp("Forecasts CSV.", valueName: "file"))
  var forecasts: String

  @Option(help: ArgumentHelp("Actual values, long CSV series_id,year,value.", valueName: "file"))
  var actuals: String

  @Option(help: ArgumentHelp("Training values (MASE scale), long CSV.", valueName: "file"))
  var training: String

  @Option(help: "Column of the forecasts file holding the point forecast.")
  var point = "median"

  @Option(help: "Column of the forecasts file to group rows by (one score row per value).")
  var groupBy: String?

  @Flag(help: "One row per horizon: sMAPE, MASE, coverage and scaled WIS of the h-th year.")
  var byHorizon = false

  /// `--format` (table, csv, json, markdown) belongs to `forecast` and applies here too.
  @ParentCommand var parent: ForecastCommand

  var format: OutputFormat { parent.format }

  func run() throws {
    try reportingFailures { try execute() }
  }

  func execute() throws {
    do {
      let actual = try ForecastCommand.readSeries(actuals).series
      let train = try ForecastCommand.readSeries(training).series
      let actualByID = Dictionary(uniqueKeysWithValues: actual.map { ($0.name, $0) })
      let trainValues = Dictionary(uniqueKeysWithValues: train.map { ($0.name, $0.values) })
      let text: String
      do { text = try String(contentsOfFile: forecasts, encoding: .utf8) } catch {
        throw CLIFailure.data("\(forecasts): cannot read the file")
      }
      let records: [CSVRecord]
      do { records = try CSVReader.parse(text) } catch let e as CSVSyntaxError {
        throw CLIFailure.data("\(forecasts)\(e.located)")
      }
      guard let header = records.first?.fields.map({ $0.lowercased() }) else {
        throw CLIFailure.data("\(forecasts): the file is empty")
      }
      func column(_ name: String) throws -> Int {
        guard let k = header.firstIndex(of: name.lowercased()) else {
          throw CLIFailure.data("\(forecasts): missing column '\(name)'")
        }
        return k
      }
      let idColumn = try column("series_id")
      let yearColumn = try column("year")
      let pointColumn = try column(point)
      let groupColumn = try groupBy.map(column)
      let found = ["lo80", "hi80", "lo95", "hi95"].compactMap { header.firstIndex(of: $0) }
      // The interval columns, when all four are there.
      let bounds = found.count == 4 ? found : []
      let withIntervals = !bounds.isEmpty
      // group -> series -> horizon index -> (point, lo80, hi80, lo95, hi95)
      var groups: [String] = []
      var values: [String: [String: [Int: [Double]]]] = [:]
      for record in records.dropFirst() {
        let f = record.fields
        func number(_ k: Int, _ name: String) throws -> Double {
          guard k < f.count, case .value(let x) = PlainDecimal.parse(f[k]) else {
            throw CLIFailure.data(
              "\(forecasts):\(record.line): field '\(name)': not a number")
          }
          return x
        }
        guard idColumn < f.count, yearColumn < f.count,
          let year = PlainDecimal.integer(f[yearColumn])
        else {
          throw CLIFailure.data("\(forecasts):\(record.line): field 'year': not a whole year")
        }
        let id = f[idColumn]
        guard let series = actualByID[id], let h = series.years.firstIndex(of: year) else {
          continue
        }
        var row = [try number(pointColumn, point)]
        if withIntervals {
          // Empty bounds (a flat forecast) count as not covering.
          for (k, b) in bounds.enumerated() {
            let text = b < f.count ? f[b] : ""
            if case .value(let x) = PlainDecimal.parse(text) {
              row.append(x)
            } else {
              row.append(k % 2 == 0 ? .infinity : -.infinity)
            }
          }
        }
        let group = groupColumn.map { $0 < f.count ? f[$0] : "" } ?? "forecasts"
        if values[group] == nil { groups.append(group) }
        values[group, default: [:]][id, default: [:]][h] = row
      }
      let actualValues = Dictionary(uniqueKeysWithValues: actual.map { ($0.name, $0.values) })
      var rows: [(String, M3Metrics.Accuracy)] = []
      for group in groups {
        var byID: [String: M3Metrics.SeriesForecasts] = [:]
        for (id, horizons) in values[group, default: [:]] {
          guard let n = actualByID[id]?.count else { continue }
          let r = (0..<n).compactMap { horizons[$0] }
          guard r.count == n else { continue }
          byID[id] = M3Metrics.SeriesForecasts(
            point: r.map { $0[0] },
            interval80: withIntervals ? r.map { .init(lower: $0[1], upper: $0[2]) } : nil,
            interval95: withIntervals ? r.map { .init(lower: $0[3], upper: $0[4]) } : nil)
        }
        do {
          rows.append(
            (
              group,
              try M3Metrics.evaluate(
                forecasts: byID, actuals: actualValues, training: trainValues)
            ))
        } catch {
          throw CLIFailure.data("\(forecasts): group '\(group)': \(error)")
        }
      }
      let horizon = actual.map(\.count).max() ?? 0
      let report = ForecastScoreReport(rows: rows, horizon: horizon, byHorizon: byHorizon)
      switch format {
      case .csv: print(CSVWriter.render(report.table(digits: nil)), terminator: "")
      case .json:
        let table = report.table(digits: nil)
        print(
          JSONValue.array(
            table.rows.map { row in .object(zip(table.keys, row.map(\.json)).map { ($0, $1) }) }
          ).render())
      case .table: print(TextTableRenderer.render(report.table(digits: 2)))
      case .markdown: print(MarkdownTableRenderer.render(report.table(digits: 2)), terminator: "")
      }
    }
  }
}
