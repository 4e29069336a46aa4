import PlanCastForecasting

/// Who makes a call on a past target.
public enum PlanForecaster: String, Sendable, CaseIterable {
  /// PlanCast's P(attain) from the data known when the plan was adopted.
  case model = "PlanCast"
  /// The share of targets met in earlier plans, the same for every target.
  case baseRate = "base rate"
  /// "The recent trend reaches the target": 1 if the value projected at the recent annual
  /// change meets it, else 0.
  case recentTrend = "recent trend"
}

/// How well one forecaster's calls came true, on a given set of targets.
public struct PlanCallScore: Sendable {
  public let forecaster: PlanForecaster
  /// Calls scored.
  public let count: Int
  /// Of them, targets met.
  public let met: Int
  /// Mean (p − outcome)² (Brier 1950); 0 is perfect.
  public let brier: Double
  /// Mean −ln of the probability given to the outcome, p clipped to
  /// [`ScoringRules.logClip`, 1 − `logClip`] (a sure call that fails costs ≈ 6.9).
  public let logScore: Double
  /// Calls on the right side of 0.5 (p = 0.5 counts as wrong).
  public let correct: Int
  /// Forecasts binned by probability (5 bins).
  public let reliability: ReliabilityTable

  /// Scores `forecaster` on every call in `calls` it made (nil when it made none).
  public init?(_ forecaster: PlanForecaster, on calls: [PlanCall]) {
    let pairs = calls.compactMap { call in
      call.probability(by: forecaster).map { (probability: $0, occurred: call.met) }
    }
    guard !pairs.isEmpty else { return nil }
    let n = Double(pairs.count)
    self.forecaster = forecaster
    count = pairs.count
    met = pairs.filter(\.occurred).count
    brier = pairs.reduce(0) { $0 + ScoringRules.brier($1.probability, occurred: $1.occurred) } / n
    logScore =
      pairs.reduce(0) { $0 + ScoringRules.logScore($1.probability, occurred: $1.occurred) } / n
    correct =
      pairs.filter { ($0.probability > 0.5) == $0.occurred && $0.probability != 0.5 }
      .count
    reliability = ReliabilityTable(pairs, binCount: 5)
  }
}

/// The scores of every forecaster on the past targets: each on all the calls it made, and all
/// on the targets every forecaster called (the fair comparison).
public struct PlanCallEvaluation: Sendable {
  public let calls: [PlanCall]
  /// Each forecaster on every call it made.
  public let ownCalls: [PlanCallScore]
  /// The targets every forecaster called.
  public let commonTargets: [String]
  /// Every forecaster on ``commonTargets``.
  public let commonCalls: [PlanCallScore]

  public init(_ calls: [PlanCall]) {
    self.calls = calls
    ownCalls = PlanForecaster.allCases.compactMap { PlanCallScore($0, on: calls) }
    let common = calls.filter { call in
      PlanForecaster.allCases.allSatisfy { call.probability(by: $0) != nil }
    }
    commonTargets = common.map(\.target)
    commonCalls = PlanForecaster.allCases.compactMap { PlanCallScore($0, on: common) }
  }
}
