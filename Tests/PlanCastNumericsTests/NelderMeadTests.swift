import PlanCastNumerics
import Testing

@Suite struct NelderMeadTests {
  /// Rosenbrock's valley from the classical start (−1.2, 1): minimum 0 at (1, 1).
  @Test func findsTheRosenbrockMinimum() {
    let optimizer = NelderMead(lower: [-5, -5], upper: [5, 5])
    let result = optimizer.minimize(start: [-1.2, 1]) { x in
      let a = 1 - x[0]
      let b = x[1] - x[0] * x[0]
      return a * a + 100 * b * b
    }
    #expect(result.converged)
    #expect(abs(result.point[0] - 1) < 1e-4 && abs(result.point[1] - 1) < 1e-4)
    #expect(result.value < 1e-9)
  }

  /// A quadratic whose unconstrained minimum (2, −3, 0.5) lies outside the box in two
  /// coordinates: the solution is on the bounds exactly, the free coordinate is interior.
  @Test func stopsOnTheBounds() {
    let optimizer = NelderMead(lower: [0, -1, 0], upper: [1, 1, 1])
    let result = optimizer.minimize(start: [0.5, 0, 0.9]) { x in
      let d = [x[0] - 2, x[1] + 3, x[2] - 0.5]
      return d[0] * d[0] + 2 * d[1] * d[1] + 3 * d[2] * d[2] + d[0] * d[2]
    }
    #expect(result.point[0] == 1)
    #expect(result.point[1] == -1)
    // With x₀ = 1 fixed, ∂/∂x₂: 6(x₂ − 0.5) + (x₀ − 2) = 0 → x₂ = 0.5 + 1/6.
    #expect(abs(result.point[2] - (0.5 + 1.0 / 6)) < 1e-5)
  }

  /// Non-finite objective values are treated as +∞ and avoided.
  @Test func avoidsNonFiniteRegions() {
    let optimizer = NelderMead(lower: [-2], upper: [2])
    let result = optimizer.minimize(start: [1.5]) { x in
      x[0] < 0.25 ? .nan : (x[0] - 0.3) * (x[0] - 0.3)
    }
    #expect(abs(result.point[0] - 0.3) < 1e-5)
    #expect(result.value.isFinite)
  }

  @Test func respectsTheEvaluationBudget() {
    var optimizer = NelderMead(lower: [-10, -10], upper: [10, 10])
    optimizer.maxEvaluations = 30
    let result = optimizer.minimize(start: [9, 9]) { x in x[0] * x[0] + 1e6 * x[1] * x[1] }
    #expect(!result.converged)
    #expect(result.evaluations <= 32)
  }
}
