/// Where in a model file something was found: the file and, when known, the line.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// Path of the file, as given to the loader.
  public let file: String
  /// 1-based line number, or `nil` when the problem concerns the whole file.
  public let line: Int?

  public init(file: String, line: Int?) {
    self.file = file
    self.line = line
  }

  public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// A problem in a model directory: what is wrong, where, in which field, and what to do.
///
/// Every loader in this module reports bad input with this one type; nothing traps.
public struct ModelError: Error, Sendable, CustomStringConvertible {
  /// The ways a model directory can be wrong.
  public enum Kind: String, Sendable {
    case missingFile = "missing file"
    case syntax = "syntax error"
    case missingField = "missing field"
    case invalidValue = "invalid value"
    case unknownArea = "unknown area"
    case unknownIndicator = "unknown indicator"
    case unknownUnit = "unknown unit"
    case duplicateRow = "duplicate row"
    case contradictingRow = "contradicting row"
    case invalidNumber = "invalid number"
    case yearOutOfRange = "year out of range"
    case noDataRule = "no data rule"
  }

  public let kind: Kind
  public let location: SourceLocation
  /// The field (CSV column or TOML key) at fault, if any.
  public let field: String?
  public let message: String
  /// What the user should do about it.
  public let hint: String

  public init(
    _ kind: Kind, at location: SourceLocation, field: String? = nil, _ message: String,
    hint: String
  ) {
    self.kind = kind
    self.location = location
    self.field = field
    self.message = message
    self.hint = hint
  }

  public var description: String {
    let fieldPart = field.map { ", field '\($0)'" } ?? ""
    return "\(location)\(fieldPart): \(kind.rawValue): \(message). \(hint)"
  }
}
