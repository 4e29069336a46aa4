import Foundation
import Testing

@testable import PlanCastPlan

/// Paths and helpers shared by the tests.
enum TestSupport {
  /// The repository's embedded CZT model.
  static var cztDirectory: String {
    URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Models/czt-2025").path
  }

  /// A fixture directory shipped with the tests.
  static func fixture(_ name: String) -> URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
  }

  static func loadCZT() throws -> PlanModel {
    try PlanModel.load(directory: cztDirectory)
  }

  /// Copies the minimal fixture to a fresh temporary directory, lets `mutate` change it, and
  /// returns the directory.
  static func mutatedMinimal(_ mutate: (URL) throws -> Void) throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-test-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: fixture("minimal"), to: dir)
    try mutate(dir)
    return dir
  }

  /// Loading the mutated fixture must fail; returns the error.
  static func loadError(_ mutate: (URL) throws -> Void) throws -> ModelError {
    let dir = try mutatedMinimal(mutate)
    defer { try? FileManager.default.removeItem(at: dir) }
    do {
      _ = try PlanModel.load(directory: dir.path)
    } catch {
      return error
    }
    Issue.record("the model loaded although it was made invalid")
    throw CancellationError()
  }

  /// Replaces `old` by `new` in `file` of `dir`; fails the test if `old` is absent.
  static func replace(_ old: String, with new: String, in file: String, of dir: URL) throws {
    let url = dir.appendingPathComponent(file)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.contains(old), "fixture \(file) lacks \(old)")
    try text.replacingOccurrences(of: old, with: new).write(
      to: url, atomically: true, encoding: .utf8)
  }

  static func append(_ line: String, to file: String, of dir: URL) throws {
    let url = dir.appendingPathComponent(file)
    let text = try String(contentsOf: url, encoding: .utf8)
    try (text + line + "\n").write(to: url, atomically: true, encoding: .utf8)
  }
}

/// `|a − b| ≤ tolerance`.
func close(_ a: Double?, _ b: Double, within tolerance: Double = 1e-9) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tolerance
}
