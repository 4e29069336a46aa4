/// A JSON value with a deterministic writer: keys keep their insertion order, doubles are
/// written with Swift's shortest round-trip representation (full precision), non-finite
/// doubles become `null`.
public enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  /// An unsigned integer (seeds), written exactly.
  case uint(UInt64)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func optional(_ d: Double?) -> JSONValue { d.map(JSONValue.double) ?? .null }
  public static func optional(_ i: Int?) -> JSONValue { i.map(JSONValue.int) ?? .null }
  public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

  public func render(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent)
    let inner = String(repeating: "  ", count: indent + 1)
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .uint(let u): return String(u)
    case .double(let d): return d.isFinite ? "\(d)" : "null"
    case .string(let s): return Self.quote(s)
    case .array(let items):
      guard !items.isEmpty else { return "[]" }
      return "[\n" + items.map { inner + $0.render(indent: indent + 1) }.joined(separator: ",\n")
        + "\n" + pad + "]"
    case .object(let pairs):
      guard !pairs.isEmpty else { return "{}" }
      return "{\n"
        + pairs.map { inner + Self.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }
        .joined(separator: ",\n") + "\n" + pad + "}"
    }
  }

  public static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
