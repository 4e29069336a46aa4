import Foundation
import PlanCastNumerics

/// A reference class of related yearly series (e.g. the real GDP of 296 cities) and what it
/// teaches a forecast of each of them: the common growth path with its uncertainty, how far a
/// series' recent growth differential persists (partial pooling toward the cross-section) and
/// how wide the series-specific errors really are — all estimated from the series themselves,
/// up to their common last year, never after it.
///
/// **Model** (on log levels `y_i,t`, growth `g_i,t = y_i,t − y_i,t−1`):
/// - Common growth `m_t` is the cross-sectional median of `g_i,t` over the members; its
///   cumulative sum is a common log index, forecast by ``DampedTrendETS`` (ETS(A,Ad,N), the
///   damped trend of Gardner & McKenzie 1985) when it has 10 years, else by a random walk with
///   drift (constant common growth). Its median gives the common cumulative growth
///   `C_h`, and the half-width of its central 80 % interval (divided by z₀.₉) the common standard
///   deviation `s_h`: every member shares this part of the error (common shocks).
/// - A member's growth differential `d_i,t = g_i,t − m_t` enters through its mean over the last
///   ``window`` years, `d̄_i`. The cumulative differential over the next `h` years is `b_h · d̄_i`,
///   with `b_h` the pooled least-squares slope (no intercept) over every member and every origin
///   `s` inside the data (`s + h ≤` last year): an empirical-Bayes shrinkage of each member's own
///   trend toward the cross-section, and the mean reversion of growth differentials, learnt from
///   the whole class (Morris 1983, *Parametric empirical Bayes inference*, JASA 78; Pritchett &
///   Summers 2014, *Asiaphoria meets regression to the mean*, NBER w20573). The mean squared
///   residual of that regression, `v_h`, is the series-specific error variance at horizon `h`:
///   calibrated on the file's own rolling-origin errors, not on a model's assumptions.
/// - Predictive distribution of `y_i,T+h`: centre `y_i,T + C_h + b_h · d̄_i` plus an error that
///   is the common normal error `N(0, s_h²)` convolved with the empirical distribution of the
///   series-specific rolling-origin errors (split-conformal in spirit: the file's own errors,
///   heavy tails and skew included, set the width; Vovk, Gammerman & Shafer 2005, *Algorithmic
///   Learning in a Random World*). Quantiles are the centre plus the error's quantiles, the same
///   for every member.
///
/// Horizons beyond those the data can check (`h > T − first origin`) keep the last estimated
/// slope and scale the variance by `h / h_last`.
public struct ReferenceClass: Sendable {
  /// The common last year of the members (the forecast origin).
  public let lastYear: Int
  /// The members' names, in input order.
  public let members: [String]
  /// Years of growth averaged into a member's recent differential.
  public let window: Int
  /// Common growth (cross-sectional median of log growth) per year, from ``firstGrowthYear``.
  public let commonGrowth: [Double]
  public let firstGrowthYear: Int
  /// The model of the common log index: `damped` (ETS(A,Ad,N)) from 10 years, else `drift`.
  public let commonModel: String
  /// Common cumulative log growth `C_h` and its standard deviation `s_h`, `h = 1…horizon`.
  public let commonCentre: [Double]
  public let commonStandardDeviation: [Double]
  /// Pooled persistence slope `b_h` of the recent growth differential.
  public let persistence: [Double]
  /// The series-specific rolling-origin errors, sorted, per horizon (those of the last estimated
  /// horizon scaled by `√(h / h_last)` where extrapolated).
  public let specificErrors: [[Double]]
  /// Series-specific error variance `v_h` (log scale): the mean square of ``specificErrors``.
  public var specificVariance: [Double] {
    specificErrors.map { e in e.reduce(0) { $0 + $1 * $1 } / Double(e.count) }
  }
  /// The number of (member, origin) pairs behind `b_h` and `v_h` (0 where extrapolated).
  public let pairs: [Int]
  /// The share of the variance of the members' growth explained by the year (η² of a one-way
  /// analysis of variance by year): how much the members share their shocks, i.e. how related
  /// they are. 0.19 for the 296 cities' real GDP, 0.04 for the M3 yearly series that end at the
  /// same position (unrelated series aligned by index).
  public let yearEffectShare: Double
  /// Each member's recent differential `d̄_i` and last log level.
  let differential: [String: Double]
  let lastLog: [String: Double]

