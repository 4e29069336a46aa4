import Foundation
import PlanCastNumerics

/// Learns a ``PathCalibration`` for a ``GrowthAutoregression`` from a reference class of level
/// series (e.g. the real GDP index of 296 cities): the model is fitted to every member at every
/// rolling origin inside the class, its predictive distribution of the cumulative growth
/// simulated, and compared with what happened.
///
/// **Pairs.** For member `i`, origin `o` and horizon `h ≤ H` with `o + h ≤` ``lastYear``, the
/// member is cut at `o` (levels; growth rates `100·(y_t/y_{t−1} − 1)` when the model reads
/// rates), the model fitted (members or origins it cannot be fitted to are skipped and counted),
/// and ``paths`` paths simulated (path `k` of pair (`i`, `o`): `Philox(seed: s_{i,o}, stream: k)`,
/// bitwise the same for any thread count). With `m_h` the point path's cumulative growth, the
/// pair keeps the error `r = a_h − m_h` of the outturn `a_h = 100·log(y_{o+h}/y_o)` and the
/// model's quantiles of `c_h − m_h` at 2.5, 10, 90 and 97.5 %. Nothing after ``lastYear`` is read.
///
/// **Estimates per horizon.** `b_h` is the median of `r` over the pairs (robust to the few
/// cities whose statistics were revised). For each band (80 % and 95 %) the conformal scale is the
/// smallest `λ` whose band `b_h + λ·[q_lo, q_hi]` holds its nominal share of the pairs
/// (split-conformal prediction with normalised scores: Papadopoulos et al. 2002; Lei et al.
/// 2018); `λ_h` is the geometric mean of the two, as one scale must serve every quantile of a
/// path. (The class's errors have fatter tails than the model's normal shocks, so the 95 % scale
/// is the larger and, with one `λ`, the 80 % band over-covers a little and the 95 % band
/// under-covers a little; the fit reports both coverages.) A horizon with fewer than
/// ``minimumPairs`` pairs or ``minimumOrigins`` origins takes the previous horizon's `λ` and
/// continues its shift per year (see ``PathCalibration``).
public struct PathCalibrationEstimator: Sendable {
  /// The model to calibrate (its ``GrowthAutoregression/calibration`` is ignored).
  public let model: GrowthAutoregression
  /// The horizons `1…H` to calibrate.
  public let horizons: Int
  /// The class's last year used: pairs end there.
  public let lastYear: Int
  public let paths: Int
  public let seed: UInt64
  public let threads: Int
  /// The fewest pairs, and the fewest distinct origins among them, for a horizon's own
  /// estimate. Pairs of one origin share that year's common shock (the cities' growth moves
  /// together), so they are nearly one observation of it: three origins at least.
  public let minimumPairs: Int
  public let minimumOrigins: Int

  /// Default paths per pair.
  public static let defaultPaths = 1000
  /// The largest `H`.
  public static let maximumHorizons = 10

  public init(
    model: GrowthAutoregression, horizons: Int, lastYear: Int, paths: Int = defaultPaths,
    seed: UInt64 = 20_210_602, threads: Int = 1, minimumPairs: Int = 100,
    minimumOrigins: Int = 3
  ) {
    var model = model
    model.calibration = nil
    self.model = model
    self.horizons = horizons
    self.lastYear = lastYear
    self.paths = paths
    self.seed = seed
    self.threads = threads
    self.minimumPairs = minimumPairs
    self.minimumOrigins = minimumOrigins
  }

  /// One pair's error and the model's quantiles of `c_h − m_h` (2.5, 10, 90, 97.5 %).
  public struct Pair: Sendable, Equatable {
    public let member: Int
    public let origin: Int
    public let horizon: Int
    public let error: Double
    public let quantiles: [Double]
  }

  /// What was learnt, with the evidence per horizon.
  public struct Fit: Sendable, Equatable {
    public let calibration: PathCalibration
    public let pairs: [Pair]
    /// Members fitted at least once, and (member, origin) fits that failed for another reason
    /// than a history too short at an early origin.
    public let membersUsed: Int
    public let failedFits: Int
    /// Pairs left out because some simulated path left the domain (a growth rate at or below
    /// −100 %, i.e. a level at or below zero): their quantiles are not finite.
    public let degeneratePairs: Int
    /// Per horizon: pairs, and the 80 %/95 % coverage (%) before and after calibration.
    public let summaries: [HorizonSummary]
    /// The origins that gave pairs.
    public let origins: ClosedRange<Int>?
  }

