import PlanCastNumerics

/// AR(p) on yearly growth rates, by conditional least squares:
///
///     x_t = c + δ·(t − L) + φ₁·x_{t−1} + … + φ_p·x_{t−p} + Σ steps + Σ pulses + ε_t,
///     ε_t ~ N(0, σ²) independent,
///
/// where `L` is the last year with a usable growth rate, and `x_t` is
/// - for ``Input/levels``: the log growth in percent, `100·log(y_t / y_{t−1})`, defined only when
///   both years are observed and `t` is not a break year (a new level basis);
/// - for ``Input/rates``: the given rate itself (e.g. published real GDP growth in %), left out in
///   break years.
///
/// **Gaps.** A regression row for year `t` needs `x_t` and all `p` lags, i.e. `p + 1` consecutive
/// usable years (`p + 2` consecutive levels). Years that do not complete a row are not used, so
/// a gap or break costs `p` (rates) or `p + 1` (levels) rows; the fit needs at least
/// (parameters + 2) rows. The trend term `δ` models a structural slowdown of the growth rate;
/// step dummies (1 from the year on, also in forecasts) shift it, pulse dummies (1 in that year
/// only, an innovation outlier as in statsmodels `AutoReg` with an exogenous dummy) absorb a
/// one-off year such as 2020.
///
/// **Uncertainty.** Simulation draws `(β, σ)` from ``LinearModelUncertainty`` (the flat-prior
/// posterior of the conditional regression, t-exact for one step), recurses the AR forward with
/// the given innovations and, for level input, cumulates `exp(x/100)` onto the last level. There is
/// no exact multi-step formula for p ≥ 1, so intervals come from simulation.
///
/// **Short-sample bias and stationarity.** OLS pulls AR coefficients towards zero by about
/// `(1 + 3φ)/n` (more with a trend). With ``stationary`` set (the default), parameter draws whose
/// AR polynomial has a root on or inside the unit circle are redrawn (up to 100 times, then the
/// last draw is kept): a flat prior truncated to the stationary region, which stops a few
/// explosive draws from dominating the upper tail of cumulated levels. With
/// ``biasCorrectionReplications`` > 0 (default 1000), the centre of the draws is re-centred by a
/// parametric-bootstrap estimate of the bias of the whole coefficient vector (Kilian 1998,
/// iterated once), shrunk until the AR part stays stationary; ``regression`` keeps the plain
/// OLS fit. On 2,000 series of 18 years (AR(1), φ = 0.5, slowing trend, levels cumulated over 5
/// years) this lifts 80%/95% coverage from 74.0%/91.3% to 77.9%/92.9%. The bootstrap's own
/// noise is part of the estimate: with 100 replications, two random streams gave corrected
/// coefficients of the CZT growth series up to 0.3 standard errors apart and P(attain) of the
/// 7% growth target 0.05 apart; with 1000 (the default) the two P agree to 0.002.
public struct GrowthAutoregression: ForecastModel {
  /// What the series holds.
  public enum Input: Sendable, Equatable {
    /// Levels (positive); the model works on `100·log(y_t/y_{t−1})` and simulates levels.
    case levels
    /// A growth rate as published (e.g. real GDP growth in %); simulated as such.
    case rates
  }

  public var input: Input
  /// The autoregressive order `p ≥ 0`.
  public var order: Int
  /// A linear trend in the growth rate (structural slowdown).
  public var trend: Bool
  /// Step dummies: 1 from the year on, also in forecasts.
  public var stepYears: [Int]
  /// Pulse dummies: 1 in that year only, 0 in forecasts.
  public var pulseYears: [Int]
  /// Years whose growth is not comparable (a new level basis starts): the growth into the year
  /// is not computed (levels) or the rate is left out (rates).
  public var breakYears: [Int]
  /// Redraw non-stationary parameter draws in simulation.
  public var stationary: Bool
  /// Bootstrap replications for the bias correction of the coefficients (0 = none).
  public var biasCorrectionReplications: Int
  /// A correction of the simulated paths learnt from a reference class (``PathCalibration``),
  /// applied after the recursion; `nil`: the model's own distribution.
  public var calibration: PathCalibration?

