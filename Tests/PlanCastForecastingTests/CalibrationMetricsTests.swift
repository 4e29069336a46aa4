import Foundation
import PlanCastNumerics
import Testing

@testable import PlanCastForecasting

/// The scoring rules, quantile CDF, reliability bins and origin bootstrap of the calibration,
/// on cases checked by hand or against closed forms.
@Suite struct CalibrationMetricsTests {
  /// Closed-form CRPS of N(μ, σ) at y (Gneiting & Raftery 2007, eq. 21).
  static func normalCRPS(mean: Double, sd: Double, _ y: Double) throws -> Double {
    let z = (y - mean) / sd
    let n = try Normal()
    return sd * (z * (2 * n.cdf(z) - 1) + 2 * n.pdf(z) - 1 / Double.pi.squareRoot())
  }

  static func normalQuantiles(mean: Double, sd: Double, _ taus: [Double]) throws
    -> QuantileDistribution
  {
    let n = try Normal(mean: mean, standardDeviation: sd)
    return try #require(QuantileDistribution(taus.map { ($0, n.quantile($0)) }))
  }

  @Test func crpsFromQuantilesApproachesTheNormalClosedForm() throws {
    let fine = (1...99).map { Double($0) / 100 }
    // The panel levels 10, …, 90, 95: quantiles 0.025, 0.05, 0.10, …, 0.95, 0.975.
    let panel = [0.025] + (1...19).map { Double($0) / 20 } + [0.975]
    for y in [-2.0, -0.5, 0, 1, 3].map({ 10 + 4 * $0 }) {
      let exact = try Self.normalCRPS(mean: 10, sd: 4, y)
      let onFine = ScoringRules.crps(try Self.normalQuantiles(mean: 10, sd: 4, fine), outcome: y)
      let onPanel = ScoringRules.crps(
        try Self.normalQuantiles(mean: 10, sd: 4, panel), outcome: y)
      // Midpoint rule over the levels: measured errors 0.003–0.06% on 99 levels and 0.26–1.0%
      // on the 21 panel levels (the tails beyond 0.025/0.975 are the largest part), always low.
      #expect(abs(onFine / exact - 1) < 1e-3, "y \(y): \(onFine) vs \(exact)")
      #expect(abs(onPanel / exact - 1) < 1.2e-2, "y \(y): \(onPanel) vs \(exact)")
      #expect(onPanel < exact && onFine < exact)
      #expect(abs(onFine - exact) < abs(onPanel - exact))
    }
  }

  @Test func pinballBrierAndLogScoreByHand() {
    #expect(ScoringRules.pinball(10, tau: 0.9, outcome: 12) == 0.9 * 2)
    #expect(abs(ScoringRules.pinball(10, tau: 0.9, outcome: 7) - 0.1 * 3) < 1e-15)
    #expect(ScoringRules.brier(0.7, occurred: true) == (0.7 - 1) * (0.7 - 1))
    #expect(ScoringRules.brier(0.7, occurred: false) == 0.7 * 0.7)
    #expect(ScoringRules.logScore(0.25, occurred: true) == -log(0.25))
    #expect(ScoringRules.logScore(0.25, occurred: false) == -log(0.75))
    // Clipped to [0.001, 0.999]: a certain forecast that fails costs −ln 0.001.
    #expect(ScoringRules.logScore(1, occurred: false) == -log(1 - 0.999))
    #expect(ScoringRules.logScore(0, occurred: false) == -log(0.999))
    let interval = ForecastInterval(lower: 8, upper: 12)
    #expect(ScoringRules.winkler(interval, alpha: 0.2, outcome: 10) == 4)
    #expect(ScoringRules.winkler(interval, alpha: 0.2, outcome: 13) == 4 + 10 * 1)
  }

