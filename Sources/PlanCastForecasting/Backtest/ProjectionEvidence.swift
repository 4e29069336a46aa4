import PlanCastPlan

/// How much evidence stands behind a projection: the observations its model was fitted on and
/// how many rolling-origin forecasts of the same model could be checked against an outturn.
///
/// Evidence is thin when the fit used fewer than ``minimumObservations`` observations or when
/// no forecast could be checked (no origin in the data leaves both a fit and a later outturn
/// within ``horizons``): a probability from such a projection rests on the model's form rather
/// than on its record.
public struct ProjectionEvidence: Sendable, Equatable {
  /// Fewer fitted observations than this is thin evidence.
  public static let minimumObservations = 6
  /// The horizons the rolling-origin check scores, in years after the origin.
  public static let horizons = 1...5

  /// The years the model was fitted on.
  public let fittedYears: [Int]
  /// Rolling-origin forecasts of the declared model checked against an outturn, and their
  /// accuracy (nil when none could be checked).
  public let accuracy: AccuracySummary?

  public init(fittedYears: [Int], accuracy: AccuracySummary?) {
    self.fittedYears = fittedYears
    self.accuracy = accuracy
  }

  public var observations: Int { fittedYears.count }
  public var checkedForecasts: Int { accuracy?.count ?? 0 }

  public var isThin: Bool {
    observations < Self.minimumObservations || checkedForecasts == 0
  }

  /// The fitted years as runs: "2010, 2020–2024".
  public var yearsText: String {
    var runs: [String] = []
    var k = 0
    while k < fittedYears.count {
      var end = k
      while end + 1 < fittedYears.count, fittedYears[end + 1] == fittedYears[end] + 1 { end += 1 }
      runs.append(
        end == k ? "\(fittedYears[k])" : "\(fittedYears[k])–\(fittedYears[end])")
      k = end + 1
    }
    return runs.joined(separator: ", ")
  }

  /// A short cell for tables: "20 obs · 60 checked", "thin: 3 obs · 0 checked".
  public func summary(_ language: Language) -> String {
    let zh = language == .zh
    let counts =
      zh
      ? "\(observations)个观测 · 回测\(checkedForecasts)次"
      : "\(observations) obs · \(checkedForecasts) checked"
    return isThin ? (zh ? "证据不足:" : "thin: ") + counts : counts
  }

  /// The rule, for notes and reports.
  public static func rule(_ language: Language) -> String {
    language == .zh
      ? "证据不足:拟合观测少于\(minimumObservations)个,或没有可用实际值检验的滚动预测(预测期\(horizons.lowerBound)–\(horizons.upperBound)年)"
      : "thin evidence: fewer than \(minimumObservations) fitted observations, or no rolling-origin forecast (\(horizons.lowerBound)–\(horizons.upperBound) years ahead) that could be checked against an outturn"
  }
}

extension ProjectionEngine {
  /// The evidence behind the declared model of (area, indicator): its fitted years and a
  /// rolling-origin backtest of the same model at every origin of its data window.
  public func evidence(area: String, indicator: String, request: ProjectionRequest) throws
    -> ProjectionEvidence
  {
    let (series, _) = try history(area: area, indicator: indicator, request: request)
    guard let first = series.years.first, let last = series.lastYear,
      let declaration = model.specifications?.declaration(indicator: indicator, area: area),
      let info = model.data.catalog[indicator]
    else { return ProjectionEvidence(fittedYears: series.years, accuracy: nil) }
    let forecaster = try factory(area: area, request: request)
      .make(declaration, indicator: info, window: first...last)
    guard first < last else { return ProjectionEvidence(fittedYears: series.years, accuracy: nil) }
    let (records, _) = Backtest.run(
      model: forecaster, series: series, origins: first...(last - 1),
      horizons: ProjectionEvidence.horizons, paths: Self.evidencePaths, seed: request.seed)
    return ProjectionEvidence(fittedYears: series.years, accuracy: AccuracySummary(records))
  }

  /// Paths per origin for models without an exact forecast: enough for 80% and 95% coverage.
  static let evidencePaths = 1000
}
