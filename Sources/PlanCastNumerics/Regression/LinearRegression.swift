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
/// Everything the result keeps lives in one ``RegressionStorage`` allocation; temporaries are on
/// the stack. Small designs (``SmallPivotedQR/applies(rows:columns:)``) are factored and solved
/// by plain loops with LAPACK's arithmetic; larger ones by the blocked LAPACK drivers. One step
/// Iterative refinement of the augmented system with compensated residuals follows the QR solve
/// unless a per-coefficient error bound shows the solve already accurate to
/// ``refinementThreshold`` (see ``solveErrorBound(rows:columns:inverseGramDiagonal:responseNorm:factorNorm:solutionNorm:inverseNorm:residualNorm:)``).
/// See `Benchmarks/README.md` for timings.
public enum LinearRegression {
  /// Fits `data` and computes inference at confidence `level` (default 95%).
  public static func fit(
    _ data: RegressionData, covariance estimator: CovarianceEstimator = .nonrobust,
    confidenceLevel level: Double = 0.95
  ) throws -> RegressionResult {
    let n = data.count
    let p = data.design.columns
    let robust = estimator != .nonrobust
    let layout = RegressionStorage.Layout(
      rows: n, columns: p, weighted: data.weights != nil, robust: robust)
    let storage = RegressionStorage.make(layout)
    let fitted = try withExtendedLifetime(storage) {
      try data.design.elements.withUnsafeBufferPointer { x in
        try data.response.withUnsafeBufferPointer { y in
          try withUnsafeTemporaryAllocation(of: Int32.self, capacity: p) { pivots in
            try withUnsafeTemporaryAllocation(
              of: Double.self, capacity: 2 * n + 4 * p + p * p + (data.weights == nil ? 0 : n * p)
            ) { work in
              try fit(
                data, x: x.baseAddress!, y: y.baseAddress!, storage: storage, layout: layout,
                estimator: estimator, level: level, pivots: pivots.baseAddress!,
                work: work.baseAddress!)
            }
          }
        }
      }
    }
    return RegressionResult(
      observations: n, rank: fitted.rank, names: data.names, storage: storage,
      covarianceEstimator: estimator, residualSumOfSquares: fitted.rss,
      totalSumOfSquares: fitted.tss, confidenceLevel: level, criticalValue: fitted.critical,
      isWeighted: data.weights != nil, hasIntercept: data.hasIntercept,
      isExactFit: fitted.isExactFit, sumOfLogWeights: fitted.sumOfLogWeights)
  }

  /// The relative accuracy below which one QR solve is kept without refinement.
  static let refinementThreshold = 1e-13

  /// Bound on the absolute error of one coefficient `x̃_q` of the QR solution in the
  /// equilibrated coordinates, from the backward stability of Householder QR (Higham,
  /// *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §19.3 and Thm. 20.3: the
  /// computed solution solves a problem perturbed by `‖δA‖ ≤ γ‖A‖`, `‖δb‖ ≤ γ‖b‖`; here
  /// `γ = √(mn)·u`, `u = ε/2`, the probabilistic form of the constant of Higham and Mary, 2019)
  /// and first-order perturbation theory, row by row:
  /// `|δx̃_q| ≤ γ·‖e_qᵀÃ⁺‖·(‖b‖ + ‖Ã‖‖x̃‖ + ‖R₁₁⁻¹‖‖Ã‖‖r‖)`, with `‖e_qᵀÃ⁺‖² = [(R₁₁ᵀR₁₁)⁻¹]_qq`
  /// (the covariance needs it anyway). `factorNorm` and `inverseNorm` are upper bounds on the
  /// 2-norms of `Ã` and `R₁₁⁻¹`.
  static func solveErrorBound(
    rows m: Int, columns n: Int, inverseGramDiagonal cqq: Double, responseNorm: Double,
    factorNorm: Double, solutionNorm: Double, inverseNorm: Double, residualNorm: Double
  ) -> Double {
    let gamma = (Double(m) * Double(n)).squareRoot() * (0.5 * Double.ulpOfOne)
    return gamma * cqq.squareRoot()
      * (responseNorm + factorNorm * solutionNorm + inverseNorm * factorNorm * residualNorm)
  }

