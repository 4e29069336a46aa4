/// The Sobol' low-discrepancy sequence in up to 64 dimensions with Joe–Kuo direction numbers,
/// unscrambled, in Gray-code order (Antonov–Saleev): point `n` is the XOR of the direction
/// numbers of the set bits of `n ^ (n >> 1)`. Points are multiples of 2⁻³²; the sequence is
/// identical to scipy's `qmc.Sobol(d, scramble=False)` (and so to SALib's Sobol sampler).
public struct SobolSequence: Sendable {
  public static let maxDimensions = JoeKuoDirections.table.count + 1
  static let bits = 32

  public let dimensions: Int
  /// `directions[d][k]`: direction number `v_{k+1}` of dimension `d`, scaled to 32 bits.
  let directions: [[UInt32]]

  /// The first `dimensions` dimensions; throws when more than ``maxDimensions`` are asked for.
  public init(dimensions: Int) throws(SensitivityError) {
    guard dimensions >= 1, dimensions <= Self.maxDimensions else {
      throw .invalid(
        "a Sobol' sequence in \(dimensions) dimensions: PlanCast's Joe–Kuo table has 1–\(Self.maxDimensions)"
      )
    }
    self.dimensions = dimensions
    var directions: [[UInt32]] = []
    for d in 0..<dimensions {
      var v = [UInt32](repeating: 0, count: Self.bits)
      if d == 0 {
        for k in 0..<Self.bits { v[k] = 1 << UInt32(Self.bits - 1 - k) }
      } else {
        let (s, a, m) = JoeKuoDirections.table[d - 1]
        for k in 0..<min(s, Self.bits) { v[k] = m[k] << UInt32(Self.bits - 1 - k) }
        if s < Self.bits {
          for k in s..<Self.bits {
            var x = v[k - s] ^ (v[k - s] >> UInt32(s))
            for i in 1..<s where (a >> UInt32(s - 1 - i)) & 1 == 1 { x ^= v[k - i] }
            v[k] = x
          }
        }
      }
      directions.append(v)
    }
    self.directions = directions
  }

  /// Points `start ..< start + count`, row-major (`count × dimensions`), in [0, 1).
  public func points(start: Int, count: Int) -> [Double] {
    var out = [Double](repeating: 0, count: count * dimensions)
    guard count > 0 else { return out }
    // The first point directly from its Gray code, then one XOR per step.
    var state = [UInt32](repeating: 0, count: dimensions)
    let gray = UInt64(start) ^ (UInt64(start) >> 1)
    for k in 0..<Self.bits where (gray >> UInt64(k)) & 1 == 1 {
      for d in 0..<dimensions { state[d] ^= directions[d][k] }
    }
    let scale = 0x1.0p-32
    for i in 0..<count {
      if i > 0 {
        // Point n = start + i differs from n − 1 in the direction of the lowest zero bit of n − 1.
        let c = (~UInt64(start + i - 1)).trailingZeroBitCount
        for d in 0..<dimensions { state[d] ^= directions[d][c] }
      }
      for d in 0..<dimensions { out[i * dimensions + d] = Double(state[d]) * scale }
    }
    return out
  }
}