  public init(
    input: Input, order: Int = 1, trend: Bool = false, stepYears: [Int] = [],
    pulseYears: [Int] = [], breakYears: [Int] = [], stationary: Bool = true,
    biasCorrectionReplications: Int = 1000, calibration: PathCalibration? = nil
  ) {
    self.input = input
    self.order = order
    self.trend = trend
    self.stepYears = stepYears
    self.pulseYears = pulseYears
    self.breakYears = breakYears
    self.stationary = stationary
    self.biasCorrectionReplications = biasCorrectionReplications
    self.calibration = calibration
  }

  public var name: String {
    var text = "ar(\(order))"
    if trend { text += "+trend" }
    if input == .levels { text += " on growth" }
    if calibration != nil { text += ", class-calibrated" }
    return text
  }

  public func fit(_ series: YearlySeries) throws -> any FittedModel {
    try fitted(series)
  }

  /// Fits and returns the concrete type. Pulse dummies for years without a usable row, and step
  /// dummies with usable rows on one side only, carry no information and are left out (a gap
  /// before 2020, say, makes a 2020 pulse inestimable at order 1); ``FittedGrowthAutoregression/spec``
  /// shows the dummies actually used.
  public func fitted(_ series: YearlySeries) throws -> FittedGrowthAutoregression {
    var spec = self
    guard order >= 0 else {
      throw ForecastError.invalidOption("\(series.name): the AR order must be 0 or more")
    }
    let growth = FittedGrowthAutoregression.workingGrowth(
      series, input: input, breakYears: breakYears)
    let observed = Set(growth.years)
    let rows = growth.years.filter { year in
      (0..<order).allSatisfy { observed.contains(year - $0 - 1) }
    }
    spec.pulseYears = pulseYears.filter { rows.contains($0) }
    spec.stepYears = stepYears.filter { step in
      rows.contains { $0 < step } && rows.contains { $0 >= step }
    }
    return try FittedGrowthAutoregression(spec: spec, series: series)
  }

  /// Design column names.
  var columnNames: [String] {
    ["intercept"] + (trend ? ["trend"] : []) + (0..<order).map { "ar\($0 + 1)" }
      + stepYears.map { "step\($0)" } + pulseYears.map { "pulse\($0)" }
  }

  /// The design row for `year` with lags `lags` (x_{t−1}, …, x_{t−p}) relative to `reference`.
  func designRow(year: Int, reference: Int, lags: [Double], observed: Bool) -> [Double] {
    var row: [Double] = [1]
    if trend { row.append(Double(year - reference)) }
    row += lags
    row += stepYears.map { year >= $0 ? 1 : 0 }
    row += pulseYears.map { observed && year == $0 ? 1 : 0 }
    return row
  }
}

/// A fitted ``GrowthAutoregression``.
public struct FittedGrowthAutoregression: RegressionBackedModel {
  public let spec: GrowthAutoregression
  public let series: YearlySeries
  /// The working growth series `x_t` (percent), gaps and break years left out.
  public let growth: YearlySeries
  /// The conditional least-squares regression.
  public let regression: RegressionResult
  /// Years of the regression rows.
  public let rowYears: [Int]
  /// Coefficients used as the centre of simulation: the OLS estimates, or the bias-corrected
  /// ones when ``GrowthAutoregression/biasCorrectionReplications`` > 0.
  public let centre: [Double]
  let uncertainty: LinearModelUncertainty
  /// Observed working growth by year.
  let observedGrowth: [Int: Double]
  /// The last year that ends `p` consecutive observed growth rates: simulation starts after it,
  /// plugging in observed rates (after a gap) and drawing the missing ones.
  let startYear: Int
  /// `centre − estimates`, added to every parameter draw.
  let centreShift: [Double]
  /// The `p` observed growth values up to ``startYear``, oldest first (simulation's first lags).
  let initialHistory: [Double]
  /// For the years after ``startYear`` up to the last observation: the observed growth, or nil
  /// where simulation draws it.
  let bridge: [Double?]
  /// With a ``GrowthAutoregression/calibration``: the point path's cumulative growth `m_h` for
  /// the first ``calibrationCentreHorizons`` years, computed once (longer paths compute it).
  private(set) var calibrationCentre: [Double] = []
  static let calibrationCentreHorizons = 50

