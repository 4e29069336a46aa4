/// Central finite-difference Jacobian of a residual function.
///
/// Column `j` is `(r(θ + hⱼeⱼ) − r(θ − hⱼeⱼ)) / (2hⱼ)` with `hⱼ = ε^{1/3}·max(|θⱼ|, typicalⱼ)`,
/// the step that balances the `O(h²)` truncation error against the `O(ε/h)` rounding error, so
/// the columns carry about `ε^{2/3} ≈ 4·10⁻¹¹` relative error (Dennis & Schnabel 1983, §5.6;
/// Nocedal & Wright 2006, §8.1). `typicalⱼ` is the magnitude of the starting value (1 when that
/// is 0), so parameters passing through zero keep a sensible step. The quotient uses the
/// difference of the two evaluation points as actually represented. Near a bound the difference becomes one-sided (forward or
/// backward, with step `ε^{1/2}·scale`) so that no evaluation leaves the box.
struct FiniteDifferenceJacobian: Sendable {
  /// `ε^{1/3}` for `ε = 2⁻⁵²`.
  static let cubeRootOfEpsilon = 6.055454452393343e-6
  let residuals: @Sendable ([Double]) -> [Double]
  let typical: [Double]
  let lower: [Double]
  let upper: [Double]

  /// The Jacobian at `theta` and the number of residual evaluations it used; `nil` when any
  /// evaluation is not finite or has the wrong length.
  func evaluate(at theta: [Double], rowCount: Int) -> (Matrix, Int)? {
    let n = theta.count
    var j = Matrix(rows: rowCount, columns: n)
    var evaluations = 0
    let centralFactor = Self.cubeRootOfEpsilon
    let forwardFactor = Double.ulpOfOne.squareRoot()
    for k in 0..<n {
      let scale = Swift.max(abs(theta[k]), typical[k])
      var plus = theta
      var minus = theta
      var h = centralFactor * scale
      if theta[k] + h <= upper[k], theta[k] - h >= lower[k] {
        plus[k] = theta[k] + h
        minus[k] = theta[k] - h
      } else {
        h = forwardFactor * scale
        if theta[k] + h <= upper[k] {
          plus[k] = theta[k] + h
        } else if theta[k] - h >= lower[k] {
          minus[k] = theta[k] - h
        } else {
          plus[k] = upper[k]
          minus[k] = lower[k]
        }
      }
      let width = plus[k] - minus[k]
      guard width > 0 else { return nil }
      let rPlus = residuals(plus)
      let rMinus = residuals(minus)
      evaluations += 2
      guard rPlus.count == rowCount, rMinus.count == rowCount else { return nil }
      for i in 0..<rowCount {
        let d = (rPlus[i] - rMinus[i]) / width
        guard d.isFinite else { return nil }
        j[i, k] = d
      }
    }
    return (j, evaluations)
  }
}
