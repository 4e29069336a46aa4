import Foundation
import Testing

@testable import PlanCastSensitivity

@Suite struct SensitivityCopulaTests {
  @Test func correlatedSobolSamplesHaveTheRequestedCorrelationAndMarginals() throws {
    let factors = [
      try FactorSpec(
        name: "a", low: -1, high: 1, distribution: .normal(mean: 0, standardDeviation: 2)),
      try FactorSpec(name: "b", low: -1, high: 1, distribution: .uniform(lower: -1, upper: 1)),
    ]
    let spec = SweepSpec(
      method: .sobol, model: "-", scenario: "-", seed: 1, draws: 1, samples: 4096, levels: 4,
      resamples: 10, factors: factors, axes: [],
      correlations: [FactorCorrelation(first: "a", second: "b", rho: 0.6)], targets: [])
    let design = try SweepDesign(spec)
    // The A rows (every d + 2 = 4th row) are a sample of the joint distribution.
    let a = stride(from: 0, to: design.rows.count, by: 4).map { design.rows[$0][0]! }
    let b = stride(from: 0, to: design.rows.count, by: 4).map { design.rows[$0][1]! }
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n
    let mb = b.reduce(0, +) / n
    let sa = (a.reduce(0) { $0 + ($1 - ma) * ($1 - ma) } / n).squareRoot()
    #expect(abs(ma) < 0.02 && abs(sa - 2) < 0.02)
    #expect(b.allSatisfy { -1 < $0 && $0 < 1 } && abs(mb) < 0.01)
    // Gaussian copula with ρ = 0.6 between a normal and a uniform: Pearson correlation
    // ρ·√(3/π) = 0.5863.
    let sb = (b.reduce(0) { $0 + ($1 - mb) * ($1 - mb) } / n).squareRoot()
    let r = zip(a, b).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) } / n / (sa * sb)
    #expect(abs(r - 0.6 * (3 / Double.pi).squareRoot()) < 0.01)
  }

  @Test func badCorrelationsAreClearErrors() throws {
    let names = ["a", "b", "c"]
    #expect(throws: SensitivityError.unknownAssumption("z", known: names)) {
      try GaussianCopula(names: names, correlations: [.init(first: "a", second: "z", rho: 0.1)])
    }
    #expect(throws: SensitivityError.self) {
      try GaussianCopula(names: names, correlations: [.init(first: "a", second: "b", rho: 1)])
    }
    #expect(throws: SensitivityError.self) {
      try GaussianCopula(names: names, correlations: [.init(first: "a", second: "a", rho: 0.5)])
    }
    // Pairwise valid, jointly impossible: a≈b, b≈c, a≈−c.
    #expect(throws: SensitivityError.self) {
      try GaussianCopula(
        names: names,
        correlations: [
          .init(first: "a", second: "b", rho: 0.9), .init(first: "b", second: "c", rho: 0.9),
          .init(first: "a", second: "c", rho: -0.9),
        ])
    }
    #expect(throws: SensitivityError.self) { try FactorCorrelation(argument: "a:b") }
    #expect(try FactorCorrelation(argument: "a:b=-0.25").rho == -0.25)
  }
}
