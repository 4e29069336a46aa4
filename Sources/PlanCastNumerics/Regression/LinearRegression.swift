import COpenBLAS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ordinary and weighted least squares by column-pivoted QR of the column-equilibrated design,
/// never by the normal equations. Rank-deficient designs are fitted on their kept columns and
/// report the aliased ones as dropped, as R's `lm` does.
///
/// The fit allocates only what the result keeps (plus stack temporaries), calls LAPACK's
/// unblocked routines directly on small designs (see ``PivotedQR``) and takes the Student t
/// critical value from a per-process cache: a 25×3 fit with full inference takes about as long
/// as LAPACK's `dgels` alone (see `Benchmarks/README.md`).
public enum LinearRegression {
  /// Fits `data` and computes inference at confidence `level` (default 95%).
  public static func fit(
    _ data: RegressionData, covariance estimator: CovarianceEstimator = .nonrobust,
    confidenceLevel level: Double = 0.95
  ) throws -> RegressionResult {
    let n = data.count
    let p = data.design.columns
    let weights = data.weights

    // Weighted, column-equilibrated design and weighted response.
    var scaled = data.design.elements
    var y = data.response
    var scales = [Double](repeating: 1, count: p)
    var isFinite = true
    scaled.withUnsafeMutableBufferPointer { a in
      if let weights {
        y.withUnsafeMutableBufferPointer { y in
          for i in 0..<n { y[i] *= weights[i].squareRoot() }
        }
        for j in 0..<p {
          for i in 0..<n { a[i + j * n] *= weights[i].squareRoot() }
        }
      }
      for j in 0..<p {
        var norm = 0.0
        for i in 0..<n { norm += a[i + j * n] * a[i + j * n] }
        norm = norm.squareRoot()
        if norm > 0 {
          scales[j] = norm
          for i in 0..<n { a[i + j * n] /= norm }
        }
        for i in 0..<n where !a[i + j * n].isFinite { isFinite = false }
      }
    }
    guard isFinite else {
      throw RegressionError.linearAlgebra(.nonFinite("matrix passed to QR"))
    }

    let qr: PivotedQR
    do { qr = try PivotedQR(factoring: scaled, rows: n, columns: p) } catch let error
      as LinearAlgebraError
    {
      throw RegressionError.linearAlgebra(error)
    }
    let rank = qr.rank
    guard n > rank else {
      throw RegressionError.tooFewObservations(observations: n, parameters: rank)
    }

    // Solve, then one step of iterative refinement with a compensated (twice-working-precision)
    // residual against the scaled design (`qr` factored a copy of it); `beta` holds the scaled
    // solution until it is unscaled.
    var beta = [Double](repeating: 0, count: p)
    try withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { work in
      let c = work.baseAddress!
      c.initialize(from: y, count: n)
      try qr.solve(overwriting: c, into: &beta)
      beta.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          scaled.withUnsafeBufferPointer { a in
            CompensatedArithmetic.residual(
              into: c, y.baseAddress!, a.baseAddress!, rows: n, columns: p, x.baseAddress!)
          }
        }
      }
      try qr.applyQTranspose(c)
      qr.solveR(c)
      for k in 0..<rank { beta[Int(qr.pivots[k]) - 1] += c[k] }
    }
    for j in 0..<p { beta[j] /= scales[j] }

    // Fitted values, residuals on the original scale and their weighted counterparts.
    var fitted = [Double](repeating: 0, count: n)
    if n > 0, p > 0 {
      cblas_dgemv(
        CblasColMajor, CblasNoTrans, Int32(n), Int32(p), 1, data.design.elements, Int32(n), beta,
        1, 0, &fitted, 1)
    }
    var residuals = data.response
    for i in 0..<n { residuals[i] -= fitted[i] }
    var weightedResiduals = residuals
    if let weights {
      for i in 0..<n { weightedResiduals[i] *= weights[i].squareRoot() }
    }
    var rss = 0.0
    for e in weightedResiduals { rss += e * e }
    let tss = totalSumOfSquares(data)
    var yy = 0.0
    for v in y { yy += v * v }
    let isExactFit = rss.squareRoot() <= Double(n) * Double.ulpOfOne * yy.squareRoot()
    if isExactFit { rss = 0 }
    let sigma2 = rss / Double(n - rank)

    // Covariance of the kept coefficients, in design order: (R₁₁ᵀR₁₁)⁻¹ or the sandwich
    // R₁₁⁻¹·M·R₁₁⁻ᵀ in the scaled pivot coordinates, then unscaled and reordered.
    var estimated: [Int] = []
    estimated.reserveCapacity(rank)
    let meat: Matrix? =
      estimator == .nonrobust
      ? nil
      : try estimator.meat(
        qr: qr, weightedResiduals: weightedResiduals)
    var covariance = Matrix(rows: rank, columns: rank)
    try withUnsafeTemporaryAllocation(of: Int.self, capacity: p) { position in
      for j in 0..<p { position[j] = -1 }
      for k in 0..<rank { position[Int(qr.pivots[k]) - 1] = k }
      for j in 0..<p where position[j] >= 0 { estimated.append(j) }
      try withUnsafeTemporaryAllocation(of: Double.self, capacity: rank * rank) { buffer in
        let pivoted = buffer.baseAddress!
        if let meat {
          let c = CovarianceEstimator.congruence(qr: qr, meat: meat)
          for i in 0..<(rank * rank) { pivoted[i] = c.elements[i] }
        } else {
          try qr.inverseGram(into: pivoted)
        }
        covariance.elements.withUnsafeMutableBufferPointer { out in
          for (b, eb) in estimated.enumerated() {
            let pb = position[eb]
            for (a, ea) in estimated.enumerated() {
              let value = pivoted[position[ea] + pb * rank] / (scales[ea] * scales[eb])
              out[a + b * rank] = meat == nil ? value * sigma2 : value
            }
          }
        }
      }
    }

    let coefficients = try makeCoefficients(
      names: data.names, beta: beta, estimated: estimated, covariance: covariance,
      residualDegreesOfFreedom: n - rank, level: level)
    var sumOfLogWeights = 0.0
    if let weights {
      for w in weights { sumOfLogWeights += log(w) }
    }
    return RegressionResult(
      observations: n, rank: rank, coefficients: coefficients, droppedColumns: qr.aliasedColumns,
      covariance: covariance, estimatedColumns: estimated, covarianceEstimator: estimator,
      fittedValues: fitted, residuals: residuals, weightedResiduals: weightedResiduals,
      residualSumOfSquares: rss, totalSumOfSquares: tss, confidenceLevel: level,
      isWeighted: weights != nil, hasIntercept: data.hasIntercept, isExactFit: isExactFit,
      sumOfLogWeights: sumOfLogWeights, factorization: qr, columnScales: scales,
      scaledMeat: meat)
  }

  /// Centred (weighted) total sum of squares with an intercept, uncentred without.
  static func totalSumOfSquares(_ data: RegressionData) -> Double {
    let y = data.response
    var tss = 0.0
    if let w = data.weights {
      guard data.hasIntercept else {
        for i in y.indices { tss += w[i] * y[i] * y[i] }
        return tss
      }
      var totalWeight = 0.0
      var weighted = 0.0
      for i in y.indices {
        totalWeight += w[i]
        weighted += y[i] * w[i]
      }
      let mean = weighted / totalWeight
      for i in y.indices { tss += w[i] * (y[i] - mean) * (y[i] - mean) }
      return tss
    }
    guard data.hasIntercept else {
      for v in y { tss += v * v }
      return tss
    }
    var sum = 0.0
    for v in y { sum += v }
    let mean = sum / Double(y.count)
    for v in y { tss += (v - mean) * (v - mean) }
    return tss
  }

  /// One coefficient per design column; `estimated` lists the design columns of `covariance`.
  static func makeCoefficients(
    names: [String], beta: [Double], estimated: [Int], covariance: Matrix,
    residualDegreesOfFreedom df: Int, level: Double
  ) throws -> [Coefficient] {
    let entry = try StudentTCache.shared.entry(degreesOfFreedom: df, level: level)
    let t = entry.distribution
    let critical = entry.critical
    var coefficients: [Coefficient] = []
    coefficients.reserveCapacity(names.count)
    var k = 0
    for j in names.indices {
      guard k < estimated.count, estimated[k] == j else {
        coefficients.append(
          Coefficient(
            name: names[j], estimate: nil, standardError: nil, tStatistic: nil, pValue: nil,
            confidenceInterval: nil))
        continue
      }
      let se = Swift.max(0, covariance[k, k]).squareRoot()
      let statistic = beta[j] / se
      let p =
        statistic.isNaN ? Double.nan : (statistic.isInfinite ? 0 : t.twoSidedPValue(t: statistic))
      coefficients.append(
        Coefficient(
          name: names[j], estimate: beta[j], standardError: se, tStatistic: statistic, pValue: p,
          confidenceInterval: (beta[j] - critical * se)...(beta[j] + critical * se)))
      k += 1
    }
    return coefficients
  }
}
