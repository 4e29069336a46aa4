/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw (2011, "Parallel
/// random numbers: as easy as 1, 2, 3"). Output is a pure function of a 64-bit key and a
/// 128-bit counter, so any path or stream can be generated independently: results do not
/// depend on how work is split across threads.
public struct Philox: RandomNumberGenerator, Sendable {
  private var key: (UInt32, UInt32)
  private var counter: (UInt32, UInt32, UInt32, UInt32)
  private var buffer: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
  private var buffered = 0

  /// The generator for `stream` under `seed`: a distinct, reproducible sequence per stream
  /// (for example one per Monte Carlo path or per series).
  public init(seed: UInt64, stream: UInt64 = 0) {
    key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    counter = (0, 0, UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32))
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    if buffered < 2 { refill() }
    buffered -= 2
    return buffered == 2
      ? UInt64(buffer.0) << 32 | UInt64(buffer.1) : UInt64(buffer.2) << 32 | UInt64(buffer.3)
  }

  private mutating func refill() {
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
    buffer = c
    buffered = 4
    counter.0 &+= 1
    if counter.0 == 0 { counter.1 &+= 1 }
  }

  /// A uniform double in the open interval (0, 1) with 53 random bits.
  public mutating func nextUniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1.0p-53
  }

  /// A standard normal draw (Box–Muller on two uniforms; the second variate is discarded so
  /// that every draw consumes the same amount of the stream).
  public mutating func nextNormal() -> Double {
    let u1 = nextUniform()
    let u2 = nextUniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
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
