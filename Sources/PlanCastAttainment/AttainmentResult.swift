import PlanCastForecasting
import PlanCastPlan

/// Probability bands that turn P(attain) into a status.
public struct StatusThresholds: Sendable, Equatable {
  /// P at or above this is "on track" (default 0.8).
  public var onTrack: Double
  /// P below this is "off track" (default 0.2); in between is "at risk".
  public var offTrack: Double

  public init(onTrack: Double = 0.8, offTrack: Double = 0.2) {
    self.onTrack = onTrack
    self.offTrack = offTrack
  }

  public func status(_ probability: Double) -> AttainmentStatus {
    probability >= onTrack ? .onTrack : probability < offTrack ? .offTrack : .atRisk
  }
}

/// A target's status by probability, or why it has none. The raw values are the same status
/// codes as ``TargetStatus``'s.
public enum AttainmentStatus: String, Sendable, CaseIterable {
  case onTrack = "on track"
  case atRisk = "at risk"
  case offTrack = "off track"
  /// The target year is observed and meets the target: nothing is simulated.
  case met = "met"
  /// The target year is observed and misses the target: nothing is simulated.
  case missed = "missed"
  /// The only data are older than the plan's base year.
  case staleData = "stale data"
  case noData = "no data"
  /// Too few observations to project under the model's insufficient-data rule.
  case insufficientData = "insufficient data"
  case qualitative = "qualitative"
}

/// One target under one scenario.
public struct TargetAttainment: Sendable {
  public let target: Target
  public let scenario: String
  /// P(attain) and its Monte Carlo standard error `√(p(1−p)/N)`; nil without a projection.
  public let probability: Double?
  public let monteCarloStandardError: Double?
  /// The target quantity's median and central 80%/95% intervals.
  public let median: Double?
  public let lo80: Double?
  public let hi80: Double?
  public let lo95: Double?
  public let hi95: Double?
  public let status: AttainmentStatus
  /// The constant annual change over the projected years (growth % for levels, units a year for
  /// shares, the average rate for rate targets) that makes P = 0.5 and P = 0.8.
  public let requiredForHalf: Double?
  public let requiredForEighty: Double?
  /// The median projected annual change in the same terms.
  public let projectedAnnualChange: Double?
  /// The proxy note when the projection rests on a proxy series.
  public let proxyNote: String?
  /// Why there is no probability (no data, no model, qualitative), in both languages.
  public let reasonText: LocalizedText?
  /// The model the projection used.
  public let model: String?
  /// The observations and checked forecasts behind the projection; nil without one.
  public let evidence: ProjectionEvidence?

  public var usesProxy: Bool { proxyNote != nil }

  /// The reason in English (the language of CSV and JSON outputs).
  public var reason: String? { reasonText?.en }
}

/// The attainment of every target under one scenario.
public struct ScenarioAttainment: Sendable {
  public let scenario: Scenario
  public let draws: Int
  public let seed: UInt64
  public let targets: [TargetAttainment]
  /// Shrinkage applied to the shock correlation to make it positive definite (1 = none).
  public let correlationShrinkage: Double
}
