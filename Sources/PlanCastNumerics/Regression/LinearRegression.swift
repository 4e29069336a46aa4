#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ordinary and weighted least squares by column-pivoted QR of the column-equilibrated design,
/// never by the normal equations. Rank-deficient designs are fitted on their kept columns and
/// report the aliased ones as dropped, as R's `lm` does.
public enum LinearRegression {
  /// Fits `data` and computes inference at confidence `level` (default 95%).
  public static func fit(
    _ data: RegressionData, covariance estimator: CovarianceEstimator = .nonrobust,
    confidenceLevel level: Double = 0.95
  ) throws -> RegressionResult {
    let n = data.count
    let p = data.design.columns
    let sqrtWeights = data.weights?.map { $0.squareRoot() }

    // Weighted, column-equilibrated design and response.
    var scaled = data.design
    var y = data.response
    if let sqrtWeights {
      for i in 0..<n { y[i] *= sqrtWeights[i] }
      for j in 0..<p {
        for i in 0..<n { scaled[i, j] *= sqrtWeights[i] }
      }
    }
    let weightedDesign = scaled
    var scales = [Double](repeating: 1, count: p)
    for j in 0..<p {
      var norm = 0.0
      for i in 0..<n { norm += scaled[i, j] * scaled[i, j] }
      norm = norm.squareRoot()
      if norm > 0 {
        scales[j] = norm
        for i in 0..<n { scaled[i, j] /= norm }
      }
    }

    let qr: PivotedQR
    do { qr = try PivotedQR(scaled) } catch let error as LinearAlgebraError {
      throw RegressionError.linearAlgebra(error)
    }
    let rank = qr.rank
    guard n > rank else { throw RegressionError.tooFewObservations(observations: n, parameters: rank) }
    var scaledSolution = try qr.solve(y)
    // One step of iterative refinement with a compensated (twice-working-precision) residual.
    let refinementResidual = CompensatedArithmetic.residual(y, scaled, scaledSolution)
    let correction = try qr.solve(refinementResidual)
    for j in 0..<p { scaledSolution[j] += correction[j] }
    let beta = (0..<p).map { scaledSolution[$0] / scales[$0] }

    // Residuals on the original scale and their weighted counterparts.
    let fitted = try data.design.multiplied(by: beta)
    let residuals = (0..<n).map { data.response[$0] - fitted[$0] }
    let weightedResiduals = sqrtWeights.map { w in (0..<n).map { residuals[$0] * w[$0] } } ?? residuals
    var rss = weightedResiduals.reduce(0) { $0 + $1 * $1 }
    let tss = totalSumOfSquares(data)
    let yNorm = y.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let isExactFit = rss.squareRoot() <= Double(n) * Double.ulpOfOne * yNorm
    if isExactFit { rss = 0 }

    // Covariance of the kept coefficients, in design order.
    let kept = qr.keptColumns
    let order = kept.enumerated().sorted { $0.element < $1.element }
    let estimated = order.map(\.element)
    let unscaledPivot = try qr.inverseGramOfKeptColumns()
    var bread = Matrix(rows: rank, columns: rank)
    for (a, pa) in order.enumerated() {
      for (b, pb) in order.enumerated() {
        bread[a, b] =
          unscaledPivot[pa.offset, pb.offset] / (scales[pa.element] * scales[pb.element])
      }
    }
    let sigma2 = rss / Double(n - rank)
    let covariance: Matrix
    switch estimator {
    case .nonrobust:
      var c = bread
      for i in c.elements.indices { c.elements[i] *= sigma2 }
      covariance = c
    case .hc1, .hac:
      covariance = try estimator.sandwich(
        bread: bread, design: weightedDesign.selectingColumns(estimated),
        residuals: weightedResiduals, parameters: rank)
    }

    let coefficients = try makeCoefficients(
      names: data.names, beta: beta, estimated: estimated, covariance: covariance,
      residualDegreesOfFreedom: n - rank, level: level)

    var r = Matrix(rows: Swift.min(n, p), columns: p)
    for j in 0..<p {
      for i in 0..<Swift.min(j + 1, r.rows) { r[i, j] = qr.r(i, j) }
    }
    return RegressionResult(
      observations: n, rank: rank, coefficients: coefficients, droppedColumns: qr.aliasedColumns,
      covariance: covariance, estimatedColumns: estimated, covarianceEstimator: estimator,
      fittedValues: fitted, residuals: residuals, weightedResiduals: weightedResiduals,
      residualSumOfSquares: rss, totalSumOfSquares: tss, confidenceLevel: level,
      isWeighted: data.weights != nil, hasIntercept: data.hasIntercept,
      isExactFit: isExactFit,
      sumOfLogWeights: data.weights?.reduce(0) { $0 + log($1) } ?? 0,
      triangularFactor: r, columnScales: qr.permutation.map { scales[$0] })
  }

  /// Centred (weighted) total sum of squares with an intercept, uncentred without.
  static func totalSumOfSquares(_ data: RegressionData) -> Double {
    let y = data.response
    let w = data.weights ?? [Double](repeating: 1, count: y.count)
    guard data.hasIntercept else { return zip(y, w).reduce(0) { $0 + $1.1 * $1.0 * $1.0 } }
    let totalWeight = w.reduce(0, +)
    let mean = zip(y, w).reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
    return zip(y, w).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) }
  }

  static func makeCoefficients(
    names: [String], beta: [Double], estimated: [Int], covariance: Matrix,
    residualDegreesOfFreedom df: Int, level: Double
  ) throws -> [Coefficient] {
    let t = try StudentT(degreesOfFreedom: Double(df))
    let critical = t.quantile(0.5 + level / 2)
    var slot = [Int?](repeating: nil, count: names.count)
    for (k, j) in estimated.enumerated() { slot[j] = k }
    return names.indices.map { j in
      guard let k = slot[j] else {
        return Coefficient(
          name: names[j], estimate: nil, standardError: nil, tStatistic: nil, pValue: nil,
          confidenceInterval: nil)
      }
      let se = Swift.max(0, covariance[k, k]).squareRoot()
      let statistic = beta[j] / se
      let p = statistic.isNaN ? Double.nan : (statistic.isInfinite ? 0 : t.twoSidedPValue(t: statistic))
      return Coefficient(
        name: names[j], estimate: beta[j], standardError: se, tStatistic: statistic, pValue: p,
        confidenceInterval: (beta[j] - critical * se)...(beta[j] + critical * se))
    }
  }
}
