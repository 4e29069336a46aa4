import Foundation

/// Writes files so that readers never see a partial one: the bytes go to a temporary file in
/// the same directory, which is then renamed over the destination.
///
/// ``writeAll(_:overwrite:stager:)`` writes a set of files (an export and its manifest) as one.
/// Every destination is checked and every file staged before anything is renamed, so a failure
/// while writing (a full disk, a folder in the way) leaves nothing behind; a set in one folder
/// then replaces that folder's contents in a single swap (``AtomicDirectory``), so that not even
/// a kill -9 leaves a mix of old and new files. A folder that does not exist yet is created.
public enum AtomicFile {
  /// Why a write failed; the destinations are untouched in every case.
  public enum WriteError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    case directoryMissing(String)
    /// The folder to write into is a file.
    case notADirectory(String)
    case failed(path: String, reason: String)

    public var description: String {
      switch self {
      case .exists(let path): "\(path) exists; pass --force to overwrite it"
      case .directoryMissing(let path): "\(path): the directory does not exist; create it first"
      case .notADirectory(let path):
        "\(path) is a file, not a directory: name the folder to write into (or a new one)"
      case .failed(let path, let reason): "\(path): cannot write (\(reason)); nothing was written"
      }
    }
  }

  /// One file to write.
  public struct Item: Sendable {
    public let path: String
    public let data: Data

    public init(path: String, data: Data) {
      self.path = path
      self.data = data
    }
  }

  /// Writes bytes to a new temporary file. The default writes to the file system; tests pass
  /// one that fails (a full disk) to check that nothing is left behind.
  public typealias Stager = @Sendable (Data, URL) throws -> Void

  /// Writes with `Data.write`, refusing to reuse an existing temporary name.
  public static let fileSystem: Stager = { data, url in
    try data.write(to: url, options: [.withoutOverwriting])
  }

  /// Writes `data` to `path` atomically; refuses to replace an existing file unless `overwrite`.
  public static func write(
    _ data: Data, to path: String, overwrite: Bool, stager: Stager = fileSystem
  ) throws(WriteError) {
    try writeAll([Item(path: path, data: data)], overwrite: overwrite, stager: stager)
  }

  /// Writes every item, or (when checking or staging fails) none of them. Items in one folder
  /// are swapped in as one set; items spread over several folders (or a folder whose file
  /// system cannot swap, or the working directory itself) are renamed into place one by one.
  public static func writeAll(_ items: [Item], overwrite: Bool, stager: Stager = fileSystem)
    throws(WriteError)
  {
    let urls = try checkedDestinations(items, overwrite: overwrite, asSet: items.count > 1)
    let directories = Set(urls.map { $0.deletingLastPathComponent().path })
    if items.count > 1, directories.count == 1, let first = urls.first {
      let set = zip(urls, items).map { (name: $0.lastPathComponent, data: $1.data) }
      let outcome = try AtomicDirectory.replace(
        set, in: first.deletingLastPathComponent(), stager: stager)
      if outcome == .swapped { return }
    }
    try renameEach(zip(urls, items).map { ($0, $1.data) }, stager: stager)
  }

  /// The destinations as absolute URLs (the folder's symbolic links resolved, so that a swap
  /// replaces the folder and not the link), after checking that each may be written. A set's
  /// missing folder is allowed when its parent exists: the set creates it.
  private static func checkedDestinations(_ items: [Item], overwrite: Bool, asSet: Bool)
    throws(WriteError) -> [URL]
  {
    var seen = Set<String>()
    var urls: [URL] = []
    for item in items {
      let given = URL(fileURLWithPath: item.path).standardizedFileURL
      let url = given.deletingLastPathComponent().resolvingSymlinksInPath()
        .appendingPathComponent(given.lastPathComponent)
      guard seen.insert(url.path).inserted else {
        throw .failed(path: item.path, reason: "the same file is written twice")
      }
      let directory = url.deletingLastPathComponent()
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else { throw .notADirectory(directory.path) }
      } else {
        let parent = directory.deletingLastPathComponent()
        guard asSet, FileManager.default.fileExists(atPath: parent.path) else {
          throw .directoryMissing(asSet ? parent.path : directory.path)
        }
      }
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
        if isDirectory.boolValue {
          throw .failed(path: item.path, reason: "a directory of that name exists")
        }
        if !overwrite { throw .exists(item.path) }
      }
      urls.append(url)
    }
    return urls
  }

  /// Stages every file, then renames each over its destination.
  private static func renameEach(_ files: [(url: URL, data: Data)], stager: Stager)
    throws(WriteError)
  {
    let directories = Set(files.map { $0.url.deletingLastPathComponent().path })
    for directory in directories.sorted() { removeStaleTemporaries(in: directory) }
    var staged: [(temporary: URL, destination: String)] = []
    func discardStaged() {
      for file in staged { try? FileManager.default.removeItem(at: file.temporary) }
    }
    for file in files {
      let temporary = file.url.deletingLastPathComponent().appendingPathComponent(
        temporaryName(for: file.url.lastPathComponent))
      do {
        try stager(file.data, temporary)
      } catch {
        try? FileManager.default.removeItem(at: temporary)
        discardStaged()
        throw .failed(path: file.url.path, reason: Self.reason(error))
      }
      staged.append((temporary, file.url.path))
    }
    for (index, file) in staged.enumerated()
    where rename(file.temporary.path, file.destination) != 0 {
      let reason = String(cString: strerror(errno))
      for rest in staged[index...] { try? FileManager.default.removeItem(at: rest.temporary) }
      throw .failed(path: file.destination, reason: reason)
    }
  }

  /// `.NAME.PID.UUID.tmp`: the temporary beside `name`, owned by this process.
  static func temporaryName(for name: String) -> String {
    ".\(name).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
  }

  /// Removes temporary files and folders that an earlier write left in `directory` when its
  /// process was killed (`.NAME.PID.UUID.tmp` whose process no longer exists), after moving back
  /// into `NAME` any sub-folder a killed swap had moved out of it. Those of live processes, this
  /// one included, are left alone.
  public static func removeStaleTemporaries(in directory: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return
    }
    for name in names {
      guard let (owner, pid) = temporaryOwner(name), !isAlive(pid) else { continue }
      let stale = URL(fileURLWithPath: directory).appendingPathComponent(name)
      AtomicDirectory.rescueFolders(
        fromStaging: stale, into: URL(fileURLWithPath: directory).appendingPathComponent(owner))
      try? FileManager.default.removeItem(at: stale)
    }
  }

  /// The name a temporary stands in for and its process id (`.NAME.PID.UUID.tmp`), or nil for
  /// any other name.
  static func temporaryOwner(_ name: String) -> (name: String, pid: Int32)? {
    guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
    let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 3, UUID(uuidString: String(parts[parts.count - 1])) != nil,
      let pid = Int32(parts[parts.count - 2]), pid > 0
    else { return nil }
    let owner = parts[..<(parts.count - 2)].joined(separator: ".")
    guard !owner.isEmpty else { return nil }
    return (owner, pid)
  }

  static func isAlive(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno != ESRCH
  }

  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(nsError.code)))
    }
    return nsError.localizedDescription
  }
}
