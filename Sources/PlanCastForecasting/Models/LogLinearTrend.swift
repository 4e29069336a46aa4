import PlanCastNumerics

/// Constant growth: `log y_t = a + b·(t − T) + Σ step dummies + Σ pulse dummies + ε_t`, with
/// `ε_t ~ N(0, σ²)` independent, fitted by least squares (QR). Step dummies model level breaks
/// (e.g. a census re-basing from a year on), pulse dummies one-off years (e.g. 2020).
/// Forecasts are exact: `log y` follows Student's t with the residual degrees of freedom
/// around the trend, including parameter uncertainty.
public struct LogLinearTrend: ForecastModel {
  /// Years from which a level shift applies (the dummy is 1 from that year on, also in
  /// forecasts).
  public var breakYears: [Int]
  /// Single years with their own dummy (0 in forecasts).
  public var pulseYears: [Int]

  public init(breakYears: [Int] = [], pulseYears: [Int] = []) {
    self.breakYears = breakYears
    self.pulseYears = pulseYears
  }

  public var name: String { "loglinear" }

  public func fit(_ series: YearlySeries) throws -> any FittedModel {
    try FittedLogLinearTrend(spec: self, series: series)
  }

  /// Design row for `year`, relative to the reference year `T`.
  func designRow(year: Int, reference: Int, observed: Bool) -> [Double] {
    [1, Double(year - reference)] + breakYears.map { year >= $0 ? 1 : 0 }
      + pulseYears.map { observed && year == $0 ? 1 : 0 }
  }
}

/// A fitted ``LogLinearTrend``.
public struct FittedLogLinearTrend: RegressionBackedModel {
  public let spec: LogLinearTrend
  public let series: YearlySeries
  public let regression: RegressionResult
  let uncertainty: LinearModelUncertainty

  init(spec: LogLinearTrend, series: YearlySeries) throws {
    let model = spec.name
    let need = 2 + spec.breakYears.count + spec.pulseYears.count + 1
    guard series.count >= need else {
      throw ForecastError.tooFewObservations(
        series: series.name, model: model, have: series.count, need: need)
    }
    if let bad = series.values.firstIndex(where: { $0 <= 0 }) {
      throw ForecastError.outOfDomain(
        series: series.name, model: model,
        "the value for \(series.years[bad]) is \(series.values[bad]), and logs need positive values"
      )
    }
    let reference = series.lastYear!
    let rows = series.years.map { spec.designRow(year: $0, reference: reference, observed: true) }
    let names =
      ["level", "growth"] + spec.breakYears.map { "break\($0)" }
      + spec.pulseYears.map { "pulse\($0)" }
    let data = try RegressionData(
      response: series.values.map { log($0) }, design: Matrix(rows: rows), names: names,
      hasIntercept: true)
    regression = try LinearRegression.fit(data)
    guard regression.rank == names.count else {
      throw ForecastError.estimationFailed(
        series: series.name, model: model,
        "the break or pulse years leave some dummies without data (rank \(regression.rank) of \(names.count))"
      )
    }
    self.spec = spec
    self.series = series
    uncertainty = LinearModelUncertainty(regression)
  }

  public var name: String { spec.name }

  /// Average annual growth rate implied by the trend, `exp(b) − 1`.
  public var growthRate: Double { expm1(regression.estimates[1]) }

  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    let reference = series.lastYear!
    let breaks = spec.breakYears
    withUnsafeTemporaryAllocation(of: Double.self, capacity: uncertainty.estimates.count) { beta in
      let sigma = uncertainty.draw(generator: &generator, into: beta)
      // The design row without allocating: level, trend, steps (pulses are 0 in forecasts).
      for h in 0..<innovations.count {
        let year = reference + h + 1
        var mean = beta[0] + beta[1] * Double(year - reference)
        for (j, b) in breaks.enumerated() where year >= b { mean += beta[2 + j] }
        path[h] = exp(mean + sigma * innovations[h])
      }
    }
  }

  /// The exact forecast: `log y` is Student-t around the trend with the prediction standard
  /// error; the mean uses the log-normal approximation `exp(m + s²/2)`.
  public func forecast(horizon: Int, paths: Int = 0, seed: UInt64 = 0) -> Forecast {
    let reference = series.lastYear!
    let years = (1...Swift.max(1, horizon)).map { reference + $0 }.prefix(horizon)
    guard
      let design = try? Matrix(
        rows: years.map { spec.designRow(year: $0, reference: reference, observed: false) }),
      let p80 = try? regression.predict(design, level: 0.8),
      let p95 = try? regression.predict(design, level: 0.95)
    else { return Forecast(model: name, points: []) }
    let points = years.indices.map { k in
      let m = p95[k].mean
      let s = p95[k].observationStandardError
      return Forecast.Point(
        year: years[k], mean: exp(m + s * s / 2), median: exp(m),
        lo80: exp(p80[k].observationInterval.lowerBound),
        hi80: exp(p80[k].observationInterval.upperBound),
        lo95: exp(p95[k].observationInterval.lowerBound),
        hi95: exp(p95[k].observationInterval.upperBound))
    }
    return Forecast(model: name, points: points)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
