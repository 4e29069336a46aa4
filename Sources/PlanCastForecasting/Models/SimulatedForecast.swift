import PlanCastNumerics

/// Forecast summaries of simulated paths, for models that simulate several quantities per path
/// or take several innovations per year. Path `k` uses `Philox(seed:, stream: k)` and draws its
/// innovations first, as ``Forecast/bySimulation(model:horizon:paths:seed:)`` does.
enum SimulatedForecast {
  /// Simulates `paths` paths: `body` gets the year-major innovations (`perYear × horizon`
  /// standard normals), the generator, and the outputs to fill: quantity `q` of year `h` at
  /// `q·horizon + h`. Returns, per quantity, the forecast for the years after `lastYear`.
  static func run(
    names: [String], lastYear: Int, horizon: Int, paths: Int, seed: UInt64, perYear: Int,
    body: (UnsafeBufferPointer<Double>, inout Philox, UnsafeMutableBufferPointer<Double>) -> Void
  ) -> [Forecast] {
    let columns = simulate(
      quantities: names.count, horizon: horizon, paths: paths, seed: seed, perYear: perYear,
      body: body)
    return names.indices.map { q in
      summarise(columns[q], model: names[q], lastYear: lastYear)
    }
  }

  /// The simulated values themselves: `columns[q][h][k]` is quantity `q` of year `h` on path
  /// `k` (at least one path), drawn as ``run(names:lastYear:horizon:paths:seed:perYear:body:)``
  /// describes.
  static func simulate(
    quantities: Int, horizon: Int, paths: Int, seed: UInt64, perYear: Int,
    body: (UnsafeBufferPointer<Double>, inout Philox, UnsafeMutableBufferPointer<Double>) -> Void
  ) -> [[[Double]]] {
    let paths = Swift.max(1, paths)
    var columns = [[[Double]]](
      repeating: [[Double]](repeating: [Double](repeating: 0, count: paths), count: horizon),
      count: quantities)
    var innovations = [Double](repeating: 0, count: perYear * horizon)
    var outputs = [Double](repeating: 0, count: quantities * horizon)
    for k in 0..<paths {
      var generator = Philox(seed: seed, stream: UInt64(k))
      for i in innovations.indices { innovations[i] = generator.nextNormal() }
      innovations.withUnsafeBufferPointer { z in
        outputs.withUnsafeMutableBufferPointer { body(z, &generator, $0) }
      }
      for q in 0..<quantities {
        for h in 0..<horizon { columns[q][h][k] = outputs[q * horizon + h] }
      }
    }
    return columns
  }

  /// Mean, median and 80%/95% central intervals of each column (one column per year).
  static func summarise(_ columns: [[Double]], model: String, lastYear: Int) -> Forecast {
    let points = columns.indices.map { h -> Forecast.Point in
      let sorted = columns[h].sorted()
      return Forecast.Point(
        year: lastYear + h + 1, mean: sorted.reduce(0, +) / Double(sorted.count),
        median: Quantile.sorted(sorted, 0.5), lo80: Quantile.sorted(sorted, 0.1),
        hi80: Quantile.sorted(sorted, 0.9), lo95: Quantile.sorted(sorted, 0.025),
        hi95: Quantile.sorted(sorted, 0.975))
    }
    return Forecast(model: model, points: points)
  }
}
