import Foundation

// The steps of fitting a ReferenceClass, one type each.

/// The members of a reference class: the series ending in the most common last year (the latest
/// on a tie) with positive values, and their log growth over the consecutive run ending there.
struct ClassMembers {
  let lastYear: Int
  /// In input order.
  let names: [String]
  /// Log growth by year, per member.
  let growth: [String: [Int: Double]]
  let lastLog: [String: Double]

  init(series: [YearlySeries], window: Int) throws {
    let usable = series.filter { s in s.count >= window + 2 && s.values.allSatisfy { $0 > 0 } }
    var ends: [Int: Int] = [:]
    for s in usable { if let last = s.lastYear { ends[last, default: 0] += 1 } }
    guard let last = ends.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else {
      throw ReferenceClass.Unavailable(description: "no series with \(window + 2) positive values")
    }
    var growth: [String: [Int: Double]] = [:]
    var names: [String] = []
    var lastLog: [String: Double] = [:]
    for s in usable where s.lastYear == last && growth[s.name] == nil {
      var g: [Int: Double] = [:]
      var k = s.count - 1
      while k > 0, s.years[k - 1] == s.years[k] - 1 {
        g[s.years[k]] = log(s.values[k] / s.values[k - 1])
        k -= 1
      }
      guard g.count >= window + 1 else { continue }
      growth[s.name] = g
      names.append(s.name)
      lastLog[s.name] = log(s.values[s.count - 1])
    }
    guard names.count >= ReferenceClass.minimumMembers else {
      throw ReferenceClass.Unavailable(
        description:
          "\(names.count) series end in \(last) with \(window + 2) consecutive positive values; "
          + "a reference class needs \(ReferenceClass.minimumMembers)")
    }
    self.lastYear = last
    self.names = names
    self.growth = growth
    self.lastLog = lastLog
  }
}

/// Common growth (the members' median, for the years in which at least half of them are
/// observed) and the members' growth differentials from it.
struct GrowthDifferentials {
  let members: ClassMembers
  let window: Int
  /// Common growth from ``first`` to the last year.
  let common: [Double]
  let first: Int

  init(members: ClassMembers, window: Int) throws {
    var common: [Double] = []
    var year = members.lastYear
    while true {
      let values = members.names.compactMap { members.growth[$0]?[year] }
      guard values.count * 2 >= members.names.count else { break }
      common.insert(Quantile.sorted(values.sorted(), 0.5), at: 0)
      year -= 1
    }
    guard common.count >= window + 1 else {
      throw ReferenceClass.Unavailable(
        description:
          "the members share \(common.count) years of growth; a reference class needs "
          + "\(window + 1)")
    }
    self.members = members
    self.window = window
    self.common = common
    self.first = year + 1
  }

  /// The mean differential of `name` over the `window` years ending at `origin`.
  func recent(_ name: String, at origin: Int) -> Double? {
    guard let g = members.growth[name] else { return nil }
    var sum = 0.0
    for t in (origin - window + 1)...origin {
      guard let x = g[t], t >= first else { return nil }
      sum += x - common[t - first]
    }
    return sum / Double(window)
  }

  /// The cumulative differential of `name` over the `h` years after `origin`.
  func cumulative(_ name: String, after origin: Int, years h: Int) -> Double? {
    guard let g = members.growth[name] else { return nil }
    var sum = 0.0
    for t in (origin + 1)...(origin + h) {
      guard let x = g[t] else { return nil }
      sum += x - common[t - first]
    }
    return sum
  }

  /// η² of the members' growth by year (one-way analysis of variance over the common years).
  func yearEffectShare() -> Double {
    var between = 0.0
    var within = 0.0
    var total = 0
    var sum = 0.0
    var groups: [(n: Int, mean: Double)] = []
    for t in first...members.lastYear {
      let values = members.names.compactMap { members.growth[$0]?[t] }
      let mean = values.reduce(0, +) / Double(values.count)
      within += values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      groups.append((values.count, mean))
      total += values.count
      sum += mean * Double(values.count)
    }
    let grand = sum / Double(total)
    for g in groups { between += Double(g.n) * (g.mean - grand) * (g.mean - grand) }
    return between + within > 0 ? between / (between + within) : 0
  }
}

/// The pooled persistence slope of the recent differential per horizon, with the residuals:
/// the members' rolling-origin errors over every origin inside the data.
struct PersistenceFit {
  var slopes: [Double] = []
  var errors: [[Double]] = []
  var counts: [Int] = []

  init(_ d: GrowthDifferentials, horizon: Int) throws {
    for h in 1...horizon {
      var sxy = 0.0
      var sxx = 0.0
      var pairs: [(x: Double, y: Double)] = []
      let firstOrigin = d.first + d.window - 1
      let lastOrigin = d.members.lastYear - h
      if lastOrigin >= firstOrigin {
        for origin in firstOrigin...lastOrigin {
          for name in d.members.names {
            guard let x = d.recent(name, at: origin),
              let y = d.cumulative(name, after: origin, years: h)
            else { continue }
            sxy += x * y
            sxx += x * x
            pairs.append((x, y))
          }
        }
      }
      guard pairs.count >= ReferenceClass.minimumMembers, sxx > 0 else {
        try extrapolate(to: h, window: d.window)
        continue
      }
      let b = sxy / sxx
      let residuals = pairs.map { $0.y - b * $0.x }
      slopes.append(b)
      errors.append(residuals.sorted())
      counts.append(pairs.count)
    }
  }

  /// A horizon the data cannot check: the last slope, the errors scaled by `√(h / (h − 1))`.
  private mutating func extrapolate(to h: Int, window: Int) throws {
    guard let b = slopes.last, let e = errors.last else {
      throw ReferenceClass.Unavailable(
        description: "no origin inside the data leaves \(window) years before and one after it")
    }
    let grow = (Double(h) / Double(h - 1)).squareRoot()
    slopes.append(b)
    errors.append(e.map { $0 * grow })
    counts.append(0)
  }
}

/// The forecast of the common log index: the damped trend on the index when it has the years
/// for it, else a random walk with drift on its log (constant common growth).
struct CommonForecast {
  let model: String
  /// Cumulative common log growth and its standard deviation per horizon.
  let centres: [Double]
  let deviations: [Double]

  init(_ d: GrowthDifferentials, horizon: Int) throws {
    var index = [0.0]
    for g in d.common { index.append(index[index.count - 1] + g) }
    let years = Array((d.first - 1)...d.members.lastYear)
    let z90 = 1.281_551_565_544_600_5
    let last = index[index.count - 1]
    if index.count >= DampedTrendETS.minimumObservations {
      let series = try YearlySeries(name: "common growth", years: years, values: index.map(exp))
      let points = try DampedTrendETS().fit(series).forecast(horizon: horizon, paths: 0, seed: 0)
        .points
      centres = points.map { log($0.median) - last }
      deviations = points.map { (log($0.hi80) - log($0.lo80)) / (2 * z90) }
      model = "damped"
    } else {
      let series = try YearlySeries(name: "common growth", years: years, values: index)
      let points = try RandomWalk(drift: true).fit(series).forecast(horizon: horizon).points
      centres = points.map { $0.median - last }
      deviations = points.map { ($0.hi80 - $0.lo80) / (2 * z90) }
      model = "drift"
    }
    guard (centres + deviations).allSatisfy(\.isFinite) else {
      throw ReferenceClass.Unavailable(description: "the common trend gave a non-finite forecast")
    }
  }
}