  /// Upper bounds on `‖R₁₁‖₂²` and `‖R₁₁⁻¹‖₂²` from the factor at `a` (leading dimension
  /// `lda`) and `C = (R₁₁ᵀR₁₁)⁻¹`: the smaller of the squared Frobenius norm and the ∞-norm of
  /// the symmetric `R₁₁ᵀR₁₁` or `C` (each bounds the largest eigenvalue). The Gram matrix is
  /// formed only for ranks up to 8.
  static func squaredNormBounds(
    factors a: UnsafePointer<Double>, leadingDimension lda: Int, rank r: Int,
    inverseGram c: UnsafePointer<Double>
  ) -> (factor: Double, inverse: Double) {
    var factorFrobenius = 0.0
    var inverseTrace = 0.0
    var inverseInfinity = 0.0
    for j in 0..<r {
      inverseTrace += c[j + j * r]
      for i in 0...j { factorFrobenius += a[i + j * lda] * a[i + j * lda] }
      var row = 0.0
      for i in 0..<r { row += abs(c[i + j * r]) }
      inverseInfinity = Swift.max(inverseInfinity, row)
    }
    var factor = factorFrobenius
    if r <= 8 {
      // ‖RᵀR‖_∞: (RᵀR)_ij = Σ_{l ≤ min(i,j)} R_li R_lj.
      var infinity = 0.0
      for i in 0..<r {
        var row = 0.0
        for j in 0..<r {
          var g = 0.0
          for l in 0...Swift.min(i, j) { g += a[l + i * lda] * a[l + j * lda] }
          row += abs(g)
        }
        infinity = Swift.max(infinity, row)
      }
      factor = Swift.min(factor, infinity)
    }
    return (factor, Swift.min(inverseTrace, inverseInfinity))
  }

  /// What the fit returns besides the storage.
  struct Summary {
    let rank: Int
    let rss: Double
    let tss: Double
    let critical: Double
    let isExactFit: Bool
    let sumOfLogWeights: Double
  }

