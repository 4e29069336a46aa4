import Foundation

/// Finds the model directory to use when the user gives none.
///
/// Order: an explicit path; the `PLANCAST_MODEL` environment variable; then walking up from
/// the current directory, and from the executable's directory, looking for
/// `Models/<defaultName>`.
public struct ModelLocator: Sendable {
  /// The environment variable that names a model directory.
  public static let environmentVariable = "PLANCAST_MODEL"
  /// The embedded default model's folder name.
  public static let defaultName = "czt-2025"

  public let environment: [String: String]
  public let currentDirectory: String
  public let executablePath: String?

  public init(environment: [String: String], currentDirectory: String, executablePath: String?) {
    self.environment = environment
    self.currentDirectory = currentDirectory
    self.executablePath = executablePath
  }

  /// The process's own environment, working directory and executable.
  public static var current: ModelLocator {
    ModelLocator(
      environment: ProcessInfo.processInfo.environment,
      currentDirectory: FileManager.default.currentDirectoryPath,
      executablePath: Bundle.main.executableURL?.resolvingSymlinksInPath().path
        ?? CommandLine.arguments.first)
  }

  /// The directory to load.
  /// - Throws: ``ModelError`` `.missingFile` listing where it looked.
  public func locate(explicit: String?) throws(ModelError) -> String {
    if let explicit { return explicit }
    if let env = environment[Self.environmentVariable], !env.isEmpty { return env }
    var starts = [currentDirectory]
    if let exe = executablePath {
      starts.append(URL(fileURLWithPath: exe).deletingLastPathComponent().path)
    }
    for start in starts {
      var dir = URL(fileURLWithPath: start).standardizedFileURL
      while true {
        let candidate = dir.appendingPathComponent("Models").appendingPathComponent(
          Self.defaultName)
        if FileManager.default.fileExists(
          atPath: candidate.appendingPathComponent(PlanModel.File.model).path)
        {
          return candidate.path
        }
        let parent = dir.deletingLastPathComponent()
        if parent.path == dir.path { break }
        dir = parent
      }
    }
    throw ModelError(
      .missingFile,
      at: SourceLocation(file: "Models/\(Self.defaultName)", line: nil),
      "no model directory found (looked above \(starts.joined(separator: " and ")))",
      hint: "Pass --model DIR or set \(Self.environmentVariable)=DIR.")
  }
}
