import Foundation

/// The files of a new model directory (`plancast init`): PlanCast's commented template, or the
/// plan definition of an existing model with an empty data file.
public struct PlanScaffold: Sendable {
  /// One file of the scaffold: its path inside the directory and its text.
  public struct File: Sendable, Hashable {
    public let path: String
    public let text: String

    public init(path: String, text: String) {
      self.path = path
      self.text = text
    }
  }

  public let files: [File]

  /// The commented template: a region, two indicators, two targets, their models, a
  /// baseline scenario and a data file with the required columns and no rows.
  public static func template(id: String) -> PlanScaffold {
    PlanScaffold(files: ScaffoldTemplate.files(id: id))
  }

  /// The model in `directory` (model.toml with the new `id`, indicators, proxies, targets,
  /// models, scenarios and its data file, whose rows the new plan replaces with its own: the
  /// source's declared level breaks need data on both sides to load).
  public static func copying(from directory: String, id: String) throws(ModelError)
    -> PlanScaffold
  {
    let source = URL(fileURLWithPath: directory)
    // Loading first: a broken source model is reported as such, not copied.
    _ = try PlanModel.load(directory: directory)
    var paths = [
      PlanModel.File.model, PlanModel.File.indicators, PlanModel.File.proxies,
      PlanModel.File.targets, PlanModel.File.models, PlanModel.File.observations,
    ]
    let scenarios = source.appendingPathComponent(PlanModel.File.scenarios)
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: scenarios.path)) ?? []
    paths += names.filter { $0.hasSuffix(".toml") }.sorted().map {
      PlanModel.File.scenarios + "/" + $0
    }
    var files: [File] = []
    for path in paths {
      let url = source.appendingPathComponent(path)
      guard FileManager.default.fileExists(atPath: url.path) else { continue }
      guard var text = try? String(contentsOf: url, encoding: .utf8) else {
        throw ModelError(
          .missingFile, at: SourceLocation(file: url.path, line: nil), "cannot be read",
          hint: "Check the file's permissions.")
      }
      if path == PlanModel.File.model { text = Self.replacingID(in: text, with: id) }
      files.append(File(path: path, text: text))
    }
    return PlanScaffold(files: files)
  }

  /// Writes every file under `directory`, which must not exist or be empty; nothing is
  /// written if it is not.
  public func write(to directory: String) throws(ModelError) {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw ModelError(
          .invalidValue, at: SourceLocation(file: directory, line: nil), field: "DIR",
          "is a file, not a directory", hint: "Name a new or empty directory.")
      }
      let entries = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).sorted()
      guard entries.isEmpty else {
        throw ModelError(
          .invalidValue, at: SourceLocation(file: directory, line: nil), field: "DIR",
          "the directory is not empty (\(entries.prefix(5).joined(separator: ", "))\(entries.count > 5 ? ", …" : "")); nothing was written",
          hint: "Name a new or empty directory; init never overwrites a file.")
      }
    }
    for file in files {
      let url = URL(fileURLWithPath: directory).appendingPathComponent(file.path)
      do {
        try fm.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
      } catch {
        throw ModelError(
          .invalidValue, at: SourceLocation(file: url.path, line: nil), field: "DIR",
          "cannot be written: \(error.localizedDescription)",
          hint: "Check that the directory is writable.")
      }
    }
  }

  /// model.toml's text with the first `id = "…"` line (the [model] table's) set to `id`.
  static func replacingID(in text: String, with id: String) -> String {
    var lines = text.components(separatedBy: "\n")
    if let i = lines.firstIndex(where: { $0.hasPrefix("id = ") }) {
      lines[i] = "id = \"\(id)\""
    }
    return lines.joined(separator: "\n")
  }
}
