import Foundation

/// Writes files so that readers never see a partial one: the bytes go to a temporary file in
/// the same directory, which is then renamed over the destination.
///
/// ``writeAll(_:overwrite:stager:)`` writes a set of files (an export and its manifest) as one:
/// every destination is checked and every temporary file written before the first rename, so a
/// failure while writing (a full disk, a missing directory) leaves none of them behind.
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

  /// Writes every item, or (when checking or staging fails) none of them.
  public static func writeAll(_ items: [Item], overwrite: Bool, stager: Stager = fileSystem)
    throws(WriteError)
  {
    var seen = Set<String>()
    for item in items {
      let url = URL(fileURLWithPath: item.path).standardizedFileURL
      guard seen.insert(url.path).inserted else {
        throw .failed(path: item.path, reason: "the same file is written twice")
      }
      let directory = url.deletingLastPathComponent()
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
        throw .directoryMissing(directory.path)
      }
      guard isDirectory.boolValue else { throw .notADirectory(directory.path) }
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
        if isDirectory.boolValue {
          throw .failed(path: item.path, reason: "a directory of that name exists")
        }
        if !overwrite { throw .exists(item.path) }
      }
    }
    let directories = Set(
      items.map {
        URL(fileURLWithPath: $0.path).standardizedFileURL.deletingLastPathComponent().path
      })
    for directory in directories.sorted() { removeStaleTemporaries(in: directory) }
    var staged: [(temporary: URL, destination: String)] = []
    func discardStaged() {
      for file in staged { try? FileManager.default.removeItem(at: file.temporary) }
    }
    for item in items {
      let url = URL(fileURLWithPath: item.path)
      let temporary = url.deletingLastPathComponent().appendingPathComponent(
        ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
      )
      do {
        try stager(item.data, temporary)
      } catch {
        try? FileManager.default.removeItem(at: temporary)
        discardStaged()
        throw .failed(path: item.path, reason: Self.reason(error))
      }
      staged.append((temporary, item.path))
    }
    for (index, file) in staged.enumerated()
    where rename(file.temporary.path, file.destination) != 0 {
      let reason = String(cString: strerror(errno))
      for rest in staged[index...] { try? FileManager.default.removeItem(at: rest.temporary) }
      throw .failed(path: file.destination, reason: reason)
    }
  }

  /// Removes temporary files that an earlier write left in `directory` when its process was
  /// killed (`.NAME.PID.UUID.tmp` whose process no longer exists). Those of live processes,
  /// this one included, are left alone.
  public static func removeStaleTemporaries(in directory: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return
    }
    for name in names {
      guard let pid = temporaryOwner(name), !isAlive(pid) else { continue }
      try? FileManager.default.removeItem(atPath: directory + "/" + name)
    }
  }

  /// The process id in a temporary file name `.NAME.PID.UUID.tmp`, or nil for any other name.
  static func temporaryOwner(_ name: String) -> Int32? {
    guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
    let parts = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 4, UUID(uuidString: String(parts[parts.count - 1])) != nil,
      let pid = Int32(parts[parts.count - 2]), pid > 0
    else { return nil }
    return pid
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
