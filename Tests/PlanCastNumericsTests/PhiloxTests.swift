import Testing

@testable import PlanCastNumerics

@Suite struct PhiloxTests {
  /// Known-answer test from Random123 (kat_vectors): philox4x32_10 with counter 0 and key 0.
  @Test func knownAnswer() {
    var generator = Philox(seed: 0, stream: 0)
    let first = generator.next()
    let second = generator.next()
    #expect(first == (UInt64(0x6627_e8d5) << 32 | 0xe169_c58d))
    #expect(second == (UInt64(0xbc57_ac4c) << 32 | 0x9b00_dbd8))
  }

  @Test func streamsAreReproducibleAndDistinct() {
    var a = Philox(seed: 42, stream: 3)
    var b = Philox(seed: 42, stream: 3)
    var c = Philox(seed: 42, stream: 4)
    let xa = (0..<10).map { _ in a.next() }
    #expect(xa == (0..<10).map { _ in b.next() })
    #expect(xa != (0..<10).map { _ in c.next() })
  }

  @Test func normalsHaveUnitMoments() {
    var generator = Philox(seed: 1)
    let n = 200_000
    var sum = 0.0
    var squares = 0.0
    for _ in 0..<n {
      let z = generator.nextNormal()
      sum += z
      squares += z * z
    }
    #expect(abs(sum / Double(n)) < 0.01)
    #expect(abs(squares / Double(n) - 1) < 0.01)
  }

  /// The ziggurat's normals: unit moments, a symmetric tail and a Kolmogorov–Smirnov statistic
  /// against Φ below the 0.1% critical value (1.95/√n).
  @Test func zigguratNormalsPassKolmogorovSmirnov() {
    var generator = Philox(seed: 11, stream: 5)
    let n = 200_000
    var x = (0..<n).map { _ in generator.nextZigguratNormal() }
    let mean = x.reduce(0, +) / Double(n)
    let variance = x.reduce(0) { $0 + $1 * $1 } / Double(n) - mean * mean
    let kurtosis = x.reduce(0) { $0 + $1 * $1 * $1 * $1 } / Double(n)
    #expect(abs(mean) < 0.01)
    #expect(abs(variance - 1) < 0.01)
    #expect(abs(kurtosis - 3) < 0.06)
    // Tail beyond the ziggurat's base (r ≈ 3.654): P(|Z| > 3.654) ≈ 2.58e-4.
    let tail = x.filter { abs($0) > 3.654_152_885_361_008_8 }.count
    #expect(tail > 20 && tail < 85)
    x.sort()
    var d = 0.0
    for (i, v) in x.enumerated() {
      let phi = 0.5 * erfc(-v / 2.0.squareRoot())
      d = max(d, abs(phi - Double(i + 1) / Double(n)), abs(phi - Double(i) / Double(n)))
    }
    #expect(d < 1.95 / Double(n).squareRoot())
  }

  /// The ziggurat is a pure function of the stream: same stream, same values.
  @Test func zigguratIsReproducible() {
    var a = Philox(seed: 3, stream: 9)
    var b = Philox(seed: 3, stream: 9)
    let xa = (0..<1000).map { _ in a.nextZigguratNormal() }
    #expect(xa == (0..<1000).map { _ in b.nextZigguratNormal() })
  }

  /// Gamma(a) has mean a and variance a, for shapes below and above 1 (Marsaglia–Tsang with
  /// the boost for a < 1); χ²_ν = 2·Gamma(ν/2) has mean ν and variance 2ν.
  @Test(arguments: [0.5, 1.0, 2.5, 4.5, 40.0])
  func gammaMoments(shape a: Double) {
    var generator = Philox(seed: 21, stream: UInt64(a * 10))
    let n = 200_000
    var sum = 0.0
    var squares = 0.0
    for _ in 0..<n {
      let g = generator.nextGamma(shape: a)
      sum += g
      squares += g * g
    }
    let mean = sum / Double(n)
    let variance = squares / Double(n) - mean * mean
    // Five standard errors: √(a/n) for the mean; the sample variance's is √((μ₄ − a²)/n) with
    // μ₄ = 3a² + 6a.
    #expect(abs(mean - a) < 5 * (a / Double(n)).squareRoot())
    #expect(abs(variance - a) < 5 * ((6 * a + 2 * a * a) / Double(n)).squareRoot())
  }

  @Test(arguments: [1, 2, 9, 12, 80])
  func chiSquaredMoments(degreesOfFreedom nu: Int) {
    var generator = Philox(seed: 5, stream: UInt64(nu))
    let n = 200_000
    var sum = 0.0
    var squares = 0.0
    for _ in 0..<n {
      let c = generator.nextGammaChiSquared(degreesOfFreedom: Double(nu))
      sum += c
      squares += c * c
    }
    let mean = sum / Double(n)
    let variance = squares / Double(n) - mean * mean
    let v = Double(nu)
    #expect(abs(mean - v) < 5 * (2 * v / Double(n)).squareRoot())
    // Var of the sample variance of χ²_ν: (μ₄ − σ⁴)/n with μ₄ = 12ν(ν + 4).
    #expect(abs(variance - 2 * v) < 5 * ((12 * v * (v + 4) - 4 * v * v) / Double(n)).squareRoot())
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The generator computes four blocks at a time; its words are those of the one-block
/// Philox4x32-10 below, in counter order, across a carry into the counter's second word.
@Suite struct PhiloxBlockTests {
  static func block(
    _ counter: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32)
  ) -> (UInt32, UInt32, UInt32, UInt32) {
    var c = counter
    var k = key
    for round in 0..<10 {
      if round > 0 {
        k.0 &+= 0x9E37_79B9
        k.1 &+= 0xBB67_AE85
      }
      let p0 = UInt64(0xD251_1F53) &* UInt64(c.0)
      let p1 = UInt64(0xCD9E_8D57) &* UInt64(c.2)
      c = (
        UInt32(truncatingIfNeeded: p1 >> 32) ^ c.1 ^ k.0, UInt32(truncatingIfNeeded: p1),
        UInt32(truncatingIfNeeded: p0 >> 32) ^ c.3 ^ k.1, UInt32(truncatingIfNeeded: p0)
      )
    }
    return c
  }

  @Test(arguments: [UInt32(0), UInt32.max - 5])
  func wordsAreTheOneBlockWordsInOrder(start: UInt32) {
    let seed: UInt64 = 0x1234_5678_9abc_def0
    let stream: UInt64 = 0xfeed_beef_0000_0007
    var generator = Philox(seed: seed, stream: stream)
    generator.counter.0 = start
    let key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    var counter = (
      start, UInt32(0), UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32)
    )
    for _ in 0..<23 {
      let b = Self.block(counter, key: key)
      #expect(generator.next() == UInt64(b.0) << 32 | UInt64(b.1))
      #expect(generator.next() == UInt64(b.2) << 32 | UInt64(b.3))
      counter.0 &+= 1
      if counter.0 == 0 { counter.1 &+= 1 }
    }
    #expect(counter.1 == (start == 0 ? 0 : 1))
  }
}