  /// The fit proper: `x` and `y` are the design and response, `pivots` holds `p` Int32s, `work`
  /// `2n + 4p + p² (+ np when weighted)` doubles.
  private static func fit(
    _ data: RegressionData, x: UnsafePointer<Double>, y: UnsafePointer<Double>,
    storage: RegressionStorage, layout: RegressionStorage.Layout, estimator: CovarianceEstimator,
    level: Double, pivots: UnsafeMutablePointer<Int32>, work: UnsafeMutablePointer<Double>
  ) throws -> Summary {
    let n = layout.rows
    let p = layout.columns
    let k = Swift.min(n, p)
    let small = SmallPivotedQR.applies(rows: n, columns: p)
    let a = storage.pointer(layout.factors)
    let scales = storage.pointer(layout.scales)
    let tau = storage.pointer(layout.tau)
    // Work space: the (weighted) response, a solve vector, column norms (2p), the scaled
    // solution, the covariance in pivot coordinates (p²) and the weighted design.
    let yw = work
    let c = work + n
    let norms = c + n
    let beta = norms + 2 * p
    let position = beta + p
    let pivoted = position + p
    let weightedDesign = pivoted + p * p

    // One pass per column: weight, copy, norm, equilibrate, norm of the scaled column.
    let sqrtWeights = storage.pointer(layout.fitted)  // scratch until the fitted values
    if let weights = data.weights {
      for i in 0..<n {
        sqrtWeights[i] = weights[i].squareRoot()
        yw[i] = y[i] * sqrtWeights[i]
      }
    } else {
      yw.update(from: y, count: n)
    }
    for j in 0..<p {
      let column = a + j * n
      let source = x + j * n
      var sum = 0.0
      if data.weights != nil {
        let copy = weightedDesign + j * n
        for i in 0..<n {
          let v = source[i] * sqrtWeights[i]
          copy[i] = v
          column[i] = v
          sum += v * v
        }
      } else {
        for i in 0..<n {
          let v = source[i]
          column[i] = v
          sum += v * v
        }
      }
      let norm =
        sum > 0x1p-900 && sum < 0x1p900
        ? sum.squareRoot() : SmallPivotedQR.norm(column, count: n)
      guard norm.isFinite else {
        throw RegressionError.overflow(column: j < data.names.count ? data.names[j] : "\(j + 1)")
      }
      scales[j] = 1
      norms[j] = 0
      if norm > 0 {
        scales[j] = norm
        for i in 0..<n { column[i] /= norm }
        // The scaled column's norm, 1 up to rounding (it only orders the pivots and seeds
        // dlaqp2's downdating, which recomputes norms that lose half their digits).
        norms[j] = norm == sum.squareRoot() ? 1 : SmallPivotedQR.norm(column, count: n)
      }
    }

    // Pivoted QR.
    if k > 0 {
      if small {
        SmallPivotedQR.factor(a, rows: n, columns: p, norms: norms, tau: tau, pivots: pivots)
      } else {
        for j in 0..<p { pivots[j] = 0 }
        let lwork = 2 * p + (p + 1) * 64
        var lapackWork = [Double](repeating: 0, count: lwork)
        let info = LAPACKE_dgeqp3_work(
          LAPACK_COL_MAJOR, Int32(n), Int32(p), a, Int32(n), pivots, tau, &lapackWork,
          Int32(lwork))
        do {
          try LinearAlgebraError.check(info, routine: "dgeqp3") { _ in
            .illegalArgument(routine: "dgeqp3", argument: 0)
          }
        } catch let error as LinearAlgebraError { throw RegressionError.linearAlgebra(error) }
      }
    } else {
      for j in 0..<p { pivots[j] = Int32(j + 1) }
    }
    let tolerance = PivotedQR.defaultTolerance(rows: n, columns: p)
    let largest = k > 0 ? abs(a[0]) : 0
    var rank = 0
    while rank < k, abs(a[rank + rank * n]) > tolerance * largest { rank += 1 }
    guard n > rank else {
      throw RegressionError.tooFewObservations(observations: n, parameters: rank)
    }
    let storedPivots = storage.pointer(layout.pivots)
    for j in 0..<p {
      storedPivots[j] = Double(pivots[j])
      position[j] = -1
    }
    for q in 0..<rank { position[Int(pivots[q]) - 1] = Double(q) }

    // Solve R₁₁·z = (Qᵀ·y)₁ in the scaled coordinates.
    c.update(from: yw, count: n)
    try applyQ(a, rows: n, reflectors: k, tau: tau, c, small: small, transpose: true)
    var tailSquares = 0.0
    for i in rank..<n { tailSquares += c[i] * c[i] }
    solveR(a, rows: n, rank: rank, c, small: small)
    for j in 0..<p { beta[j] = 0 }
    var solutionSquares = 0.0
    for q in 0..<rank {
      beta[Int(pivots[q]) - 1] = c[q]
      solutionSquares += c[q] * c[q]
    }

    // (R₁₁ᵀR₁₁)⁻¹ in pivot coordinates, and from it the condition number of R₁₁.
    do {
      if small {
        try SmallPivotedQR.inverseGram(a, leadingDimension: n, order: rank, into: pivoted)
      } else {
        try PivotedQR.inverseGram(factors: a, rows: n, rank: rank, into: pivoted)
      }
    } catch let error as LinearAlgebraError { throw RegressionError.linearAlgebra(error) }
    let (factorSquares, inverseSquares) = squaredNormBounds(
      factors: a, leadingDimension: n, rank: rank, inverseGram: pivoted)
    var responseSquares = 0.0
    for i in 0..<n { responseSquares += yw[i] * yw[i] }
    // Largest relative error bound over the kept coefficients (∞ when one is exactly 0).
    var worst = 0.0
    for q in 0..<rank {
      let bound = solveErrorBound(
        rows: n, columns: p, inverseGramDiagonal: pivoted[q + q * rank],
        responseNorm: responseSquares.squareRoot(), factorNorm: factorSquares.squareRoot(),
        solutionNorm: solutionSquares.squareRoot(), inverseNorm: inverseSquares.squareRoot(),
        residualNorm: tailSquares.squareRoot())
      worst = Swift.max(worst, bound / abs(beta[Int(pivots[q]) - 1]))
    }
    // Each refinement step multiplies the error by about γ·κ (κ = ‖R₁₁‖‖R₁₁⁻¹‖).
    let contraction =
      (Double(n) * Double(p)).squareRoot() * (0.5 * Double.ulpOfOne)
      * (factorSquares * inverseSquares).squareRoot()
    for j in 0..<p { beta[j] /= scales[j] }

    // Iterative refinement of the augmented system (Björck) with compensated residuals against
    // the unscaled design, unless the solve is already accurate.
    let design = data.weights == nil ? x : UnsafePointer(weightedDesign)
    if estimator != .nonrobust || !(worst <= refinementThreshold) {
      try withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * n + p) { buffer in
        let r = buffer.baseAddress!
        try refine(
          beta, residual: r, design: design, response: yw, factors: a, rows: n, columns: p,
          rank: rank, tau: tau, pivots: pivots, scales: scales, small: small,
          initialError: worst, contraction: contraction, work: r + n)
      }
    }
    let estimates = storage.pointer(layout.estimate)
    estimates.update(from: beta, count: p)

