import PlanCastNumerics

/// The yearly % change of energy use per unit of GDP, by least squares:
///
///     c_t = a + b·(t − T) + e·g_t + Σ steps + Σ pulses + ε_t,   ε_t ~ N(0, σ²) independent,
///
/// with an optional trend `b` (the pace of decline easing or sharpening), an optional
/// elasticity `e` to real GDP growth `g_t` (%) of the same area or region, and dummies; `T` is
/// the last year used. Where no city data exist, the caller passes the proxy series the model
/// data gives (for CZT: Hunan where published, else China) and the matching growth series.
///
/// Future GDP growth comes either from a scenario (fixed values) or from a growth model fitted
/// to the regressor series and simulated jointly (two innovations per year: energy, then
/// growth). Without a stochastic regressor the forecast is exact (Student t, parameter
/// uncertainty included); with one it is simulated, with `(β, σ)` drawn by
/// ``LinearModelUncertainty``. ``cumulativeChange(baseYear:observed:path:)`` turns yearly
/// changes into the change of the level against a base year (target T07: 2025 ≤ 0.90 × 2019).
public struct EnergyIntensityChange: ForecastModel {
  /// Where future values of the GDP growth regressor come from.
  public enum FutureGrowth: Sendable {
    /// A growth model fitted to the regressor series and simulated with the energy change.
    case model(GrowthAutoregression)
    /// Fixed growth rates (%) for the years after the last energy observation; the last value
    /// carries on beyond the given years.
    case scenario([Double])
  }

  /// The GDP growth regressor.
  public struct GrowthRegressor: Sendable {
    /// Real GDP growth in %, by year.
    public var series: YearlySeries
    public var future: FutureGrowth

    public init(series: YearlySeries, future: FutureGrowth) {
      self.series = series
      self.future = future
    }
  }

  public var trend: Bool
  public var growth: GrowthRegressor?
  public var stepYears: [Int]
  public var pulseYears: [Int]

  public init(
    trend: Bool = true, growth: GrowthRegressor? = nil, stepYears: [Int] = [],
    pulseYears: [Int] = []
  ) {
    self.trend = trend
    self.growth = growth
    self.stepYears = stepYears
    self.pulseYears = pulseYears
  }

  public var name: String {
    "energy-intensity" + (trend ? "+trend" : "") + (growth != nil ? "+gdp" : "")
  }

  public func fit(_ series: YearlySeries) throws -> any FittedModel { try fitted(series) }

  /// Fits and returns the concrete type.
  /// GDP growth after the last energy observation is not used: a model fitted on data up to a
  /// year sees nothing later (backtests and `--as-of` views stay honest).
  public func fitted(_ series: YearlySeries) throws -> FittedEnergyIntensityChange {
    var spec = self
    if let last = series.lastYear, let regressor = growth {
      spec.growth = GrowthRegressor(
        series: regressor.series.through(last), future: regressor.future)
    }
    return try FittedEnergyIntensityChange(spec: spec, series: series)
  }

  var columnNames: [String] {
    ["intercept"] + (trend ? ["trend"] : []) + (growth != nil ? ["gdp_elasticity"] : [])
      + stepYears.map { "step\($0)" } + pulseYears.map { "pulse\($0)" }
  }

  func designRow(year: Int, reference: Int, growth g: Double?, observed: Bool) -> [Double] {
    var row: [Double] = [1]
    if trend { row.append(Double(year - reference)) }
    if let g { row.append(g) }
    row += stepYears.map { year >= $0 ? 1 : 0 }
    row += pulseYears.map { observed && year == $0 ? 1 : 0 }
    return row
  }

