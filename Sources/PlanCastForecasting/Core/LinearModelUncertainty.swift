import PlanCastNumerics

/// The estimation uncertainty of a Gaussian linear model, for simulation. Each draw takes
/// `σ² = σ̂²·ν/χ²_ν` and then `β ~ N(β̂, (σ²/σ̂²)·Cov(β̂))`: under a flat prior this is the exact
/// posterior, and its predictive distribution reproduces the classical Student-t prediction
/// interval, so simulated paths carry parameter and scale uncertainty with correct coverage.
///
/// `χ²_ν` is drawn as `2·Gamma(ν/2)` (Marsaglia–Tsang) and the normals by the ziggurat
/// (``Philox/nextZigguratNormal()``); ``draw(generator:into:)`` allocates nothing.
public struct LinearModelUncertainty: Sendable {
  /// Estimates in design order (aliased columns fixed at 0).
  public let estimates: [Double]
  /// Residual standard error `σ̂`.
  public let sigma: Double
  /// Residual degrees of freedom `ν`.
  public let degreesOfFreedom: Int
  /// Design indices of the estimated columns.
  let estimated: [Int]
  /// Cholesky factor of `Cov(β̂)` over the estimated columns (empty when σ̂ = 0).
  let covarianceFactor: Cholesky?
  /// The factor's lower triangle, row-major and packed: row `i` holds `L[i, 0…i]` from
  /// `i(i+1)/2`.
  let packedFactor: [Double]
  /// Whether draws vary (σ̂ > 0 and a usable covariance factor); otherwise every draw is
  /// `(β̂, σ̂)` and consumes no random numbers.
  public let isRandom: Bool

  /// Captures the sampling distribution of a fitted regression.
  public init(_ result: RegressionResult) {
    estimates = result.estimates
    sigma = result.residualStandardError
    degreesOfFreedom = result.residualDegreesOfFreedom
    estimated = result.estimatedColumns
    covarianceFactor = try? Cholesky(result.covariance)
    if let factor = covarianceFactor {
      let m = factor.lower.rows
      packedFactor = (0..<m).flatMap { i in (0...i).map { factor.lower[i, $0] } }
    } else {
      packedFactor = []
    }
    isRandom = sigma > 0 && covarianceFactor != nil
  }

  /// One draw of (β, σ).
  public func draw(generator: inout Philox) -> (beta: [Double], sigma: Double) {
    var beta = estimates
    let s = beta.withUnsafeMutableBufferPointer { draw(generator: &generator, into: $0) }
    return (beta, s)
  }

  /// One draw of β into `beta` (at least ``estimates``' count) and of σ, returned. Consumes, in
  /// order, one χ² and one normal per estimated column.
  public func draw(generator: inout Philox, into beta: UnsafeMutableBufferPointer<Double>)
    -> Double
  {
    estimates.withUnsafeBufferPointer { estimates in
      for j in estimates.indices { beta[j] = estimates[j] }
    }
    guard isRandom else { return sigma }
    let nu = Double(degreesOfFreedom)
    let ratio = (nu / generator.nextGammaChiSquared(degreesOfFreedom: nu)).squareRoot()
    let m = estimated.count
    packedFactor.withUnsafeBufferPointer { l in
      estimated.withUnsafeBufferPointer { estimated in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: m) { z in
          for k in 0..<m { z[k] = generator.nextZigguratNormal() }
          var row = 0
          for i in 0..<m {
            var shift = 0.0
            for k in 0...i { shift += l[row + k] * z[k] }
            row += i + 1
            beta[estimated[i]] += ratio * shift
          }
        }
      }
    }
    return sigma * ratio
  }
}

// MARK: - Simulation descriptions (for re-implementations such as the benchmark's numpy peer)

extension LinearModelUncertainty {
  /// What a draw uses, as JSON-ready values: `estimates`, `estimated` (design indices),
  /// `factor` (the packed lower Cholesky factor of `Cov(β̂)`, row-major), `sigma`, `dof`.
  public var simulationDescription: [String: Any] {
    [
      "estimates": estimates, "estimated": estimated, "factor": packedFactor, "sigma": sigma,
      "dof": degreesOfFreedom, "random": isRandom,
    ]
  }
}

