/// What a reference-class calibration evaluates: methods, origins, horizons, interval levels,
/// attainment events, and the bootstrap over origins.
public struct CalibrationSettings: Sendable {
  /// The methods scored, in order; `naive` and `drift` are always among them (appended).
  public let methods: [BatchMethod]
  /// Other forecasters scored after the methods (e.g. a declared model with and without its
  /// reference-class calibration, ``DeclaredModelForecaster``).
  public let forecasters: [any OriginForecaster]
  public let origins: ClosedRange<Int>
  public let horizons: ClosedRange<Int>
  /// Central interval levels in percent, increasing; 80 and 95 are always among them.
  public let levels: [Double]
  public let events: [AttainmentEvent]
  /// Simulated paths per series (as `BatchSettings/paths`).
  public let paths: Int
  /// Seed of the forecasts (as `BatchSettings/seed`) and of the bootstrap.
  public let seed: UInt64
  public let threads: Int
  /// Bootstrap replicates over origin years (0: none) and the block length in origins.
  public let bootstrapReplicates: Int
  public let blockLength: Int

  /// The largest horizon accepted.
  public static let maximumHorizon = 50
  /// The most forecasts (origins × methods × series) one run may make.
  public static let maximumForecasts = 250_000
  /// The most simulated values (forecasts × paths × largest horizon) one run may draw: the
  /// forecast limit at the default 2000 paths and 5 horizons.
  public static let maximumDraws = 2_500_000_000
  /// The most bootstrap replicates.
  public static let maximumReplicates = 100_000
  /// The levels of `panel_score.py`: 10, 20, …, 90 and 95.
  public static let panelLevels: [Double] = [10, 20, 30, 40, 50, 60, 70, 80, 90, 95]
  /// `own`, 6.5% and 7%: panel_score.py's E1, E2 and E3.
  public static let panelEvents: [AttainmentEvent] = [.ownTrailing, .growth(0.065), .growth(0.07)]

  public init(
    methods: [BatchMethod], origins: ClosedRange<Int>, horizons: ClosedRange<Int>,
    levels: [Double] = panelLevels, events: [AttainmentEvent] = panelEvents, paths: Int = 2000,
    seed: UInt64 = 1, threads: Int = 1, bootstrapReplicates: Int = 1000, blockLength: Int = 1,
    forecasters: [any OriginForecaster] = []
  ) {
    var all: [BatchMethod] = []
    for m in methods + [.naive, .drift] where !all.contains(m) { all.append(m) }
    self.methods = all
    self.forecasters = forecasters
    self.origins = origins
    self.horizons = horizons
    self.levels = Array(Set(levels + [80, 95])).sorted()
    self.events = events
    self.paths = paths
    self.seed = seed
    self.threads = threads
    self.bootstrapReplicates = bootstrapReplicates
    self.blockLength = blockLength
  }

  /// The names of everything scored: the methods, then the forecasters.
  public var methodNames: [String] { methods.map(\.rawValue) + forecasters.map(\.name) }

  /// The horizon of the attainment events: the largest horizon.
  public var eventHorizon: Int { horizons.upperBound }

  /// The levels given by ``BatchSettings/extraLevels`` (all but 80 and 95).
  var extraLevels: [Double] { levels.filter { $0 != 80 && $0 != 95 } }
}

/// A forecaster a calibration can score besides the batch methods: it forecasts every series of
/// a reference class cut at an origin, seeing nothing later.
public protocol OriginForecaster: Sendable {
  /// The name in the tables.
  var name: String { get }
  /// One forecast per series of `cut` (all cut at the same origin), to `horizon` years, with
  /// the central intervals at `extraLevels` besides 80 and 95 %.
  func forecasts(_ cut: [YearlySeries], horizon: Int, extraLevels: [Double]) -> [SeriesForecast]
}

/// Why a calibration cannot run as asked.
public enum CalibrationError: Error, Equatable, CustomStringConvertible {
  case tooFewSeries(Int)
  case horizons(ClosedRange<Int>)
  case originsOutsideData(origins: ClosedRange<Int>, years: ClosedRange<Int>, firstHorizon: Int)
  case tooMuchWork(forecasts: Int)
  case tooManyDraws(Int)
  case replicates(Int)
  case blockLength(Int)
  case nothingToScore(ClosedRange<Int>)

  public var description: String {
    switch self {
    case .tooFewSeries(let n):
      "a reference-class calibration needs at least 2 series; the file has \(n) (use "
        + "plancast backtest or plancast forecast for one series)"
    case .horizons(let h):
      "horizons \(h.lowerBound):\(h.upperBound) must lie in 1:\(CalibrationSettings.maximumHorizon)"
    case .originsOutsideData(let o, let years, let h):
      "origins \(o.lowerBound):\(o.upperBound) are outside the data: its years are "
        + "\(years.lowerBound)–\(years.upperBound), so an origin needs a year before it and an "
        + "outturn \(h) year\(h == 1 ? "" : "s") later: origins "
        + (years.lowerBound + 1 <= years.upperBound - h
          ? "\(years.lowerBound + 1):\(years.upperBound - h)" : "(none)")
    case .tooMuchWork(let n):
      "origins × methods × series = \(n) forecasts, more than the limit of "
        + "\(CalibrationSettings.maximumForecasts); use fewer origins, methods or series"
    case .tooManyDraws(let n):
      "forecasts × paths × horizon = \(n) simulated values, more than the limit of "
        + "\(CalibrationSettings.maximumDraws); use fewer paths, horizons, origins or series"
    case .replicates(let n):
      "bootstrap replicates \(n) must lie in 0…\(CalibrationSettings.maximumReplicates)"
    case .blockLength(let n): "the bootstrap block length \(n) must be at least 1"
    case .nothingToScore(let o):
      "no series has a value at an origin in \(o.lowerBound):\(o.upperBound) and an outturn "
        + "after it; nothing to score"
    }
  }
}
