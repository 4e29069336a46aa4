/// One value of a ``Table``: text, or a number that spreadsheet and JSON outputs keep as a
/// number. Text renderers show numbers with full precision (Swift's shortest round-trip form).
public enum Cell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation
{
  case text(String)
  /// A real number; a non-finite value is written as an empty cell (JSON `null`).
  case number(Double)
  case integer(Int)
  /// No value: an empty CSV field, JSON `null`, no spreadsheet cell.
  case empty

  public init(stringLiteral value: String) { self = .text(value) }

  /// A number cell, or ``empty`` for `nil`.
  public static func number(_ x: Double?) -> Cell { x.map(Cell.number) ?? .empty }
  /// An integer cell, or ``empty`` for `nil`.
  public static func integer(_ x: Int?) -> Cell { x.map(Cell.integer) ?? .empty }
  /// A text cell, or ``empty`` for `nil`.
  public static func text(_ s: String?) -> Cell { s.map(Cell.text) ?? .empty }

  /// The cell as text: numbers at full precision, empty and non-finite as "".
  public var text: String {
    switch self {
    case .text(let s): s
    case .number(let x): x.isFinite ? "\(x)" : ""
    case .integer(let i): String(i)
    case .empty: ""
    }
  }

  /// The cell as a JSON value: numbers stay numbers, empty becomes `null`.
  public var json: JSONValue {
    switch self {
    case .text(let s): .string(s)
    case .number(let x): .double(x)
    case .integer(let i): .int(i)
    case .empty: .null
    }
  }

  /// True for number and integer cells.
  public var isNumeric: Bool {
    switch self {
    case .number, .integer: true
    case .text, .empty: false
    }
  }
}
