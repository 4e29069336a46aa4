import COpenBLAS

/// The Levenberg–Marquardt trust-region subproblem of one iteration, after the pivoted QR of the
/// Jacobian `J·P = Q·R` (Moré 1978, "The Levenberg–Marquardt algorithm: implementation and
/// theory", Lecture Notes in Mathematics 630, §§3–5; MINPACK `lmpar` and `qrsolv`).
///
/// For a damping parameter `λ ≥ 0` the step `p` solves the augmented least-squares problem
///
///     [ J    ]       [ −r ]
///     [ √λ·D ] · p ≈ [  0 ]
///
/// which, after `Qᵀ`, is the `2n × n` problem `[R; √λ·Pᵀ·D·P]·z ≈ [−(Qᵀr)₁..ₙ; 0]` with
/// `p = P·z`. It is solved by a Householder QR (`dgeqrf`/`dormqr`) of that small matrix, never
/// through the normal equations. The damping is chosen by Moré's safeguarded Newton iteration on
/// `φ(λ) = ‖D·p(λ)‖ − Δ` so that `‖D·p‖` is within 10% of the trust-region radius `Δ`, or `λ = 0`
/// when the Gauss–Newton step already lies inside the region.
struct TrustRegionSubproblem {
  /// Number of (free) parameters.
  let n: Int
  /// `R`, `n × n` column-major, upper triangle in pivot order.
  let r: [Double]
  /// Pivot `k` is column `permutation[k]` of `J`.
  let permutation: [Int]
  /// Number of leading nonzero pivots of `R` (the Gauss–Newton step uses only these columns).
  let rank: Int
  /// The first `n` components of `Qᵀ·r`.
  let qtr: [Double]

