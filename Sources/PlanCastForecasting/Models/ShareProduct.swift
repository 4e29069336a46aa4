import PlanCastNumerics

/// A level projected as `share / 100 × base` from two fitted series (urban population =
/// urbanisation rate × resident population), so that the three agree on every path: the
/// indicator's `derive` rule in indicators.toml. Each component is simulated by its own model
/// with its own innovations (independent here; the attainment engine correlates them).
public struct FittedShareProduct: FittedModel {
  public let share: any FittedModel
  public let base: any FittedModel
  /// The product indicator's own observations.
  public let series: YearlySeries
  /// "urbanisation_rate / 100 × pop_resident".
  public let name: String

  public init(share: any FittedModel, base: any FittedModel, series: YearlySeries, name: String) {
    self.share = share
    self.base = base
    self.series = series
    self.name = name
  }

  public var parameters: [ParameterEstimate] {
    share.parameters.map { $0.prefixed("share") } + base.parameters.map { $0.prefixed("base") }
  }

  /// Not comparable with a model of the product's own data: the components fit other series.
  public var aicc: Double { .nan }
  public var innovationStandardDeviation: Double { .nan }
  public var innovationsPerYear: Int { share.innovationsPerYear + base.innovationsPerYear }

  /// One path of the product for the `path.count` years after its last observation. Each
  /// component is simulated from its own last observation; its years before the product's
  /// first projected year draw their innovations from `generator`, later years use the given
  /// ones (year-major: share's, then base's).
  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    guard let last = series.lastYear else { return }
    let end = last + path.count
    let perYear = innovationsPerYear
    func component(_ model: any FittedModel, offset: Int) -> (first: Int, values: [Double]) {
      let first = (model.series.lastYear ?? last) + 1
      let horizon = Swift.max(0, end - first + 1)
      let k = model.innovationsPerYear
      var z = [Double](repeating: 0, count: horizon * k)
      for h in 0..<horizon {
        let product = first + h - (last + 1)
        for j in 0..<k {
          z[h * k + j] =
            product >= 0 && product < path.count
            ? innovations[product * perYear + offset + j] : generator.nextZigguratNormal()
        }
      }
      var values = [Double](repeating: .nan, count: horizon)
      z.withUnsafeBufferPointer { z in
        values.withUnsafeMutableBufferPointer {
          model.simulate(innovations: z, generator: &generator, into: $0)
        }
      }
      return (first, values)
    }
    let s = component(share, offset: 0)
    let b = component(base, offset: share.innovationsPerYear)
    func value(_ model: any FittedModel, _ c: (first: Int, values: [Double]), _ year: Int)
      -> Double
    {
      if year >= c.first { return c.values[year - c.first] }
      guard let k = model.series.years.firstIndex(of: year) else { return .nan }
      return model.series.values[k]
    }
    for h in 0..<path.count {
      let year = last + 1 + h
      path[h] = value(share, s, year) / 100 * value(base, b, year)
    }
  }

  public func forecast(horizon: Int, paths: Int = 5000, seed: UInt64 = 1) -> Forecast {
    SimulatedForecast.run(
      names: [name], lastYear: series.lastYear ?? 0, horizon: horizon, paths: paths, seed: seed,
      perYear: innovationsPerYear
    ) { z, generator, out in
      simulate(innovations: z, generator: &generator, into: out)
    }[0]
  }
}
