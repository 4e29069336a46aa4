import Foundation
import PlanCastNumerics
import Testing

@testable import PlanCastForecasting

/// The reference-class calibration of a declared growth model: the path map, its estimate on
/// synthetic classes with known answers, and the properties a calibration must have (no
/// look-ahead, the same for any thread count).
@Suite struct PathCalibrationTests {
  /// `members` level series 2000…2000+`years`−1 whose growth (%) is an AR(1) around 8 %, with
  /// `slowdown` percentage points less from 2011 on (a common break the model cannot foresee).
  static func synthetic(members: Int, years: Int = 21, slowdown: Double) throws -> [YearlySeries] {
    var generator = Philox(seed: 11, stream: 0)
    return try (0..<members).map { i in
      var level = 100.0
      var growth = 8.0
      var values = [level]
      for t in 1..<years {
        let mean = 8.0 - (2000 + t >= 2011 ? slowdown : 0)
        growth = mean + 0.5 * (growth - mean) + 1.5 * generator.nextNormal()
        level *= 1 + growth / 100
        values.append(level)
      }
      return try YearlySeries(name: "m\(i)", years: Array(2000..<(2000 + years)), values: values)
    }
  }

  static let model = GrowthAutoregression(
    input: .rates, order: 1, trend: false, biasCorrectionReplications: 100)

  static func estimator(lastYear: Int = 2020, threads: Int = 2) -> PathCalibrationEstimator {
    PathCalibrationEstimator(
      model: model, horizons: 3, lastYear: lastYear, paths: 200, seed: 5, threads: threads)
  }

  @Test func mapFollowsItsFormulaOnRates() throws {
    let calibration = try #require(PathCalibration(bias: [-1, -2], scale: [2, 1.5]))
    var path = [10.0, 12.0, 9.0]
    let centre = PathCalibration.cumulative([8, 8, 8], rates: true)
    path.withUnsafeMutableBufferPointer { p in
      centre.withUnsafeBufferPointer { calibration.apply(path: p, centre: $0, rates: true) }
    }
    // By hand: c = cumulative 100·log(1 + x/100); c' = m + b + λ(c − m); x' from differences.
    let c = PathCalibration.cumulative([10, 12, 9], rates: true)
    let expected = [
      centre[0] - 1 + 2 * (c[0] - centre[0]),
      centre[1] - 2 + 1.5 * (c[1] - centre[1]),
      centre[2] - 3 + 1.5 * (c[2] - centre[2]),  // beyond H: b₂·3/2, λ₂
    ]
    let out = PathCalibration.cumulative(path, rates: true)
    for h in 0..<3 { #expect(abs(out[h] - expected[h]) < 1e-10) }
  }

  @Test func ratesAtOrBelowMinusHundredStayFiniteAndRankLowest() throws {
    // An explosive parameter draw on a short fit can give a rate of −100 % or less, which has no
    // log growth: without the floor the path turned NaN and took the forecast mean with it.
    let calibration = try #require(PathCalibration(bias: [-1, -2, -3], scale: [1.2, 1.3, 1.4]))
    let centre = PathCalibration.cumulative([8, 8, 8], rates: true)
    func calibrated(_ rates: [Double]) -> [Double] {
      var path = rates
      path.withUnsafeMutableBufferPointer { p in
        centre.withUnsafeBufferPointer { calibration.apply(path: p, centre: $0, rates: true) }
      }
      return path
    }
    let broken = calibrated([5, -150, 7])
    #expect(broken.allSatisfy { $0.isFinite })
    let floored = calibrated([5, PathCalibration.rateFloor, 7])
    #expect(zip(broken, floored).allSatisfy { abs($0 - $1) < 1e-9 })
    let milder = calibrated([5, -50, 7])
    #expect(
      PathCalibration.cumulative(broken, rates: true)[1]
        < PathCalibration.cumulative(milder, rates: true)[1])
  }

  @Test func identityLeavesPathsAlone() {
    var path = [5.0, -3.0, 7.5]
    let centre = PathCalibration.cumulative([1, 2, 3], rates: false)
    path.withUnsafeMutableBufferPointer { p in
      centre.withUnsafeBufferPointer {
        PathCalibration.identity(horizons: 2).apply(path: p, centre: $0, rates: false)
      }
    }
    #expect(zip(path, [5.0, -3.0, 7.5]).allSatisfy { abs($0 - $1) < 1e-12 })
  }

