import Foundation
import PlanCastNumerics
import Testing

/// Unit tests of `LevenbergMarquardt`: known answers, bad input, bounds, limits.
@Suite struct LevenbergMarquardtTests {
  static let xs = (0..<12).map { Double($0) }

  /// `y = a·exp(b·x)` with its gradient.
  static func exponential(y: [Double], x: [Double] = xs) -> NonlinearLeastSquaresProblem {
    NonlinearLeastSquaresProblem(
      x: x, y: y, parameterCount: 2,
      model: { x, p in p[0] * exp(p[1] * x) },
      gradient: { x, p in [exp(p[1] * x), p[0] * x * exp(p[1] * x)] })
  }

  @Test func exactExponentialIsRecovered() throws {
    let y = Self.xs.map { 2.5 * exp(0.3 * $0) }
    for analytic in [true, false] {
      var problem = Self.exponential(y: y)
      if !analytic {
        problem = NonlinearLeastSquaresProblem(
          parameterCount: 2, observationCount: y.count, residuals: problem.residuals)
      }
      let fit = try LevenbergMarquardt().minimize(problem, from: [1, 0.1])
      #expect(fit.termination.isConverged)
      #expect(abs(fit.parameters[0] - 2.5) < 1e-11 * 2.5, "analytic \(analytic)")
      #expect(abs(fit.parameters[1] - 0.3) < 1e-11 * 0.3, "analytic \(analytic)")
      #expect(fit.residualSumOfSquares < 1e-20)
      #expect(fit.degreesOfFreedom == 10)
    }
  }

  /// With noise the answer is the minimiser of the sum of squares: the gradient `Jᵀr` vanishes,
  /// and the covariance equals `σ̂²(JᵀJ)⁻¹` computed independently through the 2×2 inverse.
  @Test func noisyExponentialSatisfiesNormalEquationsAndCovariance() throws {
    let noise = [0.3, -0.2, 0.1, 0.25, -0.4, 0.05, -0.1, 0.35, -0.3, 0.2, -0.15, 0.1]
    let y = Self.xs.enumerated().map { 2.5 * exp(0.3 * $0.element) + noise[$0.offset] }
    let fit = try LevenbergMarquardt().minimize(Self.exponential(y: y), from: [1, 0.1])
    let (a, b) = (fit.parameters[0], fit.parameters[1])
    var g = [0.0, 0.0]
    var gram = [0.0, 0.0, 0.0]
    for (i, x) in Self.xs.enumerated() {
      let j0 = exp(b * x)
      let j1 = a * x * exp(b * x)
      let r = y[i] - a * exp(b * x)
      g[0] += j0 * r
      g[1] += j1 * r
      gram[0] += j0 * j0
      gram[1] += j0 * j1
      gram[2] += j1 * j1
    }
    #expect(abs(g[0]) < 1e-10 && abs(g[1]) < 1e-9)
    let rss = fit.residualSumOfSquares
    #expect(abs(rss - fit.residuals.reduce(0) { $0 + $1 * $1 }) <= 1e-14 * rss)
    let s2 = rss / 10
    #expect(abs(fit.residualStandardDeviation! - s2.squareRoot()) < 1e-14)
    let det = gram[0] * gram[2] - gram[1] * gram[1]
    let cov = try #require(fit.covariance)
    #expect(abs(cov[0, 0] - s2 * gram[2] / det) < 1e-8 * cov[0, 0])
    #expect(abs(cov[1, 1] - s2 * gram[0] / det) < 1e-8 * cov[1, 1])
    #expect(abs(cov[0, 1] + s2 * gram[1] / det) < 1e-8 * abs(cov[0, 1]))
    #expect(cov[0, 1] == cov[1, 0])
    #expect(fit.standardErrors![1] == cov[1, 1].squareRoot())
  }

