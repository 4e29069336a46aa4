import Foundation
import Testing

/// Runs the external programs the export tests check files with (python3 with jsonschema and
/// openpyxl, LibreOffice). A missing program fails the test: scripts/bootstrap.sh installs them.
enum ExternalTool {
  struct Output {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// The full path of `name` on PATH, or nil.
  static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs `name` with `arguments`; a missing program is a test failure naming the install step.
  static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:])
    throws -> Output
  {
    let executable = try #require(
      find(name), "\(name) is not installed; run scripts/bootstrap.sh")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    // Output goes to files, so that a chatty child never blocks on a full pipe.
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outURL = directory.appendingPathComponent("stdout")
    let errURL = directory.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Output(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }

  /// Runs a Python script with `arguments` in `sys.argv[1:]`; returns its standard output and
  /// records its standard error when it fails.
  @discardableResult
  static func python(_ script: String, _ arguments: [String] = []) throws -> Output {
    let output = try run("python3", ["-c", script] + arguments)
    #expect(output.status == 0, "python failed:\n\(output.stderr)")
    return output
  }

  /// A new empty directory under the system temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plancast-reports-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The repository root (for Models/ and Schemas/).
  static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// Converts the first sheet of `xlsx` to UTF-8 CSV with LibreOffice and returns it.
  static func libreOfficeCSV(_ xlsx: URL) throws -> String {
    let outDir = try temporaryDirectory()
    let profile = try temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: outDir)
      try? FileManager.default.removeItem(at: profile)
    }
    let result = try run(
      "libreoffice",
      [
        "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", outDir.path, xlsx.path,
      ])
    #expect(result.status == 0, "libreoffice failed: \(result.stderr)")
    let csv = outDir.appendingPathComponent(
      xlsx.deletingPathExtension().lastPathComponent + ".csv")
    return try String(contentsOf: csv, encoding: .utf8)
  }
}
