import CPlanCastSystem
import Foundation

/// Replaces a set of files in one directory in a single step, so that a reader, or a process
/// killed part-way, finds either the whole old set or the whole new one, never a mix.
///
/// The directory's next state is built beside it, in `.NAME.PID.UUID.tmp`: every entry the set
/// does not replace is carried over (files as hard links, so no bytes are copied; symbolic links
/// made again; sub-folders moved across just before the swap), the set's files are written, and
/// the two directories trade places in one `renameat2(RENAME_EXCHANGE)`. The old directory, now
/// under the temporary name, is removed after anything that appeared in it meanwhile has been
/// moved across. A directory that does not exist yet is created in one rename.
///
/// A kill leaves at most that temporary directory; the next write beside it moves back any
/// sub-folder it holds and removes it (``AtomicFile/removeStaleTemporaries(in:)``).
enum AtomicDirectory {
  /// How a set was written.
  enum Outcome: Equatable {
    case swapped
    /// The file system cannot swap two directories (or the directory is the working directory
    /// of this process, which a swap would leave behind): the caller renames file by file.
    case cannotSwap
  }

  /// Test hook: `PLANCAST_TEST_STOP_AT=exchange` (everything staged, nothing swapped) or
  /// `=cleanup` (swapped, the old directory not yet removed) stops the process with SIGSTOP, so
  /// a test can kill it at exactly that step.
  static let stopAt = ProcessInfo.processInfo.environment["PLANCAST_TEST_STOP_AT"]

  /// Writes `items` (file names and bytes) into `directory` as one set. The caller has checked
  /// the destinations (overwrite, duplicates, folders in the way).
  static func replace(
    _ items: [(name: String, data: Data)], in directory: URL, stager: AtomicFile.Stager
  ) throws(AtomicFile.WriteError) -> Outcome {
    let fileManager = FileManager.default
    let parent = directory.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard fileManager.fileExists(atPath: parent.path, isDirectory: &isDirectory) else {
      throw .directoryMissing(parent.path)
    }
    guard isDirectory.boolValue else { throw .notADirectory(parent.path) }
    let exists = fileManager.fileExists(atPath: directory.path)
    if exists, isWorkingDirectory(inside: directory) { return .cannotSwap }
    AtomicFile.removeStaleTemporaries(in: parent.path)
    let staging = parent.appendingPathComponent(
      AtomicFile.temporaryName(for: directory.lastPathComponent))
    do {
      try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
    } catch {
      throw .failed(path: directory.path, reason: AtomicFile.reason(error))
    }
    let replaced = Set(items.map(\.name))
    var folders: [String] = []
    do throws(AtomicFile.WriteError) {
      if exists {
        try copyPermissions(from: directory, to: staging)
        folders = try carry(from: directory, to: staging, except: replaced)
      }
      for item in items {
        let url = staging.appendingPathComponent(item.name)
        do { try stager(item.data, url) } catch {
          throw AtomicFile.WriteError.failed(
            path: directory.appendingPathComponent(item.name).path,
            reason: AtomicFile.reason(error))
        }
      }
    } catch {
      try? fileManager.removeItem(at: staging)
      throw error
    }
    guard exists else {
      stop(at: "exchange")
      guard plancast_rename_noreplace(staging.path, directory.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? fileManager.removeItem(at: staging)
        throw .failed(path: directory.path, reason: reason)
      }
      return .swapped
    }
    var moved: [String] = []
    for folder in folders {
      guard
        rename(
          directory.appendingPathComponent(folder).path,
          staging.appendingPathComponent(folder).path) == 0
      else {
        let reason = String(cString: strerror(errno))
        restore(moved, from: staging, to: directory)
        try? fileManager.removeItem(at: staging)
        throw .failed(path: directory.appendingPathComponent(folder).path, reason: reason)
      }
      moved.append(folder)
    }
    stop(at: "exchange")
    guard plancast_rename_exchange(staging.path, directory.path) == 0 else {
      let code = errno
      restore(moved, from: staging, to: directory)
      try? fileManager.removeItem(at: staging)
      if [EINVAL, ENOSYS, ENOTSUP, EXDEV, EBUSY].contains(code) { return .cannotSwap }
      throw .failed(path: directory.path, reason: String(cString: strerror(code)))
    }
    stop(at: "cleanup")
    // `staging` now names the old directory: entries created in it while the set was staged
    // (after they were carried) move across before it goes.
    moveAbsent(from: staging, to: directory, foldersOnly: false)
    try? fileManager.removeItem(at: staging)
    return .swapped
  }

