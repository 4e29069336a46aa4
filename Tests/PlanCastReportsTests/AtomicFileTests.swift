import Foundation
import Testing

@testable import PlanCastReports

/// Atomic writes: all or nothing, no overwrite without permission, no temporary files left.
@Suite struct AtomicFileTests {
  static func contents(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
  }

  @Test func writesEveryFileAndLeavesNoTemporaryFile() throws {
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try AtomicFile.writeAll(
      [
        .init(path: dir.appendingPathComponent("a.csv").path, data: Data("a".utf8)),
        .init(path: dir.appendingPathComponent("b.json").path, data: Data("b".utf8)),
      ], overwrite: false)
    #expect(try Self.contents(dir) == ["a.csv", "b.json"])
    #expect(try String(contentsOf: dir.appendingPathComponent("b.json"), encoding: .utf8) == "b")
  }

  @Test func refusesToOverwriteWithoutPermissionAndWritesNothing() throws {
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let existing = dir.appendingPathComponent("b.csv")
    try Data("old".utf8).write(to: existing)
    #expect(throws: AtomicFile.WriteError.exists(existing.path)) {
      try AtomicFile.writeAll(
        [
          .init(path: dir.appendingPathComponent("a.csv").path, data: Data("new".utf8)),
          .init(path: existing.path, data: Data("new".utf8)),
        ], overwrite: false)
    }
    #expect(try Self.contents(dir) == ["b.csv"])
    #expect(try String(contentsOf: existing, encoding: .utf8) == "old")
    try AtomicFile.write(Data("new".utf8), to: existing.path, overwrite: true)
    #expect(try String(contentsOf: existing, encoding: .utf8) == "new")
  }

  @Test func missingDirectoryIsReportedWithTheFix() throws {
    let error = #expect(throws: AtomicFile.WriteError.self) {
      try AtomicFile.write(Data(), to: "/nonexistent-plancast/dir/x.csv", overwrite: false)
    }
    #expect(error?.description.contains("does not exist; create it first") == true)
  }

  @Test func temporariesOfKilledWritersAreRemovedOnTheNextWrite() throws {
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // A process that has exited stands for one killed mid-write.
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/true")
    try gone.run()
    gone.waitUntilExit()
    let stale = ".attainment.csv.\(gone.processIdentifier).\(UUID().uuidString).tmp"
    let live = ".targets.csv.\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
    for name in [stale, live, ".notes.tmp", "mine.csv"] {
      try Data("x".utf8).write(to: dir.appendingPathComponent(name))
    }
    try AtomicFile.write(
      Data("new".utf8), to: dir.appendingPathComponent("a.csv").path, overwrite: false)
    // The dead writer's file is gone; a live writer's and files not named like ours stay.
    #expect(try Self.contents(dir) == [live, ".notes.tmp", "a.csv", "mine.csv"].sorted())
    #expect(AtomicFile.temporaryOwner(stale)?.pid == gone.processIdentifier)
    #expect(AtomicFile.temporaryOwner(stale)?.name == "attainment.csv")
    #expect(AtomicFile.temporaryOwner(".a.1.tmp") == nil)
  }

  @Test func aFileWhereTheFolderShouldBeIsSaidSo() throws {
    // `export --to FILE` said "the directory does not exist" of a file that exists.
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("out")
    try Data("x".utf8).write(to: file)
    #expect(throws: AtomicFile.WriteError.notADirectory(file.path)) {
      try AtomicFile.write(Data(), to: file.appendingPathComponent("a.csv").path, overwrite: false)
    }
    #expect(
      AtomicFile.WriteError.notADirectory(file.path).description
        == "\(file.path) is a file, not a directory: name the folder to write into (or a new one)")
    #expect(try String(contentsOf: file, encoding: .utf8) == "x")
  }

  /// A full disk part-way through: the second file's bytes go to /dev/full (ENOSPC). The first
  /// file, already staged, must be removed and no destination created.
  @Test func fullDiskPartWayLeavesNothingBehind() throws {
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fullDisk: AtomicFile.Stager = { data, url in
      if url.lastPathComponent.contains("second") {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(repeating: 0, count: 1 << 16))
      } else {
        try AtomicFile.fileSystem(data, url)
      }
    }
    let second = dir.appendingPathComponent("second.csv").path
    let error = #expect(throws: AtomicFile.WriteError.self) {
      try AtomicFile.writeAll(
        [
          .init(path: dir.appendingPathComponent("first.csv").path, data: Data("1".utf8)),
          .init(path: second, data: Data("2".utf8)),
          .init(path: dir.appendingPathComponent("third.csv").path, data: Data("3".utf8)),
        ], overwrite: false, stager: fullDisk)
    }
    #expect(
      error?.description.contains("No space left on device") == true, "\(String(describing: error))"
    )
    #expect(error?.description.contains(second) == true)
    #expect(try Self.contents(dir) == [])
  }

  @Test func theSameFileTwiceAndADirectoryInTheWayAreErrors() throws {
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("a.csv").path
    #expect(throws: AtomicFile.WriteError.self) {
      try AtomicFile.writeAll(
        [.init(path: path, data: Data()), .init(path: path, data: Data())], overwrite: true)
    }
    try FileManager.default.createDirectory(
      atPath: dir.appendingPathComponent("sub").path, withIntermediateDirectories: false)
    #expect(throws: AtomicFile.WriteError.self) {
      try AtomicFile.write(Data(), to: dir.appendingPathComponent("sub").path, overwrite: true)
    }
    #expect(try Self.contents(dir) == ["sub"])
  }

  /// A set in one folder replaces the folder's contents in one swap: the user's files, links
  /// and sub-folders are carried over untouched (files as hard links: the same inode).
  @Test func aSetSwapsTheFolderAndCarriesTheUsersEntries() throws {
    let parent = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: parent) }
    let dir = parent.appendingPathComponent("out")
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
    let mine = dir.appendingPathComponent("mine.txt")
    try Data("mine".utf8).write(to: mine)
    try Data("deep".utf8).write(to: dir.appendingPathComponent("sub/deep.txt"))
    try Data("old".utf8).write(to: dir.appendingPathComponent("a.csv"))
    try FileManager.default.createSymbolicLink(
      atPath: dir.appendingPathComponent("link").path, withDestinationPath: "mine.txt")
    let inode = try #require(
      try FileManager.default.attributesOfItem(atPath: mine.path)[.systemFileNumber] as? UInt64)
    try AtomicFile.writeAll(
      [
        .init(path: dir.appendingPathComponent("a.csv").path, data: Data("new".utf8)),
        .init(path: dir.appendingPathComponent("b.json").path, data: Data("b".utf8)),
      ], overwrite: true)
    #expect(try Self.contents(dir) == ["a.csv", "b.json", "link", "mine.txt", "sub"])
    #expect(try String(contentsOf: dir.appendingPathComponent("a.csv"), encoding: .utf8) == "new")
    #expect(
      try String(contentsOf: dir.appendingPathComponent("sub/deep.txt"), encoding: .utf8) == "deep")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(
        atPath: dir.appendingPathComponent("link").path) == "mine.txt")
    #expect(
      try FileManager.default.attributesOfItem(atPath: mine.path)[.systemFileNumber] as? UInt64
        == inode)
    #expect(try Self.contents(parent) == ["out"], "no staging folder is left")
  }

  @Test func aSetCreatesItsFolderButNotAMissingParent() throws {
    let parent = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: parent) }
    let dir = parent.appendingPathComponent("new")
    let set: [AtomicFile.Item] = [
      .init(path: dir.appendingPathComponent("a.csv").path, data: Data("a".utf8)),
      .init(path: dir.appendingPathComponent("b.csv").path, data: Data("b".utf8)),
    ]
    try AtomicFile.writeAll(set, overwrite: false)
    #expect(try Self.contents(dir) == ["a.csv", "b.csv"])
    let deeper = parent.appendingPathComponent("missing/new")
    #expect(throws: AtomicFile.WriteError.directoryMissing(deeper.deletingLastPathComponent().path))
    {
      try AtomicFile.writeAll(
        [
          .init(path: deeper.appendingPathComponent("a.csv").path, data: Data()),
          .init(path: deeper.appendingPathComponent("b.csv").path, data: Data()),
        ], overwrite: false)
    }
    #expect(try Self.contents(parent) == ["new"])
  }

  /// A killed swap had moved the user's sub-folder into its staging folder: the next write beside
  /// it moves the sub-folder back before removing the rest.
  @Test func theNextWriteMovesBackWhatAKilledSwapHadMovedAway() throws {
    let parent = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: parent) }
    let dir = parent.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/true")
    try gone.run()
    gone.waitUntilExit()
    let staging = parent.appendingPathComponent(
      ".out.\(gone.processIdentifier).\(UUID().uuidString).tmp")
    try FileManager.default.createDirectory(
      at: staging.appendingPathComponent("drafts"), withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: staging.appendingPathComponent("drafts/keep.txt"))
    try Data("half".utf8).write(to: staging.appendingPathComponent("a.csv"))
    try AtomicFile.writeAll(
      [
        .init(path: dir.appendingPathComponent("a.csv").path, data: Data("a".utf8)),
        .init(path: dir.appendingPathComponent("b.csv").path, data: Data("b".utf8)),
      ], overwrite: false)
    #expect(try Self.contents(parent) == ["out"])
    #expect(try Self.contents(dir) == ["a.csv", "b.csv", "drafts"])
    #expect(
      try String(contentsOf: dir.appendingPathComponent("drafts/keep.txt"), encoding: .utf8)
        == "keep")
    #expect(try String(contentsOf: dir.appendingPathComponent("a.csv"), encoding: .utf8) == "a")
  }
}
