import PlanCastPlan

/// A `models.toml` declaration with a `reference_class`: the declared growth model as it runs
/// on the class's series, and the link to the class and its stored calibration.
public struct DeclaredReferenceClass: Sendable {
  public let indicator: String
  public let link: ReferenceClassLink
  /// The declared model without its calibration, with the dummies that fall inside `years`.
  public let model: GrowthAutoregression

  /// Every declaration of `model` with a reference class, its model set up for a class whose
  /// series span `years`.
  public static func all(in model: PlanModel, years: ClosedRange<Int>) throws
    -> [DeclaredReferenceClass]
  {
    guard let specs = model.specifications else { return [] }
    let factory = ModelFactory(selection: specs.selection)
    return try specs.declarations.compactMap { d in
      guard let link = d.options.referenceClass, let indicator = model.data.catalog[d.indicator]
      else { return nil }
      var options = d.options
      options.referenceClass = nil
      let built = try factory.make(
        d.modelClass, options: options, indicator: indicator, window: years)
      guard let ar = built as? GrowthAutoregression else { return nil }
      return DeclaredReferenceClass(indicator: d.indicator, link: link, model: ar)
    }
  }

  /// The record to store for a fit of this declaration's model on its class.
  public func record(
    _ fit: PathCalibrationEstimator.Fit, estimator: PathCalibrationEstimator
  ) -> ModelCalibrationRecord {
    let s = fit.summaries
    return ModelCalibrationRecord(
      indicator: indicator, order: model.order, trend: model.trend, referenceClass: link.path,
      classLastYear: estimator.lastYear, members: fit.membersUsed,
      firstOrigin: fit.origins?.lowerBound ?? estimator.lastYear,
      lastOrigin: fit.origins?.upperBound ?? estimator.lastYear, paths: estimator.paths,
      seed: estimator.seed, pairs: s.map(\.pairs), bias: s.map { Self.rounded($0.bias) },
      scale: s.map { Self.rounded($0.scale) },
      coverage80Before: s.map { Self.rounded($0.coverage80Before) },
      coverage95Before: s.map { Self.rounded($0.coverage95Before) },
      coverage80After: s.map { Self.rounded($0.coverage80After) },
      coverage95After: s.map { Self.rounded($0.coverage95After) })
  }

  /// Six significant decimals: the stored file reads well and is reproduced exactly.
  static func rounded(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
}
