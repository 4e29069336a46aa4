import Foundation

// The steps of fitting a ReferenceClass, one type each.

/// The members of a reference class: the series ending in the most common last year (the latest
/// on a tie) with positive values, and their log growth over the consecutive run ending there.
/// Members are numbered in input order; their growth is held densely (one array each, not a
/// dictionary by year), so that 100,000 members cost little more than their data.
struct ClassMembers {
  let lastYear: Int
  /// In input order.
  let names: [String]
  /// Log growth of each member over its run, oldest first: the last entry is `lastYear`'s.
  let growth: [[Double]]
  /// The log of each member's last value.
  let lastLog: [Double]

  init(series: [YearlySeries], window: Int) throws {
    let usable = series.filter { s in s.count >= window + 2 && s.values.allSatisfy { $0 > 0 } }
    var ends: [Int: Int] = [:]
    for s in usable { if let last = s.lastYear { ends[last, default: 0] += 1 } }
    guard let last = ends.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else {
      throw ReferenceClass.Unavailable(description: "no series with \(window + 2) positive values")
    }
    var seen = Set<String>()
    var growth: [[Double]] = []
    var names: [String] = []
    var lastLog: [Double] = []
    for s in usable where s.lastYear == last && !seen.contains(s.name) {
      var first = s.count - 1
      while first > 0, s.years[first - 1] == s.years[first] - 1 { first -= 1 }
      guard s.count - 1 - first >= window + 1 else { continue }
      seen.insert(s.name)
      growth.append(((first + 1)..<s.count).map { log(s.values[$0] / s.values[$0 - 1]) })
      names.append(s.name)
      lastLog.append(log(s.values[s.count - 1]))
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

  /// Member `m`'s log growth in `year`, or nil outside its run.
  func growth(_ m: Int, in year: Int) -> Double? {
    let g = growth[m]
    let k = g.count - 1 - (lastYear - year)
    return k >= 0 && k < g.count ? g[k] : nil
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
      let values = members.names.indices.compactMap { members.growth($0, in: year) }
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

  /// The mean differential of member `m` over the `window` years ending at `origin`.
  func recent(_ m: Int, at origin: Int) -> Double? {
    var sum = 0.0
    for t in (origin - window + 1)...origin {
      guard let x = members.growth(m, in: t), t >= first else { return nil }
      sum += x - common[t - first]
    }
    return sum / Double(window)
  }

  /// The cumulative differential of member `m` over the `h` years after `origin`.
  func cumulative(_ m: Int, after origin: Int, years h: Int) -> Double? {
    var sum = 0.0
    for t in (origin + 1)...(origin + h) {
      guard let x = members.growth(m, in: t) else { return nil }
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
      let values = members.names.indices.compactMap { members.growth($0, in: t) }
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
          for m in d.members.names.indices {
            guard let x = d.recent(m, at: origin),
              let y = d.cumulative(m, after: origin, years: h)
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
