/// What a series' backtest concludes: the declared model against the better of the naive and
/// drift benchmarks, both scored on the same forecasts (the origins and horizons where each
/// could be fitted and checked), so that a model skipping hard origins gains nothing.
public struct BacktestVerdict: Sendable {
  public enum Outcome: String, Sendable {
    /// The declared model's MASE is at most the better benchmark's.
    case beatsBenchmarks = "beats benchmarks"
    /// A benchmark forecasts better: the declared model should be reconsidered.
    case losesToBenchmark = "loses to benchmark"
    /// No forecast of the declared model could be checked.
    case notBacktested = "not backtested"
  }

  public let area: String
  public let indicator: String
  /// The declared model's label ("declared: ar") and the better benchmark's ("naive", "drift").
  public let declaredModel: String?
  public let benchmarkModel: String?
  /// Accuracy of each on the forecasts both made.
  public let declared: AccuracySummary?
  public let benchmark: AccuracySummary?
  public let outcome: Outcome
  /// The declared model's forecasts left out because their mean is not finite.
  public let undefinedForecasts: Int

  /// One verdict per series of `rows`, in their order.
  public static func verdicts(_ rows: [SeriesBacktest.Row]) -> [BacktestVerdict] {
    var order: [String] = []
    var groups: [String: [SeriesBacktest.Row]] = [:]
    for row in rows {
      let key = "\(row.area)|\(row.indicator)"
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(row)
    }
    return order.compactMap { groups[$0].map(verdict) }
  }

  static func verdict(_ rows: [SeriesBacktest.Row]) -> BacktestVerdict {
    let area = rows.first?.area ?? ""
    let indicator = rows.first?.indicator ?? ""
    let declared = rows.first { $0.model.hasPrefix("declared") }
    let undefined = declared?.records.filter { !$0.forecast.mean.isFinite }.count ?? 0
    let candidates = rows.filter { $0.model == "naive" || $0.model == "drift" }
    var best: (row: SeriesBacktest.Row, declared: AccuracySummary, benchmark: AccuracySummary)?
    if let declared {
      for candidate in candidates {
        let (a, b) = common(declared.records, candidate.records)
        guard let a = AccuracySummary(a), let b = AccuracySummary(b) else { continue }
        if best == nil || b.mase < best?.benchmark.mase ?? .infinity {
          best = (candidate, a, b)
        }
      }
    }
    guard let best else {
      return BacktestVerdict(
        area: area, indicator: indicator, declaredModel: declared?.model, benchmarkModel: nil,
        declared: nil, benchmark: nil, outcome: .notBacktested, undefinedForecasts: undefined)
    }
    return BacktestVerdict(
      area: area, indicator: indicator, declaredModel: declared?.model,
      benchmarkModel: best.row.model, declared: best.declared, benchmark: best.benchmark,
      outcome: best.declared.mase <= best.benchmark.mase ? .beatsBenchmarks : .losesToBenchmark,
      undefinedForecasts: undefined)
  }

  /// The records of `a` and `b` at the (origin, horizon) pairs both have with a finite mean, in
  /// `a`'s order.
  static func common(_ a: [Backtest.Record], _ b: [Backtest.Record])
    -> ([Backtest.Record], [Backtest.Record])
  {
    let byKey = Dictionary(
      b.map { ("\($0.origin)+\($0.horizon)", $0) }, uniquingKeysWith: { first, _ in first })
    var left: [Backtest.Record] = []
    var right: [Backtest.Record] = []
    for r in a {
      guard let match = byKey["\(r.origin)+\(r.horizon)"], r.forecast.mean.isFinite,
        match.forecast.mean.isFinite
      else { continue }
      left.append(r)
      right.append(match)
    }
    return (left, right)
  }
}
