/// Sums of per-forecast scores, one total and count per metric.
struct MetricSums {
  var total: [Double]
  var count: [Int]

  init(metrics: Int) {
    total = [Double](repeating: 0, count: metrics)
    count = [Int](repeating: 0, count: metrics)
  }

  mutating func add(_ terms: [Double?]) {
    for (k, term) in terms.enumerated() {
      guard let term else { continue }
      total[k] += term
      count[k] += 1
    }
  }

  static func + (a: MetricSums, b: MetricSums) -> MetricSums {
    var sum = a
    for k in sum.total.indices {
      sum.total[k] += b.total[k]
      sum.count[k] += b.count[k]
    }
    return sum
  }
}

/// Sums of one method's event scores at one origin.
struct EventSums {
  var count = 0
  var brier = 0.0
  var log = 0.0
  /// Over the forecasts whose origin has a climatology: the count, the forecasts' Brier score,
  /// the climatology and its Brier score.
  var climatologyCount = 0
  var brierWithClimatology = 0.0
  var climatology = 0.0
  var brierOfClimatology = 0.0
}

/// Collects a calibration's scores by method, origin and horizon or event, and turns them into a
/// ``CalibrationResult`` with the bootstrap over origins.
struct Tally {
  let settings: CalibrationSettings
  /// `accuracy[method][origin][horizon]`.
  var accuracy: [[[MetricSums]]]
  /// `events[method][event][origin]`.
  var events: [[[EventSums]]]
  /// `pairs[method][event]`: every (probability, occurred), for the reliability tables.
  var pairs: [[[(probability: Double, occurred: Bool)]]]
  var climatology: [(origin: Int, event: AttainmentEvent, share: Double?, count: Int)] = []
  var skips: [CalibrationSkip] = []
  var fallbacks: [(method: String, origin: Int, count: Int)] = []
  var unordered: [(method: String, origin: Int, count: Int)] = []

  init(settings: CalibrationSettings, origins: Int) {
    self.settings = settings
    let metrics = 5 + settings.levels.count
    let m = settings.methodNames.count
    accuracy = Array(
      repeating: Array(
        repeating: Array(repeating: MetricSums(metrics: metrics), count: settings.horizons.count),
        count: origins), count: m)
    events = Array(
      repeating: Array(
        repeating: Array(repeating: EventSums(), count: origins), count: settings.events.count),
      count: m)
    pairs = Array(repeating: Array(repeating: [], count: settings.events.count), count: m)
  }

  var hasScores: Bool {
    accuracy.contains { $0.contains { $0.contains { $0.count[0] > 0 } } }
  }

  mutating func skip(
    _ origin: Int, _ horizon: Int?, _ method: String?, _ event: AttainmentEvent?,
    _ reason: String, _ count: Int
  ) {
    guard count > 0 else { return }
    skips.append(
      CalibrationSkip(
        origin: origin, horizon: horizon, method: method, event: event, reason: reason,
        count: count))
  }

  mutating func addEvent(
    _ m: Int, _ e: Int, _ i: Int, p: Double, occurred: Bool, climatology: Double?
  ) {
    let brier = ScoringRules.brier(p, occurred: occurred)
    events[m][e][i].count += 1
    events[m][e][i].brier += brier
    events[m][e][i].log += ScoringRules.logScore(p, occurred: occurred)
    if let climatology {
      events[m][e][i].climatologyCount += 1
      events[m][e][i].brierWithClimatology += brier
      events[m][e][i].climatology += climatology
      events[m][e][i].brierOfClimatology += ScoringRules.brier(climatology, occurred: occurred)
    }
    pairs[m][e].append((p, occurred))
  }

