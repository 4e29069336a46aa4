import PlanCastNumerics

/// A fitted model estimated by one linear regression: its fit statistics are the regression's.
public protocol RegressionBackedModel: FittedModel {
  var regression: RegressionResult { get }
}

extension RegressionBackedModel {
  /// The regression's coefficients (aliased ones at 0, without a standard error).
  public var parameters: [ParameterEstimate] {
    regression.coefficients.map {
      ParameterEstimate(name: $0.name, estimate: $0.estimate ?? 0, standardError: $0.standardError)
    }
  }

  public var aicc: Double { regression.aicc }
  public var innovationStandardDeviation: Double { regression.residualStandardError }
}