  @Test func quantileCDFIsLinearInsideWithExponentialTails() throws {
    let d = try #require(
      QuantileDistribution(
        median: 100,
        intervals: [
          (80, ForecastInterval(lower: 90, upper: 112)), (50, .init(lower: 95, upper: 104)),
        ]))
    #expect(d.probabilities == [0.1, 0.25, 0.5, 0.75, 0.9])
    #expect(d.quantiles == [90, 95, 100, 104, 112])
    #expect(d.cdf(100) == 0.5)
    #expect(abs(d.cdf(102) - 0.625) < 1e-15)
    #expect(abs(d.cdf(108) - 0.825) < 1e-15)
    // Below 90: 0.1·exp(−(90 − x)/5); above 112: 1 − 0.1·exp(−(x − 112)/8).
    #expect(abs(d.cdf(85) - 0.1 * exp(-1)) < 1e-15)
    #expect(abs(d.cdf(128) - (1 - 0.1 * exp(-2))) < 1e-15)
    #expect(d.isMonotone)
    #expect(QuantileDistribution(median: .nan, intervals: []) == nil)
  }

  @Test func reliabilityBinsAndMurphyTermsByHand() {
    let pairs: [(probability: Double, occurred: Bool)] = [
      (0.05, false), (0.05, false), (0.15, true), (0.95, true), (1.0, true), (0.95, false),
    ]
    let table = ReliabilityTable(pairs)
    #expect(table.bins.count == 10)
    #expect(table.bins[0].count == 2 && table.bins[0].observedFrequency == 0)
    #expect(table.bins[1].count == 1 && table.bins[1].observedFrequency == 1)
    #expect(table.bins[9].count == 3)
    #expect(abs(table.bins[9].meanForecast - 2.9 / 3) < 1e-15)
    #expect(abs(table.bins[9].observedFrequency - 2.0 / 3) < 1e-15)
    #expect(table.bins[5].count == 0 && table.bins[5].meanForecast.isNaN)
    #expect(table.bins[3].lower == 0.3 && table.bins[9].upper == 1)
    // Base rate 1/2. Reliability: (2·0.05² + 0.85² + 3·(2.9/3 − 2/3)²)/6; resolution:
    // (2·0.25 + 0.25 + 3·(1/6)²)/6; uncertainty 1/4.
    let rel = (2 * 0.0025 + 0.7225 + 3 * pow(2.9 / 3 - 2.0 / 3, 2)) / 6
    #expect(abs(table.reliability - rel) < 1e-15)
    #expect(abs(table.resolution - (0.75 + 3.0 / 36) / 6) < 1e-15)
    #expect(table.uncertainty == 0.25)
  }

  @Test func brierSkillAndLogScoreOfATallyByHand() throws {
    let settings = CalibrationSettings(
      methods: [.naive], origins: 2000...2001, horizons: 1...1, events: [.growth(0.05)],
      bootstrapReplicates: 0)
    var tally = Tally(settings: settings, origins: 2)
    // Origin 2000 (climatology 0.5): forecasts 0.8 (hit) and 0.4 (miss); origin 2001 (no
    // climatology): 0.9 (hit).
    tally.addEvent(0, 0, 0, p: 0.8, occurred: true, climatology: 0.5)
    tally.addEvent(0, 0, 0, p: 0.4, occurred: false, climatology: 0.5)
    tally.addEvent(0, 0, 1, p: 0.9, occurred: true, climatology: nil)
    tally.accuracy[0][0][0].add([1, 1, 1, 1, 1] + settings.levels.map { _ in 100 })
    let result = tally.result(seriesCount: 2, metrics: Array(repeating: "x", count: 15))
    func score(_ metric: String, _ origin: Int?) -> Double? {
      result.events.first { $0.metric == metric && $0.origin == origin }?.value
    }
    let brier2000 = try #require(score("brier", 2000))
    let brierAll = try #require(score("brier", nil))
    let skill = try #require(score("brier_skill", nil))
    let logScore = try #require(score("log_score", nil))
    #expect(abs(brier2000 - 0.1) < 1e-15)  // (0.2² + 0.4²)/2
    #expect(abs(brierAll - 0.21 / 3) < 1e-15)  // (0.04 + 0.16 + 0.01)/3
    // Skill over the origins with a climatology only: 1 − (0.04 + 0.16)/(0.25 + 0.25).
    #expect(abs(skill - 0.6) < 1e-15)
    #expect(score("brier_skill", 2001) == nil)
    let expected: Double = -(Foundation.log(0.8) + Foundation.log(0.6) + Foundation.log(0.9)) / 3
    #expect(abs(logScore - expected) < 1e-15)
  }

  @Test func bootstrapIsReproducibleAndResamplesWholeBlocks() throws {
    let a = OriginBootstrap(origins: 5, replicates: 200, seed: 7)
    let b = OriginBootstrap(origins: 5, replicates: 200, seed: 7)
    let c = OriginBootstrap(origins: 5, replicates: 200, seed: 8)
    #expect(a == b)
    #expect(a != c)
    #expect(a.weights.allSatisfy { $0.reduce(0, +) == 5 })
    // Every origin is drawn about 200 times in 200 replicates of 5 out of 5.
    for o in 0..<5 {
      let total = a.weights.map { $0[o] }.reduce(0, +)
      #expect((140...260).contains(total), "origin \(o): \(total)")
    }
    // Blocks of 2 of 4 origins: starts 0, 1 or 2, two blocks, so origins 0 and 3 are drawn
    // only with their neighbour.
    let blocks = OriginBootstrap(origins: 4, replicates: 100, blockLength: 2, seed: 3)
    for w in blocks.weights {
      #expect(w.reduce(0, +) == 4)
      #expect(w[0] <= w[1] && w[3] <= w[2])
    }
    // The mean of per-origin values 1…5 under resampling: se ≈ √(population variance / 5)
    // = √(2/5) ≈ 0.632 (4000 replicates: ±0.007 sampling error).
    let values = [1.0, 2, 3, 4, 5]
    let summary = try #require(
      OriginBootstrap(origins: 5, replicates: 4000, seed: 1).summary { w in
        zip(w, values).map { Double($0) * $1 }.reduce(0, +) / 5
      })
    #expect(abs(summary.standardError - (2.0 / 5).squareRoot()) < 0.03)
    #expect(summary.lower < 3 && summary.upper > 3)
  }
}
