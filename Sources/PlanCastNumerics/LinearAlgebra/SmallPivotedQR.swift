/// Householder QR with column pivoting and the triangular kernels that follow it, for small
/// column-major matrices, in place on raw buffers.
///
/// The arithmetic is that of LAPACK's unblocked `dlaqp2` (what `dgeqp3` runs below its block
/// size): the pivot is the column of largest remaining norm (first one on ties), the reflector
/// is `dlarfg`'s (`β = −sign(α)·‖(α, x)‖`, `τ = (β − α)/β`, `v = x/(α − β)`), and the partial
/// column norms are downdated with `dlaqp2`'s safeguard (recomputed when the downdate has lost
/// more than half the digits). Written as plain loops, it skips the per-call overhead that
/// dominates LAPACK at these sizes (`dlamch`, `lsame`, `dlapy2`, BLAS buffer allocation in `dger`).
///
/// Intended for matrices whose columns have norms of order one (the regression equilibrates its
/// design first); ``norm(_:count:)`` still rescales when the sum of squares would under- or
/// overflow.
enum SmallPivotedQR {
  /// Largest `rows × columns` handled here (larger designs go to the blocked LAPACK drivers).
  static let elementLimit = 4096
  /// Largest column count handled here.
  static let columnLimit = 32

  /// True when an `m × n` problem takes this path.
  static func applies(rows m: Int, columns n: Int) -> Bool {
    n <= columnLimit && m * n <= elementLimit
  }

  /// The Euclidean norm, by the plain sum of squares when that is safely inside the double
  /// range and by a scaled sum otherwise.
  @inline(__always)
  static func norm(_ x: UnsafePointer<Double>, count: Int) -> Double {
    var sum = 0.0
    for i in 0..<count { sum += x[i] * x[i] }
    if sum > 0x1p-900 && sum < 0x1p900 { return sum.squareRoot() }
    if sum == 0 { return 0 }
    var largest = 0.0
    for i in 0..<count { largest = Swift.max(largest, abs(x[i])) }
    guard largest > 0, largest.isFinite else { return largest }
    var scaled = 0.0
    for i in 0..<count {
      let v = x[i] / largest
      scaled += v * v
    }
    return largest * scaled.squareRoot()
  }

  /// Factors the `m × n` matrix at `a` (leading dimension `m`). `norms` holds the exact column
  /// norms on entry (`2n` doubles: partial norms and their reference values are kept there).
  /// Writes `min(m, n)` Householder scalars to `tau` and the 1-based pivots to `pivots`.
  static func factor(
    _ a: UnsafeMutablePointer<Double>, rows m: Int, columns n: Int,
    norms vn1: UnsafeMutablePointer<Double>, tau: UnsafeMutablePointer<Double>,
    pivots: UnsafeMutablePointer<Int32>
  ) {
    let vn2 = vn1 + n
    for j in 0..<n {
      vn2[j] = vn1[j]
      pivots[j] = Int32(j + 1)
    }
    let k = Swift.min(m, n)
    let tol3z = Double.ulpOfOne.squareRoot()
    for i in 0..<k {
      // Pivot: the column of largest remaining norm (idamax: the first on ties).
      var pvt = i
      var largest = abs(vn1[i])
      for j in (i + 1)..<Swift.max(i + 1, n) where abs(vn1[j]) > largest {
        largest = abs(vn1[j])
        pvt = j
      }
      if pvt != i {
        let p = a + pvt * m
        let q = a + i * m
        for r in 0..<m {
          let t = p[r]
          p[r] = q[r]
          q[r] = t
        }
        let t = pivots[pvt]
        pivots[pvt] = pivots[i]
        pivots[i] = t
        vn1[pvt] = vn1[i]
        vn2[pvt] = vn2[i]
      }
      // Reflector annihilating a[i+1..<m, i] (dlarfg).
      let column = a + i * m
      let alpha = column[i]
      let xnorm = i + 1 < m ? norm(column + i + 1, count: m - i - 1) : 0
      if xnorm == 0 {
        tau[i] = 0
      } else {
        let beta = -Double(sign: alpha.sign, exponent: 0, significand: 1) * norm2(alpha, xnorm)
        tau[i] = (beta - alpha) / beta
        let scale = 1 / (alpha - beta)
        for r in (i + 1)..<m { column[r] *= scale }
        column[i] = beta
      }
      // Apply H = I − τ·v·vᵀ (v₀ = 1) to the trailing columns (dlarf).
      let t = tau[i]
      if t != 0 {
        for j in (i + 1)..<Swift.max(i + 1, n) {
          let c = a + j * m
          var w = c[i]
          for r in (i + 1)..<m { w += column[r] * c[r] }
          let f = -t * w
          c[i] += f
          for r in (i + 1)..<m { c[r] += f * column[r] }
        }
      }
      // Downdate the partial column norms.
      for j in (i + 1)..<Swift.max(i + 1, n) where vn1[j] != 0 {
        let ratio = abs(a[i + j * m]) / vn1[j]
        var temp = 1 - ratio * ratio
        temp = Swift.max(temp, 0)
        let relative = vn1[j] / vn2[j]
        let temp2 = temp * relative * relative
        if temp2 <= tol3z {
          if i + 1 < m {
            vn1[j] = norm(a + j * m + i + 1, count: m - i - 1)
            vn2[j] = vn1[j]
          } else {
            vn1[j] = 0
            vn2[j] = 0
          }
        } else {
          vn1[j] *= temp.squareRoot()
        }
      }
    }
  }

