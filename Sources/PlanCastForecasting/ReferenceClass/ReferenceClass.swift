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
  /// Series-specific error variance `v_h` (log scale).
  public let specificVariance: [Double]
  /// The series-specific rolling-origin errors behind `v_h`, sorted, per horizon (those of the
  /// last estimated horizon scaled by `√(h / h_last)` where extrapolated).
  public let specificErrors: [[Double]]
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
    let usable = series.filter { s in s.count >= window + 2 && s.values.allSatisfy { $0 > 0 } }
    var ends: [Int: Int] = [:]
    for s in usable { if let last = s.lastYear { ends[last, default: 0] += 1 } }
    guard let last = ends.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else {
      throw Unavailable(description: "no series with \(window + 2) positive values")
    }
    // Growth over the consecutive run ending in the last year, per member.
    var growth: [String: [Int: Double]] = [:]
    var names: [String] = []
    var lastLog: [String: Double] = [:]
    for s in usable where s.lastYear == last && growth[s.name] == nil {
      var g: [Int: Double] = [:]
      var k = s.count - 1
      while k > 0, s.years[k - 1] == s.years[k] - 1 {
        g[s.years[k]] = log(s.values[k] / s.values[k - 1])
        k -= 1
      }
      guard g.count >= window + 1 else { continue }
      growth[s.name] = g
      names.append(s.name)
      lastLog[s.name] = log(s.values[s.count - 1])
    }
    guard names.count >= Self.minimumMembers else {
      throw Unavailable(
        description:
          "\(names.count) series end in \(last) with \(window + 2) consecutive positive values; "
          + "a reference class needs \(Self.minimumMembers)")
    }
    // Common growth: the median over the members observed in a year, for the years in which at
    // least half of them are.
    var common: [Double] = []
    var year = last
    while true {
      let values = names.compactMap { growth[$0]?[year] }
      guard values.count * 2 >= names.count else { break }
      common.insert(Quantile.sorted(values.sorted(), 0.5), at: 0)
      year -= 1
    }
    let first = year + 1
    guard common.count >= window + 1 else {
      throw Unavailable(
        description:
          "the members share \(common.count) years of growth; a reference class needs "
          + "\(window + 1)")
    }
    func differential(_ name: String, at origin: Int) -> Double? {
      guard let g = growth[name] else { return nil }
      var sum = 0.0
      for t in (origin - window + 1)...origin {
        guard let x = g[t], t >= first else { return nil }
        sum += x - common[t - first]
      }
      return sum / Double(window)
    }
    // Pooled persistence and specific variance per horizon, over origins inside the data.
    var slopes: [Double] = []
    var variances: [Double] = []
    var counts: [Int] = []
    var errors: [[Double]] = []
    for h in 1...horizon {
      var sxy = 0.0
      var sxx = 0.0
      var pairs: [(x: Double, y: Double)] = []
      let lastOrigin = last - h
      if lastOrigin >= first + window - 1 {
        for origin in (first + window - 1)...lastOrigin {
          for name in names {
            guard let x = differential(name, at: origin), let g = growth[name] else { continue }
            var y = 0.0
            var complete = true
            for t in (origin + 1)...(origin + h) {
              guard let v = g[t] else {
                complete = false
                break
              }
              y += v - common[t - first]
            }
            guard complete else { continue }
            sxy += x * y
            sxx += x * x
            pairs.append((x, y))
          }
        }
      }
      guard pairs.count >= Self.minimumMembers, sxx > 0 else {
        guard let b = slopes.last, let v = variances.last else {
          throw Unavailable(
            description:
              "no origin inside the data leaves \(window) years before and one after it")
        }
        let grow = (Double(h) / Double(h - 1)).squareRoot()
        slopes.append(b)
        variances.append(v * Double(h) / Double(h - 1))
        errors.append(errors[errors.count - 1].map { $0 * grow })
        counts.append(0)
        continue
      }
      let b = sxy / sxx
      let residuals = pairs.map { $0.y - b * $0.x }
      slopes.append(b)
      variances.append(residuals.reduce(0) { $0 + $1 * $1 } / Double(residuals.count))
      errors.append(residuals.sorted())
      counts.append(pairs.count)
    }
    // The common index and its forecast: the damped trend on the index when it has the years
    // for it, else a random walk with drift on its log (constant common growth).
    var index = [0.0]
    for g in common { index.append(index[index.count - 1] + g) }
    let years = Array((first - 1)...last)
    let z90 = 1.281_551_565_544_600_5
    let centres: [Double]
    let deviations: [Double]
    if index.count >= DampedTrendETS.minimumObservations {
      let series = try YearlySeries(name: "common growth", years: years, values: index.map(exp))
      let points = try DampedTrendETS().fit(series).forecast(horizon: horizon, paths: 0, seed: 0)
        .points
      centres = points.map { log($0.median) - index[index.count - 1] }
      deviations = points.map { (log($0.hi80) - log($0.lo80)) / (2 * z90) }
      commonModel = "damped"
    } else {
      let series = try YearlySeries(name: "common growth", years: years, values: index)
      let points = try RandomWalk(drift: true).fit(series).forecast(horizon: horizon).points
      centres = points.map { $0.median - index[index.count - 1] }
      deviations = points.map { ($0.hi80 - $0.lo80) / (2 * z90) }
      commonModel = "drift"
    }
    guard (centres + deviations).allSatisfy(\.isFinite) else {
      throw Unavailable(description: "the common trend gave a non-finite forecast")
    }
    // One-way ANOVA of growth by year over the common years.
    var between = 0.0
    var within = 0.0
    var total = 0
    var sum = 0.0
    var groups: [(n: Int, mean: Double)] = []
    for t in first...last {
      let values = names.compactMap { growth[$0]?[t] }
      let mean = values.reduce(0, +) / Double(values.count)
      within += values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      groups.append((values.count, mean))
      total += values.count
      sum += mean * Double(values.count)
    }
    let grand = sum / Double(total)
    for g in groups { between += Double(g.n) * (g.mean - grand) * (g.mean - grand) }
    self.yearEffectShare = between + within > 0 ? between / (between + within) : 0
    var recent: [String: Double] = [:]
    for name in names { recent[name] = differential(name, at: last) }
    self.lastYear = last
    self.members = names
    self.window = window
    self.commonGrowth = common
    self.firstGrowthYear = first
    self.commonCentre = centres
    self.commonStandardDeviation = deviations
    self.persistence = slopes
    self.specificVariance = variances
    self.specificErrors = errors
    self.pairs = counts
    self.differential = recent
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
  public func errorCDF(_ x: Double, horizon h: Int) -> Double {
    let s = commonStandardDeviation[h - 1]
    let r = specificErrors[h - 1]
    var total = 0.0
    for e in r { total += 0.5 * erfc(-(x - e) / (s * 2.0.squareRoot())) }
    return total / Double(r.count)
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
