import Foundation

/// The `pooled` predictive distributions of the members of a ``ReferenceClass``: the error
/// quantiles are computed once per horizon for all members (the error distribution is the same
/// for each; only the centre differs).
public struct PooledPredictor: Sendable {
  public let referenceClass: ReferenceClass
  /// Central interval levels (percent) given besides 80 and 95.
  public let extraLevels: [Double]
  let errors: [ErrorQuantiles]

  /// The log-error quantiles of one horizon.
  struct ErrorQuantiles {
    let median: Double
    let interval80: ForecastInterval
    let interval95: ForecastInterval
    let extra: [ForecastInterval]
    /// `log E[exp(error)]`, for the mean of the level.
    let logMeanFactor: Double
  }

  public init(referenceClass: ReferenceClass, extraLevels: [Double]) {
    self.referenceClass = referenceClass
    self.extraLevels = extraLevels
    errors = (1...referenceClass.persistence.count).map { h in
      func interval(_ lower: Double, _ upper: Double) -> ForecastInterval {
        ForecastInterval(
          lower: referenceClass.errorQuantile(lower, horizon: h),
          upper: referenceClass.errorQuantile(upper, horizon: h))
      }
      return ErrorQuantiles(
        median: referenceClass.errorQuantile(0.5, horizon: h), interval80: interval(0.1, 0.9),
        interval95: interval(0.025, 0.975),
        extra: extraLevels.map { interval(0.5 - $0 / 200, 0.5 + $0 / 200) },
        logMeanFactor: referenceClass.errorLogMeanFactor(horizon: h))
    }
  }

  /// The forecast of member `name` for the `horizon` years after `lastYear`: points and the
  /// ``extraLevels`` intervals per point; `nil` for a non-member.
  public func forecast(_ name: String, lastYear: Int, horizon: Int) -> (
    points: [Forecast.Point], extra: [[ForecastInterval]]
  )? {
    guard let centres = referenceClass.logCentre(name, horizon: horizon) else { return nil }
    let levels = zip(centres, errors).map { c, e in
      func level(_ i: ForecastInterval) -> ForecastInterval {
        ForecastInterval(lower: exp(c + i.lower), upper: exp(c + i.upper))
      }
      return (
        median: exp(c + e.median), mean: exp(c + e.logMeanFactor), i80: level(e.interval80),
        i95: level(e.interval95), extra: e.extra.map(level)
      )
    }
    let points = levels.enumerated().map { k, l in
      Forecast.Point(
        year: lastYear + k + 1, mean: l.mean, median: l.median, lo80: l.i80.lower,
        hi80: l.i80.upper, lo95: l.i95.lower, hi95: l.i95.upper)
    }
    return (points, levels.map(\.extra))
  }
}
