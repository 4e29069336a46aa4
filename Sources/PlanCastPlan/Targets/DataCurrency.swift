/// How current a plan's data are: the last year observed for any numeric target (in the
/// target's own terms) and the years left to the plan's end, e.g. "data to 2024; 1 year to
/// the target".
public struct DataCurrency: Sendable, Equatable {
  /// The latest year of any target's data (nil when no target has data).
  public let lastYear: Int?
  /// The plan's end, the year the targets are set for.
  public let targetYear: Int

  public init(lastYear: Int?, targetYear: Int) {
    self.lastYear = lastYear
    self.targetYear = targetYear
  }

  /// The currency of the data behind `evaluations`.
  public init(evaluations: [TargetEvaluation], targetYear: Int) {
    self.init(lastYear: evaluations.compactMap(\.latestYear).max(), targetYear: targetYear)
  }

  /// The currency of `model`'s data (after any `through(_:)`), measured on its targets.
  public init(model: PlanModel) {
    self.init(
      evaluations: TargetEvaluator(data: model.data).evaluate(model.plan),
      targetYear: model.config.planEnd)
  }

  /// Years from the last data year to the target year (negative once it is passed).
  public var yearsToTarget: Int? { lastYear.map { targetYear - $0 } }

  /// "data to 2024; 1 year to the target" (or its Chinese form).
  public func text(_ language: Language) -> String {
    let zh = language == .zh
    guard let lastYear, let left = yearsToTarget else {
      return zh ? "无目标数据" : "no data for any target"
    }
    if left <= 0 {
      return zh ? "数据截至\(lastYear)年；目标年份已有观测" : "data to \(lastYear); the target year is observed"
    }
    return zh
      ? "数据截至\(lastYear)年；距目标年份\(left)年"
      : "data to \(lastYear); \(left) year\(left == 1 ? "" : "s") to the target"
  }
}