  func result(seriesCount: Int, metrics: [String]) -> CalibrationResult {
    let origins = Array(settings.origins)
    let bootstrap =
      origins.count >= 2 && settings.bootstrapReplicates > 0
      ? OriginBootstrap(
        origins: origins.count, replicates: settings.bootstrapReplicates,
        blockLength: settings.blockLength, seed: settings.seed) : nil
    /// Σ w·numerator / Σ w·denominator over origins.
    func ratio(_ w: [Int], _ numerator: [Double], _ denominator: [Double]) -> Double? {
      var n = 0.0
      var d = 0.0
      for i in w.indices where w[i] > 0 {
        n += Double(w[i]) * numerator[i]
        d += Double(w[i]) * denominator[i]
      }
      return d > 0 ? n / d : nil
    }
    var accuracyScores: [CalibrationScore] = []
    for (m, method) in settings.methodNames.enumerated() {
      let byOrigin = accuracy[m]
      func rows(
        _ sums: MetricSums, origin: Int?, horizon: Int?, perOrigin: [MetricSums]?
      ) -> [CalibrationScore] {
        metrics.indices.compactMap { k in
          guard sums.count[k] > 0 else { return nil }
          let uncertainty = perOrigin.flatMap { per in
            bootstrap?.summary { w in
              ratio(w, per.map { $0.total[k] }, per.map { Double($0.count[k]) })
            }
          }
          return CalibrationScore(
            method: method, origin: origin, horizon: horizon, event: nil,
            metric: metrics[k], value: sums.total[k] / Double(sums.count[k]),
            count: sums.count[k], uncertainty: uncertainty)
        }
      }
      for (i, origin) in origins.enumerated() {
        for (j, h) in settings.horizons.enumerated() {
          accuracyScores += rows(byOrigin[i][j], origin: origin, horizon: h, perOrigin: nil)
        }
        accuracyScores += rows(
          byOrigin[i].reduce(MetricSums(metrics: metrics.count), +), origin: origin, horizon: nil,
          perOrigin: nil)
      }
      for (j, h) in settings.horizons.enumerated() {
        let per = byOrigin.map { $0[j] }
        accuracyScores += rows(
          per.reduce(MetricSums(metrics: metrics.count), +), origin: nil, horizon: h,
          perOrigin: per)
      }
      let per = byOrigin.map { $0.reduce(MetricSums(metrics: metrics.count), +) }
      accuracyScores += rows(
        per.reduce(MetricSums(metrics: metrics.count), +), origin: nil, horizon: nil,
        perOrigin: per)
    }
    var eventScores: [CalibrationScore] = []
    var reliability: [CalibrationReliability] = []
    for (m, method) in settings.methodNames.enumerated() {
      for (e, event) in settings.events.enumerated() {
        let per = events[m][e]
        func score(
          _ origin: Int?, _ metric: String, _ value: Double?, _ count: Int,
          _ statistic: (([Int]) -> Double?)?
        ) -> CalibrationScore? {
          guard let value, count > 0 else { return nil }
          return CalibrationScore(
            method: method, origin: origin, horizon: settings.eventHorizon, event: event,
            metric: metric, value: value, count: count,
            uncertainty: statistic.flatMap { s in bootstrap?.summary(s) })
        }
        func scores(_ s: EventSums, origin: Int?, pooled: Bool) -> [CalibrationScore] {
          let n = Double(s.count)
          let nc = Double(s.climatologyCount)
          let brier = per.map(\.brier)
          let counts = per.map { Double($0.count) }
          let withClim = per.map(\.brierWithClimatology)
          let ofClim = per.map(\.brierOfClimatology)
          let climCounts = per.map { Double($0.climatologyCount) }
          return [
            score(
              origin, "brier", s.brier / n, s.count, pooled ? { ratio($0, brier, counts) } : nil),
            score(
              origin, "log_score", s.log / n, s.count,
              pooled ? { ratio($0, per.map(\.log), counts) } : nil),
            score(
              origin, "climatology", s.climatology / nc, s.climatologyCount,
              pooled ? { ratio($0, per.map(\.climatology), climCounts) } : nil),
            score(
              origin, "brier_climatology", s.brierOfClimatology / nc, s.climatologyCount,
              pooled ? { ratio($0, ofClim, climCounts) } : nil),
            score(
              origin, "brier_skill",
              s.brierOfClimatology > 0 ? 1 - s.brierWithClimatology / s.brierOfClimatology : nil,
              s.climatologyCount,
              pooled ? { w in ratio(w, withClim, ofClim).map { 1 - $0 } } : nil),
          ].compactMap { $0 }
        }
        for (i, origin) in origins.enumerated() {
          eventScores += scores(per[i], origin: origin, pooled: false)
        }
        let total = per.reduce(into: EventSums()) { sum, s in
          sum.count += s.count
          sum.brier += s.brier
          sum.log += s.log
          sum.climatologyCount += s.climatologyCount
          sum.brierWithClimatology += s.brierWithClimatology
          sum.climatology += s.climatology
          sum.brierOfClimatology += s.brierOfClimatology
        }
        eventScores += scores(total, origin: nil, pooled: true)
        if !pairs[m][e].isEmpty {
          let table = ReliabilityTable(pairs[m][e])
          reliability.append(
            CalibrationReliability(method: method, event: event, table: table))
          for (metric, value) in [
            ("murphy_reliability", table.reliability), ("murphy_resolution", table.resolution),
            ("murphy_uncertainty", table.uncertainty),
          ] {
            eventScores += [score(nil, metric, value, table.count, nil)].compactMap { $0 }
          }
        }
      }
    }
    return CalibrationResult(
      settings: settings, seriesCount: seriesCount, accuracy: accuracyScores, events: eventScores,
      reliability: reliability, climatology: climatology, skips: skips, fallbacks: fallbacks,
      unordered: unordered)
  }
}
