import PlanCastForecasting
import PlanCastPlan

/// One series the Monte Carlo simulates: a fitted model (or a product of two other series), its
/// observed values and where its shocks sit in the joint innovation vector.
struct SimulatedSeries: Sendable {
  /// Where the series' paths come from.
  enum Source: Sendable {
    /// Simulated by its fitted model.
    case model(any FittedModel)
    /// Computed from two other series on every draw.
    case product(SeriesProduct)
  }

  let area: String
  let indicator: String
  let kind: IndicatorKind
  /// How a constant yearly change compounds for this indicator (levels: growth or difference).
  let trend: TrendMeasure?
  let source: Source
  /// The model's name, or the product's rule.
  let modelName: String
  /// Observed values by year (the fitted data window, after `--as-of`).
  let observed: [Int: Double]
  let lastObserved: Int
  /// Projected years `lastObserved+1 ... lastYear`.
  let lastYear: Int
  let proxyNote: String?
  /// The fitted years and rolling-origin record of the model.
  let evidence: ProjectionEvidence?
  /// Indicators whose growth effects also move this series (nominal GDP follows real growth).
  let followsIndicator: String?
  /// Offset of this series' first component in the joint innovation vector of a year.
  let componentOffset: Int
  /// A stable key for this series' parameter-draw stream.
  let streamKey: UInt64

  var fitted: (any FittedModel)? {
    if case .model(let m) = source { m } else { nil }
  }
  var product: SeriesProduct? {
    if case .product(let p) = source { p } else { nil }
  }
  /// Shocks per projected year: none for a product, which takes its components'.
  var components: Int { fitted?.innovationsPerYear ?? 0 }
  var horizon: Int { lastYear - lastObserved }
  var firstProjected: Int { lastObserved + 1 }
  var lastObservedValue: Double { observed[lastObserved]! }

  /// Where a year's value comes from: observed, a projected year's index into the path, or
  /// neither (a gap in the data, or beyond ``lastYear``).
  enum YearValue: Sendable {
    case observed(Double)
    case projected(Int)
    case missing

    /// The value on `path` (NaN when missing).
    @inline(__always)
    func read(_ path: UnsafeBufferPointer<Double>) -> Double {
      switch self {
      case .observed(let v): v
      case .projected(let h): path[h]
      case .missing: .nan
      }
    }
  }

  /// Where `year`'s value comes from.
  func yearValue(_ year: Int) -> YearValue {
    if year <= lastObserved { return observed[year].map(YearValue.observed) ?? .missing }
    let h = year - firstProjected
    return h < horizon ? .projected(h) : .missing
  }
}

/// Stable 64-bit FNV-1a hash of a string, for deriving random streams from names.
func stableHash(_ text: String) -> UInt64 {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in text.utf8 {
    hash ^= UInt64(byte)
    hash = hash &* 0x100_0000_01b3
  }
  return hash
}
