/// Where a target stands, by the deterministic rule in ``StatusRule``. The raw values are the
/// status codes of every output format; ``label(_:)`` gives the display label.
public enum TargetStatus: String, Sendable, CaseIterable, Codable {
  case onTrack = "on track"
  case atRisk = "at risk"
  case offTrack = "off track"
  /// The target year is observed and the observed value meets the target.
  case met = "met"
  /// The target year is observed and the observed value misses the target.
  case missed = "missed"
  /// The only data are older than the plan's base year: too old to project from.
  case staleData = "stale data"
  case noData = "no data"
  /// Too few observations to project under the model's insufficient-data rule.
  case insufficientData = "insufficient data"
  case qualitative = "qualitative"

  /// The label in the requested language.
  public func label(_ language: Language) -> String {
    switch (self, language) {
    case (_, .en): return rawValue
    case (.onTrack, .zh): return "进度正常"
    case (.atRisk, .zh): return "有风险"
    case (.offTrack, .zh): return "偏离目标"
    case (.met, .zh): return "已实现"
    case (.missed, .zh): return "未实现"
    case (.staleData, .zh): return "数据过旧"
    case (.noData, .zh): return "无数据"
    case (.insufficientData, .zh): return "数据不足"
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