  init(spec: GrowthAutoregression, series: YearlySeries) throws {
    let model = spec.name
    guard spec.order >= 0 else {
      throw ForecastError.invalidOption("\(series.name): the AR order must be 0 or more")
    }
    let k = spec.columnNames.count
    let needRows = k + 2
    let extra = spec.order + (spec.input == .levels ? 1 : 0)
    guard series.count >= needRows + extra else {
      throw ForecastError.tooFewObservations(
        series: series.name, model: model, have: series.count, need: needRows + extra)
    }
    if spec.input == .levels, let bad = series.values.firstIndex(where: { $0 <= 0 }) {
      throw ForecastError.outOfDomain(
        series: series.name, model: model,
        "the value for \(series.years[bad]) is \(series.values[bad]), and growth rates of levels need positive values"
      )
    }
    let growth = Self.workingGrowth(series, input: spec.input, breakYears: spec.breakYears)
    // Rows: years with x_t and all p lags observed.
    let byYear = Dictionary(uniqueKeysWithValues: zip(growth.years, growth.values))
    var rowYears: [Int] = []
    var lagRows: [[Double]] = []
    var response: [Double] = []
    for (year, value) in zip(growth.years, growth.values) {
      let lags = (1...Swift.max(1, spec.order)).prefix(spec.order).compactMap { byYear[year - $0] }
      guard lags.count == spec.order else { continue }
      rowYears.append(year)
      lagRows.append(lags)
      response.append(value)
    }
    guard rowYears.count >= needRows else {
      throw ForecastError.invalidSeries(
        series.name,
        "\(model) needs at least \(needRows) years whose growth and \(spec.order) previous "
          + "growth rate(s) are all observed, but gaps and breaks leave \(rowYears.count); "
          + "choose a lower order, fewer dummies, or add data")
    }
    let reference = rowYears.last!
    let rows = zip(rowYears, lagRows).map {
      spec.designRow(year: $0, reference: reference, lags: $1, observed: true)
    }
    let regression: RegressionResult
    do {
      regression = try LinearRegression.fit(
        RegressionData(
          response: response, design: Matrix(rows: rows), names: spec.columnNames,
          hasIntercept: true))
    } catch {
      throw ForecastError.estimationFailed(series: series.name, model: model, "\(error)")
    }
    guard regression.rank == k else {
      let dropped = regression.droppedColumns.map { spec.columnNames[$0] }
      throw ForecastError.estimationFailed(
        series: series.name, model: model,
        "\(dropped.joined(separator: ", ")) cannot be estimated from the usable years "
          + "\(rowYears.first!)–\(reference) (a dummy without data, or a constant growth rate); "
          + "remove it")
    }
    self.spec = spec
    self.series = series
    self.growth = growth
    self.regression = regression
    self.rowYears = rowYears
    uncertainty = LinearModelUncertainty(regression)
    observedGrowth = byYear
    startYear =
      growth.years.last { year in
        (1..<Swift.max(1, spec.order)).allSatisfy { byYear[year - $0] != nil }
      }
      ?? reference
    centre =
      spec.biasCorrectionReplications > 0 && spec.order > 0
      ? Self.biasCorrected(
        spec: spec, regression: regression, rowYears: rowYears, lagRows: lagRows,
        replications: spec.biasCorrectionReplications)
      : regression.estimates
    centreShift = zip(centre, regression.estimates).map { $0 - $1 }
    let start = startYear
    initialHistory = (0..<spec.order).reversed().map { byYear[start - $0]! }
    bridge =
      start < series.lastYear! ? ((start + 1)...series.lastYear!).map { byYear[$0] } : []
    if spec.calibration != nil {
      calibrationCentre = centrePath(horizon: Self.calibrationCentreHorizons)
    }
  }

  /// The point path's cumulative growth over `horizon` years (see ``PathCalibration``).
  public func centrePath(horizon: Int) -> [Double] {
    PathCalibration.cumulative(pointForecast(horizon: horizon), rates: spec.input == .rates)
  }

