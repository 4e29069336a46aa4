import PlanCastNumerics
import Testing

@testable import PlanCastAttainment

/// The histogram selection against sorting, on data shaped like the engine's and on the
/// awkward cases: ties, a point mass inside a spread, infinities, NaN, constant and tiny arrays.
@Suite struct OrderStatisticsTests {
  static func expectMatchesSorting(_ data: [Double], _ label: String) {
    let sorted = data.sorted { a, b in
      // NaN above everything, as OrderStatistics orders it.
      a.isNaN ? false : b.isNaN ? true : a < b
    }
    let ranks = Set([
      0, data.count / 3, data.count / 2, data.count - 1, Swift.max(0, data.count - 2),
    ])
    let order = data.withUnsafeBufferPointer { OrderStatistics($0, ranks: ranks) }
    for rank in ranks {
      let expected = sorted[rank]
      let got = order[rank]
      #expect(
        got == expected || (got.isNaN && expected.isNaN),
        "\(label): rank \(rank) \(got) vs \(expected)")
    }
  }

  @Test func agreesWithSortingOnEveryShape() {
    var generator = Philox(seed: 11)
    let n = 20_000
    let normal = (0..<n).map { _ in generator.nextZigguratNormal() }
    Self.expectMatchesSorting(normal, "normal")
    Self.expectMatchesSorting(normal.map { exp(3 * $0) }, "heavy right tail")
    Self.expectMatchesSorting(normal.map { ($0 * 4).rounded() }, "ties")
    Self.expectMatchesSorting(normal.map { $0 > 0.3 ? 0.3 : $0 }, "point mass")
    var special = normal
    special[5] = .infinity
    special[6] = -.infinity
    special[7] = .nan
    special[8] = .nan
    Self.expectMatchesSorting(special, "infinities and NaN")
    Self.expectMatchesSorting([Double](repeating: 2.5, count: 1000), "constant")
    Self.expectMatchesSorting(
      [Double](repeating: 2.5, count: 10) + [.infinity, -.infinity], "constant with infinities")
    Self.expectMatchesSorting([.nan, .nan, .nan], "all NaN")
    Self.expectMatchesSorting([4.0], "one value")
    Self.expectMatchesSorting([3, 1, 2], "three values")
  }

  /// Type-7 quantiles of f(x) for monotone f equal those of the mapped array.
  @Test func quantilesOfMonotoneFunctions() {
    var generator = Philox(seed: 3)
    let n = 9_999
    let x = (0..<n).map { _ in generator.nextZigguratNormal() }
    let levels = [0.5, 0.8, 0.2, 0.025]
    let ranks =
      OrderStatistics.ranks(count: n, levels: levels)
      + OrderStatistics.ranks(count: n, levels: levels).map { n - 1 - $0 }
    let order = x.withUnsafeBufferPointer { OrderStatistics($0, ranks: ranks) }
    func type7(_ values: [Double], _ p: Double) -> Double {
      var copy = values
      return QuantileSelection.quantiles(&copy, [p])[0]
    }
    for p in levels {
      #expect(order.quantile(p) == type7(x, p))
      let increasing = order.quantile(p) { 2 * $0 + 1 }
      #expect(abs(increasing - type7(x.map { 2 * $0 + 1 }, p)) < 1e-12)
      let decreasing = order.quantile(p, decreasing: true) { -3 * $0 }
      #expect(abs(decreasing - type7(x.map { -3 * $0 }, p)) < 1e-12)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif
