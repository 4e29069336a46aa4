import Foundation
import PlanCastAttainment
import Testing

@testable import PlanCastSensitivity

/// The Ishigami function (a = 7, b = 0.1) on [−π, π]³: analytic indices, SALib on the same
/// samples, and PlanCast's Sobol' sequence against scipy's.
@Suite struct SensitivityIshigamiTests {
  static func ishigami(_ x: [Double]) -> Double {
    sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0])
  }

  static let factors: [FactorSpec] = (1...3).map {
    // Valid by construction; a failure here is a test failure.
    try! FactorSpec(
      name: "x\($0)", low: -.pi, high: .pi, distribution: .uniform(lower: -.pi, upper: .pi))
  }

  static func spec(_ method: SweepMethod, samples: Int) -> SweepSpec {
    SweepSpec(
      method: method, model: "ishigami", scenario: "-", seed: 11, draws: 1, samples: samples,
      levels: 4, resamples: 1000, factors: factors, axes: [], correlations: [], targets: [])
  }

  struct Reference: Decodable {
    struct Sobol: Decodable {
      let n: Int
      let sample: [[Double]]
      let s1: [Double]
      let s1Conf: [Double]
      let st: [Double]
      let stConf: [Double]
    }
    struct Morris: Decodable {
      let levels: Int
      let sample: [[Double]]
      let mu: [Double]
      let muStar: [Double]
      let sigma: [Double]
      let muStarConf: [Double]
    }
    let sobolSequence: [[Double]]
    let sobol: Sobol
    let morris: Morris
  }

  static func reference() throws -> Reference {
    let url = try #require(
      Bundle.module.url(
        forResource: "salib_ishigami", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
  }

  @Test func sobolSequenceMatchesScipyBitForBit() throws {
    let expected = try Self.reference().sobolSequence
    let points = try SobolSequence(dimensions: 8).points(start: 0, count: 64)
    for (i, row) in expected.enumerated() {
      for (d, v) in row.enumerated() { #expect(points[i * 8 + d] == v, "point \(i) dim \(d)") }
    }
    // Starting in the middle gives the same points as running through.
    let tail = try SobolSequence(dimensions: 8).points(start: 37, count: 27)
    #expect(tail == Array(points[(37 * 8)...]))
  }

  @Test func indicesMatchTheAnalyticValuesWithinTheBootstrapInterval() throws {
    let spec = Self.spec(.sobol, samples: 1 << 14)
    let design = try SweepDesign(spec)
    let y = design.rows.map { Self.ishigami($0.map { $0! }) }
    let indices = try #require(
      SobolAnalysis.analyze(
        y, factors: design.columns, samples: spec.samples, resamples: 1000, seed: 11))
    print(
      "Ishigami N=2^14:",
      indices.map {
        "S1 \($0.first) ± \($0.firstConfidence), ST \($0.total) ± \($0.totalConfidence)"
      })
    let s1 = [0.3139, 0.4424, 0]
    let st = [0.5576, 0.4424, 0.2437]
    for j in 0..<3 {
      let i = indices[j]
      #expect(
        abs(i.first - s1[j]) <= i.firstConfidence, "S1 x\(j + 1): \(i.first) ± \(i.firstConfidence)"
      )
      #expect(
        abs(i.total - st[j]) <= i.totalConfidence, "ST x\(j + 1): \(i.total) ± \(i.totalConfidence)"
      )
      // And close in absolute terms (the bootstrap interval is wide for a QMC design).
      #expect(abs(i.first - s1[j]) < 0.01 && abs(i.total - st[j]) < 0.01)
    }
  }

  @Test func sobolIndicesEqualSALibOnTheSameSample() throws {
    let ref = try Self.reference()
    let spec = Self.spec(.sobol, samples: ref.sobol.n)
    let design = try SweepDesign(spec)
    // PlanCast's Saltelli design is SALib's sample (scramble=False, skip_values=N).
    #expect(design.rows.count == ref.sobol.sample.count)
    for (r, row) in ref.sobol.sample.enumerated() {
      for j in 0..<3 { #expect(design.rows[r][j]! == row[j], "row \(r) column \(j)") }
    }
    let y = design.rows.map { Self.ishigami($0.map { $0! }) }
    let indices = try #require(
      SobolAnalysis.analyze(
        y, factors: design.columns, samples: ref.sobol.n, resamples: 1000, seed: 11))
    for j in 0..<3 {
      #expect(abs(indices[j].first - ref.sobol.s1[j]) < 1e-12)
      #expect(abs(indices[j].total - ref.sobol.st[j]) < 1e-12)
      // Bootstrap half-widths: same method, different resampling streams.
      #expect(abs(indices[j].firstConfidence / ref.sobol.s1Conf[j] - 1) < 0.15)
      #expect(abs(indices[j].totalConfidence / ref.sobol.stConf[j] - 1) < 0.15)
    }
  }

  @Test func morrisStatisticsEqualSALibOnTheSameSample() throws {
    let ref = try Self.reference().morris
    let x = ref.sample.flatMap { $0 }
    let y = ref.sample.map(Self.ishigami)
    let indices = try #require(
      MorrisAnalysis.analyze(
        inputs: x, outputs: y, factors: ["x1", "x2", "x3"], levels: ref.levels, resamples: 1000,
        seed: 13))
    for j in 0..<3 {
      #expect(abs(indices[j].mean - ref.mu[j]) < 1e-12)
      #expect(abs(indices[j].meanAbsolute - ref.muStar[j]) < 1e-12)
      #expect(abs(indices[j].standardDeviation - ref.sigma[j]) < 1e-12)
      // x2's effects all have the same size here (sin² at the four levels), so its half-width
      // is 0 up to rounding in both.
      #expect(
        abs(indices[j].meanAbsoluteConfidence - ref.muStarConf[j]) <= 0.2 * ref.muStarConf[j]
          + 1e-12)
    }
  }

  @Test func morrisTrajectoriesMoveOneFactorByDeltaPerStep() throws {
    let d = 5
    let p = 4
    let delta = Double(p) / Double(2 * (p - 1))
    let unit = try MorrisDesign.trajectories(factors: d, trajectories: 30, levels: p, seed: 3)
    #expect(unit.count == 30 * (d + 1) * d)
    let levels = (0..<p).map { Double($0) / Double(p - 1) }
    for t in 0..<30 {
      var moved = Set<Int>()
      for s in 0..<(d + 1) {
        let row = Array(unit[((t * (d + 1) + s) * d)..<((t * (d + 1) + s + 1) * d)])
        #expect(row.allSatisfy { v in levels.contains { abs($0 - v) < 1e-12 } })
        guard s > 0 else { continue }
        let previous = unit[((t * (d + 1) + s - 1) * d)..<((t * (d + 1) + s) * d)]
        let changes = zip(row, previous).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(changes.count == 1)
        if let c = changes.first {
          #expect(abs(abs(c.element.0 - c.element.1) - delta) < 1e-12)
          moved.insert(c.offset)
        }
      }
      #expect(moved.count == d)
    }
    // Morris on Ishigami ranks x2 or x1 first and finds x3's interaction (σ > μ*·0.5).
    let spec = Self.spec(.morris, samples: 200)
    let design = try SweepDesign(spec)
    let y = design.rows.map { Self.ishigami($0.map { $0! }) }
    let m = try #require(
      MorrisAnalysis.analyze(
        inputs: design.unit, outputs: y, factors: design.columns, levels: 4, resamples: 100,
        seed: 1))
    #expect(m[2].standardDeviation > m[2].meanAbsolute * 0.5)
    #expect(abs(m[1].mean) < m[1].meanAbsolute)  // sin² is non-monotone: effects cancel
  }
}
