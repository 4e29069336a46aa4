import Foundation

/// A per-horizon location–scale correction of a growth model's predictive distribution, learnt
/// from the model's rolling-origin errors on a reference class (see
/// ``PathCalibrationEstimator``).
///
/// Work on the cumulative log growth from the last observation, in percent:
/// `c_h = Σ_{j≤h} 100·log(1 + x_j/100)` for a path of growth rates `x` (%), or `Σ x_j` for log
/// growth. With `m_h` the model's point path (its centre coefficients, no shocks) on the same
/// scale, a calibrated path has
///
///     c'_h = m_h + b_h + λ_h·(c_h − m_h),
///
/// a shift `b_h` (the class's median error of the point path: optimism shows as `b_h < 0`) and a
/// widening (`λ_h > 1`) or narrowing (`λ_h < 1`) of the model's own spread. The map is
/// increasing in `c_h`, so every quantile of the cumulative growth moves the same way and the
/// calibration can be applied to simulated paths and to quantiles alike. Beyond the last
/// calibrated horizon `H`, `b_h = b_H·h/H` (the shift per year continues) and `λ_h = λ_H`.
public struct PathCalibration: Sendable, Equatable, Hashable {
  /// `b_h` for h = 1…H, percentage points of cumulative log growth.
  public let bias: [Double]
  /// `λ_h` for h = 1…H, positive.
  public let scale: [Double]

  /// `nil` unless both lists have the same positive length, every value is finite and every
  /// scale positive.
  public init?(bias: [Double], scale: [Double]) {
    guard !bias.isEmpty, bias.count == scale.count, bias.allSatisfy(\.isFinite),
      scale.allSatisfy({ $0.isFinite && $0 > 0 })
    else { return nil }
    self.bias = bias
    self.scale = scale
  }

  /// The identity (no shift, no scaling) over `horizons` horizons.
  public static func identity(horizons: Int) -> PathCalibration {
    PathCalibration(unchecked: Swift.max(1, horizons))
  }

  private init(unchecked horizons: Int) {
    bias = [Double](repeating: 0, count: horizons)
    scale = [Double](repeating: 1, count: horizons)
  }

  /// The calibrated horizons `H`.
  public var horizons: Int { bias.count }

  /// `b_h` for `h ≥ 1`.
  public func bias(horizon h: Int) -> Double {
    h <= horizons ? bias[h - 1] : bias[horizons - 1] * Double(h) / Double(horizons)
  }

  /// `λ_h` for `h ≥ 1`.
  public func scale(horizon h: Int) -> Double {
    scale[Swift.min(h, horizons) - 1]
  }

  /// Calibrates the cumulative growth `c` given the point path's `m`, at horizon `h`.
  public func apply(cumulative c: Double, centre m: Double, horizon h: Int) -> Double {
    m + bias(horizon: h) + scale(horizon: h) * (c - m)
  }

  /// Calibrates a simulated growth path in place. `centre` is the point path's cumulative growth
  /// (`centre[h-1] = m_h`, at least `path.count` values); `rates` says whether the path holds
  /// growth rates in % (true) or log growth in % (false).
  public func apply(
    path: UnsafeMutableBufferPointer<Double>, centre: UnsafeBufferPointer<Double>, rates: Bool
  ) {
    var previousIn = 0.0
    var previousOut = 0.0
    for h in 0..<path.count {
      // A drawn rate at or below −100 % (an explosive parameter draw on a short fit) has no log
      // growth; it is floored at ``rateFloor`` so that the path stays finite and ranks lowest.
      let step = rates ? 100 * log1p(Swift.max(path[h], Self.rateFloor) / 100) : path[h]
      let c = previousIn + step
      let calibrated = apply(cumulative: c, centre: centre[h], horizon: h + 1)
      let out = calibrated - previousOut
      path[h] = rates ? 100 * expm1(out / 100) : out
      previousIn = c
      previousOut = calibrated
    }
  }

  /// The lowest growth rate (%) a calibrated path takes: a fall of 99.99 % in a year.
  public static let rateFloor = -99.99

  /// The cumulative log growth (%) of a growth path: `rates` as in ``apply(path:centre:rates:)``.
  public static func cumulative(_ path: [Double], rates: Bool) -> [Double] {
    var total = 0.0
    return path.map { x in
      total += rates ? 100 * log1p(x / 100) : x
      return total
    }
  }
}