  /// The working growth series of `series`.
  static func workingGrowth(
    _ series: YearlySeries, input: GrowthAutoregression.Input, breakYears: [Int]
  ) -> YearlySeries {
    let breaks = Set(breakYears)
    var years: [Int] = []
    var values: [Double] = []
    switch input {
    case .rates:
      for (year, value) in zip(series.years, series.values) where !breaks.contains(year) {
        years.append(year)
        values.append(value)
      }
    case .levels:
      for k in series.years.indices.dropFirst()
      where series.years[k] == series.years[k - 1] + 1 && !breaks.contains(series.years[k]) {
        years.append(series.years[k])
        values.append(100 * log(series.values[k] / series.values[k - 1]))
      }
    }
    return YearlySeries(unchecked: series.name + " growth", years, values)
  }

  public var name: String { spec.name }

  public var parameters: [ParameterEstimate] {
    regression.coefficients.enumerated().map { j, c in
      ParameterEstimate(name: c.name, estimate: centre[j], standardError: c.standardError)
    }
  }

  /// Residuals of the regression rows, by year.
  public var residualsByYear: [Int: Double] {
    Dictionary(uniqueKeysWithValues: zip(rowYears, regression.residuals))
  }

  /// The AR coefficients of `beta`.
  func arCoefficients(_ beta: [Double]) -> ArraySlice<Double> {
    let first = spec.trend ? 2 : 1
    return beta[first..<(first + spec.order)]
  }

  /// One parameter draw into `beta` (``centre``'s count), redrawn while non-stationary when the
  /// spec asks for it (at most 100 draws, then the last is kept); returns σ.
  func drawParameters(generator: inout Philox, into beta: UnsafeMutableBufferPointer<Double>)
    -> Double
  {
    let first = spec.trend ? 2 : 1
    var sigma = 0.0
    for attempt in 0..<100 {
      sigma = uncertainty.draw(generator: &generator, into: beta)
      for j in centreShift.indices { beta[j] += centreShift[j] }
      if !spec.stationary || spec.order == 0
        || ARPolynomial.isStationary(
          UnsafeBufferPointer(rebasing: beta[first..<(first + spec.order)]))
        || attempt == 99
      {
        break
      }
    }
    return sigma
  }

