import Foundation
import PlanCastAttainment
import PlanCastForecasting
import PlanCastPlan
import PlanCastReports
import PlanCastSensitivity

/// Feeds fuzz inputs to one target. Inputs that a parser reads from a file are written to a
/// scratch file first; the model-directory targets parse it with the embedded model's other
/// files (loaded once) as context, as `PlanModel.load` does.
public final class FuzzRunner {
  public let target: FuzzTarget
  private let model: PlanModel
  private let scratch: URL
  private let file: URL

  /// The fastest place for scratch files: `/dev/shm` where it exists, else the temporary folder.
  public static var defaultScratchRoot: URL {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return URL(fileURLWithPath: "/dev/shm")
    }
    return FileManager.default.temporaryDirectory
  }

  /// - Parameters:
  ///   - repository: the PlanCast checkout (for the embedded model).
  ///   - scratchRoot: where the scratch folder goes.
  public init(target: FuzzTarget, repository: URL, scratchRoot: URL = defaultScratchRoot) throws {
    self.target = target
    model = try PlanModel.load(
      directory: repository.appendingPathComponent(FuzzTarget.baseModel).path)
    scratch = scratchRoot.appendingPathComponent(
      "plancast-fuzz-\(target.rawValue)-\(ProcessInfo.processInfo.processIdentifier)-"
        + UUID().uuidString)
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let name =
      switch target {
      case .scenarioToml, .modelToml, .indicatorsToml, .targetsToml, .modelsToml, .proxiesToml,
        .calibrationToml:
        "input.toml"
      case .sweepShard: "input.json"
      case .xlsx: "input.xlsx"
      default: "input.csv"
      }
    file = scratch.appendingPathComponent(name)
  }

  deinit { try? FileManager.default.removeItem(at: scratch) }

  /// Feeds one input to the target; returns whether it was accepted (parsed without error).
  @discardableResult
  public func run(_ input: Data) -> Bool {
    do {
      try parse(input)
      return true
    } catch {
      return false
    }
  }

  /// Feeds one input to the target and throws what the parser throws.
  public func parse(_ input: Data) throws {
    let config = model.config
    let catalog = model.data.catalog
    switch target {
    case .csv:
      let text = String(decoding: input, as: UTF8.self)
      _ = try? CSVReader.parse(text, mode: .lenient)
      _ = try CSVReader.parse(text, mode: .strict)
      return
    case .longSeries:
      let table = try LongSeriesTable.parse(
        String(decoding: input, as: UTF8.self), file: "input.csv", mode: .strict)
      // And what `forecast` does with the parsed years and values (spans, horizons, fits): an
      // overflow or a trap there counts as much as one in the parser.
      for method in [BatchMethod.drift, .theta] {
        _ = BatchForecaster(settings: BatchSettings(method: method, horizon: 3, paths: 20)).run(
          table.series)
      }
      return
    case .sweepShard:
      // A part of several is refused by the merge (the others are missing); decoding it counts.
      let shard = try SweepShard.decode(input, file: "input.json")
      _ = try? SweepShard.merge([(file: "input.json", shard: shard)])
      return
    default:
      break
    }
    try input.write(to: file)
    let path = file.path
    switch target {
    case .regressColumns: _ = try NumericColumns.read(path: path, columns: ["y", "x1", "x2"])
    case .xlsx:
      _ = try LongSeriesTable.parse(
        try XLSXReader.csv(path: path).text, file: "input.xlsx", mode: .strict)
    case .planCalls: _ = try PlanCallTable.load(path: path)
    case .modelToml: _ = try ModelConfigLoader.load(path: path)
    case .indicatorsToml: _ = try IndicatorCatalogLoader.load(path: path, config: config)
    case .targetsToml: _ = try TargetsLoader.load(path: path, config: config, catalog: catalog)
    case .modelsToml:
      _ = try ModelSpecificationsLoader.load(path: path, config: config, catalog: catalog)
    case .proxiesToml: _ = try ProxyRulesLoader.load(path: path, config: config, catalog: catalog)
    case .observationsCSV:
      _ = try ObservationFileLoader.load(path: path, config: config, catalog: catalog)
    case .scenarioToml: _ = try model.scenario(file: path)
    case .calibrationToml: _ = try ModelCalibrationLoader.load(path: path)
    case .csv, .longSeries, .sweepShard: break
    }
  }
}
