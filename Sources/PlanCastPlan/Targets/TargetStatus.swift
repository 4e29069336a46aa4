/// Where a target stands, by the deterministic rule in ``StatusRule``.
public enum TargetStatus: String, Sendable, CaseIterable, Codable {
  case onTrack = "on track"
  case atRisk = "at risk"
  case offTrack = "off track"
  case noData = "no data"
  case qualitative = "qualitative"

  /// The label in the requested language.
  public func label(_ language: Language) -> String {
    switch (self, language) {
    case (_, .en): return rawValue
    case (.onTrack, .zh): return "进度正常"
    case (.atRisk, .zh): return "有风险"
    case (.offTrack, .zh): return "偏离目标"
    case (.noData, .zh): return "无数据"
    case (.qualitative, .zh): return "定性目标"
    }
  }
}

/// The unit of a target's required and recent annual change.
public enum ChangeMeasure: String, Sendable, Codable {
  /// Compound % a year (growth of a level, or an annual rate).
  case percentPerYear = "pct_per_year"
  /// The target's unit a year (percentage points for shares).
  case unitsPerYear = "units_per_year"
}
