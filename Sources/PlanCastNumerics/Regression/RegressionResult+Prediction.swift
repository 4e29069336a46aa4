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
    guard design.columns == names.count else {
      throw RegressionError.shapeMismatch(
        "prediction rows have \(design.columns) columns, the model \(names.count)")
    }
    guard design.isFinite else { throw RegressionError.nonFinite("the prediction design") }
    if let weights, weights.count != design.rows || !weights.allSatisfy({ $0 > 0 && $0.isFinite }) {
      throw RegressionError.invalidWeights
    }
    let critical = try StudentTCache.shared.entry(
      degreesOfFreedom: residualDegreesOfFreedom, level: level
    ).critical
    let sigma2 = residualSumOfSquares / Double(residualDegreesOfFreedom)
    let estimated = estimatedColumns
    let kept = design.selectingColumns(estimated)
    let allEstimates = estimates
    let keptBeta = estimated.map { allEstimates[$0] }
    let means = try kept.multiplied(by: keptBeta)
    // x₀ᵀ·Cov(β̂)·x₀ = vᵀ·M·v with v = R₁₁⁻ᵀ·(D⁻¹x₀ in pivot order) (M = σ̂²·I when
    // nonrobust): a triangular solve instead of a quadratic form in the ill-conditioned
    // (XᵀX)⁻¹, so predictions far from the data keep full accuracy.
    let qr = factorization
    let rank = qr.rank
    let columnScales = columnScales
    let scaledMeat = scaledMeat
    var v = [Double](repeating: 0, count: Swift.max(1, rank))
    return (0..<design.rows).map { i in
      for k in 0..<rank {
        let j = Int(qr.pivots[k]) - 1
        v[k] = design[i, j] / columnScales[j]
      }
      v.withUnsafeMutableBufferPointer { qr.solveRTransposed($0.baseAddress!) }
      var variance = 0.0
      if let meat = scaledMeat {
        for b in 0..<rank {
          for a in 0..<rank { variance += v[a] * meat[a, b] * v[b] }
        }
      } else {
        for k in 0..<rank { variance += v[k] * v[k] }
        variance *= sigma2
      }
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
