/// The mutable state of one `LevenbergMarquardt.minimize` call: validation, the MINPACK `lmder`
/// outer and inner loops, and the bookkeeping of evaluations. See `LevenbergMarquardt` for the
/// algorithm and its references.
struct LevenbergMarquardtState {
  let problem: NonlinearLeastSquaresProblem
  let options: LevenbergMarquardt.Options
  let n: Int
  let m: Int
  let lower: [Double]
  let upper: [Double]
  let finiteDifferences: FiniteDifferenceJacobian?

  var x: [Double]
  var r: [Double]
  var fnorm: Double
  /// The Jacobian at `x`, when it has been evaluated since `x` last changed.
  var jacobianAtX: Matrix?
  var evaluations = 1
  var jacobianEvaluations = 0
  var iterations = 0
  var refinementSteps = 0
  var termination: NonlinearTermination?

  init(
    problem: NonlinearLeastSquaresProblem, start: [Double], options: LevenbergMarquardt.Options
  ) throws {
    n = problem.parameterCount
    m = problem.observationCount
    guard n > 0, m >= n else {
      throw NonlinearLeastSquaresError.tooFewObservations(observations: m, parameters: n)
    }
    guard start.count == n else {
      throw NonlinearLeastSquaresError.startLengthMismatch(expected: n, actual: start.count)
    }
    if let k = start.firstIndex(where: { !$0.isFinite }) {
      throw NonlinearLeastSquaresError.nonFiniteStart(index: k)
    }
    guard options.relativeReductionTolerance >= 0, options.stepTolerance >= 0,
      options.gradientTolerance >= 0
    else { throw NonlinearLeastSquaresError.invalidOption("tolerances must be non-negative") }
    guard options.maxEvaluations >= 1 else {
      throw NonlinearLeastSquaresError.invalidOption("maxEvaluations must be positive")
    }
    guard options.initialStepFactor > 0, options.initialStepFactor.isFinite else {
      throw NonlinearLeastSquaresError.invalidOption("initialStepFactor must be positive")
    }
    let lower = problem.lowerBounds ?? [Double](repeating: -.infinity, count: n)
    let upper = problem.upperBounds ?? [Double](repeating: .infinity, count: n)
    guard lower.count == n else { throw NonlinearLeastSquaresError.invalidBounds(index: 0) }
    guard upper.count == n else { throw NonlinearLeastSquaresError.invalidBounds(index: 0) }
    for k in 0..<n {
      guard !lower[k].isNaN, !upper[k].isNaN, lower[k] <= upper[k], lower[k] < .infinity,
        upper[k] > -.infinity
      else { throw NonlinearLeastSquaresError.invalidBounds(index: k) }
      guard start[k] >= lower[k], start[k] <= upper[k] else {
        throw NonlinearLeastSquaresError.startOutsideBounds(index: k)
      }
    }
    let r = problem.residuals(start)
    guard r.count == m else {
      throw NonlinearLeastSquaresError.residualCountMismatch(expected: m, actual: r.count)
    }
    if let i = r.firstIndex(where: { !$0.isFinite }) {
      throw NonlinearLeastSquaresError.nonFiniteResidualsAtStart(index: i)
    }
    self.problem = problem
    self.options = options
    self.lower = lower
    self.upper = upper
    self.x = start
    self.r = r
    self.fnorm = euclideanNorm(r)
    finiteDifferences =
      problem.jacobian == nil
      ? FiniteDifferenceJacobian(
        residuals: problem.residuals, typical: start.map { $0 == 0 ? 1 : abs($0) },
        lower: lower, upper: upper)
      : nil
  }

  /// The Jacobian at `x` (cached), counting evaluations; throws when it is not finite.
  mutating func jacobian() throws -> Matrix {
    if let j = jacobianAtX { return j }
    let j: Matrix
    if let analytic = problem.jacobian {
      j = analytic(x)
      guard j.rows == m, j.columns == n else {
        throw NonlinearLeastSquaresError.jacobianShapeMismatch(rows: j.rows, columns: j.columns)
      }
      guard j.isFinite else { throw NonlinearLeastSquaresError.nonFiniteJacobian(parameters: x) }
    } else {
      guard let (fd, used) = finiteDifferences!.evaluate(at: x, rowCount: m) else {
        throw NonlinearLeastSquaresError.nonFiniteJacobian(parameters: x)
      }
      evaluations += used
      j = fd
    }
    jacobianEvaluations += 1
    jacobianAtX = j
    return j
  }