  @Test func invalidCalibrationsAreRefused() {
    #expect(PathCalibration(bias: [], scale: []) == nil)
    #expect(PathCalibration(bias: [0, 1], scale: [1]) == nil)
    #expect(PathCalibration(bias: [0], scale: [0]) == nil)
    #expect(PathCalibration(bias: [.nan], scale: [1]) == nil)
  }

  @Test func calibratedModelSimulatesTheMappedPath() throws {
    let series = try #require(Self.synthetic(members: 1, slowdown: 0).first)
    let rates = Self.estimator().working(series)
    let calibration = try #require(PathCalibration(bias: [-0.5, -1.5], scale: [1.3, 1.6]))
    var calibratedSpec = Self.model
    calibratedSpec.calibration = calibration
    let plain = try Self.model.fitted(rates)
    let calibrated = try calibratedSpec.fitted(rates)
    let z = [0.3, -1.2, 0.8, 2.0]
    var a = [Double](repeating: 0, count: 4)
    var b = a
    var g1 = Philox(seed: 3, stream: 9)
    var g2 = Philox(seed: 3, stream: 9)
    z.withUnsafeBufferPointer { z in
      a.withUnsafeMutableBufferPointer {
        plain.simulateGrowth(innovations: z, generator: &g1, into: $0)
      }
      b.withUnsafeMutableBufferPointer {
        calibrated.simulateGrowth(innovations: z, generator: &g2, into: $0)
      }
    }
    let centre = plain.centrePath(horizon: 4)
    a.withUnsafeMutableBufferPointer { p in
      centre.withUnsafeBufferPointer { calibration.apply(path: p, centre: $0, rates: true) }
    }
    #expect(a == b)
    #expect(calibrated.name.hasSuffix("class-calibrated"))
  }

  @Test func correctModelNeedsLittleCalibration() throws {
    let fit = try Self.estimator().fit(Self.synthetic(members: 60, slowdown: 0))
    for s in fit.summaries {
      #expect(abs(s.bias) < 0.6 * Double(s.horizon), "h\(s.horizon) shift \(s.bias)")
      #expect((0.8...1.3).contains(s.scale), "h\(s.horizon) scale \(s.scale)")
    }
  }

  @Test func unforeseenSlowdownIsLearntAsOptimism() throws {
    let fit = try Self.estimator().fit(Self.synthetic(members: 60, slowdown: 4))
    let h3 = try #require(fit.summaries.last)
    #expect(h3.bias < -2, "shift at h3 \(h3.bias)")
    #expect(
      abs(h3.coverage80After - 80) < abs(h3.coverage80Before - 80),
      "80% coverage before \(h3.coverage80Before), after \(h3.coverage80After)")
  }

  @Test func sameForAnyThreadCount() throws {
    let members = try Self.synthetic(members: 25, slowdown: 2)
    #expect(try Self.estimator(threads: 1).fit(members) == Self.estimator(threads: 3).fit(members))
  }

  @Test func readsNothingAfterItsLastYear() throws {
    let members = try Self.synthetic(members: 25, slowdown: 2)
    let changed = try members.map { s in
      try YearlySeries(
        name: s.name, years: s.years,
        values: zip(s.years, s.values).map { $0 > 2014 ? $1 * 3 : $1 })
    }
    let a = try Self.estimator(lastYear: 2014).fit(members)
    let b = try Self.estimator(lastYear: 2014).fit(changed)
    #expect(a == b)
    #expect(a.origins?.upperBound == 2013)
  }

  @Test func tooSmallAClassIsAnError() throws {
    let members = try Self.synthetic(members: 3, slowdown: 0)
    #expect(throws: PathCalibrationEstimator.Failure.self) {
      try Self.estimator().fit(members)
    }
  }

  @Test func carriedHorizonsNeedThreeOrigins() throws {
    // AR(1) needs 5 growth rates, so the first origin is 2005; a class ending 2008 gives
    // horizon 1 three origins (2005–2007), horizon 2 two and horizon 3 one: both carried.
    let members = try Self.synthetic(members: 60, slowdown: 0)
    let fit = try Self.estimator(lastYear: 2008).fit(members)
    let (h1, h2, h3) = (fit.summaries[0], fit.summaries[1], fit.summaries[2])
    #expect(h1.estimated && !h2.estimated && !h3.estimated)
    #expect(h2.scale == h1.scale && h3.scale == h1.scale)
    #expect(abs(h3.bias - 3 * h1.bias) < 1e-12)
    #expect(fit.origins == 2005...2007)
  }
}