  init(jacobian: Matrix, residuals: [Double]) throws {
    let qr: PivotedQR
    do {
      // Tolerance 0: only exactly zero pivots count as rank loss, as in MINPACK. A relative
      // tolerance is not scale-invariant and would truncate badly scaled but regular Jacobians.
      qr = try PivotedQR(jacobian, tolerance: 0)
    } catch let error as LinearAlgebraError {
      throw NonlinearLeastSquaresError.linearAlgebra(error)
    }
    n = jacobian.columns
    var r = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      for i in 0...j { r[i + j * n] = qr.r(i, j) }
    }
    self.r = r
    permutation = qr.permutation
    rank = qr.rank
    do {
      qtr = Array(try qr.qTransposeTimes(residuals).prefix(n))
    } catch let error as LinearAlgebraError {
      throw NonlinearLeastSquaresError.linearAlgebra(error)
    }
  }

  /// Solves `min ‖J·x − r‖² + λ‖D·x‖²`; the step is `−x`. Also returns `S` (`n × n` upper
  /// triangular, column-major, pivot order) with `SᵀS = Pᵀ(JᵀJ + λD²)P`.
  func dampedSolution(lambda: Double, diag: [Double]) throws -> (x: [Double], s: [Double]) {
    let rows = 2 * n
    var a = [Double](repeating: 0, count: rows * n)
    let root = lambda.squareRoot()
    for j in 0..<n {
      for i in 0...j { a[i + j * rows] = r[i + j * n] }
      a[n + j + j * rows] = root * diag[permutation[j]]
    }
    var rhs = qtr + [Double](repeating: 0, count: n)
    var tau = [Double](repeating: 0, count: n)
    var work = [Double](repeating: 0, count: Swift.max(1, 64 * n))
    var info = LAPACKE_dgeqrf_work(
      LAPACK_COL_MAJOR, Int32(rows), Int32(n), &a, Int32(rows), &tau, &work, Int32(work.count))
    guard info == 0 else {
      throw NonlinearLeastSquaresError.linearAlgebra(
        .illegalArgument(routine: "dgeqrf", argument: Int(-info)))
    }
    info = LAPACKE_dormqr_work(
      LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "T")), Int32(rows), 1,
      Int32(n), a, Int32(rows), tau, &rhs, Int32(rows), &work, Int32(work.count))
    guard info == 0 else {
      throw NonlinearLeastSquaresError.linearAlgebra(
        .illegalArgument(routine: "dormqr", argument: Int(-info)))
    }
    var s = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      for i in 0...j { s[i + j * n] = a[i + j * rows] }
    }
    var z = Array(rhs.prefix(n))
    let nonsingular = (0..<n).first { s[$0 + $0 * n] == 0 } ?? n
    backSubstitute(s, count: nonsingular, &z)
    var x = [Double](repeating: 0, count: n)
    for k in 0..<n { x[permutation[k]] = z[k] }
    return (x, s)
  }

  /// Solves `U[0..<count, 0..<count]·z = z` in place (upper triangular, column-major `n × n`),
  /// zeroing the components beyond `count`.
  private func backSubstitute(_ u: [Double], count: Int, _ z: inout [Double]) {
    for j in count..<n { z[j] = 0 }
    var j = count - 1
    while j >= 0 {
      z[j] /= u[j + j * n]
      let t = z[j]
      for i in 0..<j { z[i] -= u[i + j * n] * t }
      j -= 1
    }
  }

  /// The Gauss–Newton `x` (step `−x`), the basic solution of `R·Pᵀx = Qᵀr` over the nonzero
  /// pivots.
  func gaussNewton() -> [Double] {
    var w = qtr
    backSubstitute(r, count: rank, &w)
    var x = [Double](repeating: 0, count: n)
    for k in 0..<n { x[permutation[k]] = w[k] }
    return x
  }

  /// Moré's Levenberg–Marquardt parameter (MINPACK `lmpar`): returns `λ` and `x`, with step
  /// `p = −x`, such that either `λ = 0` and `‖D·p‖ ≤ 1.1·Δ`, or `|‖D·p‖ − Δ| ≤ 0.1·Δ` (at most 10
  /// Newton iterations, as in MINPACK). `initial` is the previous iteration's `λ`.
  func parameter(diag: [Double], radius delta: Double, initial: Double) throws -> (
    lambda: Double, x: [Double]
  ) {
    let dwarf = Double.leastNormalMagnitude
    // Gauss–Newton direction (the basic solution when R is rank-deficient).
    var x = gaussNewton()
    var w = qtr
    var dx = (0..<n).map { diag[$0] * x[$0] }
    var dxnorm = euclideanNorm(dx)
    var fp = dxnorm - delta
    if fp <= 0.1 * delta { return (0, x) }

    // Lower bound: a Newton step from λ = 0 (only for full rank).
    var parl = 0.0
    if rank == n {
      for k in 0..<n {
        let j = permutation[k]
        w[k] = diag[j] * (dx[j] / dxnorm)
      }
      for j in 0..<n {  // Rᵀ·y = w
        var sum = 0.0
        for i in 0..<j { sum += r[i + j * n] * w[i] }
        w[j] = (w[j] - sum) / r[j + j * n]
      }
      let t = euclideanNorm(w)
      parl = ((fp / delta) / t) / t
    }
    // Upper bound: ‖D⁻¹Jᵀr‖ / Δ.
    for j in 0..<n {
      var sum = 0.0
      for i in 0...j { sum += r[i + j * n] * qtr[i] }
      w[j] = sum / diag[permutation[j]]
    }
    let gnorm = euclideanNorm(w)
    var paru = gnorm / delta
    if paru == 0 { paru = dwarf / Swift.min(delta, 0.1) }

    var par = Swift.min(Swift.max(initial, parl), paru)
    if par == 0 { par = gnorm / dxnorm }
    var iteration = 0
    while true {
      iteration += 1
      if par == 0 { par = Swift.max(dwarf, 0.001 * paru) }
      let (solution, s) = try dampedSolution(lambda: par, diag: diag)
      x = solution
      dx = (0..<n).map { diag[$0] * x[$0] }
      dxnorm = euclideanNorm(dx)
      let previous = fp
      fp = dxnorm - delta
      if abs(fp) <= 0.1 * delta || (parl == 0 && fp <= previous && previous < 0) || iteration == 10
        || dxnorm == 0
      {
        break
      }
      // Newton correction: φ'(λ) = −‖S⁻ᵀ·Pᵀ·D²x/‖Dx‖‖² · ‖Dx‖.
      for k in 0..<n {
        let j = permutation[k]
        w[k] = diag[j] * (dx[j] / dxnorm)
      }
      var singular = false
      for j in 0..<n {  // Sᵀ·y = w
        var sum = 0.0
        for i in 0..<j { sum += s[i + j * n] * w[i] }
        let d = s[j + j * n]
        if d == 0 {
          singular = true
          break
        }
        w[j] = (w[j] - sum) / d
      }
      if singular { break }
      let t = euclideanNorm(w)
      let parc = ((fp / delta) / t) / t
      if fp > 0 { parl = Swift.max(parl, par) }
      if fp < 0 { paru = Swift.min(paru, par) }
      par = Swift.max(parl, par + parc)
    }
    return (par, x)
  }
}

/// `‖v‖₂` without overflow or underflow (BLAS `dnrm2`).
func euclideanNorm(_ v: [Double]) -> Double {
  v.isEmpty ? 0 : cblas_dnrm2(Int32(v.count), v, 1)
}
