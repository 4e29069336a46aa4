/// What role an area plays in a model.
public enum AreaKind: String, Sendable, CaseIterable {
  /// Aggregated from its member cities by the indicators' rules.
  case region
  /// A member city: data are observed.
  case city
  /// An area outside the plan (province, country), used for context and proxies.
  case reference
}

/// An area declared in `model.toml`: the only names a data row, target or proxy may use.
public struct Area: Sendable, Hashable {
  public let id: String
  public let kind: AreaKind
  public let nameEN: String
  public let nameZH: String
  /// Member areas of a region (empty for cities and reference areas).
  public let members: [String]

  public init(id: String, kind: AreaKind, nameEN: String, nameZH: String, members: [String]) {
    self.id = id
    self.kind = kind
    self.nameEN = nameEN
    self.nameZH = nameZH
    self.members = members
  }

  /// The name in the requested language.
  public func name(_ language: Language) -> String { language == .zh ? nameZH : nameEN }
}

/// Output language for names and labels.
public enum Language: String, Sendable, CaseIterable {
  case en, zh
}

/// A unit declared in `model.toml`.
public struct UnitInfo: Sendable, Hashable {
  public let id: String
  public let nameEN: String
  public let nameZH: String

  public init(id: String, nameEN: String, nameZH: String) {
    self.id = id
    self.nameEN = nameEN
    self.nameZH = nameZH
  }

  public func name(_ language: Language) -> String { language == .zh ? nameZH : nameEN }
}
