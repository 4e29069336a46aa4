extension LevenbergMarquardtState {
  /// The fit at the final parameters with its covariance `σ̂²·(JᵀJ)⁻¹`.
  ///
  /// The Jacobian at the solution is scaled to unit column norms, `J·C⁻¹`, and factored by
  /// pivoted QR (`PivotedQR`, default rank tolerance `max(m, n)·ε`, which is scale-invariant after
  /// the column scaling). Then `(JᵀJ)⁻¹ = C⁻¹·P·(R₁₁ᵀR₁₁)⁻¹·Pᵀ·C⁻¹`: the inverse comes from the
  /// triangular factor, not from inverting the explicitly formed `JᵀJ`, whose condition number
  /// is the square of `J`'s.
  mutating func fit() throws -> NonlinearFit {
    let jac = try jacobian()
    let rss = r.reduce(0) { $0 + $1 * $1 }
    let dof = m - n
    let sigma = dof > 0 ? (rss / Double(dof)).squareRoot() : nil
    let atBounds = (0..<n).filter { x[$0] == lower[$0] || x[$0] == upper[$0] }
    let free = (0..<n).filter { !atBounds.contains($0) }

    var scaled = jac.selectingColumns(free)
    var scale = [Double](repeating: 1, count: free.count)
    for c in 0..<free.count {
      let norm = euclideanNorm(scaled.column(c))
      if norm > 0 {
        scale[c] = norm
        for i in 0..<m { scaled[i, c] /= norm }
      }
    }
    var rank = 0
    var covariance: Matrix?
    if !free.isEmpty {
      do {
        let qr = try PivotedQR(scaled)
        rank = qr.rank
        if let sigma, rank == free.count {
          let inverse = try qr.inverseGramOfKeptColumns()
          var cov = Matrix(rows: n, columns: n)
          let kept = qr.keptColumns
          for (a, ca) in kept.enumerated() {
            for (b, cb) in kept.enumerated() {
              cov[free[ca], free[cb]] = sigma * sigma * inverse[a, b] / (scale[ca] * scale[cb])
            }
          }
          covariance = cov
        }
      } catch let error as LinearAlgebraError {
        throw NonlinearLeastSquaresError.linearAlgebra(error)
      }
    }
    return NonlinearFit(
      parameters: x, residuals: r, residualSumOfSquares: rss, degreesOfFreedom: dof,
      residualStandardDeviation: sigma, covariance: covariance,
      standardErrors: covariance.map { c in (0..<n).map { c[$0, $0].squareRoot() } },
      jacobianRank: rank, parametersAtBounds: atBounds, iterations: iterations,
      refinementSteps: refinementSteps,
      evaluations: evaluations, jacobianEvaluations: jacobianEvaluations,
      termination: termination ?? .maximumEvaluations)
  }
}
