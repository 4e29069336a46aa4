/// One score of a calibration: a metric of one method at one origin (or pooled over origins)
/// and one horizon (or pooled over horizons), or of one attainment event.
public struct CalibrationScore: Sendable, Equatable {
  public let method: String
  /// `nil`: pooled over every origin.
  public let origin: Int?
  /// `nil`: pooled over every horizon. Event scores are at the event horizon.
  public let horizon: Int?
  /// The attainment event of an event score; `nil` for accuracy scores.
  public let event: AttainmentEvent?
  /// `mape`, `mase`, `crps`, `winkler80`, `coverage80`, … or `brier`, `brier_skill`, ….
  public let metric: String
  public let value: Double
  /// Forecasts the score is over.
  public let count: Int
  /// The bootstrap over origin years (pooled scores with at least two origins only).
  public let uncertainty: OriginBootstrap.Summary?
}

/// Forecasts left out of a calibration, and why.
public struct CalibrationSkip: Sendable, Equatable {
  public let origin: Int
  /// The horizon, when the reason concerns one horizon.
  public let horizon: Int?
  /// The method, when the reason concerns one method's forecasts.
  public let method: String?
  /// The event, when the reason concerns one event.
  public let event: AttainmentEvent?
  public let reason: String
  /// Series affected.
  public let count: Int
}

/// The reliability of one method's probabilities for one event, pooled over origins.
public struct CalibrationReliability: Sendable, Equatable {
  public let method: String
  public let event: AttainmentEvent
  public let table: ReliabilityTable
}

/// Everything a calibration measured.
public struct CalibrationResult: Sendable {
  public let settings: CalibrationSettings
  /// Series in the input.
  public let seriesCount: Int
  /// Accuracy scores: by method, origin (then pooled) and horizon (then pooled).
  public let accuracy: [CalibrationScore]
  /// Event scores: by method, event and origin (then pooled).
  public let events: [CalibrationScore]
  public let reliability: [CalibrationReliability]
  /// Climatology of each event at each origin (`nil` when no series has the years for it).
  public let climatology: [(origin: Int, event: AttainmentEvent, share: Double?, count: Int)]
  public let skips: [CalibrationSkip]
  /// Forecasts that fell back from the method asked for or dropped members, by method and origin.
  public let fallbacks: [(method: String, origin: Int, count: Int)]
  /// Scored forecasts (series × horizons) whose quantiles do not increase with the level
  /// (levels simulated from paths crossing the exact 80/95 bounds or median, or a combination's
  /// median outside its mixture's central intervals), by method and origin; their
  /// CDF follows `panel_score.py` (the first segment of quantile points that brackets the value).
  public let unordered: [(method: String, origin: Int, count: Int)]
}