  /// Moves sub-folders that a killed writer had moved into its staging directory back into
  /// `directory` (when no entry of that name is there), so that removing the staging
  /// directory loses nothing of the user's.
  static func rescueFolders(fromStaging staging: URL, into directory: URL) {
    guard FileManager.default.fileExists(atPath: directory.path) else { return }
    moveAbsent(from: staging, to: directory, foldersOnly: true)
  }

  /// Hard-links (or copies) files and re-makes symbolic links of `source` in `destination`,
  /// leaving out `replaced` and our own temporaries; returns the sub-folders, which the caller
  /// moves across just before the swap.
  private static func carry(from source: URL, to destination: URL, except replaced: Set<String>)
    throws(AtomicFile.WriteError) -> [String]
  {
    let fileManager = FileManager.default
    let names: [String]
    do { names = try fileManager.contentsOfDirectory(atPath: source.path) } catch {
      throw .failed(path: source.path, reason: AtomicFile.reason(error))
    }
    var folders: [String] = []
    for name in names.sorted() where !replaced.contains(name) {
      let from = source.appendingPathComponent(name).path
      let to = destination.appendingPathComponent(name).path
      var status = stat()
      guard lstat(from, &status) == 0 else {
        if errno == ENOENT { continue }  // removed while we listed it
        throw .failed(path: from, reason: String(cString: strerror(errno)))
      }
      switch status.st_mode & S_IFMT {
      case S_IFDIR:
        folders.append(name)
      case S_IFREG:
        if link(from, to) != 0 {
          do { try fileManager.copyItem(atPath: from, toPath: to) } catch {
            throw .failed(path: from, reason: AtomicFile.reason(error))
          }
        }
      case S_IFLNK:
        do {
          let target = try fileManager.destinationOfSymbolicLink(atPath: from)
          try fileManager.createSymbolicLink(atPath: to, withDestinationPath: target)
        } catch {
          throw .failed(path: from, reason: AtomicFile.reason(error))
        }
      default:
        throw .failed(
          path: from,
          reason: "not a file, folder or link, so the folder cannot be replaced as one set; "
            + "write into a folder of its own")
      }
    }
    return folders
  }

  private static func moveAbsent(from source: URL, to destination: URL, foldersOnly: Bool) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: source.path) else {
      return
    }
    for name in names {
      let from = source.appendingPathComponent(name).path
      let to = destination.appendingPathComponent(name).path
      var status = stat()
      guard lstat(from, &status) == 0 else { continue }
      if foldersOnly, status.st_mode & S_IFMT != S_IFDIR { continue }
      guard lstat(to, &status) != 0, errno == ENOENT else { continue }
      _ = rename(from, to)
    }
  }

  private static func restore(_ folders: [String], from staging: URL, to directory: URL) {
    for folder in folders {
      _ = rename(
        staging.appendingPathComponent(folder).path,
        directory.appendingPathComponent(folder).path)
    }
  }

  private static func copyPermissions(from source: URL, to destination: URL)
    throws(AtomicFile.WriteError)
  {
    var status = stat()
    guard stat(source.path, &status) == 0, chmod(destination.path, status.st_mode & 0o7777) == 0
    else { throw .failed(path: source.path, reason: String(cString: strerror(errno))) }
  }

  /// Whether this process's working directory is `directory` or inside it.
  private static func isWorkingDirectory(inside directory: URL) -> Bool {
    let working = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      .resolvingSymlinksInPath().path
    let target = directory.resolvingSymlinksInPath().path
    return working == target || working.hasPrefix(target + "/")
  }

  private static func stop(at step: String) {
    if stopAt == step { raise(SIGSTOP) }
  }
}
