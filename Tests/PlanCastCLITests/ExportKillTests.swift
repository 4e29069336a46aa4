import Foundation
import Testing

/// A multi-file export is all or nothing under kill -9. The child `plancast export` is stopped
/// (SIGSTOP, through the `PLANCAST_TEST_STOP_AT` hook) at the swap or just after it and killed
/// there: the folder then holds one whole set, old or new, whose manifest hashes match its
/// files, the user's own files and sub-folders are all kept, and the next run removes what the
/// killed one left.
@Suite(.serialized) struct ExportKillTests {
  static let targets = ["export", "--what", "targets", "--model", PlanCommandTestSupport.cztModel]

  /// A folder with an English export and some files of the user's beside it.
  static func folderWithAnExport() throws -> (parent: URL, out: URL) {
    let parent = try ExportTestTools.temporaryDirectory()
    let out = parent.appendingPathComponent("out")
    try FileManager.default.createDirectory(
      at: out.appendingPathComponent("drafts"), withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
    try Data("draft".utf8).write(to: out.appendingPathComponent("drafts/keep.txt"))
    try FileManager.default.createSymbolicLink(
      atPath: out.appendingPathComponent("latest").path, withDestinationPath: "notes.txt")
    let first = try PlanCommandTestSupport.run(targets + ["--to", out.path])
    #expect(first.status == 0, "\(first.stderr)")
    return (parent, out)
  }

  /// Starts `plancast` with the stop hook set and returns once the process has stopped there.
  static func stoppedChild(_ arguments: [String], at step: String) throws -> Process {
    let process = Process()
    process.executableURL = PlanCommandTestSupport.productsDirectory
      .appendingPathComponent("plancast")
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["PLANCAST_TEST_STOP_AT"] = step
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let stat = try? String(
        contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)
      // The state follows the parenthesised command name: "PID (plancast) T ...".
      if let stat, let close = stat.lastIndex(of: ")"),
        stat[stat.index(after: close)...].hasPrefix(" T")
      {
        return process
      }
      #expect(process.isRunning, "plancast ended before reaching the \(step) step")
      if !process.isRunning { break }
      usleep(20_000)
    }
    process.terminate()
    throw CancellationError()
  }

  static func killNow(_ process: Process) {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// Asserts the export in `out` is one whole set in `language` and the user's files are there.
  static func expectWholeSet(in out: URL, language: String) throws {
    try ExportTestTools.python(
      """
      import hashlib, json, os, sys
      d, language = sys.argv[1], sys.argv[2]
      m = json.load(open(os.path.join(d, 'manifest.json')))
      assert m['language'] == language, (m['language'], language)
      for o in m['outputs']:
          data = open(os.path.join(d, o['path']), 'rb').read()
          assert hashlib.sha256(data).hexdigest() == o['sha256'], o['path']
      header = open(os.path.join(d, 'targets.csv'), encoding='utf-8').readline()
      assert header.startswith('id,' if language == 'en' else '编号,'), header
      assert open(os.path.join(d, 'notes.txt')).read() == 'mine'
      assert open(os.path.join(d, 'drafts', 'keep.txt')).read() == 'draft'
      assert os.readlink(os.path.join(d, 'latest')) == 'notes.txt'
      """, [out.path, language])
  }

  static func leftovers(_ parent: URL) throws -> [String] {
    try ExportTestTools.listing(parent).filter { $0 != "out" }
  }

  @Test func killedBeforeTheSwapLeavesTheOldSetAndTheNextRunFinishes() throws {
    let (parent, out) = try Self.folderWithAnExport()
    defer { try? FileManager.default.removeItem(at: parent) }
    let child = try Self.stoppedChild(
      Self.targets + ["--lang", "zh", "--to", out.path, "--force"], at: "exchange")
    Self.killNow(child)
    // The old set is whole; the user's sub-folder waits in the staging folder.
    try ExportTestTools.python(
      """
      import hashlib, json, os, sys
      d = sys.argv[1]
      m = json.load(open(os.path.join(d, 'manifest.json')))
      assert m['language'] == 'en'
      for o in m['outputs']:
          assert hashlib.sha256(open(os.path.join(d, o['path']), 'rb').read()).hexdigest() == o['sha256']
      """, [out.path])
    let stale = try Self.leftovers(parent)
    #expect(stale.count == 1 && stale[0].hasPrefix(".out.") && stale[0].hasSuffix(".tmp"))
    let next = try PlanCommandTestSupport.run(
      Self.targets + ["--lang", "zh", "--to", out.path, "--force"])
    #expect(next.status == 0, "\(next.stderr)")
    try Self.expectWholeSet(in: out, language: "zh")
    #expect(try Self.leftovers(parent) == [], "the killed run's staging folder is removed")
  }

  @Test func killedAfterTheSwapLeavesTheNewSetAndTheNextRunTidiesUp() throws {
    let (parent, out) = try Self.folderWithAnExport()
    defer { try? FileManager.default.removeItem(at: parent) }
    let child = try Self.stoppedChild(
      Self.targets + ["--lang", "zh", "--to", out.path, "--force"], at: "cleanup")
    Self.killNow(child)
    try Self.expectWholeSet(in: out, language: "zh")
    #expect(try Self.leftovers(parent).count == 1, "the old folder, under its temporary name")
    let next = try PlanCommandTestSupport.run(
      Self.targets + ["--lang", "en", "--to", out.path, "--force"])
    #expect(next.status == 0, "\(next.stderr)")
    try Self.expectWholeSet(in: out, language: "en")
    #expect(try Self.leftovers(parent) == [])
  }

  @Test func aNewFolderAppearsWholeOrNotAtAll() throws {
    let parent = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("new")
    let child = try Self.stoppedChild(Self.targets + ["--to", out.path], at: "exchange")
    Self.killNow(child)
    #expect(!FileManager.default.fileExists(atPath: out.path))
    let next = try PlanCommandTestSupport.run(Self.targets + ["--to", out.path])
    #expect(next.status == 0, "\(next.stderr)")
    #expect(try ExportTestTools.listing(out) == ["manifest.json", "targets.csv"])
    #expect(try ExportTestTools.listing(parent) == ["new"])
  }
}
