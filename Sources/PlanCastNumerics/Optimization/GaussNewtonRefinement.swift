extension LevenbergMarquardtState {
  /// Polishes a converged Levenberg–Marquardt solution with full Gauss–Newton steps.
  ///
  /// The trust-region iteration accepts a step only when the *measured* reduction of `‖r‖²` is
  /// at least 10⁻⁴ of the predicted one. Near the minimum, `‖r(θ)‖² − ‖r(θ̂)‖² ≈ σ̂²·δᵀC⁻¹δ`
  /// (δ in units of the standard errors, C their correlation) drowns in the rounding of `‖r‖²`
  /// (relative `~ε`) once δ is about `√(ε·(m − n))`, so LM stalls there: ~10⁻⁷ standard errors,
  /// only ~7 correct digits for a parameter whose standard error is as large as itself (NIST
  /// Nelson, MGH09). The Gauss–Newton step `−J⁺r` is computed from `J` and `r` themselves, which
  /// are accurate far beyond that, and the Gauss–Newton map converges near the minimum (linearly
  /// for nonzero residuals, at the rate of the residual curvature) to the noise floor of `J⁺r`.
  ///
  /// Acceptance does not look at `‖r‖²` (it is noise at that scale) but at contraction: the
  /// point reached is kept only if the next Gauss–Newton step is shorter (in the column-norm
  /// scaling) than the one that led there, and `‖r‖` did not grow by more than a relative `√ε`
  /// (a guard against divergence; smaller changes of `‖r‖` can be rounding noise when the
  /// residuals are tiny compared with the data, as in Lanczos2). At most `maximumRefinementSteps` steps; none at an active bound or with a
  /// rank-deficient Jacobian. Compare the iterative refinement of least-squares solutions
  /// (Björck 1996, Numerical Methods for Least Squares Problems, §2.9) and the local convergence
  /// of Gauss–Newton (Dennis & Schnabel 1983, Theorem 10.2.1).
  mutating func refine() throws {
    guard let reason = termination, reason.isConverged, reason != .zeroResidual else { return }
    var saved: (x: [Double], r: [Double], fnorm: Double, jacobian: Matrix)?
    var previousStep = Double.infinity
    var scale: [Double]?
    for _ in 0...Self.maximumRefinementSteps {
      guard (0..<n).allSatisfy({ x[$0] > lower[$0] && x[$0] < upper[$0] }) else { break }
      let jac = try jacobian()
      let subproblem = try TrustRegionSubproblem(jacobian: jac, residuals: r)
      guard subproblem.rank == n else { break }
      let d = scale ?? (0..<n).map { euclideanNorm(jac.column($0)) }
      scale = d
      let solution = subproblem.gaussNewton()
      let stepNorm = euclideanNorm((0..<n).map { d[$0] * solution[$0] })
      // The Gauss–Newton map must contract: otherwise the last point was no better.
      guard stepNorm < previousStep else {
        if let saved { (x, r, fnorm, jacobianAtX) = saved }
        if saved != nil { refinementSteps -= 1 }
        break
      }
      guard refinementSteps < Self.maximumRefinementSteps, evaluations < options.maxEvaluations
      else { break }
      let trial = (0..<n).map { x[$0] - solution[$0] }
      guard (0..<n).contains(where: { trial[$0] != x[$0] }),
        (0..<n).allSatisfy({ trial[$0] > lower[$0] && trial[$0] < upper[$0] })
      else { break }
      let trialResiduals = problem.residuals(trial)
      evaluations += 1
      guard trialResiduals.count == m, trialResiduals.allSatisfy(\.isFinite) else { break }
      let trialNorm = euclideanNorm(trialResiduals)
      guard trialNorm <= fnorm * (1 + Self.residualGrowthAllowance) else { break }
      saved = (x, r, fnorm, jac)
      previousStep = stepNorm
      x = trial
      r = trialResiduals
      fnorm = trialNorm
      jacobianAtX = nil
      refinementSteps += 1
    }
  }

  static let maximumRefinementSteps = 30
  static let residualGrowthAllowance = Double.ulpOfOne.squareRoot()
}
