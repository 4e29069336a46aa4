import COpenBLAS
import PlanCastNumerics

/// One thread's buffers for simulating blocks of draws.
struct Workspace {
  let engine: AttainmentEngine
  let years: Int
  /// Shocks of a block: `dimension × (years · blockSize)`, column `local·years + y`.
  var shocks: [Double]
  var innovations: [[Double]]
  var paths: [[Double]]
  var values: [Double]

  init(engine: AttainmentEngine, effects: ScenarioEffects) {
    self.engine = engine
    years = engine.shockYears.count
    shocks = [Double](repeating: 0, count: engine.dimension * years * AttainmentEngine.blockSize)
    innovations = engine.series.map {
      [Double](repeating: 0, count: Swift.max(0, $0.horizon) * $0.components)
    }
    paths = engine.series.map { [Double](repeating: 0, count: Swift.max(0, $0.horizon)) }
    values = [Double](repeating: 0, count: effects.assumptions.count)
  }

  mutating func run(block: Range<Int>, seed: UInt64, effects: ScenarioEffects, store: DrawStore) {
    let dimension = engine.dimension
    // Independent standard normals, one stream per draw.
    for (local, draw) in block.enumerated() {
      var generator = Philox(seed: seed, stream: UInt64(draw))
      let base = local * years * dimension
      for k in 0..<(years * dimension) { shocks[base + k] = generator.nextNormal() }
    }
    // Correlate every column at once: shocks ← L·shocks.
    let columns = Int32(block.count * years)
    if dimension > 0 {
      engine.correlation.factor.lower.elements.withUnsafeBufferPointer { l in
        cblas_dtrmm(
          CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(dimension),
          columns, 1, l.baseAddress, Int32(dimension), &shocks, Int32(dimension))
      }
    }
    for (local, draw) in block.enumerated() {
      simulateDraw(local: local, draw: draw, seed: seed, effects: effects, store: store)
    }
  }

  private mutating func simulateDraw(
    local: Int, draw: Int, seed: UInt64, effects: ScenarioEffects, store: DrawStore
  ) {
    let dimension = engine.dimension
    effects.drawValues(seed: seed, path: UInt64(draw), into: &values)
    for (k, s) in engine.series.enumerated() {
      let horizon = s.horizon
      guard horizon > 0 else { continue }
      let scale = effects.residualScales[k]
      let components = s.components
      for h in 0..<horizon {
        let column = local * years + (s.firstProjected + h - engine.shockYears.lowerBound)
        for j in 0..<components {
          innovations[k][h * components + j] =
            scale * shocks[column * dimension + s.componentOffset + j]
        }
      }
      var generator = Philox(seed: seed &+ s.streamKey, stream: UInt64(draw))
      innovations[k].withUnsafeBufferPointer { z in
        paths[k].withUnsafeMutableBufferPointer { out in
          s.fitted.simulate(innovations: z, generator: &generator, into: out)
          effects.apply(series: k, s, values: values, path: out)
        }
      }
    }
    for (t, measure) in engine.measures.enumerated() {
      let s = engine.series[measure.seriesIndex]
      paths[measure.seriesIndex].withUnsafeBufferPointer { path in
        guard let q = measure.quantity(s, path: path) else { return }
        store.quantity[t][draw] = q
        store.change[t][draw] = measure.annualChange(s, path: path, quantity: q)
        store.shift[t][draw] = measure.requiredShift(quantity: q) ?? .nan
      }
    }
  }
}