  /// Simulates the working growth `x` of the `path.count` years after the last observation.
  /// Year `lastYear + h + 1` uses `innovations[h]`; missing years before it (a break year, a
  /// gap in the lags) are drawn from `generator`.
  public func simulateGrowth(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: centre.count) { beta in
      let sigma = drawParameters(generator: &generator, into: beta)
      simulateGrowth(
        beta: UnsafeBufferPointer(beta), sigma: sigma, innovations: innovations,
        generator: &generator, into: path)
    }
    guard let calibration = spec.calibration else { return }
    let rates = spec.input == .rates
    if path.count <= calibrationCentre.count {
      calibrationCentre.withUnsafeBufferPointer {
        calibration.apply(path: path, centre: $0, rates: rates)
      }
    } else {
      centrePath(horizon: path.count).withUnsafeBufferPointer {
        calibration.apply(path: path, centre: $0, rates: rates)
      }
    }
  }

  func simulateGrowth(
    beta: UnsafeBufferPointer<Double>, sigma: Double, innovations: UnsafeBufferPointer<Double>,
    generator: inout Philox, into path: UnsafeMutableBufferPointer<Double>
  ) {
    let horizon = path.count
    let last = series.lastYear!
    let reference = rowYears.last!
    let p = spec.order
    let arFirst = spec.trend ? 2 : 1
    let trend = spec.trend
    let steps = spec.stepYears
    // The last p values up to the start year, then observed or simulated values in order.
    let count = p + bridge.count + horizon
    withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(1, count)) { history in
      for i in 0..<p { history[i] = initialHistory[i] }
      var n = p
      var year = startYear + 1
      while year <= last + horizon {
        let x: Double
        if year <= last, let observed = bridge[year - startYear - 1] {
          x = observed
        } else {
          var mean = beta[0]
          if trend { mean += beta[1] * Double(year - reference) }
          for i in 0..<p { mean += beta[arFirst + i] * history[n - 1 - i] }
          var j = arFirst + p
          for s in steps {
            if year >= s { mean += beta[j] }
            j += 1
          }
          let z = year > last ? innovations[year - last - 1] : generator.nextZigguratNormal()
          x = mean + sigma * z
        }
        history[n] = x
        n += 1
        if year > last { path[year - last - 1] = x }
        year += 1
      }
    }
  }

  /// The conditional-mean growth path (working scale, %) at ``centre`` with zero innovations:
  /// the point forecast statsmodels' `AutoReg.predict(dynamic=True)` gives for the OLS fit.
  public func pointForecast(horizon: Int) -> [Double] {
    var path = [Double](repeating: 0, count: Swift.max(0, horizon))
    let zeros = [Double](repeating: 0, count: path.count)
    var unused = Philox(seed: 0)
    zeros.withUnsafeBufferPointer { z in
      path.withUnsafeMutableBufferPointer { out in
        centre.withUnsafeBufferPointer {
          simulateGrowth(beta: $0, sigma: 0, innovations: z, generator: &unused, into: out)
        }
      }
    }
    return path
  }

  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    let horizon = Swift.min(innovations.count, path.count)
    let out = UnsafeMutableBufferPointer(rebasing: path[0..<horizon])
    simulateGrowth(innovations: innovations, generator: &generator, into: out)
    guard spec.input == .levels else { return }
    var level = series.values.last!
    for h in 0..<horizon {
      level *= exp(path[h] / 100)
      path[h] = level
    }
  }

  /// Bias-corrected coefficients by a parametric bootstrap (Kilian 1998), iterated once: the
  /// bias `b(β) = E[β̂* | β] − β` is estimated by simulating `replications` series at `β` on the
  /// observed rows' design (same years, dummies and starting lags; after a gap the observed lags)
  /// and refitting, first at `β̂` and then again at the corrected `β̂ − b(β̂)`, because the bias
  /// grows with persistence that `β̂` understates. The correction is halved until the AR part is
  /// stationary (at most 10 times, then dropped).
  static func biasCorrected(
    spec: GrowthAutoregression, regression: RegressionResult, rowYears: [Int],
    lagRows: [[Double]], replications: Int
  ) -> [Double] {
    let estimate = regression.estimates
    let sigma = regression.residualStandardError
    let p = spec.order
    let arFirst = spec.trend ? 2 : 1
    var generator = Philox(seed: 0x6269_6173, stream: UInt64(rowYears.count))
    var corrected = estimate
    for _ in 0..<2 {
      let bias = bootstrapBias(
        at: corrected, sigma: sigma, spec: spec, rowYears: rowYears, lagRows: lagRows,
        replications: replications, generator: &generator)
      var scale = 1.0
      var next = estimate
      for _ in 0..<10 {
        let candidate = estimate.indices.map { estimate[$0] - scale * bias[$0] }
        if p == 0 || ARPolynomial.isStationary(candidate[arFirst..<(arFirst + p)]) {
          next = candidate
          break
        }
        scale /= 2
      }
      corrected = next
    }
    return corrected
  }

  /// The mean estimation error of least squares on series simulated at `beta`.
  static func bootstrapBias(
    at beta: [Double], sigma: Double, spec: GrowthAutoregression, rowYears: [Int],
    lagRows: [[Double]], replications: Int, generator: inout Philox
  ) -> [Double] {
    let reference = rowYears.last!
    let p = spec.order
    let k = beta.count
    let n = rowYears.count
    let lagColumn = spec.trend ? 2 : 1
    // Fixed part of each row (lags zeroed), and for each lag the row index it comes from
    // (−1: the observed lag, before a gap).
    let base = zip(rowYears, lagRows).map {
      spec.designRow(year: $0, reference: reference, lags: $1, observed: true)
    }
    let rowOf = Dictionary(uniqueKeysWithValues: rowYears.enumerated().map { ($1, $0) })
    let source = rowYears.map { year in (0..<p).map { rowOf[year - $0 - 1] ?? -1 } }
    var design = [Double](repeating: 0, count: n * k)
    var response = [Double](repeating: 0, count: n)
    var sum = [Double](repeating: 0, count: k)
    var solver = SmallLeastSquares(columns: k)
    var used = 0
    for _ in 0..<replications {
      for i in 0..<n {
        var mean = 0.0
        for j in 0..<k {
          var x = base[i][j]
          if j >= lagColumn && j < lagColumn + p {
            let from = source[i][j - lagColumn]
            if from >= 0 { x = response[from] }
          }
          design[i * k + j] = x
          mean += x * beta[j]
        }
        response[i] = mean + sigma * generator.nextNormal()
      }
      guard solver.solve(design: design, response: response, rows: n) else { continue }
      for j in 0..<k { sum[j] += solver.solution[j] }
      used += 1
    }
    guard used > 0 else { return [Double](repeating: 0, count: k) }
    return (0..<k).map { sum[$0] / Double(used) - beta[$0] }
  }
}