  /// The % change of the level in each year of `path` (the years after `observed`) against
  /// `baseYear`, compounding the yearly changes: `100·(L_y/L_base − 1)` with
  /// `L_y/L_base = Π_{t=base+1…y}(1 + c_t/100)` (and its inverse for years before the base).
  /// Observed changes fill the years up to the last observation.
  /// - Throws: ``ForecastError`` when an observed year needed for compounding is missing.
  public static func cumulativeChange(baseYear: Int, observed: YearlySeries, path: [Double])
    throws -> [Double]
  {
    guard let last = observed.lastYear else {
      throw ForecastError.tooFewObservations(
        series: observed.name, model: "cumulative change", have: 0, need: 1)
    }
    guard baseYear <= last + path.count else {
      throw ForecastError.invalidOption(
        "\(observed.name): the base year \(baseYear) is after the last forecast year "
          + "\(last + path.count); forecast further ahead")
    }
    let byYear = Dictionary(uniqueKeysWithValues: zip(observed.years, observed.values))
    func rate(_ year: Int) throws -> Double {
      if year > last { return path[year - last - 1] }
      guard let value = byYear[year] else {
        throw ForecastError.invalidSeries(
          observed.name,
          "the change for \(year) is missing, and the change against \(baseYear) compounds "
            + "every year after it; add the \(year) value or choose another base year")
      }
      return value
    }
    // Level ratio L_last/L_base (observed part), then the path.
    var ratio = 1.0
    if baseYear < last {
      for year in (baseYear + 1)...last { ratio *= 1 + (try rate(year)) / 100 }
    } else if baseYear > last {
      for year in (last + 1)...baseYear { ratio /= 1 + path[year - last - 1] / 100 }
    }
    var result: [Double] = []
    for h in path.indices {
      ratio *= 1 + path[h] / 100
      result.append(100 * (ratio - 1))
    }
    return result
  }
}

/// A fitted ``EnergyIntensityChange``.
public struct FittedEnergyIntensityChange: RegressionBackedModel {
  public let spec: EnergyIntensityChange
  public let series: YearlySeries
  public let regression: RegressionResult
  /// Years of the regression rows (energy and, if used, growth observed).
  public let rowYears: [Int]
  /// The fitted growth model when future growth is simulated.
  public let growthModel: FittedGrowthAutoregression?
  let uncertainty: LinearModelUncertainty
  /// Read on every simulated draw, so kept apart from ``spec`` and ``growthModel`` (reading
  /// those copies them, with their arrays' reference counts).
  let hasGrowthRegressor: Bool
  let growthLastYear: Int?
  /// Observed GDP growth of the years after the last energy observation, from the next year on.
  let observedGrowthAhead: [Double?]
  let observedGrowth: [Int: Double]
  /// Fixed future growth rates when the scenario gives them (`nil`: simulated or no regressor),
  /// kept apart so that simulation does not copy the regressor on every path.
  let scenarioGrowth: [Double]?

  init(spec: EnergyIntensityChange, series: YearlySeries) throws {
    let model = spec.name
    let names = spec.columnNames
    let need = names.count + 2
    guard series.count >= need else {
      throw ForecastError.tooFewObservations(
        series: series.name, model: model, have: series.count, need: need)
    }
    if let bad = series.values.firstIndex(where: { $0 <= -100 }) {
      throw ForecastError.outOfDomain(
        series: series.name, model: model,
        "the change for \(series.years[bad]) is \(series.values[bad]) %, at or below −100 %; "
          + "give yearly changes in %")
    }
    let growthByYear = spec.growth.map {
      Dictionary(uniqueKeysWithValues: zip($0.series.years, $0.series.values))
    }
    var rowYears: [Int] = []
    var response: [Double] = []
    var growthValues: [Double?] = []
    for (year, value) in zip(series.years, series.values) {
      if let growthByYear {
        guard let g = growthByYear[year] else { continue }
        growthValues.append(g)
      } else {
        growthValues.append(nil)
      }
      rowYears.append(year)
      response.append(value)
    }
    guard rowYears.count >= need else {
      throw ForecastError.invalidSeries(
        series.name,
        "\(model) needs at least \(need) years with both the change and GDP growth "
          + "(\(spec.growth?.series.name ?? "")) observed, but only \(rowYears.count) have both; "
          + "add growth data for those years or drop the GDP regressor")
    }
    let reference = series.lastYear!
    let rows = zip(rowYears, growthValues).map {
      spec.designRow(year: $0, reference: reference, growth: $1, observed: true)
    }
    do {
      regression = try LinearRegression.fit(
        RegressionData(
          response: response, design: Matrix(rows: rows), names: names, hasIntercept: true))
    } catch {
      throw ForecastError.estimationFailed(series: series.name, model: model, "\(error)")
    }
    guard regression.rank == names.count else {
      let dropped = regression.droppedColumns.map { names[$0] }
      throw ForecastError.estimationFailed(
        series: series.name, model: model,
        "\(dropped.joined(separator: ", ")) cannot be estimated from the years "
          + "\(rowYears.first!)–\(rowYears.last!) (a dummy without data, or constant GDP "
          + "growth); remove it")
    }
    if let growth = spec.growth, case .model(let growthSpec) = growth.future {
      var rates = growthSpec
      rates.input = .rates
      growthModel = try rates.fitted(growth.series)
    } else {
      growthModel = nil
    }
    if case .scenario(let values) = spec.growth?.future, values.isEmpty {
      throw ForecastError.invalidOption(
        "\(series.name): the GDP growth scenario is empty; give at least one future growth rate")
    }
    self.spec = spec
    self.series = series
    self.rowYears = rowYears
    uncertainty = LinearModelUncertainty(regression)
    let observedGrowth = growthByYear ?? [:]
    self.observedGrowth = observedGrowth
    hasGrowthRegressor = spec.growth != nil
    growthLastYear = growthModel?.series.lastYear
    let ahead = (observedGrowth.keys.max() ?? reference) - reference
    observedGrowthAhead = (0..<Swift.max(0, ahead)).map { observedGrowth[reference + 1 + $0] }
    if case .scenario(let values) = spec.growth?.future {
      scenarioGrowth = values
    } else {
      scenarioGrowth = nil
    }
  }