    // Fitted values, residuals on the original scale and their weighted counterparts; sums of
    // squares in the same pass.
    let fitted = storage.pointer(layout.fitted)
    let residuals = storage.pointer(layout.residuals)
    let weightedResiduals = storage.pointer(layout.weightedResiduals)
    if data.weights != nil {
      // The square-root weights are in `fitted`; move them out of the way first.
      c.update(from: fitted, count: n)
    }
    if small || p == 0 {
      for i in 0..<n { fitted[i] = 0 }
      for j in 0..<p {
        let column = x + j * n
        let b = beta[j]
        for i in 0..<n { fitted[i] += column[i] * b }
      }
    } else {
      cblas_dgemv(
        CblasColMajor, CblasNoTrans, Int32(n), Int32(p), 1, x, Int32(n), beta, 1, 0, fitted, 1)
    }
    var rss = 0.0
    let yy = responseSquares
    if data.weights != nil {
      for i in 0..<n {
        let e = y[i] - fitted[i]
        residuals[i] = e
        let we = e * c[i]
        weightedResiduals[i] = we
        rss += we * we
      }
    } else {
      for i in 0..<n {
        let e = y[i] - fitted[i]
        residuals[i] = e
        rss += e * e
      }
    }
    let tss = totalSumOfSquares(data)
    let isExactFit = rss.squareRoot() <= Double(n) * Double.ulpOfOne * yy.squareRoot()
    if isExactFit { rss = 0 }
    let sigma2 = rss / Double(n - rank)