/// Least squares for the bootstrap's many small refits: normal equations of the column-scaled
/// design, solved by an in-place Cholesky factorisation. Adequate for a bias estimate (an
/// average over replications of well-conditioned designs with a handful of columns); the
/// reported fit uses the pivoted-QR ``LinearRegression``.
struct SmallLeastSquares {
  let columns: Int
  private var gram: [Double]
  private var scale: [Double]
  /// The last solution.
  private(set) var solution: [Double]

  init(columns: Int) {
    self.columns = columns
    gram = [Double](repeating: 0, count: columns * columns)
    scale = [Double](repeating: 0, count: columns)
    solution = [Double](repeating: 0, count: columns)
  }

  /// Solves for the row-major `design` (`rows × columns`); false if it is rank deficient.
  mutating func solve(design: [Double], response: [Double], rows: Int) -> Bool {
    let k = columns
    guard rows > k else { return false }
    for j in 0..<k {
      var norm = 0.0
      for i in 0..<rows { norm += design[i * k + j] * design[i * k + j] }
      guard norm > 0 else { return false }
      scale[j] = 1 / norm.squareRoot()
    }
    for j in 0..<k {
      var rhs = 0.0
      for i in 0..<rows { rhs += design[i * k + j] * response[i] }
      solution[j] = rhs * scale[j]
      for l in 0...j {
        var g = 0.0
        for i in 0..<rows { g += design[i * k + j] * design[i * k + l] }
        gram[j * k + l] = g * scale[j] * scale[l]
      }
    }
    // Cholesky G = L·Lᵀ in the lower triangle.
    for j in 0..<k {
      var d = gram[j * k + j]
      for l in 0..<j { d -= gram[j * k + l] * gram[j * k + l] }
      guard d > 1e-12 else { return false }
      d = d.squareRoot()
      gram[j * k + j] = d
      for i in (j + 1)..<Swift.max(j + 1, k) {
        var v = gram[i * k + j]
        for l in 0..<j { v -= gram[i * k + l] * gram[j * k + l] }
        gram[i * k + j] = v / d
      }
    }
    // Forward then back substitution.
    for i in 0..<k {
      var v = solution[i]
      for l in 0..<i { v -= gram[i * k + l] * solution[l] }
      solution[i] = v / gram[i * k + i]
    }
    for i in stride(from: k - 1, through: 0, by: -1) {
      var v = solution[i]
      for l in (i + 1)..<Swift.max(i + 1, k) { v -= gram[l * k + i] * solution[l] }
      solution[i] = v / gram[i * k + i]
    }
    for j in 0..<k { solution[j] *= scale[j] }
    return true
  }
}

/// Properties of the AR polynomial `1 − φ₁z − … − φ_p z^p`.
enum ARPolynomial {
  /// True when every root lies outside the unit circle, by the step-down (inverse
  /// Levinson–Durbin) recursion: stationary iff every partial autocorrelation has |κ| < 1.
  static func isStationary(_ phi: UnsafeBufferPointer<Double>) -> Bool {
    switch phi.count {
    case 0: return true
    case 1: return abs(phi[0]) < 1 && phi[0].isFinite
    default: return isStationary(Array(phi)[...])
    }
  }

  static func isStationary(_ phi: ArraySlice<Double>) -> Bool {
    var a = Array(phi)
    while let kappa = a.last {
      guard abs(kappa) < 1, kappa.isFinite else { return false }
      let m = a.count - 1
      let denominator = 1 - kappa * kappa
      var next = [Double](repeating: 0, count: m)
      for j in 0..<m { next[j] = (a[j] + kappa * a[m - 1 - j]) / denominator }
      a = next
    }
    return true
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
