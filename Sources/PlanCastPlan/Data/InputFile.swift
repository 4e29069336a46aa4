import Foundation

/// Why a user's input file cannot be opened: each case has its own message, so that a
/// directory is not reported as "not UTF-8" and a missing file not as a syntax error.
public enum InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Nothing at the path.
  case missing(path: String)
  /// The path names a directory.
  case directory(path: String)
  /// The file exists but reading it failed (permissions, I/O).
  case unreadable(path: String, reason: String)

  /// What is wrong, without the path (for messages that name the file already).
  public var reason: String {
    switch self {
    case .missing: "no such file"
    case .directory: "is a directory, not a file"
    case .unreadable(_, let reason): "cannot be read (\(reason))"
    }
  }

  public var description: String {
    switch self {
    case .missing(let path), .directory(let path), .unreadable(let path, _): "\(path): \(reason)"
    }
  }
}

/// A file read in chunks, for parsers that stream (memory independent of the file's size).
public struct InputFile {
  /// The path as given.
  public let path: String
  private let handle: FileHandle

  /// Opens `path` for reading.
  /// - Throws: ``InputFileError``.
  public init(path: String) throws(InputFileError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .missing(path: path)
    }
    guard !isDirectory.boolValue else { throw .directory(path: path) }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .unreadable(path: path, reason: "permission denied or not a regular file")
    }
    self.path = path
    self.handle = handle
  }

  /// Reads up to `count` bytes, appending them to `buffer`; returns how many were read (0 at
  /// the end of the file).
  public func read(upTo count: Int, appendingTo buffer: inout [UInt8]) throws(InputFileError)
    -> Int
  {
    let data: Data?
    do { data = try handle.read(upToCount: count) } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    guard let data, !data.isEmpty else { return 0 }
    buffer.append(contentsOf: data)
    return data.count
  }

  /// The whole file.
  public static func contents(of path: String) throws(InputFileError) -> [UInt8] {
    let file = try InputFile(path: path)
    var bytes: [UInt8] = []
    while try file.read(upTo: 1 << 20, appendingTo: &bytes) > 0 {}
    return bytes
  }
}
