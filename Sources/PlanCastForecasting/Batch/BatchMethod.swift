/// The methods of ``BatchForecaster``: one model class each, or a combination.
///
/// | method | model | needs |
/// | --- | --- | --- |
/// | `naive` | ``RandomWalk`` without drift | 2 consecutive years |
/// | `drift` | ``RandomWalk`` with drift | 3 years with 2 consecutive changes |
/// | `loglinear` | ``LogLinearTrend`` (constant growth) | 3 positive values |
/// | `ar` | ``GrowthAutoregression``, AR(1) on log growth of levels | 6 positive consecutive years |
/// | `damped` | ``DampedTrendETS``, ETS(A,Ad,N) on logs | 10 positive consecutive years |
/// | `theta` | ``Theta``, the standard (M3) Theta method | 6 consecutive years |
/// | `theta-log` | ``Theta`` on the logs (growth extrapolated) | 6 positive consecutive years |
/// | `logistic` | ``LogisticTrend`` with ceiling, values in (0, scale) | 5 years |
/// | `combo` | ``Combination`` of members (default: see ``Combination/standard``) | |
/// | `pooled` | ``ReferenceClass``: the whole file as the reference class | 20 series ending in the same year, 7 consecutive positive years each |
/// | `auto` | `pooled` for the members of a reference class of related series (see ``BatchForecaster``), else ``Combination/automatic`` | |
///
/// When a single method cannot be used on a series (too short, a gap, a non-positive value
/// for a log model, a failed estimation or a non-finite forecast), the series falls back along
/// ``fallbacks``: log models and `logistic` to `theta`, then `drift`, then `naive`; if even
/// `naive` is impossible (one observation, or no two consecutive years) the forecast is flat
/// at the last value without intervals. The `note` of the series says what failed and why.
public enum BatchMethod: String, CaseIterable, Sendable {
  case auto
  case naive
  case drift
  case loglinear
  case ar
  case damped
  case theta
  case thetaLog = "theta-log"
  case logistic
  case combo
  case pooled

  /// Whether the method combines several models.
  public var isCombination: Bool { self == .auto || self == .combo }

  /// The single methods, in the order they are tried after this one fails.
  public var fallbacks: [BatchMethod] {
    switch self {
    case .naive: []
    case .drift: [.naive]
    case .theta: [.drift, .naive]
    case .loglinear, .ar, .damped, .thetaLog, .logistic: [.theta, .drift, .naive]
    case .pooled: [.damped, .theta, .drift, .naive]
    case .auto, .combo: [.drift, .naive]
    }
  }

  /// Whether the method learns from the other series of the file (``ReferenceClass``).
  public var usesReferenceClass: Bool { self == .auto || self == .pooled }

  /// The model specification of a single-series method (`nil` for combinations and `pooled`).
  public func model(logisticScale: Double = 100) -> (any ForecastModel)? {
    switch self {
    case .naive: RandomWalk(drift: false)
    case .drift: RandomWalk(drift: true)
    case .loglinear: LogLinearTrend()
    case .ar: GrowthAutoregression(input: .levels, order: 1)
    case .damped: DampedTrendETS()
    case .theta: Theta()
    case .thetaLog: Theta(scale: .log)
    case .logistic: LogisticTrend(scale: logisticScale)
    case .auto, .combo, .pooled: nil
    }
  }
}