  public struct HorizonSummary: Sendable, Equatable {
    public let horizon: Int
    public let pairs: Int
    public let bias: Double
    public let scale: Double
    /// Whether `b_h` and `λ_h` were estimated here (false: carried from the previous horizon).
    public let estimated: Bool
    public let coverage80Before: Double
    public let coverage95Before: Double
    public let coverage80After: Double
    public let coverage95After: Double
  }

  /// The pairs of the members (level series), then the estimates.
  public func fit(_ members: [YearlySeries]) throws(Failure) -> Fit {
    guard (1...Self.maximumHorizons).contains(horizons) else {
      throw Failure(description: "horizons must be 1…\(Self.maximumHorizons), not \(horizons)")
    }
    guard paths >= 20 else {
      throw Failure(description: "at least 20 paths per pair are needed, not \(paths)")
    }
    let store = ResultStore<([Pair], fitted: Bool, failed: Int)>(count: members.count)
    let workers = Swift.max(1, Swift.min(threads, members.count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let k = store.next() {
        store.put(memberPairs(k, members[k]), at: k) { _ in }
      }
    }
    let results = store.results()
    let all = results.flatMap(\.0)
    let pairs = all.filter { ($0.quantiles + [$0.error]).allSatisfy(\.isFinite) }
    var bias: [Double] = []
    var scale: [Double] = []
    var summaries: [HorizonSummary] = []
    for h in 1...horizons {
      let here = pairs.filter { $0.horizon == h }
      let estimated =
        here.count >= minimumPairs && Set(here.map(\.origin)).count >= minimumOrigins
      let b: Double
      let l: Double
      if estimated {
        b = Self.median(here.map(\.error))
        l = Self.bestScale(here, bias: b)
      } else if let previous = bias.last, let previousScale = scale.last {
        b = previous * Double(h) / Double(h - 1)
        l = previousScale
      } else {
        throw Failure(
          description:
            "only \(here.count) rolling-origin pairs from \(Set(here.map(\.origin)).count) "
            + "origins at horizon 1 (need \(minimumPairs) from \(minimumOrigins)): "
            + "the class is too small or too short for the model")
      }
      bias.append(b)
      scale.append(l)
      summaries.append(
        HorizonSummary(
          horizon: h, pairs: here.count, bias: b, scale: l, estimated: estimated,
          coverage80Before: Self.coverage(here, bias: 0, scale: 1, band: 1),
          coverage95Before: Self.coverage(here, bias: 0, scale: 1, band: 0),
          coverage80After: Self.coverage(here, bias: b, scale: l, band: 1),
          coverage95After: Self.coverage(here, bias: b, scale: l, band: 0)))
    }
    let origins = pairs.map(\.origin)
    guard let calibration = PathCalibration(bias: bias, scale: scale) else {
      throw Failure(
        description:
          "no finite positive scale: the model's bands do not contain most outturns at any "
          + "stretch (scales \(scale))")
    }
    return Fit(
      calibration: calibration, pairs: pairs,
      membersUsed: results.count { $0.fitted }, failedFits: results.reduce(0) { $0 + $1.failed },
      degeneratePairs: all.count - pairs.count,
      summaries: summaries,
      origins: origins.min().flatMap { lo in origins.max().map { lo...$0 } })
  }

  /// Why no calibration could be estimated.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public let description: String
  }

  /// The working series the model reads, from a level series cut at the origin.
  func working(_ levels: YearlySeries) -> YearlySeries {
    guard model.input == .rates else { return levels }
    var years: [Int] = []
    var values: [Double] = []
    for k in levels.years.indices.dropFirst() where levels.years[k] == levels.years[k - 1] + 1 {
      years.append(levels.years[k])
      values.append(100 * (levels.values[k] / levels.values[k - 1] - 1))
    }
    return YearlySeries(unchecked: levels.name, years, values)
  }

