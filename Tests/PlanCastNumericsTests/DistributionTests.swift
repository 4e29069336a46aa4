import Foundation
import XCTest

@testable import PlanCastNumerics

/// Accuracy and domain tests for the probability distributions.
///
/// Reference values: `Fixtures/distributions/reference.csv`, produced by
/// `Fixtures/distributions/generate.py` (mpmath at 45 digits, cross-checked against scipy and
/// mpmath's own functions). Each row is checked against a relative-error bound:
/// - tail rows: the probability involved (the reference value for cdf/sf rows, the input
///   probability for ppf/isf rows) is below 1e-3 or above 1 - 1e-3. Bound 1e-10.
/// - body rows: everything else. Bound 1e-12.
final class DistributionTests: XCTestCase {
  static let bodyTolerance = 1e-12
  static let tailTolerance = 1e-10

  struct Row {
    var distribution: String
    var function: String
    var param1: Double
    var param2: Double
    var argument: Double
    var reference: Double
    var line: String
  }

  func loadRows() throws -> [Row] {
    let url = try XCTUnwrap(
      Bundle.module.url(
        forResource: "reference", withExtension: "csv", subdirectory: "Fixtures/distributions"),
      "missing fixture Fixtures/distributions/reference.csv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var rows: [Row] = []
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 6, let p1 = Double(f[2]), let x = Double(f[4]), let ref = Double(f[5])
      else {
        XCTFail("malformed fixture line: \(line)")
        continue
      }
      rows.append(
        Row(
          distribution: f[0], function: f[1], param1: p1, param2: Double(f[3]) ?? .nan,
          argument: x, reference: ref, line: String(line)))
    }
    return rows
  }

  func distribution(for row: Row) throws -> any ContinuousDistribution {
    switch row.distribution {
    case "normal": return try Normal(mean: row.param1, standardDeviation: row.param2)
    case "t": return try StudentT(degreesOfFreedom: row.param1)
    case "chi2": return try ChiSquared(degreesOfFreedom: row.param1)
    case "f":
      return try FDistribution(
        numeratorDegreesOfFreedom: row.param1, denominatorDegreesOfFreedom: row.param2)
    default: throw DistributionError.invalidParameter(name: row.distribution, value: .nan)
    }
  }

  func testReferenceValues() throws {
    let rows = try loadRows()
    XCTAssertGreaterThan(rows.count, 3000)
    var worst: [String: (error: Double, line: String, got: Double)] = [:]
    var counts: [String: Int] = [:]
    var failures = 0
    for row in rows {
      let d = try distribution(for: row)
      let value: Double
      let probability: Double
      switch row.function {
      case "cdf":
        value = d.cdf(row.argument)
        probability = row.reference
      case "sf":
        value = d.survival(row.argument)
        probability = row.reference
      case "ppf":
        value = d.quantile(row.argument)
        probability = row.argument
      case "isf":
        value = d.inverseSurvival(row.argument)
        probability = row.argument
      default:
        XCTFail("unknown function in \(row.line)")
        continue
      }
      let tail = probability < 1e-3 || probability > 1 - 1e-3
      let bound = tail ? Self.tailTolerance : Self.bodyTolerance
      let error: Double
      if row.reference == 0 {
        error = value == 0 ? 0 : .infinity
      } else {
        error = abs(value - row.reference) / abs(row.reference)
      }
      let key = "\(row.distribution) \(row.function) \(tail ? "tail" : "body")"
      counts[key, default: 0] += 1
      if error.isNaN || error > worst[key]?.error ?? -1 {
        worst[key] = (error, row.line, value)
      }
      if !(error <= bound) {
        failures += 1
        if failures <= 50 {
          XCTFail("relative error \(error) > \(bound): \(row.line) computed \(value)")
        }
      }
    }
    print("distribution function region   rows  worst relative error  (row)")
    for key in worst.keys.sorted() {
      let w = worst[key]!
      let padded = key.padding(toLength: 24, withPad: " ", startingAt: 0)
      let count = String(counts[key]!).padding(toLength: 5, withPad: " ", startingAt: 0)
      print("\(padded) \(count) \(w.error)  (\(w.line) -> \(w.got))")
    }
    XCTAssertEqual(failures, 0, "\(failures) rows outside the tolerance")
  }

