/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw (2011, "Parallel
/// random numbers: as easy as 1, 2, 3"). Output is a pure function of a 64-bit key and a
/// 128-bit counter, so any path or stream can be generated independently: results do not
/// depend on how work is split across threads.
public struct Philox: RandomNumberGenerator, Sendable {
  @usableFromInline var key: (UInt32, UInt32)
  /// The counter of the next block to compute.
  @usableFromInline var counter: (UInt32, UInt32, UInt32, UInt32)
  /// Four blocks computed together, lane `b` holding block `b`'s four words `x0…x3`.
  @usableFromInline var x0 = SIMD4<UInt32>()
  @usableFromInline var x1 = SIMD4<UInt32>()
  @usableFromInline var x2 = SIMD4<UInt32>()
  @usableFromInline var x3 = SIMD4<UInt32>()
  /// 64-bit words of the four blocks not yet handed out (8 after a refill).
  @usableFromInline var buffered = 0

  /// The generator for `stream` under `seed`: a distinct, reproducible sequence per stream
  /// (for example one per Monte Carlo path or per series).
  @inlinable public init(seed: UInt64, stream: UInt64 = 0) {
    key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    counter = (0, 0, UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32))
  }

  /// The next 64 random bits: block after block, each block's words `x0·2³² + x1`, then
  /// `x2·2³² + x3`.
  @inlinable public mutating func next() -> UInt64 {
    if buffered == 0 { refill() }
    let word = 8 - buffered
    buffered -= 1
    let block = word >> 1
    return word & 1 == 0
      ? UInt64(x0[block]) << 32 | UInt64(x1[block])
      : UInt64(x2[block]) << 32 | UInt64(x3[block])
  }

  /// The next four blocks (counters `c`, `c + 1`, `c + 2`, `c + 3`, carried into the second
  /// word), the ten rounds on all four at once in SIMD lanes.
  @inlinable mutating func refill() {
    let base = counter.0
    var c0 = SIMD4(repeating: base) &+ SIMD4(0, 1, 2, 3)
    var c1 = SIMD4(repeating: counter.1)
    c1.replace(with: c1 &+ 1, where: c0 .< SIMD4(repeating: base))
    var c2 = SIMD4(repeating: counter.2)
    var c3 = SIMD4(repeating: counter.3)
    var k0 = SIMD4(repeating: key.0)
    var k1 = SIMD4(repeating: key.1)
    let m0 = SIMD4<UInt64>(repeating: 0xD251_1F53)
    let m1 = SIMD4<UInt64>(repeating: 0xCD9E_8D57)
    for round in 0..<10 {
      if round > 0 {
        k0 &+= 0x9E37_79B9
        k1 &+= 0xBB67_AE85
      }
      let p0 = m0 &* SIMD4<UInt64>(truncatingIfNeeded: c0)
      let p1 = m1 &* SIMD4<UInt64>(truncatingIfNeeded: c2)
      c0 = SIMD4<UInt32>(truncatingIfNeeded: p1 &>> 32) ^ c1 ^ k0
      c1 = SIMD4<UInt32>(truncatingIfNeeded: p1)
      c2 = SIMD4<UInt32>(truncatingIfNeeded: p0 &>> 32) ^ c3 ^ k1
      c3 = SIMD4<UInt32>(truncatingIfNeeded: p0)
    }
    (x0, x1, x2, x3) = (c0, c1, c2, c3)
    buffered = 8
    counter.0 = base &+ 4
    if counter.0 < base { counter.1 &+= 1 }
  }

  /// A uniform double in the open interval (0, 1) with 53 random bits.
  @inlinable public mutating func nextUniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1.0p-53
  }

  /// A standard normal draw (Box–Muller on two uniforms; the second variate is discarded so
  /// that every draw consumes the same amount of the stream). ``nextZigguratNormal()`` is about
  /// three times faster; this one stays as it was so that existing streams (fits that bootstrap,
  /// other models' simulations, the attainment shocks) keep their values.
  public mutating func nextNormal() -> Double {
    let u1 = nextUniform()
    let u2 = nextUniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A standard normal draw by the ziggurat method of Marsaglia and Tsang (2000), with the
  /// 256-layer, 52-bit tables numpy uses: one 64-bit word per draw (8 bits choose the layer, one
  /// the sign, 52 the magnitude), accepted without further work 99.3% of the time; the wedges
  /// and the tail (beyond r ≈ 3.654, by Marsaglia's exponential method) take more words. About
  /// 1.02 words per normal against two for ``nextNormal()``, and no logarithm or cosine on the
  /// fast path. Every draw remains a pure function of the stream.
  ///
  /// Not inlined into other modules: the tables are module globals, which code inlined
  /// elsewhere would reach through a lazy-initialisation check on every draw.
  public mutating func nextZigguratNormal() -> Double {
    while true {
      var r = next()
      let layer = Int(r & 0xff)
      r >>= 8
      let magnitude = (r >> 1) & 0x000f_ffff_ffff_ffff
      // The sign by flipping the sign bit, not by a branch (which would mispredict half the
      // time).
      let x = Double(bitPattern: (Double(magnitude) * zigguratW[layer]).bitPattern ^ (r << 63))
      if magnitude < zigguratK[layer] { return x }
      if let y = zigguratSlowPath(layer: layer, x: x, negative: (magnitude >> 8) & 1 != 0) {
        return y
      }
    }
  }

  /// The ziggurat's rare cases: the tail beyond r (layer 0) or the wedge of layer `layer`;
  /// nil when the candidate is rejected.
  mutating func zigguratSlowPath(layer: Int, x: Double, negative: Bool)
    -> Double?
  {
    let r = 3.654_152_885_361_008_8
    if layer == 0 {
      while true {
        let xx = -log1p(-nextUniform()) / r
        let yy = -log1p(-nextUniform())
        if yy + yy > xx * xx { return negative ? -(r + xx) : r + xx }
      }
    }
    let f0 = zigguratF[layer - 1]
    let f1 = zigguratF[layer]
    return (f0 - f1) * nextUniform() + f1 < exp(-0.5 * x * x) ? x : nil
  }

  /// A Gamma(`shape`, 1) draw by Marsaglia and Tsang (2000): for shape ≥ 1 one ziggurat normal
  /// and one uniform per attempt (acceptance above 95%, the squeeze avoids the logarithm almost
  /// always); below 1 by `Gamma(shape + 1)·U^{1/shape}`.
  @inlinable public mutating func nextGamma(shape a: Double) -> Double {
    if a < 1 {
      let g = nextGamma(shape: a + 1)
      let u = nextUniform()
      // χ² with one degree of freedom (a = 1/2) is common: U² without `pow`.
      return g * (a == 0.5 ? u * u : pow(u, 1 / a))
    }
    let d = a - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = nextZigguratNormal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = nextUniform()
      let x2 = x * x
      if u < 1 - 0.0331 * x2 * x2 { return d * v }
      if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// A chi-square draw with `degreesOfFreedom` (any positive real) by `2·Gamma(ν/2)`
  /// (``nextGamma(shape:)``): exact for every ν and about two words of the stream per draw,
  /// against 2ν for ``nextChiSquared(degreesOfFreedom:)``'s sum of squares.
  @inlinable public mutating func nextGammaChiSquared(degreesOfFreedom nu: Double) -> Double {
    2 * nextGamma(shape: nu / 2)
  }

  /// A chi-square draw with `degreesOfFreedom` (integer) degrees of freedom, as a sum of squared
  /// normals for small values and a Wilson–Hilferty cube for large ones.
  public mutating func nextChiSquared(degreesOfFreedom k: Int) -> Double {
    if k <= 60 {
      var sum = 0.0
      for _ in 0..<k {
        let z = nextNormal()
        sum += z * z
      }
      return sum
    }
    let a = 2 / (9 * Double(k))
    let cube = 1 - a + a.squareRoot() * nextNormal()
    return Double(k) * Swift.max(0, cube * cube * cube)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