    // Covariance of the kept coefficients, in design order: σ̂²·(R₁₁ᵀR₁₁)⁻¹ or the sandwich
    // R₁₁⁻¹·M·R₁₁⁻ᵀ in the scaled pivot coordinates, then unscaled and reordered.
    if estimator != .nonrobust {
      let qr = factorization(storage, layout: layout, rank: rank)
      let meat = try estimator.meat(
        qr: qr, weightedResiduals: storage.array(layout.weightedResiduals, count: n))
      let sandwich = CovarianceEstimator.congruence(qr: qr, meat: meat)
      let storedMeat = storage.pointer(layout.meat)
      for i in 0..<(rank * rank) {
        pivoted[i] = sandwich.elements[i]
        storedMeat[i] = meat.elements[i]
      }
    }
    let factor = estimator == .nonrobust ? sigma2 : 1
    let covariance = storage.pointer(layout.covariance)
    var b = 0
    for eb in 0..<p where position[eb] >= 0 {
      let pb = Int(position[eb])
      var a = 0
      for ea in 0..<p where position[ea] >= 0 {
        let value = pivoted[Int(position[ea]) + pb * rank] / (scales[ea] * scales[eb])
        covariance[a + b * rank] = value * factor
        a += 1
      }
      b += 1
    }

    // Coefficient statistics.
    let entry = try StudentTCache.shared.entry(degreesOfFreedom: n - rank, level: level)
    let standardErrors = storage.pointer(layout.standardError)
    let statistics = storage.pointer(layout.tStatistic)
    let pValues = storage.pointer(layout.pValue)
    var kept = 0
    for j in 0..<p {
      guard position[j] >= 0 else {
        standardErrors[j] = .nan
        statistics[j] = .nan
        pValues[j] = .nan
        continue
      }
      let se = Swift.max(0, covariance[kept + kept * rank]).squareRoot()
      let statistic = beta[j] / se
      standardErrors[j] = se
      statistics[j] = statistic
      pValues[j] =
        statistic.isNaN
        ? .nan : (statistic.isInfinite ? 0 : entry.distribution.twoSidedPValue(t: statistic))
      kept += 1
    }
    var sumOfLogWeights = 0.0
    if let weights = data.weights {
      for w in weights { sumOfLogWeights += log(w) }
    }
    return Summary(
      rank: rank, rss: rss, tss: tss, critical: entry.critical, isExactFit: isExactFit,
      sumOfLogWeights: sumOfLogWeights)
  }

  /// Most refinement steps taken; each gains about `−log₁₀(κ·ε)` digits.
  static let maximumRefinementSteps = 3

  /// Björck's (1967) iterative refinement of the augmented system
  /// `[I Ã; Ãᵀ 0]·[r; x̃] = [b; 0]` for the equilibrated design `Ã = A·D⁻¹` (kept columns),
  /// refining the residual together with the solution: unlike refining `x` alone it reaches
  /// working accuracy even when the residual is large (the `κ²·‖r‖` term of the error bound).
  /// Each step forms `f = b − r − A·β` and `g = −Ãᵀ·r` in twice the working precision, then
  /// solves with the QR factors: `h = R⁻ᵀ·g`, `d = Qᵀ·f`, `R·δx̃ = d₁ − h`, `δr = Q·[h; d₂]`.
  /// `beta` (unscaled, design order) is updated in place; `r` receives the residual; `work`
  /// holds `2n + p` doubles. Stops when the correction is below rounding, after
  /// ``maximumRefinementSteps``, or when the predicted relative error (`initialError` times
  /// `contraction` per step) is below ``refinementThreshold``.
  private static func refine(
    _ beta: UnsafeMutablePointer<Double>, residual r: UnsafeMutablePointer<Double>,
    design: UnsafePointer<Double>, response b: UnsafePointer<Double>,
    factors a: UnsafeMutablePointer<Double>, rows n: Int, columns p: Int, rank: Int,
    tau: UnsafeMutablePointer<Double>, pivots: UnsafeMutablePointer<Int32>,
    scales: UnsafeMutablePointer<Double>, small: Bool, initialError: Double,
    contraction: Double, work: UnsafeMutablePointer<Double>
  ) throws {
    let k = Swift.min(n, p)
    let f = work
    let u = work + n
    let h = u + n
    // r = b − A·β rounded, and f = b − r − A·β its rounding error (the first step's f).
    CompensatedArithmetic.residual(into: r, b, design, rows: n, columns: p, beta, error: f)
    var predicted = initialError
    for step in 0..<maximumRefinementSteps {
      if step > 0 {
        CompensatedArithmetic.augmentedResidual(
          into: f, b, r, design, rows: n, columns: p, beta)
      }
      for q in 0..<rank {
        let j = Int(pivots[q]) - 1
        h[q] = -CompensatedArithmetic.dot(design + j * n, r, count: n) / scales[j]
      }
      if small {
        SmallPivotedQR.solveUpperTransposed(a, leadingDimension: n, order: rank, h)
      } else if rank > 0 {
        cblas_dtrsv(
          CblasColMajor, CblasUpper, CblasTrans, CblasNonUnit, Int32(rank), a, Int32(n), h, 1)
      }
      try applyQ(a, rows: n, reflectors: k, tau: tau, f, small: small, transpose: true)
      for q in 0..<rank {
        u[q] = h[q]
        f[q] -= h[q]
      }
      for i in rank..<n { u[i] = f[i] }
      solveR(a, rows: n, rank: rank, f, small: small)
      try applyQ(a, rows: n, reflectors: k, tau: tau, u, small: small, transpose: false)
      var correction = 0.0
      var size = 0.0
      for q in 0..<rank {
        let j = Int(pivots[q]) - 1
        beta[j] += f[q] / scales[j]
        correction = Swift.max(correction, abs(f[q]))
        size = Swift.max(size, abs(beta[j] * scales[j]))
      }
      for i in 0..<n { r[i] += u[i] }
      predicted *= contraction
      if correction <= Double.ulpOfOne * size || predicted <= refinementThreshold { break }
    }
  }

  /// `c ← Q·c`, or `c ← Qᵀ·c` when `transpose`, for the reflectors in `a`.
  private static func applyQ(
    _ a: UnsafeMutablePointer<Double>, rows n: Int, reflectors k: Int,
    tau: UnsafeMutablePointer<Double>, _ c: UnsafeMutablePointer<Double>, small: Bool,
    transpose: Bool
  ) throws {
    guard k > 0 else { return }
    if small {
      if transpose {
        SmallPivotedQR.applyQTranspose(a, rows: n, reflectors: k, tau: tau, c)
      } else {
        SmallPivotedQR.applyQ(a, rows: n, reflectors: k, tau: tau, c)
      }
      return
    }
    var work = [Double](repeating: 0, count: 64)
    let info = LAPACKE_dormqr_work(
      LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: transpose ? "T" : "N")),
      Int32(n), 1, Int32(k), a, Int32(n), tau, c, Int32(n), &work, Int32(work.count))
    do {
      try LinearAlgebraError.check(info, routine: "dormqr") { _ in
        .illegalArgument(routine: "dormqr", argument: 0)
      }
    } catch let error as LinearAlgebraError { throw RegressionError.linearAlgebra(error) }
  }

  /// `c[0..<rank] ← R₁₁⁻¹·c[0..<rank]`.
  private static func solveR(
    _ a: UnsafeMutablePointer<Double>, rows n: Int, rank: Int, _ c: UnsafeMutablePointer<Double>,
    small: Bool
  ) {
    guard rank > 0 else { return }
    if small {
      SmallPivotedQR.solveUpper(a, leadingDimension: n, order: rank, c)
    } else {
      cblas_dtrsv(
        CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(rank), a, Int32(n), c, 1)
    }
  }

  /// The QR factorization held in `storage`, as a ``PivotedQR`` value.
  static func factorization(
    _ storage: RegressionStorage, layout: RegressionStorage.Layout, rank: Int
  )
    -> PivotedQR
  {
    let m = layout.rows
    let p = layout.columns
    return PivotedQR(
      rows: m, columns: p, factors: storage.array(layout.factors, count: m * p),
      tau: storage.array(layout.tau, count: Swift.min(m, p)),
      pivots: storage.array(layout.pivots, count: p).map { Int32($0) }, rank: rank)
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
}
