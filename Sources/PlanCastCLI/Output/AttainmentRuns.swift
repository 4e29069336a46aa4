import PlanCastAttainment
import PlanCastPlan
import PlanCastReports

extension AttainmentRun {
  /// The engine's result for one scenario as the plain record PlanCastReports exports and
  /// charts: every value copied, the status taken as the engine decided it.
  init(_ result: ScenarioAttainment, thresholds: StatusThresholds?) {
    self.init(
      scenario: result.scenario, draws: result.draws, seed: result.seed,
      onTrack: thresholds?.onTrack, offTrack: thresholds?.offTrack,
      correlationShrinkage: result.correlationShrinkage,
      records: result.targets.map(AttainmentRecord.init))
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

extension AttainmentRecord {
  /// The engine's result for one target, every value copied.
  init(_ t: TargetAttainment) {
    self.init(
      target: t.target, scenario: t.scenario, probability: t.probability,
      monteCarloStandardError: t.monteCarloStandardError, median: t.median, lo80: t.lo80,
      hi80: t.hi80, lo95: t.lo95, hi95: t.hi95, statusCode: t.status.rawValue,
      band: AttainmentRun.band(t.status), requiredForHalf: t.requiredForHalf,
      requiredForEighty: t.requiredForEighty, projectedAnnualChange: t.projectedAnnualChange,
      proxyNote: t.proxyNote, reason: t.reasonText, model: t.model, evidence: t.evidence)
  }
}

extension AveragePathRecord {
  /// The engine's average path as the plain record the report charts.
  init(_ path: AveragePath, scenario: Scenario, draws: Int) {
    self.init(
      target: path.target, scenario: scenario, draws: draws,
      observed: path.observed.map { YearValue(year: $0.year, value: $0.value) },
      projected: path.projected.map(AttainmentRecord.init))
  }
}