  @Test func badInputThrowsTypedErrors() throws {
    let lm = LevenbergMarquardt()
    let y = Self.xs.map { 2 * exp(0.1 * $0) }
    let good = Self.exponential(y: y)
    #expect(throws: NonlinearLeastSquaresError.nonFiniteStart(index: 1)) {
      try lm.minimize(good, from: [1, .nan])
    }
    #expect(throws: NonlinearLeastSquaresError.startLengthMismatch(expected: 2, actual: 3)) {
      try lm.minimize(good, from: [1, 0, 0])
    }
    let short = Self.exponential(y: [1], x: [0])
    #expect(throws: NonlinearLeastSquaresError.tooFewObservations(observations: 1, parameters: 2)) {
      try lm.minimize(short, from: [1, 0])
    }
    // log of a negative parameter: NaN residuals at the start.
    let logModel = NonlinearLeastSquaresProblem(
      x: Self.xs, y: y, parameterCount: 2, model: { x, p in log(p[0]) + p[1] * x })
    #expect(throws: NonlinearLeastSquaresError.nonFiniteResidualsAtStart(index: 0)) {
      try lm.minimize(logModel, from: [-1, 0])
    }
    let mismatched = NonlinearLeastSquaresProblem(
      x: Self.xs, y: Array(y.prefix(5)), parameterCount: 2, model: { x, p in p[0] + p[1] * x })
    #expect(throws: NonlinearLeastSquaresError.residualCountMismatch(expected: 12, actual: 5)) {
      try lm.minimize(mismatched, from: [1, 0])
    }
    var bounded = good
    bounded.lowerBounds = [0, 0]
    bounded.upperBounds = [10, 1]
    #expect(throws: NonlinearLeastSquaresError.startOutsideBounds(index: 1)) {
      try lm.minimize(bounded, from: [1, 2])
    }
    bounded.upperBounds = [10, -1]
    #expect(throws: NonlinearLeastSquaresError.invalidBounds(index: 1)) {
      try lm.minimize(bounded, from: [1, 0])
    }
    let badJacobian = NonlinearLeastSquaresProblem(
      parameterCount: 2, observationCount: 12, residuals: good.residuals,
      jacobian: { _ in Matrix(rows: 12, columns: 2, repeating: .nan) })
    #expect(throws: NonlinearLeastSquaresError.nonFiniteJacobian(parameters: [1, 0])) {
      try lm.minimize(badJacobian, from: [1, 0])
    }
    #expect(throws: NonlinearLeastSquaresError.self) {
      try LevenbergMarquardt(options: .init(maxEvaluations: 0)).minimize(good, from: [1, 0])
    }
  }

  /// NaN residuals away from the start are rejected steps, not errors: the model is undefined
  /// for `b > 0.32` (an artificial wall just beyond the answer b = 0.3), where LM's first steps go.
  @Test func nonFiniteTrialPointsAreRejectedSteps() throws {
    let y = Self.xs.map { 2.5 * exp(0.3 * $0) }
    let wallHits = Counter()
    let problem = NonlinearLeastSquaresProblem(
      x: Self.xs, y: y, parameterCount: 2,
      model: { x, p in
        if p[1] > 0.32 {
          if x == 0 { wallHits.increment() }
          return .nan
        }
        return p[0] * exp(p[1] * x)
      },
      gradient: { x, p in [exp(p[1] * x), p[0] * x * exp(p[1] * x)] })
    for start in [[1, 0.31], [10, 0.0], [100, -0.5]] {
      let fit = try LevenbergMarquardt().minimize(problem, from: start)
      #expect(fit.termination.isConverged, "start \(start)")
      #expect(
        abs(fit.parameters[0] - 2.5) < 1e-9 && abs(fit.parameters[1] - 0.3) < 1e-9,
        "start \(start): \(fit.parameters) hits \(wallHits.value)")
    }
    #expect(wallHits.value > 0, "the test must exercise non-finite trial points")
  }

  @Test func evaluationLimitIsReported() throws {
    let y = Self.xs.map { 2.5 * exp(0.3 * $0) + 0.01 * sin($0) }
    let fit = try LevenbergMarquardt(options: .init(maxEvaluations: 3)).minimize(
      Self.exponential(y: y), from: [1, 0])
    #expect(fit.termination == .maximumEvaluations)
    #expect(!fit.termination.isConverged)
    #expect(fit.evaluations == 3)
  }

  /// A logistic share `c / (1 + exp(−k(t − t₀)))` whose unconstrained ceiling would exceed 1:
  /// with the bound `c ≤ 1` the ceiling ends on it, is reported, and is fixed for inference.
  @Test func logisticCeilingBound() throws {
    let years = (0..<15).map { Double($0) }
    let share = years.map { 1.2 / (1 + exp(-0.25 * ($0 - 10))) }
    let model: @Sendable (Double, [Double]) -> Double = { t, p in
      p[0] / (1 + exp(-p[1] * (t - p[2])))
    }
    let gradient: @Sendable (Double, [Double]) -> [Double] = { t, p in
      let e = exp(-p[1] * (t - p[2]))
      let d = (1 + e) * (1 + e)
      return [1 / (1 + e), p[0] * (t - p[2]) * e / d, -p[0] * p[1] * e / d]
    }
    let free = NonlinearLeastSquaresProblem(
      x: years, y: share, parameterCount: 3, model: model, gradient: gradient)
    let unconstrained = try LevenbergMarquardt().minimize(free, from: [0.9, 0.2, 8])
    #expect(abs(unconstrained.parameters[0] - 1.2) < 1e-8)

    var bounded = free
    bounded.lowerBounds = [share.last! + 1e-6, 0, -.infinity]
    bounded.upperBounds = [1, .infinity, .infinity]
    let fit = try LevenbergMarquardt().minimize(bounded, from: [0.9, 0.2, 8])
    #expect(fit.termination.isConverged)
    #expect(fit.parameters[0] == 1)
    #expect(fit.parametersAtBounds == [0])
    let cov = try #require(fit.covariance)
    #expect(cov[0, 0] == 0 && cov[0, 1] == 0 && cov[1, 1] > 0)
    // The other parameters minimise the sum of squares with the ceiling fixed at 1.
    let fixed = NonlinearLeastSquaresProblem(
      x: years, y: share, parameterCount: 2, model: { t, p in model(t, [1, p[0], p[1]]) })
    let reference = try LevenbergMarquardt().minimize(fixed, from: [0.2, 8])
    #expect(abs(fit.parameters[1] - reference.parameters[0]) < 1e-7)
    #expect(abs(fit.parameters[2] - reference.parameters[1]) < 1e-6)
    #expect(fit.residualSumOfSquares <= reference.residualSumOfSquares * (1 + 1e-9))
    #expect(fit.residualSumOfSquares > unconstrained.residualSumOfSquares)
  }

  /// A bound that is not active at the minimum changes nothing.
  @Test func inactiveBoundsLeaveTheFitUnchanged() throws {
    let noise = [0.3, -0.2, 0.1, 0.25, -0.4, 0.05, -0.1, 0.35, -0.3, 0.2, -0.15, 0.1]
    let y = Self.xs.enumerated().map { 2.5 * exp(0.3 * $0.element) + noise[$0.offset] }
    var problem = Self.exponential(y: y)
    let free = try LevenbergMarquardt().minimize(problem, from: [1, 0.1])
    problem.lowerBounds = [0, 0]
    problem.upperBounds = [100, 1]
    let fit = try LevenbergMarquardt().minimize(problem, from: [1, 0.1])
    #expect(fit.parametersAtBounds.isEmpty)
    #expect(abs(fit.parameters[0] - free.parameters[0]) < 1e-10 * free.parameters[0])
    #expect(abs(fit.parameters[1] - free.parameters[1]) < 1e-10 * free.parameters[1])
  }
}

private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func increment() { lock.withLock { count += 1 } }
  var value: Int { lock.withLock { count } }
}