  // MARK: - Exact identities (independent of the fixtures)

  func testClosedForms() throws {
    // Chi-squared with 2 degrees of freedom: survival = exp(-x/2).
    let chi2 = try ChiSquared(degreesOfFreedom: 2)
    for x in [1e-10, 0.1, 1, 2, 10, 100, 1000, 1300] {
      assertRelative(chi2.survival(x), exp(-x / 2), 1e-13, "chi2(2) sf \(x)")
      assertRelative(chi2.cdf(x), -expm1(-x / 2), 1e-13, "chi2(2) cdf \(x)")
    }
    // Cauchy = t with 1 degree of freedom: P(T > t) = atan(1/t)/π for t > 0.
    let cauchy = try StudentT(degreesOfFreedom: 1)
    for t in [0.01, 0.5, 1, 3, 100, 1e10, 1e200] {
      assertRelative(cauchy.survival(t), atan(1 / t) / Double.pi, 1e-13, "cauchy sf \(t)")
      assertRelative(cauchy.cdf(-t), atan(1 / t) / Double.pi, 1e-13, "cauchy cdf \(-t)")
    }
    // t with 2 degrees of freedom: P(|T| < t) = t / sqrt(2 + t²).
    let t2 = try StudentT(degreesOfFreedom: 2)
    for t in [0.1, 1, 5, 1e3] {
      assertRelative(t2.cdf(t) - t2.cdf(-t), t / (2 + t * t).squareRoot(), 1e-13, "t2 \(t)")
    }
    // F(2, 2): P(F > f) = 1 / (1 + f).
    let f22 = try FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 2)
    for f in [1e-5, 0.3, 1, 7, 1e6] {
      assertRelative(f22.survival(f), 1 / (1 + f), 1e-13, "F(2,2) sf \(f)")
    }
    // I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b.
    for (a, x) in [(0.5, 0.3), (3.0, 0.9), (40.0, 0.95), (2.5, 1e-10)] {
      assertRelative(
        SpecialFunctions.regularizedIncompleteBeta(a, 1, x: x), pow(x, a), 1e-13, "I_x(a,1)")
      assertRelative(
        SpecialFunctions.regularizedIncompleteBetaComplement(1, a, x: x), pow(1 - x, a), 1e-13,
        "1-I_x(1,b)")
    }
    // P(1, x) = 1 - e^{-x}; Q(1, x) = e^{-x}.
    for x in [1e-8, 0.5, 3, 50, 700] {
      assertRelative(SpecialFunctions.regularizedIncompleteGammaQ(1, x: x), exp(-x), 1e-13, "Q")
      assertRelative(SpecialFunctions.regularizedIncompleteGammaP(1, x: x), -expm1(-x), 1e-13, "P")
    }
    // logGamma and logBeta.
    assertRelative(SpecialFunctions.logGamma(0.5), 0.5 * log(Double.pi), 1e-15, "lgamma(1/2)")
    assertRelative(SpecialFunctions.logGamma(10), log(362_880.0), 1e-15, "lgamma(10)")
    assertRelative(SpecialFunctions.logBeta(2, 3), log(1.0 / 12), 1e-15, "logBeta(2,3)")
    // ln B(a, a) for large a versus the exact duplication-formula value
    // B(a, a) = 2^(1-2a) √π Γ(a)/Γ(a+½); compare with a computation in terms of stirling errors
    // that has no cancellation: ln B(a, ½) = ln Γ(½) + ln Γ(a) - ln Γ(a+½).
    let big = 5e5
    let viaLogGamma =
      SpecialFunctions.logGamma(0.5) + SpecialFunctions.logGamma(big)
      - SpecialFunctions.logGamma(big + 0.5)
    XCTAssertEqual(SpecialFunctions.logBeta(big, 0.5), viaLogGamma, accuracy: 1e-8)
  }

  func testTwoSidedPValue() throws {
    for nu in [0.5, 1, 3, 7.5, 48, 250, 1e4, 1e6] {
      let d = try StudentT(degreesOfFreedom: nu)
      for t in [0, 0.01, 0.7, 1, 1.96, 4, 30, 1e4, -2.5, -1e8] {
        let p = d.twoSidedPValue(t: t)
        let expected = 2 * d.survival(abs(t))
        assertRelative(p, expected, 4e-15, "twoSided nu \(nu) t \(t)")
        XCTAssertEqual(d.twoSidedPValue(t: -t), p)
      }
      XCTAssertEqual(d.twoSidedPValue(t: 0), 1)
      XCTAssertEqual(d.twoSidedPValue(t: .infinity), 0)
      XCTAssertTrue(d.twoSidedPValue(t: .nan).isNaN)
    }
    // Deep tail against the power law 2 ν^(ν/2-1) t^(-ν) / B(ν/2, ½) (relative correction
    // O(ν/t²) is negligible at t = 1e9): no cancellation, nothing rounds to 0 early.
    let nu = 30.0
    let d = try StudentT(degreesOfFreedom: nu)
    let t = 1e9
    let powerLaw = exp(
      log(2) + (nu / 2 - 1) * log(nu) - SpecialFunctions.logBeta(nu / 2, 0.5) - nu * log(t))
    assertRelative(d.twoSidedPValue(t: t), powerLaw, 1e-12, "power-law tail")
  }

  func testRoundTripsAndDensities() throws {
    let distributions: [any ContinuousDistribution] = [
      try Normal(mean: 1, standardDeviation: 2),
      try StudentT(degreesOfFreedom: 4.5),
      try ChiSquared(degreesOfFreedom: 3.5),
      try FDistribution(numeratorDegreesOfFreedom: 7, denominatorDegreesOfFreedom: 2.5),
    ]
    for d in distributions {
      for p in [1e-250, 1e-30, 1e-5, 0.02, 0.3, 0.5, 0.77, 0.999] {
        let x = d.quantile(p)
        assertRelative(d.cdf(x), p, 1e-12, "\(d) cdf(quantile(\(p)))")
        let y = d.inverseSurvival(p)
        assertRelative(d.survival(y), p, 1e-12, "\(d) survival(inverseSurvival(\(p)))")
      }
    }
    // Densities: exp(logPDF) = pdf, and pdf matches a central difference of the cdf.
    let n = try Normal(mean: 0.5, standardDeviation: 1.5)
    let t = try StudentT(degreesOfFreedom: 6.5)
    let c = try ChiSquared(degreesOfFreedom: 5)
    let f = try FDistribution(numeratorDegreesOfFreedom: 4, denominatorDegreesOfFreedom: 9)
    for x in [0.2, 1.0, 2.5, 6.0] {
      let h = 1e-5
      assertRelative(n.pdf(x), exp(n.logPDF(x)), 1e-13, "normal logPDF")
      assertRelative(t.pdf(x), exp(t.logPDF(x)), 1e-13, "t logPDF")
      assertRelative(c.pdf(x), exp(c.logPDF(x)), 1e-13, "chi2 logPDF")
      assertRelative(f.pdf(x), exp(f.logPDF(x)), 1e-13, "F logPDF")
      assertRelative(t.pdf(x), (t.cdf(x + h) - t.cdf(x - h)) / (2 * h), 1e-8, "t pdf")
      assertRelative(c.pdf(x), (c.cdf(x + h) - c.cdf(x - h)) / (2 * h), 1e-8, "chi2 pdf")
      assertRelative(f.pdf(x), (f.cdf(x + h) - f.cdf(x - h)) / (2 * h), 1e-8, "F pdf")
    }
    assertRelative(n.pdf(0.5), 1 / (1.5 * (2 * Double.pi).squareRoot()), 1e-15, "normal pdf")
  }

  func testDomainHandling() throws {
    XCTAssertThrowsError(try StudentT(degreesOfFreedom: 0)) { error in
      XCTAssertEqual(
        error as? DistributionError, .invalidParameter(name: "degreesOfFreedom", value: 0))
    }
    for bad in [-1.0, .nan, .infinity, -.infinity] {
      XCTAssertThrowsError(try StudentT(degreesOfFreedom: bad))
      XCTAssertThrowsError(try ChiSquared(degreesOfFreedom: bad))
      XCTAssertThrowsError(
        try FDistribution(numeratorDegreesOfFreedom: bad, denominatorDegreesOfFreedom: 1))
      XCTAssertThrowsError(
        try FDistribution(numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: bad))
      XCTAssertThrowsError(try Normal(mean: 0, standardDeviation: bad))
    }
    XCTAssertThrowsError(try Normal(mean: .nan, standardDeviation: 1))
    XCTAssertThrowsError(try Normal(mean: 0, standardDeviation: 0))

    let n = try Normal()
    let t = try StudentT(degreesOfFreedom: 3)
    let c = try ChiSquared(degreesOfFreedom: 3)
    let f = try FDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 4)
    for d in [n, t] as [any ContinuousDistribution] {
      XCTAssertEqual(d.quantile(0), -.infinity)
      XCTAssertEqual(d.quantile(1), .infinity)
      XCTAssertEqual(d.inverseSurvival(0), .infinity)
      XCTAssertEqual(d.inverseSurvival(1), -.infinity)
      XCTAssertEqual(d.quantile(0.5), 0)
      XCTAssertEqual(d.cdf(-.infinity), 0)
      XCTAssertEqual(d.cdf(.infinity), 1)
      XCTAssertEqual(d.survival(.infinity), 0)
    }
    for d in [c, f] as [any ContinuousDistribution] {
      XCTAssertEqual(d.quantile(0), 0)
      XCTAssertEqual(d.quantile(1), .infinity)
      XCTAssertEqual(d.inverseSurvival(0), .infinity)
      XCTAssertEqual(d.inverseSurvival(1), 0)
      XCTAssertEqual(d.cdf(-1), 0)
      XCTAssertEqual(d.survival(-1), 1)
      XCTAssertEqual(d.cdf(.infinity), 1)
      XCTAssertEqual(d.survival(.infinity), 0)
    }
    for d in [n, t, c, f] as [any ContinuousDistribution] {
      XCTAssertTrue(d.quantile(-0.1).isNaN)
      XCTAssertTrue(d.quantile(1.5).isNaN)
      XCTAssertTrue(d.quantile(.nan).isNaN)
      XCTAssertTrue(d.inverseSurvival(.nan).isNaN)
      XCTAssertTrue(d.cdf(.nan).isNaN)
      XCTAssertTrue(d.survival(.nan).isNaN)
    }
    XCTAssertTrue(SpecialFunctions.regularizedIncompleteBeta(-1, 2, x: 0.5).isNaN)
    XCTAssertTrue(SpecialFunctions.regularizedIncompleteBeta(1, 2, x: 1.5).isNaN)
    XCTAssertTrue(SpecialFunctions.regularizedIncompleteGammaP(0, x: 1).isNaN)
    XCTAssertTrue(SpecialFunctions.regularizedIncompleteGammaQ(1, x: -1).isNaN)
    XCTAssertTrue(SpecialFunctions.logBeta(0, 1).isNaN)
    // Quantiles beyond the double range saturate instead of trapping.
    let heavy = try StudentT(degreesOfFreedom: 0.5)
    XCTAssertEqual(heavy.inverseSurvival(1e-300), .infinity)
    XCTAssertEqual(heavy.quantile(1e-300), -.infinity)
    let chiSmall = try ChiSquared(degreesOfFreedom: 0.5)
    XCTAssertEqual(chiSmall.quantile(1e-300), 0)
  }

  func assertRelative(
    _ value: Double, _ expected: Double, _ tolerance: Double, _ message: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let error = expected == 0 ? abs(value) : abs(value - expected) / abs(expected)
    XCTAssertTrue(
      error <= tolerance, "\(message): \(value) vs \(expected) (relative error \(error))",
      file: file, line: line)
  }
}
