#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Box-constrained Nelder–Mead simplex minimiser for small, cheap, derivative-free problems
/// (smoothing parameters of exponential smoothing models).
///
/// The simplex moves follow Lagarias, Reeds, Wright & Wright (1998), "Convergence properties of
/// the Nelder–Mead simplex method in low dimensions", SIAM J. Optim. 9(1): reflection ρ = 1,
/// expansion χ = 2, contraction γ = ½, shrink σ = ½. Bounds are handled by projecting every trial
/// point onto the box `[lower, upper]` (so optima on a bound are reached exactly, as with the
/// bounded optimisers of R's `forecast::ets`). Non-finite objective values count as `+∞`.
/// After convergence the search restarts from the best point with a fresh simplex (up to
/// `restarts` times) until a restart no longer improves the value by more than
/// `functionTolerance`; this guards against the method's known premature collapse.
public struct NelderMead: Sendable {
  public let lower: [Double]
  public let upper: [Double]
  /// Stop when the simplex's function values span at most `functionTolerance·(1 + |f_best|)`
  /// and its vertices span at most `pointTolerance` times the box width in every coordinate.
  public var functionTolerance = 1e-12
  public var pointTolerance = 1e-7
  public var maxEvaluations = 4000
  public var restarts = 2
  /// Initial simplex step as a fraction of each box width.
  public var initialStepFraction = 0.1

  /// Result of a minimisation.
  public struct Result: Sendable, Equatable {
    public let point: [Double]
    public let value: Double
    public let evaluations: Int
    /// True when the tolerances were met before `maxEvaluations`.
    public let converged: Bool
  }

  /// - Precondition: `lower.count == upper.count`, `lower[i] < upper[i]` and both finite.
  public init(lower: [Double], upper: [Double]) {
    precondition(lower.count == upper.count && !lower.isEmpty, "bounds must match")
    for i in lower.indices {
      precondition(
        lower[i].isFinite && upper[i].isFinite && lower[i] < upper[i], "invalid bound \(i)")
    }
    self.lower = lower
    self.upper = upper
  }

  /// Minimises `objective` from `start` (projected onto the box).
  public func minimize(start: [Double], _ objective: ([Double]) -> Double) -> Result {
    precondition(start.count == lower.count, "start has the wrong dimension")
    func f(_ x: [Double]) -> Double {
      let v = objective(x)
      return v.isFinite ? v : .infinity
    }
    var evaluations = 1
    var best = project(start)
    var bestValue = f(best)
    var converged = false
    for round in 0...restarts {
      let (point, value, ok) = search(from: best, value: bestValue, f: f, evaluations: &evaluations)
      let improvement = bestValue - value
      if value <= bestValue {
        best = point
        bestValue = value
      }
      converged = ok
      if !ok || evaluations >= maxEvaluations { break }
      if round > 0 && !(improvement > functionTolerance * (1 + abs(bestValue))) { break }
    }
    return Result(point: best, value: bestValue, evaluations: evaluations, converged: converged)
  }

  func project(_ x: [Double]) -> [Double] {
    var y = x
    for i in y.indices { y[i] = Swift.min(upper[i], Swift.max(lower[i], y[i])) }
    return y
  }

  /// One simplex search; returns the best vertex, its value, and whether it converged.
  func search(
    from start: [Double], value startValue: Double, f objective: ([Double]) -> Double,
    evaluations: inout Int
  ) -> ([Double], Double, Bool) {
    func f(_ x: [Double]) -> Double {
      evaluations += 1
      return objective(x)
    }
    let d = start.count
    var simplex = [start]
    var values = [startValue]
    for i in 0..<d {
      var vertex = start
      let step = initialStepFraction * (upper[i] - lower[i])
      // Step away from the nearer bound so that the vertex stays distinct after projection.
      vertex[i] += (upper[i] - start[i] >= start[i] - lower[i]) ? step : -step
      vertex = project(vertex)
      simplex.append(vertex)
      values.append(f(vertex))
    }
    while evaluations < maxEvaluations {
      let order = values.indices.sorted { values[$0] < values[$1] }
      simplex = order.map { simplex[$0] }
      values = order.map { values[$0] }
      if hasConverged(simplex, values) { return (simplex[0], values[0], true) }
      var centroid = [Double](repeating: 0, count: d)
      for v in simplex.dropLast() {
        for i in 0..<d { centroid[i] += v[i] / Double(d) }
      }
      let worst = simplex[d]
      func along(_ t: Double) -> [Double] {
        project((0..<d).map { centroid[$0] + t * (centroid[$0] - worst[$0]) })
      }
      let reflected = along(1)
      let fr = f(reflected)
      if fr < values[0] {
        let expanded = along(2)
        let fe = f(expanded)
        if fe < fr {
          simplex[d] = expanded
          values[d] = fe
        } else {
          simplex[d] = reflected
          values[d] = fr
        }
        continue
      }
      if fr < values[d - 1] {
        simplex[d] = reflected
        values[d] = fr
        continue
      }
      // Contraction: outside when the reflection improved on the worst vertex, else inside.
      let outside = fr < values[d]
      let contracted = along(outside ? 0.5 : -0.5)
      let fc = f(contracted)
      if outside ? fc <= fr : fc < values[d] {
        simplex[d] = contracted
        values[d] = fc
        continue
      }
      for j in 1...d {
        simplex[j] = project(
          (0..<d).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) })
        values[j] = f(simplex[j])
      }
    }
    let bestIndex = values.indices.min { values[$0] < values[$1] }!
    return (simplex[bestIndex], values[bestIndex], false)
  }

  func hasConverged(_ simplex: [[Double]], _ values: [Double]) -> Bool {
    guard values[0].isFinite else { return false }
    let spread = values[values.count - 1] - values[0]
    guard spread <= functionTolerance * (1 + abs(values[0])) else { return false }
    for i in lower.indices {
      var lo = simplex[0][i]
      var hi = lo
      for v in simplex {
        lo = Swift.min(lo, v[i])
        hi = Swift.max(hi, v[i])
      }
      if hi - lo > pointTolerance * (upper[i] - lower[i]) { return false }
    }
    return true
  }
}
