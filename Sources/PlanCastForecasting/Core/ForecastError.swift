import PlanCastPlan

/// Why a model could not be fitted or used. Each case names the series and says what to do.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The series itself is malformed.
  case invalidSeries(String, String)
  /// Too few observations for the model class.
  case tooFewObservations(series: String, model: String, have: Int, need: Int)
  /// Values outside the model's domain (non-positive for a log model, a share outside (0, 1)).
  case outOfDomain(series: String, model: String, String)
  /// Estimation failed numerically.
  case estimationFailed(series: String, model: String, String)
  /// A model option is invalid.
  case invalidOption(String)

  /// What went wrong and what to do, without the series name, in `language` (details that
  /// come from a numerical routine stay as it gave them).
  public func reason(_ language: Language) -> String {
    let zh = language == .zh
    switch self {
    case .invalidSeries(_, let why): return why
    case .tooFewObservations(_, let model, let have, let need):
      return zh
        ? "\(model) 至少需要 \(need) 个观测，该序列只有 \(have) 个；请选择更简单的模型或补充数据"
        : "\(model) needs at least \(need) observations, the series has \(have); "
          + "choose a simpler model or add data"
    case .outOfDomain(_, let model, let why):
      return zh
        ? "\(model) 不适用：\(why)；请为此类序列选择合适的模型"
        : "\(model) cannot be used: \(why); choose a model for this kind of series"
    case .estimationFailed(_, let model, let why):
      return zh ? "\(model) 估计失败：\(why)" : "\(model) failed: \(why)"
    case .invalidOption(let why): return why
    }
  }

  public var description: String {
    switch self {
    case .invalidSeries(let name, _), .tooFewObservations(let name, _, _, _),
      .outOfDomain(let name, _, _), .estimationFailed(let name, _, _):
      "\(name): \(reason(.en))"
    case .invalidOption: reason(.en)
    }
  }

}
