import Foundation

/// The parsers a user's bytes reach, each as one fuzz target: an input either parses or is
/// refused with an error; anything else (a trap, a hang, unbounded memory) is a bug.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// `CSVReader.parse`, strict and lenient (every CSV input goes through it).
  case csv
  /// The long-format series file of `plancast forecast --data`.
  case longSeries = "long-series"
  /// An `.xlsx` workbook given as `--data` (its first sheet as CSV).
  case xlsx
  /// The numeric columns of `plancast regress --data` (columns `y`, `x1`, `x2`).
  case regressColumns = "regress-columns"
  /// The files of a model directory, each through its loader with the rest of the embedded
  /// model as context.
  case modelToml = "model-toml"
  case indicatorsToml = "indicators-toml"
  case targetsToml = "targets-toml"
  case modelsToml = "models-toml"
  case proxiesToml = "proxies-toml"
  case observationsCSV = "observations-csv"
  /// A scenario file (`--scenario FILE.toml`), resolved against the model's scenarios.
  case scenarioToml = "scenario-toml"
  /// A declared model's stored reference-class calibration (`calibration/*.toml`).
  case calibrationToml = "calibration-toml"
  /// A shard of `plancast sweep --shard K/N --output FILE`, decoded and merged.
  case sweepShard = "sweep-shard"
  /// A table of past plans' calls (`plancast calibrate-plans --calls FILE`).
  case planCalls = "plan-calls"

  /// The model the model-directory targets take their context from.
  public static let baseModel = "Models/czt-2025"

  /// Hand-written valid seeds.
  public var corpusDirectory: String { "Fuzz/Corpus/\(rawValue)" }
  /// Inputs that once crashed the target (saved by libFuzzer), each to be refused cleanly.
  public var regressionDirectory: String { "Fuzz/Regressions/\(rawValue)" }

  /// The embedded model's files this target's parser reads, relative to the repository (files
  /// of other models would be refused in its context, so they are not seeds).
  var modelFiles: [String] {
    let model = Self.baseModel
    switch self {
    case .modelToml: return ["\(model)/model.toml"]
    case .indicatorsToml: return ["\(model)/indicators.toml"]
    case .targetsToml: return ["\(model)/targets.toml"]
    case .modelsToml: return ["\(model)/models.toml"]
    case .proxiesToml: return ["\(model)/proxies.toml"]
    case .calibrationToml: return ["\(model)/calibration/gdp_real_growth.toml"]
    case .scenarioToml:
      return ["baseline", "energy-policy", "high-growth", "low-growth", "pandemic-shock"].map {
        "\(model)/scenarios/\($0).toml"
      }
    case .csv, .longSeries, .xlsx, .regressColumns, .observationsCSV, .sweepShard, .planCalls:
      return []
    }
  }

  /// Seed inputs: the committed model files the parser reads and the corpus directory's files,
  /// all valid.
  public func seeds(repository: URL) throws -> [(name: String, data: Data)] {
    var seeds: [(name: String, data: Data)] = []
    for file in modelFiles {
      seeds.append((file, try Data(contentsOf: repository.appendingPathComponent(file))))
    }
    return seeds + (try Self.files(in: repository.appendingPathComponent(corpusDirectory)))
  }

  /// The inputs that once crashed the target.
  public func regressions(repository: URL) throws -> [(name: String, data: Data)] {
    try Self.files(in: repository.appendingPathComponent(regressionDirectory))
  }

  private static func files(in folder: URL) throws -> [(name: String, data: Data)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return try names.sorted().filter { !$0.hasPrefix(".") }.map {
      ($0, try Data(contentsOf: folder.appendingPathComponent($0)))
    }
  }
}
