import PlanCastNumerics

/// A model *specification*: a class of model with its options, not yet fitted. Fitting it to a
/// series gives a ``FittedModel`` (the fable/fabletools split).
public protocol ForecastModel: Sendable {
  /// A short name, e.g. "loglinear" or "ar(1)+trend".
  var name: String { get }
  /// Fits the model; throws ``ForecastError`` for too short or out-of-domain series.
  func fit(_ series: YearlySeries) throws -> any FittedModel
}

/// A fitted model that can forecast with intervals and simulate future sample paths.
public protocol FittedModel: Sendable {
  /// The specification's name.
  var name: String { get }
  /// The series the model was fitted to.
  var series: YearlySeries { get }
  /// Estimated parameters with standard errors, for display.
  var parameters: [ParameterEstimate] { get }
  /// Small-sample corrected Akaike criterion, comparable across models of the *same*
  /// transformed response only.
  var aicc: Double { get }
  /// Standard deviation of one-step innovations on the model's working scale.
  var innovationStandardDeviation: Double { get }
  /// Standard-normal innovations the model consumes per future year (default 1). A model of
  /// several components (e.g. real growth and deflator) takes `innovationsPerYear × horizon`
  /// innovations, year-major: `innovations[h·k + j]` is component `j` of future year `h`.
  var innovationsPerYear: Int { get }

  /// One future path for the years after the last observation, one value per element of
  /// `innovations` (standard normal draws the caller may correlate across series; a model with
  /// ``innovationsPerYear`` k > 1 fills `path.count` years from k·`path.count`). Parameter
  /// and scale uncertainty are drawn from `generator`, so each path carries its own estimate.
  func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>)

  /// Forecast distribution for the next `horizon` years. Models with an exact predictive
  /// distribution override this; the default simulates `paths` sample paths.
  func forecast(horizon: Int, paths: Int, seed: UInt64) -> Forecast

  /// ``simulate(innovations:generator:into:)`` bound to this model's concrete type, for callers
  /// that simulate millions of paths: calling `simulate` through `any FittedModel` copies the
  /// model (its fields and its arrays' reference counts) on every call.
  var pathSimulator: PathSimulator { get }
}

/// A fitted model's ``FittedModel/simulate(innovations:generator:into:)``.
public typealias PathSimulator =
  @Sendable (
    _ innovations: UnsafeBufferPointer<Double>, _ generator: inout Philox,
    _ path: UnsafeMutableBufferPointer<Double>
  ) -> Void

/// One estimated parameter.
public struct ParameterEstimate: Sendable, Equatable {
  public let name: String
  public let estimate: Double
  /// `nil` when no standard error is available.
  public let standardError: Double?

  public init(name: String, estimate: Double, standardError: Double?) {
    self.name = name
    self.estimate = estimate
    self.standardError = standardError
  }

  /// The same estimate named `prefix.name`, for a component of a composite model.
  public func prefixed(_ prefix: String) -> ParameterEstimate {
    ParameterEstimate(name: prefix + "." + name, estimate: estimate, standardError: standardError)
  }
}

extension FittedModel {
  public var innovationsPerYear: Int { 1 }

  public var pathSimulator: PathSimulator {
    { innovations, generator, path in
      simulate(innovations: innovations, generator: &generator, into: path)
    }
  }

  public func forecast(horizon: Int, paths: Int = 5000, seed: UInt64 = 1) -> Forecast {
    Forecast.bySimulation(model: self, horizon: horizon, paths: paths, seed: seed)
  }
}
