import COpenBLAS
import PlanCastForecasting
import PlanCastNumerics

/// One thread's buffers for simulating blocks of draws.
struct Workspace {
  let engine: AttainmentEngine
  let years: Int
  /// Shocks of a block: `dimension × (years · blockSize)`, column `local·years + y`.
  var shocks: [Double]
  /// Every series' innovations and path, flat: series `k` at ``innovationOffsets``[k] (horizon ×
  /// components) and ``pathOffsets``[k] (horizon).
  var innovations: [Double]
  var paths: [Double]
  let innovationOffsets: [Int]
  let pathOffsets: [Int]
  var values: [Double]
  /// The series' plain simulation data, so the per-draw loop copies no ``SimulatedSeries``.
  let plans: [SeriesPlan]
  /// Each series' `simulate`, bound to its concrete model once (``FittedModel/pathSimulator``):
  /// calling it through `any FittedModel` copied the model on every draw.
  let simulators: [PathSimulator?]
  /// What a draw reads of the engine, kept apart (reading through ``engine`` copies it, with
  /// every array it holds).
  let dimension: Int
  let firstShockYear: Int
  /// What each measured target's quantity needs, without the target's names and texts.
  let quantities: [TargetQuantity]
  /// The series some measured target reads, in series order. The others (fitted because a
  /// target named them, but left without a probability, and kept in the shock correlation) are
  /// not simulated: each series draws its parameters from its own stream, so skipping one
  /// changes no other series' path.
  let measuredSeries: [Int]
  /// The product series some measured target reads, computed after their components.
  let products: [(index: Int, product: SeriesProduct)]

  struct SeriesPlan {
    let horizon: Int
    let components: Int
    let firstProjected: Int
    let componentOffset: Int
    let streamKey: UInt64
  }

  init(engine: AttainmentEngine, effects: ScenarioEffects) {
    self.engine = engine
    years = engine.shockYears.count
    shocks = [Double](repeating: 0, count: engine.dimension * years * AttainmentEngine.blockSize)
    var offsets: [Int] = []
    var total = 0
    for s in engine.series {
      offsets.append(total)
      total += Swift.max(0, s.horizon) * s.components
    }
    innovationOffsets = offsets
    innovations = [Double](repeating: 0, count: Swift.max(1, total))
    offsets = []
    total = 0
    for s in engine.series {
      offsets.append(total)
      total += Swift.max(0, s.horizon)
    }
    pathOffsets = offsets
    paths = [Double](repeating: 0, count: Swift.max(1, total))
    values = [Double](repeating: 0, count: effects.assumptions.count)
    plans = engine.series.map {
      SeriesPlan(
        horizon: $0.horizon, components: $0.components, firstProjected: $0.firstProjected,
        componentOffset: $0.componentOffset, streamKey: $0.streamKey)
    }
    simulators = engine.series.map { $0.fitted?.pathSimulator }
    dimension = engine.dimension
    firstShockYear = engine.shockYears.lowerBound
    quantities = engine.measures.map(\.quantity)
    var read = Set(engine.measures.map(\.seriesIndex))
    products = read.sorted().compactMap { k in
      engine.series[k].product.flatMap { engine.series[k].horizon > 0 ? (k, $0) : nil }
    }
    for (_, p) in products { read.formUnion([p.share, p.base]) }
    measuredSeries = engine.series.indices.filter {
      read.contains($0) && engine.series[$0].horizon > 0 && engine.series[$0].fitted != nil
    }
  }

  /// Independent standard normals for the draws of `block` (draw `p` from
  /// `Philox(seed:, stream: p)`, ziggurat method), then correlated: `shocks ← L·shocks` with
  /// one `dtrmm`. Engine runs and sweeps both call this, so their draws stay identical.
  static func drawShocks(
    engine: AttainmentEngine, block: Range<Int>, seed: UInt64,
    into shocks: UnsafeMutableBufferPointer<Double>
  ) {
    // The simulation runs in parallel across draws; BLAS must not start threads of its own
    // for these small products (OpenBLAS's idle workers spin in sched_yield and take a core).
    BLASThreads.useCallingThread()
    let dimension = engine.dimension
    let perDraw = engine.shockYears.count * dimension
    for (local, draw) in block.enumerated() {
      var generator = Philox(seed: seed, stream: UInt64(draw))
      let base = local * perDraw
      for k in 0..<perDraw { shocks[base + k] = generator.nextZigguratNormal() }
    }
    let columns = Int32(block.count * engine.shockYears.count)
    if dimension > 0 {
      engine.correlation.factor.lower.elements.withUnsafeBufferPointer { l in
        cblas_dtrmm(
          CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(dimension),
          columns, 1, l.baseAddress, Int32(dimension), shocks.baseAddress, Int32(dimension))
      }
    }
  }

  mutating func run(block: Range<Int>, seed: UInt64, effects: ScenarioEffects, store: DrawStore) {
    let engine = engine
    shocks.withUnsafeMutableBufferPointer {
      Self.drawShocks(engine: engine, block: block, seed: seed, into: $0)
    }
    // Bound once per block, not per draw: binding an array retains its buffer, which every
    // thread's workspace shares with the engine, so per-draw bindings made the threads contend
    // on the same reference counts.
    let dimension = dimension
    let years = years
    let firstShockYear = firstShockYear
    let quantities = quantities
    let innovationOffsets = innovationOffsets
    let pathOffsets = pathOffsets
    let plans = plans
    let simulators = simulators
    let measuredSeries = measuredSeries
    let products = products
    let residualScales = effects.residualScales
    values.withUnsafeMutableBufferPointer { values in
      shocks.withUnsafeBufferPointer { shocks in
        innovations.withUnsafeMutableBufferPointer { innovations in
          paths.withUnsafeMutableBufferPointer { paths in
            func path(_ k: Int) -> UnsafeMutableBufferPointer<Double> {
              UnsafeMutableBufferPointer(
                rebasing: paths[pathOffsets[k]..<(pathOffsets[k] + Swift.max(0, plans[k].horizon))])
            }
            for (local, draw) in block.enumerated() {
              effects.drawValues(seed: seed, path: UInt64(draw), into: values)
              for k in measuredSeries {
                let s = plans[k]
                let horizon = s.horizon
                let scale = residualScales[k]
                let components = s.components
                let z = UnsafeMutableBufferPointer(
                  rebasing: innovations[
                    innovationOffsets[k]..<(innovationOffsets[k] + horizon * components)])
                let offset = s.componentOffset
                for h in 0..<horizon {
                  let column = local * years + (s.firstProjected + h - firstShockYear)
                  for j in 0..<components {
                    z[h * components + j] = scale * shocks[column * dimension + offset + j]
                  }
                }
                var generator = Philox(seed: seed &+ s.streamKey, stream: UInt64(draw))
                let out = path(k)
                simulators[k]?(UnsafeBufferPointer(z), &generator, out)
                effects.apply(series: k, values: UnsafeBufferPointer(values), path: out)
              }
              for (k, product) in products {
                product.fill(
                  path(k), share: UnsafeBufferPointer(path(product.share)),
                  base: UnsafeBufferPointer(path(product.base)))
              }
              for t in quantities.indices {
                store.quantity[t][draw] =
                  quantities[t].quantity(path: UnsafeBufferPointer(path(quantities[t].series)))
                  ?? .nan
              }
            }
          }
        }
      }
    }
  }
}
