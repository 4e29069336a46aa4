import Crypto
import Foundation
import PlanCastPlan

/// What a run read and wrote, so that any exported table can be reproduced: the PlanCast
/// version, the command line, the random seed and number of simulated paths, the scenario, and
/// the SHA-256 of every model file read and every file written. Written as `manifest.json`
/// beside an export (schema `Schemas/manifest.v1.schema.json`) and shown in the HTML report.
public struct RunManifest: Sendable {
  /// A file and its SHA-256.
  public struct FileHash: Sendable, Equatable {
    /// Relative to the model directory (inputs) or the output directory (outputs).
    public let path: String
    public let sha256: String
    public let bytes: Int

    public init(path: String, sha256: String, bytes: Int) {
      self.path = path
      self.sha256 = sha256
      self.bytes = bytes
    }

    /// Hashes `data` found at `path`: the lowercase hexadecimal SHA-256, as `sha256sum` prints it.
    public init(path: String, data: Data) {
      let hex = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
      self.init(path: path, sha256: hex, bytes: data.count)
    }
  }

  /// A model file that could not be read for hashing.
  public struct InputError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String {
      "\(path): cannot read the model file to hash it for the run manifest (\(reason))"
    }
  }

  public static let schema = "manifest.v1"

  public var version: String
  /// The process's arguments, the program first.
  public var commandLine: [String]
  public var created: Date
  public var modelID: String
  public var modelDirectory: String
  public var asOf: Int?
  public var seed: UInt64?
  public var paths: Int?
  /// The scenario applied, if any (`nil`: the baseline).
  public var scenario: String?
  public var language: Language
  /// Other settings that shape the output (format, table choice, backtest origins, …).
  public var options: [(String, JSONValue)]
  public var inputs: [FileHash]
  public var outputs: [FileHash] = []
  /// Series left out and other remarks a reader must see.
  public var notes: [String] = []
  /// How current the model's data are (after `asOf`).
  public var dataCurrency: DataCurrency

  public init(
    version: String, commandLine: [String], created: Date = Date(), model: PlanModel,
    asOf: Int?, seed: UInt64?, paths: Int?, scenario: String?, language: Language,
    options: [(String, JSONValue)] = []
  ) throws(InputError) {
    self.version = version
    self.commandLine = commandLine
    self.created = created
    self.modelID = model.config.id
    self.modelDirectory = model.directory
    self.asOf = asOf
    self.seed = seed
    self.paths = paths
    self.scenario = scenario
    self.language = language
    self.options = options
    self.inputs = try Self.hashInputs(modelDirectory: model.directory)
    self.dataCurrency = DataCurrency(model: asOf.map { model.through($0) } ?? model)
  }

  /// The files `PlanModel.load` reads, in a fixed order: model, indicators, proxies (if
  /// present), observations, targets, models (if present), scenarios/*.toml (if any).
  public static func inputFiles(modelDirectory: String) -> [String] {
    let fm = FileManager.default
    let root = URL(fileURLWithPath: modelDirectory)
    func exists(_ name: String) -> Bool {
      fm.fileExists(atPath: root.appendingPathComponent(name).path)
    }
    var files = [PlanModel.File.model, PlanModel.File.indicators]
    if exists(PlanModel.File.proxies) { files.append(PlanModel.File.proxies) }
    files += [PlanModel.File.observations, PlanModel.File.targets]
    if exists(PlanModel.File.models) { files.append(PlanModel.File.models) }
    let scenarios = root.appendingPathComponent("scenarios")
    if let names = try? fm.contentsOfDirectory(atPath: scenarios.path) {
      files += names.filter { $0.hasSuffix(".toml") }.sorted().map { "scenarios/" + $0 }
    }
    return files
  }

  /// SHA-256 of every model input file.
  public static func hashInputs(modelDirectory: String) throws(InputError) -> [FileHash] {
    let root = URL(fileURLWithPath: modelDirectory)
    var hashes: [FileHash] = []
    for name in inputFiles(modelDirectory: modelDirectory) {
      let url = root.appendingPathComponent(name)
      do {
        hashes.append(FileHash(path: name, data: try Data(contentsOf: url)))
      } catch {
        throw InputError(path: url.path, reason: AtomicFile.reason(error))
      }
    }
    return hashes
  }

  /// UTC time as ISO 8601, to the second.
  public var createdText: String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: created)
  }

  private static func hashes(_ files: [FileHash]) -> JSONValue {
    .array(
      files.map {
        .object([
          ("path", .string($0.path)), ("sha256", .string($0.sha256)), ("bytes", .int($0.bytes)),
        ])
      })
  }

  /// The manifest document.
  public func json() -> JSONValue {
    .object([
      ("schema", .string(Self.schema)),
      ("plancast_version", .string(version)),
      ("created_utc", .string(createdText)),
      ("command_line", .array(commandLine.map(JSONValue.string))),
      (
        "model",
        .object([
          ("id", .string(modelID)), ("directory", .string(modelDirectory)),
          ("as_of", .optional(asOf)),
        ])
      ),
      ("seed", seed.map(JSONValue.uint) ?? .null),
      ("paths", .optional(paths)),
      ("scenario", .optional(scenario)),
      ("language", .string(language.rawValue)),
      ("data_currency", dataCurrency.json(language)),
      ("options", .object(options)),
      ("inputs", Self.hashes(inputs)),
      ("outputs", Self.hashes(outputs)),
      ("notes", .array(notes.map(JSONValue.string))),
    ])
  }

  /// Key–value rows for a spreadsheet sheet or the HTML report.
  public func table(language: Language) -> Table {
    let zh = language == .zh
    var table = Table(headers: zh ? ["项目", "值"] : ["item", "value"], keys: ["item", "value"])
    func add(_ en: String, _ zhLabel: String, _ value: String) {
      table.append([zh ? zhLabel : en, value])
    }
    add("PlanCast version", "PlanCast 版本", version)
    add("created (UTC)", "生成时间(UTC)", createdText)
    add("command line", "命令行", commandLine.map(Self.shellQuoted).joined(separator: " "))
    add("model", "模型", "\(modelID) (\(modelDirectory))")
    add("as of", "数据截至", asOf.map(String.init) ?? "–")
    add("data currency", "数据时效", dataCurrency.text(language))
    add("seed", "随机种子", seed.map(String.init) ?? "–")
    add("paths", "模拟路径数", paths.map(String.init) ?? "–")
    add("scenario", "情景", scenario ?? (zh ? "基准(无情景)" : "baseline (none)"))
    for (key, value) in options {
      let label = Self.optionLabels[key] ?? key
      if case .string(let text) = value {
        add(key, label, text)
      } else {
        add(key, label, value.render().replacingOccurrences(of: "\n", with: " "))
      }
    }
    for file in inputs { add("sha256 " + file.path, "sha256 " + file.path, file.sha256) }
    return table
  }

  /// The Chinese labels of the options the commands record (JSON keeps the keys).
  static let optionLabels: [String: String] = [
    "what": "导出内容", "format": "格式", "to_year": "预测至", "origins": "回测起点",
    "horizons": "预测步长", "draws": "模拟次数", "on_track": "进度正常阈值", "off_track": "偏离目标阈值",
    "sweep": "敏感性方法", "sweep_draws": "敏感性每点模拟次数", "sweep_scenario": "敏感性情景", "vintage": "回看年份",
  ]

  /// An argument as a POSIX shell would need it typed.
  static func shellQuoted(_ argument: String) -> String {
    let safe = argument.allSatisfy {
      $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0)
    }
    return safe && !argument.isEmpty
      ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