  /// The smallest reference class: fewer members cannot estimate a cross-section.
  public static let minimumMembers = 20

  /// Why a reference class cannot be built.
  public struct Unavailable: Error, CustomStringConvertible {
    public let description: String
  }

  /// Builds the class from the series that end in the most common last year with positive,
  /// consecutive values over at least `window + 2` years.
  /// - Throws: ``Unavailable`` when `horizon` or `window` is below 1, fewer than
  ///   ``minimumMembers`` series qualify, the members share fewer than `window + 1` years of
  ///   growth or no origin inside the data can be checked.
  public init(series: [YearlySeries], horizon: Int, window: Int = 5) throws {
    guard horizon >= 1, window >= 1 else {
      throw Unavailable(description: "the horizon and the window must be at least 1 year")
    }
    let members = try ClassMembers(series: series, window: window)
    let differentials = try GrowthDifferentials(members: members, window: window)
    let fit = try PersistenceFit(differentials, horizon: horizon)
    let forecast = try CommonForecast(differentials, horizon: horizon)
    lastYear = members.lastYear
    self.members = members.names
    self.window = window
    commonGrowth = differentials.common
    firstGrowthYear = differentials.first
    commonModel = forecast.model
    commonCentre = forecast.centres
    commonStandardDeviation = forecast.deviations
    persistence = fit.slopes
    specificErrors = fit.errors
    pairs = fit.counts
    yearEffectShare = differentials.yearEffectShare()
    var recent: [String: Double] = [:]
    var lastLog: [String: Double] = [:]
    for (m, name) in members.names.enumerated() {
      recent[name] = differentials.recent(m, at: members.lastYear)
      lastLog[name] = members.lastLog[m]
    }
    differential = recent
    self.lastLog = lastLog
  }

  /// Whether `name` is a member (its forecast can use the class).
  public func contains(_ name: String) -> Bool { differential[name] != nil }

  /// The centre `y_i,T + C_h + b_h · d̄_i` of member `name`'s log level, `h = 1…horizon`; `nil`
  /// for a non-member.
  public func logCentre(_ name: String, horizon: Int) -> [Double]? {
    guard let d = differential[name], let y = lastLog[name], horizon <= persistence.count else {
      return nil
    }
    return (0..<horizon).map { y + commonCentre[$0] + persistence[$0] * d }
  }

  /// The distribution function of the log error at horizon `h` (1-based): the common normal
  /// error convolved with the empirical distribution of the series-specific errors,
  /// `F(x) = mean_j Φ((x − r_j) / s_h)`.
  /// Without a common error (`s_h = 0`) it is the empirical distribution function itself.
  public func errorCDF(_ x: Double, horizon h: Int) -> Double {
    let r = specificErrors[h - 1]
    guard let common = try? Normal(standardDeviation: commonStandardDeviation[h - 1]) else {
      return Double(r.count { $0 <= x }) / Double(r.count)
    }
    return r.reduce(0) { $0 + common.cdf(x - $1) } / Double(r.count)
  }

  /// The `p` quantile of the log error at horizon `h` (1-based), by bisection on ``errorCDF``.
  public func errorQuantile(_ p: Double, horizon h: Int) -> Double {
    let s = commonStandardDeviation[h - 1]
    let r = specificErrors[h - 1]
    var lower = (r.first ?? 0) - 10 * s
    var upper = (r.last ?? 0) + 10 * s
    for _ in 0..<60 {
      let mid = 0.5 * (lower + upper)
      if errorCDF(mid, horizon: h) < p { lower = mid } else { upper = mid }
    }
    return 0.5 * (lower + upper)
  }

  /// `log E[exp(error)]` at horizon `h` (1-based): the log of the mean factor of the level.
  public func errorLogMeanFactor(horizon h: Int) -> Double {
    let s = commonStandardDeviation[h - 1]
    let r = specificErrors[h - 1]
    let mean = r.reduce(0) { $0 + exp($1) } / Double(r.count)
    return log(mean) + s * s / 2
  }
}
