/// The numbers a status is decided from, all in the target's own terms (a level, an average
/// growth rate so far, a % change versus the base year, a running sum).
struct TargetMeasurement {
  var latestValue: Double?
  var latestYear: Int?
  var required: Double?
  var recent: Double?
  var recentYears: ClosedRange<Int>?
  var projected: Double?
  var measure: ChangeMeasure
  /// Why a number is missing, if one is.
  var reason: LocalizedText?
  /// A remark on how a number was measured (e.g. across a level break).
  var note: LocalizedText?
}

/// Measures a target on a series according to the target's form.
///
/// The recent annual change looks back `window` years from the latest observation:
/// - levels and shares: from the earliest observation in `[latest − window, latest)` that is
///   on the same basis (no declared break in between) to the latest, as compound growth or as
///   a difference a year, per the indicator's trend measure. When the latest observation is the
///   first of a new basis, the change is measured the same way on the previous basis, up to its
///   last observation, and carried from the latest (new-basis) level;
/// - annual rates: the geometric mean of the rates observed in `[latest − window + 1, latest]`.
/// The projection applies the recent change, unchanged, from the latest year to the target year.
struct TargetMeasurer {
  let target: Target
  let indicator: Indicator
  let window: Int

  func measure(_ series: IndicatorSeries) -> TargetMeasurement {
    let points = series.points.filter { $0.year <= target.year }
    switch target.form {
    case .level, .share: return levelMeasure(points)
    case .averageGrowth(let start): return averageGrowthMeasure(points, periodStart: start)
    case .changeVersusBase(let base): return changeVersusBaseMeasure(points, baseYear: base)
    case .cumulative(let start): return cumulativeMeasure(points, periodStart: start)
    }
  }

  private func levelMeasure(_ points: [SeriesPoint]) -> TargetMeasurement {
    let growth = indicator.trend == .growth
    var m = TargetMeasurement(measure: growth ? .percentPerYear : .unitsPerYear)
    guard let last = points.last else {
      m.reason = LocalizedText(
        en: "no observation up to \(target.year)", zh: "截至\(target.year)年无观测值")
      return m
    }
    m.latestValue = last.value
    m.latestYear = last.year
    let h = target.year - last.year
    if h > 0 {
      m.required =
        growth
        ? TrendMath.constantGrowth(from: last.value, to: target.value, years: h)
        : (target.value - last.value) / Double(h)
    }
    guard let (first, end) = recentSpan(points, latest: last) else {
      m.reason = LocalizedText(
        en: "no earlier observation on the same basis within \(window) years of \(last.year)",
        zh: "\(last.year)年前\(window)年内没有同口径的更早观测值")
      return m
    }
    let span = end.year - first.year
    m.recentYears = first.year...end.year
    if end.year != last.year {
      m.note = LocalizedText(
        en: "recent change measured on the basis before the \(last.year) level break",
        zh: "近期变化按\(last.year)年口径调整前的数据计算")
    }
    if growth {
      m.recent = TrendMath.constantGrowth(from: first.value, to: end.value, years: span)
      m.projected = m.recent.map { TrendMath.grow(last.value, rate: $0, years: h) }
    } else {
      let r = (end.value - first.value) / Double(span)
      m.recent = r
      m.projected = last.value + r * Double(h)
    }
    return m
  }

  /// The first and last observation of the recent change of a level: on the latest's basis,
  /// or, when the latest starts a new basis, on the previous one (never across a break).
  private func recentSpan(_ points: [SeriesPoint], latest: SeriesPoint) -> (
    SeriesPoint, SeriesPoint
  )? {
    let basis = indicator.basisStart(containing: latest.year) ?? Int.min
    let start = max(latest.year - window, basis)
    if let first = points.first(where: { $0.year >= start && $0.year < latest.year }) {
      return (first, latest)
    }
    guard basis == latest.year, let end = points.last(where: { $0.year < basis }) else {
      return nil
    }
    let previousStart = max(end.year - window, indicator.basisStart(containing: end.year) ?? .min)
    guard let first = points.first(where: { $0.year >= previousStart && $0.year < end.year })
    else { return nil }
    return (first, end)
  }

  /// Rates for consecutive years `from...to`, or the first missing year.
  private func consecutiveRates(_ points: [SeriesPoint], from: Int, to: Int) -> Result<
    [Double], MissingYear
  > {
    guard from <= to else { return .success([]) }
    var rates: [Double] = []
    for year in from...to {
      guard let p = points.first(where: { $0.year == year }) else {
        return .failure(MissingYear(year: year))
      }
      rates.append(p.value)
    }
    return .success(rates)
  }

  private struct MissingYear: Error { let year: Int }

