/// A prediction at one new design row: the mean with its confidence interval and the
/// observation prediction interval.
public struct RegressionPrediction: Sendable, Equatable {
  /// Predicted mean `x₀ᵀβ̂`.
  public let mean: Double
  /// Standard error of the mean, `√(x₀ᵀ·Cov(β̂)·x₀)`.
  public let meanStandardError: Double
  /// Standard error for a new observation, `√(se_mean² + σ̂²/w₀)`.
  public let observationStandardError: Double
  /// Confidence interval of the mean.
  public let meanInterval: ClosedRange<Double>
  /// Prediction interval of a new observation.
  public let observationInterval: ClosedRange<Double>
}

extension RegressionResult {
  /// Predictions at the rows of `design` (same columns as the fitted design) at confidence
  /// `level`, with Student-t intervals on the residual degrees of freedom. `weights` are the
  /// new observations' weights for WLS (default 1).
  public func predict(_ design: Matrix, level: Double = 0.95, weights: [Double]? = nil) throws
    -> [RegressionPrediction]
  {
    guard design.columns == coefficients.count else {
      throw RegressionError.shapeMismatch(
        "prediction rows have \(design.columns) columns, the model \(coefficients.count)")
    }
    guard design.isFinite else { throw RegressionError.nonFinite("the prediction design") }
    if let weights, weights.count != design.rows || !weights.allSatisfy({ $0 > 0 && $0.isFinite }) {
      throw RegressionError.invalidWeights
    }
    let critical = try StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom))
      .quantile(0.5 + level / 2)
    let sigma2 = residualSumOfSquares / Double(residualDegreesOfFreedom)
    let kept = design.selectingColumns(estimatedColumns)
    let keptBeta = estimatedColumns.map { coefficients[$0].estimate ?? 0 }
    let means = try kept.multiplied(by: keptBeta)
    // Row-wise quadratic forms x₀ᵀ·C·x₀ via one product (X₀·C) and a row-wise dot.
    let projected = try kept.multiplied(by: covariance)
    return (0..<design.rows).map { i in
      var variance = 0.0
      for j in 0..<kept.columns { variance += projected[i, j] * kept[i, j] }
      let meanSE = max(0, variance).squareRoot()
      let observationSE = (meanSE * meanSE + sigma2 / (weights?[i] ?? 1)).squareRoot()
      let mean = means[i]
      return RegressionPrediction(
        mean: mean, meanStandardError: meanSE, observationStandardError: observationSE,
        meanInterval: (mean - critical * meanSE)...(mean + critical * meanSE),
        observationInterval: (mean - critical * observationSE)...(mean + critical * observationSE))
    }
  }
}
