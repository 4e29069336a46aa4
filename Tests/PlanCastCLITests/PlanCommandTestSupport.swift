import Foundation

/// Runs the built `plancast` executable and the repository's embedded model for the plan
/// command tests.
enum PlanCommandTestSupport {
  static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  static var cztModel: String { repositoryRoot.appendingPathComponent("Models/czt-2025").path }

  /// The directory holding the test bundle, and so the built `plancast` executable.
  static var productsDirectory: URL {
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      return bundle.bundleURL.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL
  }

  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// Runs `plancast` with `arguments` in `directory` (PLANCAST_MODEL unset).
  static func run(_ arguments: [String], in directory: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent("plancast")
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "PLANCAST_MODEL")
    process.environment = environment
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// Runs `plancast` with `arguments` on a pseudo-terminal (`script`), as a person at a
  /// terminal would see it (standard output and error together, line ends CRLF); `environment`
  /// is added to this process's.
  static func runOnTerminal(_ arguments: [String], environment extra: [String: String]) throws
    -> (status: Int32, text: String)
  {
    let plancast = productsDirectory.appendingPathComponent("plancast").path
    let command = ([plancast] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "PLANCAST_MODEL")
    environment.merge(extra) { _, new in new }
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }
}
