/// Everything a ``RegressionResult`` keeps that scales with the problem, in one allocation:
/// per-coefficient statistics, the covariance, the QR factors and the fitted values and
/// residuals, as consecutive blocks of doubles. One heap object per fit instead of a dozen
/// arrays (each with its own allocation, metadata lookup, reference count and release).
///
/// Written only while ``LinearRegression`` builds the result, read-only afterwards, hence
/// `@unchecked Sendable` (`ManagedBuffer` itself is not).
struct RegressionStorage: @unchecked Sendable {
  /// The single heap object: the layout as header, the doubles as elements.
  final class Buffer: ManagedBuffer<Layout, Double> {}

  let buffer: Buffer

  /// Block offsets and sizes.
  var header: Layout { buffer.header }

  /// Offsets (in doubles) of the blocks in the tail allocation.
  struct Layout {
    /// Observations `m` and design columns `p`.
    let rows: Int
    let columns: Int
    /// Estimates, standard errors, t statistics and p-values (design order, `p` each; aliased
    /// columns hold 0 / NaN).
    let estimate: Int
    let standardError: Int
    let tStatistic: Int
    let pValue: Int
    /// Covariance of the kept coefficients (design order, `rank × rank`, room for `p × p`).
    let covariance: Int
    /// Column scales `D` (design order).
    let scales: Int
    /// LAPACK's 1-based pivots, as doubles.
    let pivots: Int
    /// Householder scalars (`min(m, p)`).
    let tau: Int
    /// `R` and the reflectors (`m × p`).
    let factors: Int
    /// Fitted values, residuals and weighted residuals (`m` each; the last aliases the residuals
    /// for OLS).
    let fitted: Int
    let residuals: Int
    let weightedResiduals: Int
    /// The robust estimators' meat (`rank × rank`, room for `p × p`), or -1.
    let meat: Int
    let count: Int

    init(rows m: Int, columns p: Int, weighted: Bool, robust: Bool) {
      rows = m
      columns = p
      estimate = 0
      standardError = p
      tStatistic = 2 * p
      pValue = 3 * p
      covariance = 4 * p
      scales = covariance + p * p
      pivots = scales + p
      tau = pivots + p
      factors = tau + Swift.min(m, p)
      fitted = factors + m * p
      residuals = fitted + m
      weightedResiduals = weighted ? residuals + m : residuals
      let end = weightedResiduals + m
      meat = robust ? end : -1
      count = robust ? end + p * p : end
    }
  }

  /// A storage with uninitialized elements (doubles need no initialization).
  static func make(_ layout: Layout) -> RegressionStorage {
    let buffer = Buffer.create(minimumCapacity: layout.count) { _ in layout }
    return RegressionStorage(buffer: unsafeDowncast(buffer, to: Buffer.self))
  }

  /// Pointer to the block starting at `offset`, valid while the storage is alive.
  @inline(__always)
  func pointer(_ offset: Int) -> UnsafeMutablePointer<Double> {
    buffer.withUnsafeMutablePointerToElements { $0 + offset }
  }

  /// The `count` doubles at `offset` as an array.
  func array(_ offset: Int, count: Int) -> [Double] {
    Array(UnsafeBufferPointer(start: pointer(offset), count: count))
  }
}
