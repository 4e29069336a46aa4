#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Safeguarded Newton iteration that inverts a tail probability on a positive variable.
///
/// Solves `ln T(x) = ln target` for `x > 0`, stepping in `ln x` with the logarithmic derivative
/// `d ln T / d ln x`. Working on the log–log scale makes the power-law and exponential tails nearly
/// linear, so a handful of steps reach full precision even for targets near 1e-300. A bracket is
/// kept from the signs seen so far; a step that leaves it is replaced by a geometric bisection.
enum TailInversion {
  /// - Parameters:
  ///   - target: the tail probability to match, in `(0, 1)`; callers pass the smaller tail.
  ///   - increasing: whether `T` increases with `x`.
  ///   - guesses: starting points in order of preference; they are tried until one has a
  ///     residual below 0.01, else the one with the smallest residual is used.
  ///   - evaluate: returns `T(x)` and `d ln T / d ln x`.
  /// - Returns: the root; `0` if it lies below the smallest positive double and `+infinity` if
  ///   above the largest finite double.
  static func solve(
    target: Double, increasing: Bool, guesses: [Double],
    evaluate: (Double) -> (tail: Double, slope: Double)
  ) -> Double {
    let logTarget = log(target)
    var lo = 0.0
    var hi = Double.infinity
    var x = Double.nan
    var g = Double.nan
    var slope = Double.nan

    // Returns true when the evaluation at `point` hit the root exactly.
    func record(_ point: Double, _ residual: Double) -> Bool {
      if residual == 0 { return true }
      let below = increasing ? residual < 0 : residual > 0
      if below { lo = max(lo, point) } else { hi = min(hi, point) }
      return false
    }

    for guess in guesses where guess > 0 && guess.isFinite {
      let (t, s) = evaluate(guess)
      let residual = log(t) - logTarget
      if residual.isNaN { continue }
      if record(guess, residual) { return guess }
      if x.isNaN || abs(residual) < abs(g) {
        x = guess
        g = residual
        slope = s
      }
      // Guesses come in order of preference: stop once one is within about 1%.
      if abs(residual) < 0.01 { break }
    }
    if x.isNaN {
      x = 1
      let (t, s) = evaluate(x)
      g = log(t) - logTarget
      slope = s
      if g.isNaN { return .nan }
      if record(x, g) { return x }
    }

    var previousStep = Double.infinity
    for _ in 0..<2000 {
      if x == Double.leastNonzeroMagnitude && hi == x { return 0 }  // root below the double range
      var next = Double.nan
      var step = Double.nan
      if g.isFinite && slope.isFinite && slope != 0 {
        step = max(-8, min(8, -g / slope))
        next = x * exp(step)
      }
      if !(next > lo && next < hi) {
        step = .nan
        if hi.isFinite && lo > 0 {
          next = (lo * hi).isNormal ? (lo * hi).squareRoot() : lo.squareRoot() * hi.squareRoot()
        } else if hi.isFinite {
          next = hi / 4096
          if next == hi { return 0 }
          if next == 0 { next = Double.leastNonzeroMagnitude }
        } else {
          next = lo * 4096
          if next.isInfinite {
            next = .greatestFiniteMagnitude
            if lo == next { return .infinity }
          }
        }
      }
      if next == x { return x }
      // Quadratic convergence: after a step this small the remaining error is ~ step².
      if abs(step) <= 1e-10 { return next }
      // Evaluation noise floor: the Newton steps stopped shrinking while already tiny.
      if abs(step) <= 1e-7 && abs(step) >= previousStep { return next }
      if step.isFinite { previousStep = abs(step) }
      x = next
      let (t, s) = evaluate(x)
      g = log(t) - logTarget
      slope = s
      if g.isNaN { return .nan }
      if record(x, g) { return x }
      if hi.isFinite && hi <= lo * (1 + 4 * Double.ulpOfOne) { return x }
    }
    return x
  }
}
