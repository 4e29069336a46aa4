import Foundation

/// Writes a file so that readers never see a partial one: the bytes go to a temporary file in
/// the same directory, which is then renamed over the destination.
public enum AtomicFile {
  /// Why a write failed; the destination is untouched in every case.
  public enum WriteError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    case directoryMissing(String)
    case failed(path: String, reason: String)

    public var description: String {
      switch self {
      case .exists(let path): "\(path) exists; pass --force to overwrite it"
      case .directoryMissing(let path): "\(path): the directory does not exist; create it first"
      case .failed(let path, let reason): "\(path): cannot write (\(reason)); nothing was written"
      }
    }
  }

  /// Writes `data` to `path` atomically; refuses to replace an existing file unless `overwrite`.
  public static func write(_ data: Data, to path: String, overwrite: Bool) throws(WriteError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw .directoryMissing(directory.path) }
    if !overwrite && FileManager.default.fileExists(atPath: path) { throw .exists(path) }
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp")
    do {
      try data.write(to: temporary, options: [.withoutOverwriting])
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw .failed(path: path, reason: Self.reason(error))
    }
    if rename(temporary.path, path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw .failed(path: path, reason: reason)
    }
  }

  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}