  /// `√(x² + y²)` without undue overflow (dlapy2), for `y > 0`.
  @inline(__always)
  static func norm2(_ x: Double, _ y: Double) -> Double {
    let w = Swift.max(abs(x), y)
    let z = Swift.min(abs(x), y)
    if z == 0 || w > 0x1p500 || w < 0x1p-500 {
      guard z != 0 else { return w }
      let q = z / w
      return w * (1 + q * q).squareRoot()
    }
    return (x * x + y * y).squareRoot()
  }

  /// Overwrites the `m`-vector `c` with `Qᵀ·c` for the `k` reflectors stored below the diagonal
  /// of `a` (leading dimension `m`), as `dorm2r` does for one column.
  @inline(__always)
  static func applyQTranspose(
    _ a: UnsafePointer<Double>, rows m: Int, reflectors k: Int, tau: UnsafePointer<Double>,
    _ c: UnsafeMutablePointer<Double>
  ) {
    for i in 0..<k where tau[i] != 0 {
      let v = a + i * m
      var w = c[i]
      for r in (i + 1)..<m { w += v[r] * c[r] }
      let f = -tau[i] * w
      c[i] += f
      for r in (i + 1)..<m { c[r] += f * v[r] }
    }
  }

  /// Overwrites the `m`-vector `c` with `Q·c` (the reflectors in reverse order, `dorm2r` with
  /// no transpose).
  @inline(__always)
  static func applyQ(
    _ a: UnsafePointer<Double>, rows m: Int, reflectors k: Int, tau: UnsafePointer<Double>,
    _ c: UnsafeMutablePointer<Double>
  ) {
    var i = k - 1
    while i >= 0 {
      if tau[i] != 0 {
        let v = a + i * m
        var w = c[i]
        for r in (i + 1)..<m { w += v[r] * c[r] }
        let f = -tau[i] * w
        c[i] += f
        for r in (i + 1)..<m { c[r] += f * v[r] }
      }
      i -= 1
    }
  }

  /// Solves `Rᵀ·z = c` in place for the upper triangular `r × r` leading block of `a` (forward
  /// substitution, `dtrsv` upper, transposed).
  @inline(__always)
  static func solveUpperTransposed(
    _ a: UnsafePointer<Double>, leadingDimension lda: Int, order r: Int,
    _ c: UnsafeMutablePointer<Double>
  ) {
    for j in 0..<r {
      let column = a + j * lda
      var s = c[j]
      for i in 0..<j { s -= column[i] * c[i] }
      c[j] = s / column[j]
    }
  }

  /// Solves `R·z = c` in place for the upper triangular `r × r` leading block of `a` (leading
  /// dimension `lda`), by columns (`dtrsv`, upper, no transpose).
  @inline(__always)
  static func solveUpper(
    _ a: UnsafePointer<Double>, leadingDimension lda: Int, order r: Int,
    _ c: UnsafeMutablePointer<Double>
  ) {
    var j = r - 1
    while j >= 0 {
      let column = a + j * lda
      c[j] /= column[j]
      let z = c[j]
      for i in 0..<j { c[i] -= z * column[i] }
      j -= 1
    }
  }

  /// Writes `(RᵀR)⁻¹ = R⁻¹·R⁻ᵀ` (both triangles) into the `r × r` buffer at `out`, for the upper
  /// triangular leading block of `a`: `R⁻¹` column by column as `dtrti2` does, then the product
  /// of `dlauu2`. Throws when a diagonal element is zero.
  static func inverseGram(
    _ a: UnsafePointer<Double>, leadingDimension lda: Int, order r: Int,
    into out: UnsafeMutablePointer<Double>
  ) throws(LinearAlgebraError) {
    for j in 0..<r where a[j + j * lda] == 0 {
      throw LinearAlgebraError.singular(routine: "dpotri", index: j + 1)
    }
    // U = R⁻¹ in the upper triangle of out (dtrti2: column j is −U[0..<j,0..<j]·R[0..<j,j]/R[j,j]).
    for j in 0..<r {
      let rj = a + j * lda
      let uj = out + j * r
      let diagonal = 1 / rj[j]
      uj[j] = diagonal
      for i in 0..<j { uj[i] = 0 }
      for l in 0..<j {
        let f = rj[l]
        let ul = out + l * r
        for i in 0...l { uj[i] += ul[i] * f }
      }
      let scale = -diagonal
      for i in 0..<j { uj[i] *= scale }
    }
    // (RᵀR)⁻¹ = U·Uᵀ: element (i, j), i ≤ j, is Σ_{l ≥ j} U[i,l]·U[j,l]. Computed in place from
    // the top row down: row i of the result needs rows ≥ i of U only.
    for i in 0..<r {
      for j in i..<r {
        var s = 0.0
        for l in j..<r { s += out[i + l * r] * out[j + l * r] }
        out[i + j * r] = s
      }
    }
    for j in 0..<r {
      for i in (j + 1)..<Swift.max(j + 1, r) { out[i + j * r] = out[j + i * r] }
    }
  }
}
