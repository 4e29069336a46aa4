/// What a scenario changes against its parent, assumption by assumption: for
/// `plancast scenario check`.
public struct ScenarioChange: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// An assumption the parent does not have.
    case added
    /// An assumption of the parent with at least one key changed.
    case changed
  }

  public let kind: Kind
  public let name: String
  /// One line per key that differs (`key: old → new`, or `key: value` for an added one).
  public let details: [String]
}

extension Scenario {
  /// The assumptions that differ from `parent` (all of them when there is no parent), and
  /// the residual scale when it differs.
  public func changes(from parent: Scenario?) -> [ScenarioChange] {
    var result: [ScenarioChange] = []
    if residualScale != (parent?.residualScale ?? 1) {
      result.append(
        ScenarioChange(
          kind: .changed, name: "residual_scale",
          details: ["residual_scale: \(parent?.residualScale ?? 1) → \(residualScale)"]))
    }
    for assumption in assumptions {
      let fields = assumption.describedFields
      guard let old = parent?.assumptions.first(where: { $0.name == assumption.name }) else {
        result.append(
          ScenarioChange(
            kind: .added, name: assumption.name, details: fields.map { "\($0.key): \($0.text)" }))
        continue
      }
      let before = Dictionary(uniqueKeysWithValues: old.describedFields.map { ($0.key, $0.text) })
      let differing = fields.filter { before[$0.key] != $0.text }.map {
        "\($0.key): \(before[$0.key] ?? "–") → \($0.text)"
      }
      if !differing.isEmpty {
        result.append(ScenarioChange(kind: .changed, name: assumption.name, details: differing))
      }
    }
    return result
  }
}

extension Assumption {
  /// Each key as a scenario file would write it.
  var describedFields: [(key: String, text: String)] {
    [
      ("indicator", indicator), ("effect", effect.rawValue),
      ("areas", areas.map { $0.joined(separator: ", ") } ?? "all simulated"),
      (
        "years", years.map { $0.map(String.init).joined(separator: ", ") } ?? "every projected year"
      ),
      ("value", value.fileText), ("low", low.map { "\($0)" } ?? "–"),
      ("high", high.map { "\($0)" } ?? "–"),
    ]
  }
}

extension AssumptionValue {
  /// `1.5`, `normal(0.0, 1.0)`, `uniform(-2.0, -1.0)`, `triangular(…)`.
  public var fileText: String {
    switch self {
    case .fixed(let v): "\(v)"
    case .normal(let mean, let sd): "normal(mean \(mean), sd \(sd))"
    case .uniform(let lower, let upper): "uniform(\(lower), \(upper))"
    case .triangular(let lower, let mode, let upper): "triangular(\(lower), \(mode), \(upper))"
    }
  }
}
