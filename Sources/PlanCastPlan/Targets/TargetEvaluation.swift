/// One target's standing: the latest value in the target's terms, what it takes to reach the
/// target, the recent pace, and the status.
public struct TargetEvaluation: Sendable {
  public let target: Target
  public let status: TargetStatus
  /// The latest value in the target's terms: the level; the average growth so far in the
  /// period; the % change versus the base year; the running sum.
  public let latestValue: Double?
  public let latestYear: Int?
  /// `target value − latest value`.
  public let gap: Double?
  /// The constant annual change from the latest year that reaches the target exactly.
  public let requiredAnnualChange: Double?
  /// The average annual change over the recent window (see ``TargetMeasurer``).
  public let recentAnnualChange: Double?
  /// First and last year the recent change was measured over.
  public let recentYears: ClosedRange<Int>?
  /// The latest value carried to the target year at the recent change.
  public let projectedValue: Double?
  public let changeMeasure: ChangeMeasure
  /// How the region's series was obtained (nil when there is none).
  public let origin: SeriesOrigin?
  /// Why the status is "no data", or other remarks, in both languages.
  public let reasonText: LocalizedText?

  /// The reason in English (the language of CSV and JSON outputs).
  public var reason: String? { reasonText?.en }

  /// The reason in `language`.
  public func reason(_ language: Language) -> String? { reasonText?.text(language) }

  /// The proxy note when the series is a proxy; outputs must show it.
  public var proxyNote: String? { origin?.proxyNote }
}
