import PlanCastNumerics

/// The distribution a factor is sampled from in a global (Sobol) analysis.
public enum FactorDistribution: Sendable, Equatable, Codable {
  case uniform(lower: Double, upper: Double)
  case normal(mean: Double, standardDeviation: Double)
  case triangular(lower: Double, mode: Double, upper: Double)

  /// The `u` quantile, `u` in (0, 1). Uniform: `u·(upper − lower) + lower`, as SALib scales.
  public func quantile(_ u: Double) -> Double {
    switch self {
    case .uniform(let lower, let upper):
      return u * (upper - lower) + lower
    case .normal(let mean, let sd):
      return mean + sd * FactorDistribution.standardNormal.quantile(u)
    case .triangular(let lower, let mode, let upper):
      let split = (mode - lower) / (upper - lower)
      return u < split
        ? lower + ((upper - lower) * (mode - lower) * u).squareRoot()
        : upper - ((upper - lower) * (upper - mode) * (1 - u)).squareRoot()
    }
  }

  /// A short description, e.g. `normal(0, 1)`.
  public var text: String {
    switch self {
    case .uniform(let l, let u): "uniform(\(l), \(u))"
    case .normal(let m, let s): "normal(\(m), \(s))"
    case .triangular(let l, let m, let u): "triangular(\(l), \(m), \(u))"
    }
  }

  // Parameters are validated where distributions are made (the scenario loader, FactorSpec).
  static let standardNormal: Normal = {
    do { return try Normal(mean: 0, standardDeviation: 1) } catch { fatalError("\(error)") }
  }()
}

/// One swept input: a scenario assumption with the range a one-at-a-time or Morris sweep
/// explores (`low ... high`) and the distribution a Sobol analysis samples.
public struct FactorSpec: Sendable, Equatable, Codable {
  public let name: String
  public let low: Double
  public let high: Double
  public let distribution: FactorDistribution

  /// Validates `low < high` (finite) and the distribution's parameters.
  public init(name: String, low: Double, high: Double, distribution: FactorDistribution)
    throws(SensitivityError)
  {
    guard low.isFinite, high.isFinite else {
      throw .invalid("the range of '\(name)' must be finite numbers")
    }
    guard low < high else {
      throw .invalid(
        low == high
          ? "the range of '\(name)' is empty (\(low) to \(high)); give low < high"
          : "the range of '\(name)' is reversed (\(low) to \(high)); give low < high")
    }
    switch distribution {
    case .uniform(let l, let u) where !(l < u):
      throw .invalid("'\(name)': a uniform distribution needs lower < upper")
    case .normal(_, let sd) where !(sd > 0):
      throw .invalid("'\(name)': a normal distribution needs a positive standard deviation")
    case .triangular(let l, let m, let u) where !(l < u && l <= m && m <= u):
      throw .invalid(
        "'\(name)': a triangular distribution needs lower ≤ mode ≤ upper, lower < upper")
    default: break
    }
    self.name = name
    self.low = low
    self.high = high
    self.distribution = distribution
  }

  private enum CodingKeys: String, CodingKey { case name, low, high, distribution }

  /// Decodes and validates as ``init(name:low:high:distribution:)`` does (a shard file is input).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      name: try c.decode(String.self, forKey: .name), low: try c.decode(Double.self, forKey: .low),
      high: try c.decode(Double.self, forKey: .high),
      distribution: try c.decode(FactorDistribution.self, forKey: .distribution))
  }
}
