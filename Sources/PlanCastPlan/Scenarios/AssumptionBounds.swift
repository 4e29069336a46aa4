/// The values a scenario assumption may take, by effect and indicator kind (documented in
/// Models/SCENARIOS.md). A value beyond them is not a scenario but a typo or a misunderstanding
/// of the units: a growth shift of -200 pp would make GDP negative.
///
/// A fixed value must lie inside the bounds, and so must `low`, `high` and the support of a
/// distribution (for a normal one, its central 99.9 %: mean ± 3.29 sd).
public enum AssumptionBounds {
  /// Largest growth shift, shock or rate change, in percentage points (or % for a level's
  /// shock): ±50.
  public static let maximumChange = 50.0
  /// Largest residual scale: ten times the estimated shocks.
  public static let maximumResidualScale = 10.0
  /// Half-width of a normal distribution's checked support, in standard deviations (99.9 %).
  public static let normalSupport = 3.29

  /// The closed range an assumption's values must stay in, and what it means, for an effect on
  /// an indicator of `kind`; `nil` when any finite number will do (an add factor on a level,
  /// checked against the data instead).
  public static func allowed(_ effect: AssumptionEffect, on kind: IndicatorKind) -> (
    range: ClosedRange<Double>, meaning: String
  )? {
    let change = -maximumChange...maximumChange
    switch (effect, kind) {
    case (.growthShift, _):
      return (change, "a growth shift of at most ±\(Int(maximumChange)) pp a year")
    case (.shock, .level):
      return (change, "a one-off shock of at most ±\(Int(maximumChange)) % of the level")
    case (.shock, _):
      return (change, "a shock of at most ±\(Int(maximumChange)) pp")
    case (.add, .share):
      return (-100...100, "an add factor of at most ±100 pp on a share")
    case (.add, .rate):
      return (change, "an add factor of at most ±\(Int(maximumChange)) pp on a rate")
    case (.add, .level):
      return nil
    case (.fix, .share):
      return (0...100, "a share between 0 and 100")
    case (.fix, .rate):
      return (change, "a rate between -\(Int(maximumChange)) and \(Int(maximumChange)) % a year")
    case (.fix, .level):
      return (Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude, "a positive level")
    case (.residualScale, _):
      return (0...maximumResidualScale, "a residual scale from 0 to \(Int(maximumResidualScale))")
    }
  }

  /// The smallest and largest value an assumption's value can take: the value itself, the
  /// ends of a uniform or triangular distribution, a normal one's central 99.9 %.
  public static func support(of value: AssumptionValue) -> ClosedRange<Double> {
    switch value {
    case .fixed(let v): v...v
    case .normal(let mean, let sd): (mean - normalSupport * sd)...(mean + normalSupport * sd)
    case .uniform(let lower, let upper): lower...upper
    case .triangular(let lower, _, let upper): lower...upper
    }
  }
}
