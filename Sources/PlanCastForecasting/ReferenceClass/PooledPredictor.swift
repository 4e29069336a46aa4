import Foundation

/// The predictive error quantiles of a ``ReferenceClass`` at fixed probabilities, computed once
/// for all its members (the error distribution is the same for each; only the centre differs).
public struct PooledPredictor: Sendable {
  public let referenceClass: ReferenceClass
  public let probabilities: [Double]
  /// `offsets[h][k]`: the `probabilities[k]` quantile of the log error at horizon `h + 1`.
  public let offsets: [[Double]]
  /// `log E[exp(error)]` per horizon, for the mean of the level.
  public let logMeanFactor: [Double]

  public init(referenceClass: ReferenceClass, probabilities: [Double]) {
    self.referenceClass = referenceClass
    self.probabilities = probabilities
    let horizons = 1...referenceClass.persistence.count
    offsets = horizons.map { h in probabilities.map { referenceClass.errorQuantile($0, horizon: h) }
    }
    logMeanFactor = horizons.map { referenceClass.errorLogMeanFactor(horizon: $0) }
  }
}
