/// The deterministic status rule.
///
/// With V the latest value, P the value projected to the target year at the recent annual
/// change, and T the target:
/// - **no data**: no observation (in the target's terms), or no recent change to project with;
/// - **stale data**: the latest observation is older than the plan's base year, or than the
///   last year of data in an earlier (`--as-of`) view (decided by ``TargetEvaluator``, before
///   this rule);
/// - if the target year itself is observed: **met** when V meets T, else **missed**;
/// - **on track**: P meets T;
/// - **at risk**: P misses T, but V meets it now (the trend leads away), or the recent pace
///   covers at least half of the required movement: (P − V) / (T − V) ≥ 0.5;
/// - **off track**: otherwise.
public enum StatusRule {
  /// Share of the required movement the recent pace must cover to be "at risk" rather than
  /// "off track".
  public static let atRiskProgress = 0.5

  static func status(
    condition: TargetCondition, latest: Double?, latestYear: Int?, targetYear: Int,
    projected: Double?
  ) -> TargetStatus {
    guard let latest, let latestYear else { return .noData }
    if latestYear >= targetYear { return condition.isMet(by: latest) ? .met : .missed }
    guard let projected else { return .noData }
    if condition.isMet(by: projected) { return .onTrack }
    if condition.isMet(by: latest) { return .atRisk }
    let needed = condition.value - latest
    guard needed != 0 else { return .atRisk }
    return (projected - latest) / needed >= atRiskProgress ? .atRisk : .offTrack
  }
}