  /// MINPACK `lmder` with mode 1 scaling, extended by the projection for bounds.
  mutating func run() throws {
    let eps = Double.ulpOfOne
    let ftol = options.relativeReductionTolerance
    let xtol = options.stepTolerance
    let gtol = options.gradientTolerance
    if fnorm == 0 {
      termination = .zeroResidual
      return
    }
    var diag = [Double](repeating: 0, count: n)
    var delta = 0.0
    var xnorm = 0.0
    var par = 0.0
    var first = true
    while termination == nil {
      let jac = try jacobian()
      let columnNorms = (0..<n).map { euclideanNorm(jac.column($0)) }
      let gradient = transposedProduct(jac, r)
      if first {
        diag = columnNorms.map { $0 == 0 ? 1 : $0 }
        xnorm = scaledNorm(diag, x)
        delta = options.initialStepFactor * xnorm
        if delta == 0 { delta = options.initialStepFactor }
      }
      // Parameters on a bound with the gradient pointing out of the box stay fixed.
      var blocked = Set(
        (0..<n).filter {
          (x[$0] <= lower[$0] && gradient[$0] >= 0) || (x[$0] >= upper[$0] && gradient[$0] <= 0)
        })
      // Gradient test on the free parameters: cosine between r and each column of J.
      var gnorm = 0.0
      for k in 0..<n where !blocked.contains(k) && columnNorms[k] != 0 {
        gnorm = Swift.max(gnorm, abs(gradient[k]) / (fnorm * columnNorms[k]))
      }
      if blocked.count == n || gnorm <= gtol {
        termination = .smallGradient
        break
      }
      for k in 0..<n { diag[k] = Swift.max(diag[k], columnNorms[k]) }

      var free = (0..<n).filter { !blocked.contains($0) }
      var subproblem = try TrustRegionSubproblem(
        jacobian: jac.selectingColumns(free), residuals: r)
      var ratio = 0.0
      repeat {
        let freeDiag = free.map { diag[$0] }
        let (lambda, solution) = try subproblem.parameter(
          diag: freeDiag, radius: delta, initial: par)
        par = lambda
        var step = solution.map { -$0 }
        var trial = x
        var projected = false
        var stuck: [Int] = []
        for (i, k) in free.enumerated() {
          let target = x[k] + step[i]
          let clamped = Swift.min(Swift.max(target, lower[k]), upper[k])
          if clamped != target {
            projected = true
            if clamped == x[k] { stuck.append(k) }
            step[i] = clamped - x[k]
          }
          trial[k] = clamped
        }
        if !stuck.isEmpty, stuck.count < free.count {
          // The step pushes a parameter that sits on its bound outwards: fix it and re-solve.
          blocked.formUnion(stuck)
          free = (0..<n).filter { !blocked.contains($0) }
          subproblem = try TrustRegionSubproblem(
            jacobian: jac.selectingColumns(free), residuals: r)
          continue
        }
        let pnorm = scaledNorm(freeDiag, step)
        if first { delta = Swift.min(delta, pnorm) }

        let trialResiduals = problem.residuals(trial)
        evaluations += 1
        guard trialResiduals.count == m else {
          throw NonlinearLeastSquaresError.residualCountMismatch(
            expected: m, actual: trialResiduals.count)
        }
        let fnorm1 =
          trialResiduals.allSatisfy(\.isFinite) ? euclideanNorm(trialResiduals) : .infinity
        let actred = 0.1 * fnorm1 < fnorm ? 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm) : -1

        // Predicted relative reduction from the linear model, and the directional derivative.
        let jp = product(jac, columns: free, step)
        let prered: Double
        let dirder: Double
        if projected {
          var rjp = 0.0
          for i in 0..<m { rjp += r[i] * jp[i] }
          rjp /= fnorm * fnorm
          let jj = euclideanNorm(jp) / fnorm
          prered = -2 * rjp - jj * jj
          dirder = rjp
        } else {
          let t1 = euclideanNorm(jp) / fnorm
          let t2 = par.squareRoot() * pnorm / fnorm
          prered = t1 * t1 + 2 * t2 * t2
          dirder = -(t1 * t1 + t2 * t2)
        }
        ratio = prered != 0 ? actred / prered : 0

        // Update the trust-region radius.
        if ratio <= 0.25 {
          var t = actred >= 0 ? 0.5 : 0.5 * dirder / (dirder + 0.5 * actred)
          if 0.1 * fnorm1 >= fnorm || t < 0.1 || !t.isFinite { t = 0.1 }
          delta = t * Swift.min(delta, pnorm / 0.1)
          par /= t
        } else if par == 0 || ratio >= 0.75 {
          delta = pnorm / 0.5
          par *= 0.5
        }
        if ratio >= 1e-4 {
          x = trial
          r = trialResiduals
          fnorm = fnorm1
          xnorm = scaledNorm(diag, x)
          jacobianAtX = nil
          iterations += 1
        }

        // Convergence tests (MINPACK info 1–8).
        if fnorm == 0 {
          termination = .zeroResidual
        } else if ftol > 0 && abs(actred) <= ftol && prered <= ftol && 0.5 * ratio <= 1 {
          termination = .smallReduction
        } else if delta <= xtol * xnorm {
          termination = .smallStep
        } else if evaluations >= options.maxEvaluations {
          termination = .maximumEvaluations
        } else if (abs(actred) <= eps && prered <= eps && 0.5 * ratio <= 1)
          || delta <= eps * xnorm || gnorm <= eps
        {
          termination = .noFurtherProgress
        }
      } while termination == nil && ratio < 1e-4
      first = false
    }
  }

  /// `‖D·v‖`.
  private func scaledNorm(_ d: [Double], _ v: [Double]) -> Double {
    euclideanNorm((0..<v.count).map { d[$0] * v[$0] })
  }

  /// `Jᵀ·v`.
  private func transposedProduct(_ j: Matrix, _ v: [Double]) -> [Double] {
    (0..<j.columns).map { k in
      var sum = 0.0
      for i in 0..<j.rows { sum += j[i, k] * v[i] }
      return sum
    }
  }

  /// `J[:, columns]·v`.
  private func product(_ j: Matrix, columns: [Int], _ v: [Double]) -> [Double] {
    var result = [Double](repeating: 0, count: j.rows)
    for (index, k) in columns.enumerated() where v[index] != 0 {
      for i in 0..<j.rows { result[i] += j[i, k] * v[index] }
    }
    return result
  }
}
