/// How a target compares a value with its threshold.
public enum TargetComparator: String, Sendable, CaseIterable {
  case atLeast = ">="
  case greaterThan = ">"
  case atMost = "<="
  case lessThan = "<"
  /// 达到: reach the value from the side the series starts on.
  case reach = "="
  /// 左右: within the target's tolerance of the value.
  case about = "~"

  /// Accepts the ASCII spellings and ≥ ≤ ≈.
  public init?(text: String) {
    switch text {
    case "≥": self = .atLeast
    case "≤": self = .atMost
    case "≈": self = .about
    default: self.init(rawValue: text)
    }
  }

  /// The mathematical symbol.
  public var symbol: String {
    switch self {
    case .atLeast: return "≥"
    case .greaterThan: return ">"
    case .atMost: return "≤"
    case .lessThan: return "<"
    case .reach: return "="
    case .about: return "≈"
    }
  }
}

/// A comparator bound to its threshold, able to say whether a value meets it.
public struct TargetCondition: Sendable, Hashable {
  public let comparator: TargetComparator
  public let value: Double
  /// Half-width of the band for `.about`.
  public let tolerance: Double?
  /// For `.reach`: +1 when the series must rise to the value, −1 when it must fall.
  public let direction: Double

  /// Whether `x` meets the condition.
  public func isMet(by x: Double) -> Bool {
    switch comparator {
    case .atLeast: return x >= value
    case .greaterThan: return x > value
    case .atMost: return x <= value
    case .lessThan: return x < value
    case .reach: return direction >= 0 ? x >= value : x <= value
    case .about: return abs(x - value) <= (tolerance ?? 0)
    }
  }
}