  private static func periodWithoutObservation(_ start: Int, _ end: Int) -> LocalizedText {
    LocalizedText(
      en: "the period \(start)–\(end) has no observation yet", zh: "\(start)–\(end)年期间尚无观测值")
  }

  private func recentRate(_ points: [SeriesPoint], latest: Int, into m: inout TargetMeasurement) {
    let recent = points.filter { $0.year > latest - window && $0.year <= latest }
    m.recent = TrendMath.geometricMeanRate(recent.map(\.value))
    if let first = recent.first { m.recentYears = first.year...latest }
  }

  private func averageGrowthMeasure(_ points: [SeriesPoint], periodStart: Int) -> TargetMeasurement
  {
    var m = TargetMeasurement(measure: .percentPerYear)
    let totalYears = target.year - periodStart + 1
    guard let last = points.last else {
      m.reason = LocalizedText(
        en: "no observation up to \(target.year)", zh: "截至\(target.year)年无观测值")
      return m
    }
    let lastInPeriod = max(last.year, periodStart - 1)
    let rates: [Double]
    switch consecutiveRates(points, from: periodStart, to: lastInPeriod) {
    case .success(let r): rates = r
    case .failure(let missing):
      m.reason = LocalizedText(
        en: "rate missing for \(missing.year) inside the period", zh: "期内\(missing.year)年增速缺失")
      return m
    }
    let soFar = TrendMath.compound(rates)
    if !rates.isEmpty {
      m.latestValue = TrendMath.geometricMeanRate(rates)
      m.latestYear = lastInPeriod
    } else {
      m.reason = Self.periodWithoutObservation(periodStart, target.year)
    }
    let h = target.year - lastInPeriod
    let needed = TrendMath.compound(Array(repeating: target.value, count: totalYears))
    if h > 0, soFar > 0 {
      m.required = TrendMath.constantGrowth(from: soFar, to: needed, years: h)
    }
    recentRate(points, latest: last.year, into: &m)
    if let r = m.recent {
      let projectedFactor = TrendMath.grow(soFar, rate: r, years: h)
      m.projected = TrendMath.constantGrowth(from: 1, to: projectedFactor, years: totalYears)
    }
    return m
  }

  private func changeVersusBaseMeasure(_ points: [SeriesPoint], baseYear: Int) -> TargetMeasurement
  {
    var m = TargetMeasurement(measure: .percentPerYear)
    // Observed up to the base year itself: the change so far is 0 % (the base).
    guard let last = points.last, last.year >= baseYear else {
      m.reason = LocalizedText(
        en: "no observation up to the base year \(baseYear)", zh: "截至基期\(baseYear)年无观测值")
      return m
    }
    var rates: [Double] = []
    if last.year > baseYear {
      switch consecutiveRates(points, from: baseYear + 1, to: last.year) {
      case .success(let r): rates = r
      case .failure(let missing):
        m.reason = LocalizedText(
          en: "rate missing for \(missing.year) since the base year",
          zh: "基期以来\(missing.year)年增速缺失")
        return m
      }
    }
    let index = TrendMath.compound(rates)
    m.latestValue = (index - 1) * 100
    m.latestYear = last.year
    let h = target.year - last.year
    if h > 0 {
      m.required = TrendMath.constantGrowth(from: index, to: 1 + target.value / 100, years: h)
    }
    recentRate(points, latest: last.year, into: &m)
    if let r = m.recent {
      m.projected = (TrendMath.grow(index, rate: r, years: h) - 1) * 100
    }
    return m
  }

  private func cumulativeMeasure(_ points: [SeriesPoint], periodStart: Int) -> TargetMeasurement {
    var m = TargetMeasurement(measure: .unitsPerYear)
    guard let last = points.last, last.year >= periodStart else {
      m.reason = Self.periodWithoutObservation(periodStart, target.year)
      return m
    }
    let values: [Double]
    switch consecutiveRates(points, from: periodStart, to: last.year) {
    case .success(let v): values = v
    case .failure(let missing):
      m.reason = LocalizedText(
        en: "value missing for \(missing.year) inside the period", zh: "期内\(missing.year)年数值缺失")
      return m
    }
    let sum = values.reduce(0, +)
    m.latestValue = sum
    m.latestYear = last.year
    let h = target.year - last.year
    if h > 0 { m.required = (target.value - sum) / Double(h) }
    let recent = points.filter { $0.year > last.year - window }
    if let first = recent.first {
      let mean = recent.map(\.value).reduce(0, +) / Double(recent.count)
      m.recent = mean
      m.recentYears = first.year...last.year
      m.projected = sum + mean * Double(h)
    }
    return m
  }
}
