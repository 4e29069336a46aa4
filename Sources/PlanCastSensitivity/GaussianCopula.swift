import PlanCastNumerics

/// A correlation between two named factors, e.g. `real_growth_shift:energy_policy=0.6`.
public struct FactorCorrelation: Sendable, Equatable, Codable {
  public let first: String
  public let second: String
  public let rho: Double

  public init(first: String, second: String, rho: Double) {
    self.first = first
    self.second = second
    self.rho = rho
  }

  /// Parses `NAME:NAME=RHO`.
  public init(argument: String) throws(SensitivityError) {
    let parts = argument.split(separator: "=", omittingEmptySubsequences: false)
    let names = parts.first?.split(separator: ":", omittingEmptySubsequences: false) ?? []
    guard parts.count == 2, names.count == 2, let rho = Double(parts[1]),
      !names[0].isEmpty, !names[1].isEmpty
    else {
      throw .invalid(
        "'\(argument)' is not NAME:NAME=RHO (e.g. real_growth_shift:energy_policy=0.6)")
    }
    self.init(first: String(names[0]), second: String(names[1]), rho: rho)
  }
}

/// Correlated sampling through a Gaussian copula: independent uniforms `u` become standard
/// normals `z = Φ⁻¹(u)`, are correlated as `L·z` (`R = L·Lᵀ`, the factors' correlation
/// matrix), and each factor takes its marginal quantile of `Φ(L·z)ᵢ` (a normal marginal takes
/// `mean + sd·(L·z)ᵢ` directly).
///
/// Sobol indices computed on such samples are indices of the independent underlying normals
/// `zᵢ`, not of the correlated factors: `z₁` carries factor 1 and the part of later factors
/// correlated with it, `z₂` what factor 2 adds independently of factor 1, and so on (the
/// Cholesky order is the factor order). This is the Mara–Tarantola reading; the Kucherenko
/// indices of correlated inputs (conditional sampling) are not computed.
public struct GaussianCopula: Sendable {
  /// Lower Cholesky factor of the correlation matrix, row-major `d × d`.
  public let lower: [Double]
  public let dimension: Int

  /// Builds the correlation matrix of `names` from `correlations` (unlisted pairs 0); throws on
  /// unknown or repeated pairs, |ρ| ≥ 1, or a matrix that is not positive definite.
  public init(names: [String], correlations: [FactorCorrelation]) throws(SensitivityError) {
    let d = names.count
    var r = [Double](repeating: 0, count: d * d)
    for i in 0..<d { r[i * d + i] = 1 }
    var seen: Set<[String]> = []
    for c in correlations {
      guard let i = names.firstIndex(of: c.first) else {
        throw .unknownAssumption(c.first, known: names)
      }
      guard let j = names.firstIndex(of: c.second) else {
        throw .unknownAssumption(c.second, known: names)
      }
      guard i != j else { throw .invalid("'\(c.first)' cannot be correlated with itself") }
      guard c.rho.isFinite, abs(c.rho) < 1 else {
        throw .invalid("the correlation of \(c.first) and \(c.second) must be in (−1, 1)")
      }
      guard seen.insert([c.first, c.second].sorted()).inserted else {
        throw .invalid("the correlation of \(c.first) and \(c.second) is given twice")
      }
      r[i * d + j] = c.rho
      r[j * d + i] = c.rho
    }
    let factor: Cholesky
    do {
      factor = try Cholesky(Matrix(rows: (0..<d).map { Array(r[($0 * d)..<($0 * d + d)]) }))
    } catch {
      throw .invalid(
        "the correlations do not form a valid (positive definite) correlation matrix")
    }
    var lower = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
      for j in 0...i { lower[i * d + j] = factor.lower[i, j] }
    }
    self.lower = lower
    dimension = d
  }

  /// Maps one row of independent uniforms to factor values.
  public func transform(_ u: ArraySlice<Double>, factors: [FactorSpec]) -> [Double] {
    let standard = FactorDistribution.standardNormal
    let z = u.map { standard.quantile($0) }
    return (0..<dimension).map { i in
      var zi = 0.0
      for j in 0...i { zi += lower[i * dimension + j] * z[j] }
      if case .normal(let mean, let sd) = factors[i].distribution { return mean + sd * zi }
      return factors[i].distribution.quantile(standard.cdf(zi))
    }
  }
}
