import PlanCastNumerics

/// The points of a sweep: per point, a value for each column (`nil`: the scenario's own).
public struct SweepDesign: Sendable {
  /// Assumption names, one per column.
  public let columns: [String]
  public let rows: [[Double?]]
  /// Sobol and Morris: each row in the unit hypercube of the independent inputs (what
  /// SALib analyses), row-major `rows × columns`.
  public let unit: [Double]

  /// The grid-size limit `plancast sweep grid` enforces without `--force`.
  public static let defaultGridLimit = 10_000

  /// The number of points of `spec`'s design, computed without building it.
  public static func pointCount(_ spec: SweepSpec) -> Double {
    let d = Double(spec.factors.count)
    switch spec.method {
    case .oat: return 1 + 2 * d
    case .grid:
      return spec.axes.reduce(1.0) { $0 * Double($1.valueCount) }
    case .sobol: return Double(spec.samples) * (d + 2)
    case .morris: return Double(spec.samples) * (d + 1)
    }
  }

  /// Builds the design of `spec` (checking sizes: a grid above `gridLimit` points throws
  /// unless `gridLimit` is nil).
  public init(_ spec: SweepSpec, gridLimit: Int? = defaultGridLimit) throws(SensitivityError) {
    switch spec.method {
    case .oat:
      columns = spec.factors.map(\.name)
      var rows: [[Double?]] = [columns.map { _ in nil }]
      for (i, f) in spec.factors.enumerated() {
        for v in [f.low, f.high] {
          var row: [Double?] = columns.map { _ in nil }
          row[i] = v
          rows.append(row)
        }
      }
      self.rows = rows
      unit = []
    case .grid:
      columns = spec.axes.map(\.name)
      let values = spec.axes.map(\.values)
      let total = values.reduce(1.0) { $0 * Double($1.count) }
      if let gridLimit, total > Double(gridLimit) {
        throw .invalid(
          "the grid has \(Int(min(total, 1e18))) points, more than the limit of \(gridLimit); "
            + "use larger steps or fewer axes, or pass --force")
      }
      // The last axis varies fastest.
      var rows: [[Double?]] = [[]]
      for axis in values {
        rows = rows.flatMap { row in axis.map { row + [$0] } }
      }
      self.rows = rows
      unit = []
    case .sobol:
      columns = spec.factors.map(\.name)
      let d = columns.count
      let n = spec.samples
      guard n >= 2, n & (n - 1) == 0 else {
        throw .invalid("--samples \(n): the Sobol base sample size must be a power of two ≥ 2")
      }
      guard n <= 1 << 24 else { throw .invalid("--samples \(n): at most 2^24") }
      // SALib's layout (calc_second_order = False): per base point A, AB₁ … AB_d, B, from a
      // 2d-dimensional Sobol' sequence skipping its first N points (so no coordinate is 0).
      let sequence = try SobolSequence(dimensions: 2 * d)
      let base = sequence.points(start: n, count: n)
      var unit = [Double](repeating: 0, count: n * (d + 2) * d)
      for i in 0..<n {
        let a = base[(i * 2 * d)..<(i * 2 * d + d)]
        let b = base[(i * 2 * d + d)..<(i * 2 * d + 2 * d)]
        let row0 = i * (d + 2)
        for j in 0..<d {
          unit[row0 * d + j] = a[a.startIndex + j]
          unit[(row0 + d + 1) * d + j] = b[b.startIndex + j]
          for k in 0..<d {
            unit[(row0 + 1 + k) * d + j] = j == k ? b[b.startIndex + j] : a[a.startIndex + j]
          }
        }
      }
      let copula =
        spec.correlations.isEmpty
        ? nil : try GaussianCopula(names: columns, correlations: spec.correlations)
      rows = (0..<(n * (d + 2))).map { r in
        let u = unit[(r * d)..<(r * d + d)]
        if let copula { return copula.transform(u, factors: spec.factors) }
        return zip(u, spec.factors).map { $1.distribution.quantile($0) }
      }
      self.unit = unit
    case .morris:
      columns = spec.factors.map(\.name)
      guard spec.correlations.isEmpty else {
        throw .invalid(
          "Morris elementary effects move one input at a time and need independent inputs; "
            + "drop --correlate or use sobol")
      }
      let unit = try MorrisDesign.trajectories(
        factors: columns.count, trajectories: spec.samples, levels: spec.levels, seed: spec.seed)
      let d = columns.count
      rows = (0..<(unit.count / d)).map { r in
        (0..<d).map { j in
          let f = spec.factors[j]
          return f.low + unit[r * d + j] * (f.high - f.low)
        }
      }
      self.unit = unit
    }
  }
}

/// Morris (1991) trajectories on a `p`-level grid of the unit hypercube: each starts at a
/// random grid point and moves every factor once, in random order, by ±Δ, Δ = p / (2(p − 1)).
public enum MorrisDesign {
  /// `trajectories × (factors + 1)` rows of `factors` unit values, row-major.
  public static func trajectories(factors d: Int, trajectories r: Int, levels p: Int, seed: UInt64)
    throws(SensitivityError) -> [Double]
  {
    guard d >= 1 else { throw .invalid("Morris needs at least one factor") }
    guard r >= 2 else { throw .invalid("--samples \(r): Morris needs at least 2 trajectories") }
    guard p >= 2, p % 2 == 0 else { throw .invalid("--levels \(p): use an even number ≥ 2") }
    let delta = Double(p) / (2 * Double(p - 1))
    // Starting levels x* ∈ {0, 1/(p−1), …, 1 − Δ}: the first p/2 levels.
    let starts = p / 2
    var out: [Double] = []
    out.reserveCapacity(r * (d + 1) * d)
    for t in 0..<r {
      var g = Philox(seed: seed &+ 0x4D4F_5252_4953, stream: UInt64(t))
      let base = (0..<d).map { _ in
        Double(Int(g.nextUniform() * Double(starts))) / Double(p - 1)
      }
      let up = (0..<d).map { _ in g.nextUniform() < 0.5 }
      var order = Array(0..<d)
      for i in stride(from: d - 1, to: 0, by: -1) {
        let j = Int(g.nextUniform() * Double(i + 1))
        order.swapAt(i, j)
      }
      var x = (0..<d).map { up[$0] ? base[$0] : base[$0] + delta }
      out += x
      for i in order {
        x[i] = up[i] ? base[i] + delta : base[i]
        out += x
      }
    }
    return out
  }
}
