import PlanCastNumerics

/// Chooses among candidate models per series. With ``Rule/aicc`` the smallest AICc wins, which
/// is meaningful only among candidates on the same working response (e.g. all on `log y`);
/// with ``Rule/backtest`` the smallest mean absolute scaled error over rolling origins inside
/// the training data wins, which compares any candidates. Candidates that cannot be fitted to
/// the series are passed over; the choice and every candidate's score are kept for display.
public struct AutoModel: ForecastModel {
  /// How the winner is chosen.
  public enum Rule: Sendable, Equatable {
    case aicc
    /// Rolling-origin MASE over the last `origins` training years at horizons 1…`horizon`.
    case backtest(origins: Int, horizon: Int)
  }

  public var candidates: [any ForecastModel]
  public var rule: Rule

  public init(candidates: [any ForecastModel], rule: Rule) {
    self.candidates = candidates
    self.rule = rule
  }

  public var name: String { "auto" }

  public func fit(_ series: YearlySeries) throws -> any FittedModel {
    var scored: [(fit: any FittedModel, score: Double)] = []
    var failures: [String] = []
    for candidate in candidates {
      do {
        let fitted = try candidate.fit(series)
        let score = try score(candidate, fitted: fitted, series: series)
        if score.isFinite {
          scored.append((fitted, score))
        } else {
          failures.append(candidate.name)
        }
      } catch {
        failures.append(candidate.name)
      }
    }
    guard let best = scored.min(by: { $0.score < $1.score }) else {
      throw ForecastError.estimationFailed(
        series: series.name, model: name,
        "no candidate could be fitted (\(failures.joined(separator: ", "))); add data or "
          + "choose a simpler model")
    }
    return FittedAutoModel(
      chosen: best.fit, scores: scored.map { ($0.fit.name, $0.score) }, rule: rule,
      passedOver: failures)
  }

  private func score(_ candidate: any ForecastModel, fitted: any FittedModel, series: YearlySeries)
    throws -> Double
  {
    switch rule {
    case .aicc:
      return fitted.aicc
    case .backtest(let origins, let horizon):
      guard let last = series.lastYear else { return .infinity }
      let first = last - horizon - origins + 1
      let (records, _) = Backtest.run(
        model: candidate, series: series, origins: first...(last - 1), horizons: 1...horizon,
        paths: 200, seed: 1)
      return AccuracySummary(records)?.mase ?? .infinity
    }
  }
}

/// The model ``AutoModel`` chose, with the scores of every candidate.
public struct FittedAutoModel: FittedModel {
  public let chosen: any FittedModel
  /// (candidate name, score) for every candidate that could be fitted.
  public let scores: [(name: String, score: Double)]
  public let rule: AutoModel.Rule
  /// Candidates that could not be fitted.
  public let passedOver: [String]

  public var name: String { "auto: \(chosen.name)" }
  public var series: YearlySeries { chosen.series }
  public var parameters: [ParameterEstimate] { chosen.parameters }
  public var aicc: Double { chosen.aicc }
  public var innovationStandardDeviation: Double { chosen.innovationStandardDeviation }
  public var innovationsPerYear: Int { chosen.innovationsPerYear }

  public func simulate(
    innovations: UnsafeBufferPointer<Double>, generator: inout Philox,
    into path: UnsafeMutableBufferPointer<Double>
  ) {
    chosen.simulate(innovations: innovations, generator: &generator, into: path)
  }

  public func forecast(horizon: Int, paths: Int, seed: UInt64) -> Forecast {
    let inner = chosen.forecast(horizon: horizon, paths: paths, seed: seed)
    return Forecast(model: name, points: inner.points)
  }
}
