/// Where one value of a series comes from.
public enum Provenance: Sendable, Hashable {
  /// Read from the data file.
  case observed(Observation)
  /// Computed from other values by a rule (region aggregation or a derivation).
  case computed(rule: String, inputs: [Observation])
  /// Taken from another area under a proxy rule.
  case proxy(area: String, note: String, observation: Observation)

  /// The observations this value rests on.
  public var observations: [Observation] {
    switch self {
    case .observed(let o): return [o]
    case .computed(_, let inputs): return inputs
    case .proxy(_, _, let o): return [o]
    }
  }

  /// One line saying where the value comes from.
  public var summary: String {
    switch self {
    case .observed(let o): return "\(o.source) [\(o.vintage)]"
    case .computed(let rule, let inputs):
      let areas = Array(Set(inputs.map(\.area))).sorted()
      return "computed: \(rule) (\(areas.joined(separator: ", ")))"
    case .proxy(let area, let note, let o): return "proxy \(area): \(note) — \(o.source)"
    }
  }
}