  public var name: String { spec.name }
  public var innovationsPerYear: Int { growthModel == nil ? 1 : 2 }

  /// GDP growth for the `horizon` years after the last energy observation: observed where
  /// known, else the scenario or a simulated path (growth innovations at odd positions of the
  /// year-major `innovations`, latent years from `generator`). Empty without a regressor.
  func futureGrowth(
    horizon: Int, innovations: UnsafeBufferPointer<Double>, generator: inout Philox
  ) -> [Double] {
    guard spec.growth != nil else { return [] }
    var growth = [Double](repeating: 0, count: horizon)
    growth.withUnsafeMutableBufferPointer {
      fillFutureGrowth(innovations: innovations, generator: &generator, into: $0)
    }
    return growth
  }

  /// ``futureGrowth(horizon:innovations:generator:)`` into `growth` (one value per future year)
  /// without allocating; requires a regressor.
  func fillFutureGrowth(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into growth: UnsafeMutableBufferPointer<Double>
  ) {
    guard hasGrowthRegressor else { return }
    let horizon = growth.count
    let last = series.lastYear!
    let growthLast = growthLastYear ?? last
    let count = growthLastYear == nil ? 0 : Swift.max(0, last + horizon - growthLast)
    withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(1, 2 * count)) { buffer in
      let z = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
      let simulated = UnsafeMutableBufferPointer(rebasing: buffer[count..<(2 * count)])
      if growthLastYear != nil {
        for i in 0..<count {
          let year = growthLast + i + 1
          let index = 2 * (year - last - 1) + 1
          z[i] =
            year > last && index < innovations.count
            ? innovations[index] : generator.nextZigguratNormal()
        }
        growthModel?.simulateGrowth(
          innovations: UnsafeBufferPointer(z), generator: &generator, into: simulated)
      }
      for h in 1...Swift.max(1, horizon) where h <= horizon {
        let year = last + h
        if h <= observedGrowthAhead.count, let g = observedGrowthAhead[h - 1] {
          growth[h - 1] = g
          continue
        }
        if let values = scenarioGrowth {
          growth[h - 1] = values[Swift.min(h - 1, values.count - 1)]
        } else {
          if year > growthLast {
            growth[h - 1] = simulated[year - growthLast - 1]
          } else {
            // A year inside the growth history but missing from it (a gap): carry the latest
            // earlier observation forward.
            growth[h - 1] =
              observedGrowth.filter { $0.key < year }.max { $0.key < $1.key }?.value
              ?? (count > 0 ? simulated[0] : 0)
          }
        }
      }
    }
  }

  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    let horizon = path.count
    let last = series.lastYear!
    let stride = innovationsPerYear
    let k = uncertainty.estimates.count
    let hasGrowth = hasGrowthRegressor
    let trend = spec.trend
    let steps = spec.stepYears
    withUnsafeTemporaryAllocation(of: Double.self, capacity: k + horizon) { buffer in
      let beta = UnsafeMutableBufferPointer(rebasing: buffer[0..<k])
      let growth = UnsafeMutableBufferPointer(rebasing: buffer[k..<(k + horizon)])
      let sigma = uncertainty.draw(generator: &generator, into: beta)
      if hasGrowth {
        fillFutureGrowth(innovations: innovations, generator: &generator, into: growth)
      }
      // The design row without allocating: intercept, trend, growth, steps (pulses are 0).
      for h in 0..<horizon {
        let year = last + h + 1
        var mean = beta[0]
        var j = 1
        if trend {
          mean += beta[1] * Double(year - last)
          j = 2
        }
        if hasGrowth {
          mean += beta[j] * growth[h]
          j += 1
        }
        for s in steps {
          if year >= s { mean += beta[j] }
          j += 1
        }
        let index = stride * h
        let z = index < innovations.count ? innovations[index] : generator.nextZigguratNormal()
        path[h] = mean + sigma * z
      }
    }
  }

  /// Exact Student-t intervals when future growth is fixed (no regressor or a scenario),
  /// otherwise `paths` simulated paths.
  public func forecast(horizon: Int, paths: Int = 5000, seed: UInt64 = 1) -> Forecast {
    if growthModel != nil {
      return SimulatedForecast.run(
        names: [name], lastYear: series.lastYear!, horizon: horizon, paths: paths, seed: seed,
        perYear: 2
      ) { innovations, generator, out in
        simulate(innovations: innovations, generator: &generator, into: out)
      }[0]
    }
    let last = series.lastYear!
    var unused = Philox(seed: 0)
    let growth = [Double]().withUnsafeBufferPointer {
      futureGrowth(horizon: horizon, innovations: $0, generator: &unused)
    }
    let years = (0..<horizon).map { last + $0 + 1 }
    guard
      horizon > 0,
      let design = try? Matrix(
        rows: years.indices.map {
          spec.designRow(
            year: years[$0], reference: last, growth: growth.isEmpty ? nil : growth[$0],
            observed: false)
        }),
      let p80 = try? regression.predict(design, level: 0.8),
      let p95 = try? regression.predict(design, level: 0.95)
    else { return Forecast(model: name, points: []) }
    return Forecast(
      model: name,
      points: years.indices.map { k in
        Forecast.Point(
          year: years[k], mean: p95[k].mean, median: p95[k].mean,
          lo80: p80[k].observationInterval.lowerBound, hi80: p80[k].observationInterval.upperBound,
          lo95: p95[k].observationInterval.lowerBound, hi95: p95[k].observationInterval.upperBound)
      })
  }

  /// Forecast of the % change of the level against `baseYear` (e.g. T07: 2025 against 2019),
  /// from `paths` simulated paths of yearly changes compounded onto the observed ones.
  /// - Throws: ``ForecastError`` when an observed year between the base and the last
  ///   observation is missing.
  public func cumulativeForecast(baseYear: Int, horizon: Int, paths: Int = 5000, seed: UInt64 = 1)
    throws -> Forecast
  {
    // Validate the observed part once.
    _ = try EnergyIntensityChange.cumulativeChange(
      baseYear: baseYear, observed: series, path: [Double](repeating: 0, count: horizon))
    return SimulatedForecast.run(
      names: [name + " change vs \(baseYear)"], lastYear: series.lastYear!, horizon: horizon,
      paths: paths, seed: seed, perYear: innovationsPerYear
    ) { innovations, generator, out in
      simulate(innovations: innovations, generator: &generator, into: out)
      let cumulative =
        (try? EnergyIntensityChange.cumulativeChange(
          baseYear: baseYear, observed: series, path: Array(out))) ?? Array(out)
      for h in 0..<horizon { out[h] = cumulative[h] }
    }[0]
  }
}