  /// Every pair of one member.
  func memberPairs(_ index: Int, _ series: YearlySeries) -> ([Pair], fitted: Bool, failed: Int) {
    let levels = series.through(lastYear)
    guard levels.values.allSatisfy({ $0 > 0 && $0.isFinite }), let first = levels.years.first
    else { return ([], false, 0) }
    var pairs: [Pair] = []
    var failed = 0
    var fitted = false
    for origin in first..<lastYear {
      guard let start = levels.value(at: origin) else { continue }
      let reach = Swift.min(horizons, lastYear - origin)
      let outturns = (1...reach).map { levels.value(at: origin + $0) }
      guard outturns.contains(where: { $0 != nil }) else { continue }
      let fit: FittedGrowthAutoregression
      do {
        fit = try model.fitted(working(levels.through(origin)))
      } catch ForecastError.tooFewObservations {
        continue  // an early origin: not enough history yet
      } catch {
        failed += 1
        continue
      }
      fitted = true
      let centre = fit.centrePath(horizon: reach)
      let samples = fit.simulatedCumulativeGrowth(
        horizon: reach, paths: paths,
        seed: BatchForecaster.seriesSeed(seed, id: "\(index)/\(origin)"))
      for h in 0..<reach {
        guard let outturn = outturns[h], outturn > 0 else { continue }
        let sorted = samples[h].map { $0 - centre[h] }.sorted()
        pairs.append(
          Pair(
            member: index, origin: origin, horizon: h + 1,
            error: 100 * log(outturn / start) - centre[h],
            quantiles: [0.025, 0.1, 0.9, 0.975].map { Quantile.sorted(sorted, $0) }))
      }
    }
    return (pairs, fitted, failed)
  }

  /// The share (%) of pairs inside the calibrated band (`band` 1: 80 %, 0: 95 %).
  static func coverage(_ pairs: [Pair], bias: Double, scale: Double, band: Int) -> Double {
    guard !pairs.isEmpty else { return .nan }
    let inside = pairs.count { p in
      let lo = bias + scale * p.quantiles[band]
      let hi = bias + scale * p.quantiles[3 - band]
      return lo <= p.error && p.error <= hi
    }
    return 100 * Double(inside) / Double(pairs.count)
  }

  /// The conformal scale of one band (`band` 1: 80 %, 0: 95 %): the `level` quantile of each
  /// pair's normalised score `(r − b)/q_hi` above the shift, `(r − b)/q_lo` below it, i.e. the
  /// smallest `λ` whose band `b + λ·[q_lo, q_hi]` holds that share of the pairs (split-conformal
  /// prediction with normalised scores).
  static func conformalScale(_ pairs: [Pair], bias: Double, band: Int, level: Double) -> Double {
    let scores = pairs.map { p -> Double in
      let d = p.error - bias
      let q = d >= 0 ? p.quantiles[3 - band] : p.quantiles[band]
      return q * d > 0 ? d / q : (d == 0 ? 0 : .infinity)
    }
    return Quantile.sorted(scores.sorted(), level)
  }

  /// `λ_h`: the geometric mean of the 80 % and the 95 % band's conformal scales.
  static func bestScale(_ pairs: [Pair], bias: Double) -> Double {
    let s80 = conformalScale(pairs, bias: bias, band: 1, level: 0.8)
    let s95 = conformalScale(pairs, bias: bias, band: 0, level: 0.95)
    return (s80 * s95).squareRoot()
  }

  static func median(_ values: [Double]) -> Double {
    Quantile.sorted(values.sorted(), 0.5)
  }
}

extension FittedGrowthAutoregression {
  /// `paths` simulated paths' cumulative log growth (%), one column per horizon: path `k` draws
  /// its innovations and then its parameters from `Philox(seed:, stream: k)`.
  func simulatedCumulativeGrowth(horizon: Int, paths: Int, seed: UInt64) -> [[Double]] {
    let rates = spec.input == .rates
    return SimulatedForecast.simulate(
      quantities: 1, horizon: horizon, paths: paths, seed: seed, perYear: 1
    ) { innovations, generator, out in
      simulateGrowth(innovations: innovations, generator: &generator, into: out)
      let cumulative = PathCalibration.cumulative(Array(out), rates: rates)
      for h in 0..<out.count { out[h] = cumulative[h] }
    }[0]
  }
}
