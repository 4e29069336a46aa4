import PlanCastAttainment
import PlanCastReports

extension AttainmentRun {
  /// The engine's result for one scenario as the plain record PlanCastReports exports and
  /// charts: every value copied, the status taken as the engine decided it.
  init(_ result: ScenarioAttainment, thresholds: StatusThresholds?) {
    self.init(
      scenario: result.scenario, draws: result.draws, seed: result.seed,
      onTrack: thresholds?.onTrack, offTrack: thresholds?.offTrack,
      correlationShrinkage: result.correlationShrinkage,
      records: result.targets.map { t in
        AttainmentRecord(
          target: t.target, scenario: t.scenario, probability: t.probability,
          monteCarloStandardError: t.monteCarloStandardError, median: t.median, lo80: t.lo80,
          hi80: t.hi80, lo95: t.lo95, hi95: t.hi95, statusCode: t.status.rawValue,
          band: AttainmentRun.band(t.status), requiredForHalf: t.requiredForHalf,
          requiredForEighty: t.requiredForEighty, projectedAnnualChange: t.projectedAnnualChange,
          proxyNote: t.proxyNote, reason: t.reasonText, model: t.model, evidence: t.evidence)
      })
  }

  /// The dashboard colour of an engine status (none without a probability).
  static func band(_ status: AttainmentStatus) -> AttainmentBand? {
    switch status {
    case .onTrack: .onTrack
    case .atRisk: .atRisk
    case .offTrack: .offTrack
    case .met, .missed, .staleData, .noData, .insufficientData, .qualitative: nil
    }
  }
}
