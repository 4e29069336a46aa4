#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Normal (Gaussian) distribution `N(mean, standardDeviation²)`.
///
/// - cdf / survival: `½ erfc(∓z/√2)` with the C library's `erfc` (glibc, a few ulp), so both tails
///   keep relative accuracy down to the underflow threshold (relative error grows like
///   `z² · 1e-16` from rounding `z/√2`: ≤ 2e-13 at a tail probability of 1e-300).
/// - quantile: Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), relative
///   accuracy about 1e-16, evaluated on the exact smaller tail probability.
public struct Normal: ContinuousDistribution, Hashable {
  public let mean: Double
  public let standardDeviation: Double

  /// - Throws: ``DistributionError/invalidParameter(name:value:)`` unless `mean` is finite and
  ///   `standardDeviation` is finite and positive.
  public init(mean: Double = 0, standardDeviation: Double = 1) throws(DistributionError) {
    guard mean.isFinite else {
      throw DistributionError.invalidParameter(name: "mean", value: mean)
    }
    self.mean = mean
    self.standardDeviation = try requirePositiveFinite(standardDeviation, "standardDeviation")
  }

  /// Probability density.
  public func pdf(_ x: Double) -> Double {
    let z = (x - mean) / standardDeviation
    return exp(-0.5 * z * z - lnSqrt2Pi) / standardDeviation
  }

  /// Natural log of the density (finite far beyond where `pdf` underflows).
  public func logPDF(_ x: Double) -> Double {
    let z = (x - mean) / standardDeviation
    return -0.5 * z * z - lnSqrt2Pi - log(standardDeviation)
  }

  public func cdf(_ x: Double) -> Double {
    Normal.standardUpperTail(-(x - mean) / standardDeviation)
  }

  public func survival(_ x: Double) -> Double {
    Normal.standardUpperTail((x - mean) / standardDeviation)
  }

  public func quantile(_ p: Double) -> Double {
    mean + standardDeviation * Normal.standardQuantile(p)
  }

  public func inverseSurvival(_ q: Double) -> Double {
    mean - standardDeviation * Normal.standardQuantile(q)
  }

  /// `P(Z > z)` for the standard normal.
  @inline(__always)
  static func standardUpperTail(_ z: Double) -> Double {
    0.5 * erfc(z * 0.707_106_781_186_547_524_400_844_362_105)
  }

  /// Standard normal quantile by AS 241.
  static func standardQuantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180625 - q * q
      let num =
        (((((((2509.080_928_730_122_672_7 * r + 33430.575_583_588_128_105) * r
          + 67265.770_927_008_700_853) * r + 45921.953_931_549_871_457) * r
          + 13731.693_765_509_461_125) * r + 1971.590_950_306_551_442_7) * r
          + 133.141_667_891_784_377_45) * r + 3.387_132_872_796_366_608_0)
      let den =
        (((((((5226.495_278_852_854_561_0 * r + 28729.085_735_721_942_674) * r
          + 39307.895_800_092_710_610) * r + 21213.794_301_586_595_867) * r
          + 5394.196_021_424_751_107_7) * r + 687.187_007_492_057_908_30) * r
          + 42.313_330_701_600_911_252) * r + 1)
      return q * num / den
    }
    // Smaller tail probability; exact because p - 0.5 is exact here.
    let tail = q < 0 ? p : 1 - p
    var r = (-log(tail)).squareRoot()
    var value: Double
    if r <= 5 {
      r -= 1.6
      let num =
        (((((((7.745_450_142_783_414_076_40e-4 * r + 0.022_723_844_989_269_184_583_3) * r
          + 0.241_780_725_177_450_611_770) * r + 1.270_458_252_452_368_382_58) * r
          + 3.647_848_324_763_204_605_04) * r + 5.769_497_221_460_691_405_50) * r
          + 4.630_337_846_156_545_295_90) * r + 1.423_437_110_749_683_577_34)
      let den =
        (((((((1.050_750_071_644_416_843_24e-9 * r + 5.475_938_084_995_344_946_00e-4) * r
          + 0.015_198_666_563_616_457_196_6) * r + 0.148_103_976_427_480_074_590) * r
          + 0.689_767_334_985_100_004_550) * r + 1.676_384_830_183_803_849_40) * r
          + 2.053_191_626_637_758_821_87) * r + 1)
      value = num / den
    } else {
      r -= 5
      let num =
        (((((((2.010_334_399_292_288_132_65e-7 * r + 2.711_555_568_743_487_578_15e-5) * r
          + 0.001_242_660_947_388_078_438_60) * r + 0.026_532_189_526_576_123_093_0) * r
          + 0.296_560_571_828_504_891_230) * r + 1.784_826_539_917_291_335_80) * r
          + 5.463_784_911_164_114_369_90) * r + 6.657_904_643_501_103_777_20)
      let den =
        (((((((2.044_263_103_389_939_785_64e-15 * r + 1.421_511_758_316_445_888_70e-7) * r
          + 1.846_318_317_510_054_681_80e-5) * r + 7.868_691_311_456_132_591_00e-4) * r
          + 0.014_875_361_290_850_614_852_5) * r + 0.136_929_880_922_735_805_310) * r
          + 0.599_832_206_555_887_937_690) * r + 1)
      value = num / den
    }
    return q < 0 ? -value : value
  }
}