/// A fitted model that can describe its simulation algorithm's parameters as JSON-ready values
/// (`"model"` names the algorithm; see each conformance).
public protocol SimulationDescribing {
  var simulationDescription: [String: Any] { get }
}

extension FittedGrowthAutoregression: SimulationDescribing {
  /// `model: "ar"`; the AR recursion's data: order, trend, steps, reference and start years,
  /// the first lags and observed bridge years, `centre_shift`, the parameter draw, and the
  /// reference-class calibration of the simulated path (`bias`, `scale`, the point path's
  /// cumulative growth `centre`) or null.
  public var simulationDescription: [String: Any] {
    [
      "model": "ar", "order": spec.order, "trend": spec.trend, "steps": spec.stepYears,
      "stationary": spec.stationary, "input": spec.input == .levels ? "levels" : "rates",
      "last_year": series.lastYear!, "last_level": series.values.last!,
      "reference": rowYears.last!, "start_year": startYear, "initial_history": initialHistory,
      "bridge": bridge.map { $0 as Any? ?? NSNullMarker.null }, "centre_shift": centreShift,
      "uncertainty": uncertainty.simulationDescription,
      "calibration": spec.calibration.map {
        ["bias": $0.bias, "scale": $0.scale, "centre": calibrationCentre] as [String: Any]
      } ?? NSNullMarker.null,
    ]
  }
}

extension FittedNominalGDP: SimulationDescribing {
  /// `model: "nominal"`: the real and deflator AR models, their residual correlation and the
  /// years behind it, the last nominal year and level.
  public var simulationDescription: [String: Any] {
    [
      "model": "nominal", "real": real.simulationDescription,
      "deflator": deflator.simulationDescription, "correlation": correlation,
      "correlation_years": correlationYears, "last_year": series.lastYear!,
      "last_level": series.values.last!,
    ]
  }
}

extension FittedLogLinearTrend: SimulationDescribing {
  /// `model: "loglinear"`: `exp(β₀ + β₁h + Σ steps + σz)`.
  public var simulationDescription: [String: Any] {
    [
      "model": "loglinear", "breaks": spec.breakYears, "last_year": series.lastYear!,
      "uncertainty": uncertainty.simulationDescription,
    ]
  }
}

extension FittedLogitLinearTrend: SimulationDescribing {
  /// `model: "logit"`: `scale·logistic(β₀ + β₁h + σz)`.
  public var simulationDescription: [String: Any] {
    [
      "model": "logit", "scale": spec.scale, "last_year": series.lastYear!,
      "uncertainty": uncertainty.simulationDescription,
    ]
  }
}

extension FittedEnergyIntensityChange: SimulationDescribing {
  /// `model: "energy"`: intercept, trend, GDP-growth elasticity and steps; future growth
  /// observed (`observed_growth`), from a scenario or from `growth_model`.
  public var simulationDescription: [String: Any] {
    var scenario: [Double] = []
    if case .scenario(let values) = spec.growth?.future { scenario = values }
    return [
      "model": "energy", "trend": spec.trend, "has_growth": spec.growth != nil,
      "steps": spec.stepYears, "last_year": series.lastYear!,
      "observed_growth": Dictionary(
        uniqueKeysWithValues: observedGrowth.map { (String($0.key), $0.value) }),
      "scenario_growth": scenario,
      "growth_model": growthModel?.simulationDescription ?? NSNullMarker.null,
      "uncertainty": uncertainty.simulationDescription,
    ]
  }
}

/// Stands for JSON null in descriptions (the caller maps it to `NSNull`).
public enum NSNullMarker: Sendable { case null }

extension FittedRandomWalk: SimulationDescribing {
  /// `model: "random_walk"`: per path σ = σ̂·√(ν/χ²_ν) (ν = ``degreesOfFreedom``), the drift
  /// ĉ + σ/√m·z (m changes; none for naive), then `level += c + σ·innovation` from the last value.
  public var simulationDescription: [String: Any] {
    [
      "model": "random_walk", "drift": spec.drift, "drift_estimate": driftEstimate,
      "sigma": sigma, "changes": changes, "degrees_of_freedom": degreesOfFreedom,
      "last_value": series.values.last ?? 0, "last_year": series.lastYear ?? 0,
    ]
  }
}
