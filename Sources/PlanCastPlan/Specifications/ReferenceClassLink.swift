import Foundation

/// A `reference_class = "…"` entry of `models.toml`: the long file of related series (e.g. the
/// 296-city real GDP index) whose rolling-origin errors calibrate the declared model, and the
/// calibration fitted on it (`calibration/<indicator>.toml`, written by
/// `plancast reference-class fit`).
public struct ReferenceClassLink: Sendable, Hashable {
  /// The class file as written, relative to the model directory.
  public let path: String
  /// The class file's path from the working directory.
  public let resolvedPath: String
  /// Where the calibration is (or will be) stored.
  public let calibrationPath: String
  /// The stored calibration; `nil` until `plancast reference-class fit` has written it.
  public let calibration: ModelCalibrationRecord?

  public init(
    path: String, resolvedPath: String, calibrationPath: String,
    calibration: ModelCalibrationRecord?
  ) {
    self.path = path
    self.resolvedPath = resolvedPath
    self.calibrationPath = calibrationPath
    self.calibration = calibration
  }

  /// The calibration folder inside a model directory.
  public static let folder = "calibration"

  /// The calibration file of `indicator` inside `directory`.
  public static func calibrationPath(directory: String, indicator: String) -> String {
    URL(fileURLWithPath: directory).appendingPathComponent(folder)
      .appendingPathComponent(indicator + ".toml").path
  }
}

/// A stored reference-class calibration: the per-horizon shift and scale of a declared growth
/// model's cumulative growth, with what it was fitted on (see `PathCalibration` and
/// `PathCalibrationEstimator` in PlanCastForecasting).
public struct ModelCalibrationRecord: Sendable, Hashable {
  public let indicator: String
  /// The declaration it was fitted for (AR order and trend); a different declaration makes the
  /// record stale.
  public let order: Int
  public let trend: Bool
  /// The class file (as written in models.toml), its last year and the members that took part.
  public let referenceClass: String
  public let classLastYear: Int
  public let members: Int
  /// The origins that gave pairs.
  public let firstOrigin: Int
  public let lastOrigin: Int
  public let paths: Int
  public let seed: UInt64
  /// Per horizon h = 1…H.
  public let pairs: [Int]
  public let bias: [Double]
  public let scale: [Double]
  public let coverage80Before: [Double]
  public let coverage95Before: [Double]
  public let coverage80After: [Double]
  public let coverage95After: [Double]

  public init(
    indicator: String, order: Int, trend: Bool, referenceClass: String, classLastYear: Int,
    members: Int, firstOrigin: Int, lastOrigin: Int, paths: Int, seed: UInt64, pairs: [Int],
    bias: [Double], scale: [Double], coverage80Before: [Double], coverage95Before: [Double],
    coverage80After: [Double], coverage95After: [Double]
  ) {
    self.indicator = indicator
    self.order = order
    self.trend = trend
    self.referenceClass = referenceClass
    self.classLastYear = classLastYear
    self.members = members
    self.firstOrigin = firstOrigin
    self.lastOrigin = lastOrigin
    self.paths = paths
    self.seed = seed
    self.pairs = pairs
    self.bias = bias
    self.scale = scale
    self.coverage80Before = coverage80Before
    self.coverage95Before = coverage95Before
    self.coverage80After = coverage80After
    self.coverage95After = coverage95After
  }

  /// The horizons H.
  public var horizons: Int { bias.count }

  static let keys: Set<String> = [
    "indicator", "order", "trend", "reference_class", "class_last_year", "members", "origins",
    "paths", "seed", "pairs", "bias", "scale", "coverage80_before", "coverage95_before",
    "coverage80_after", "coverage95_after",
  ]

  /// The file's text: a comment saying how it was made, then the fields.
  public func tomlText() -> String {
    func list(_ values: [Double]) -> String {
      "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
    }
    return """
      # Reference-class calibration of the \(indicator) model (AR(\(order))\(trend ? "+trend" : "")),
      # written by `plancast reference-class fit`; do not edit by hand (`plancast reference-class
      # fit --check` tells whether it is current). Per horizon h = 1…\(horizons): the shift `bias`
      # (percentage points of cumulative log growth; negative: the model was too optimistic) and
      # the `scale` of the model's own spread (the geometric mean of the conformal scales of its
      # 80 % and 95 % bands) learnt from `pairs` rolling-origin forecasts of the class members,
      # with the coverage (%) of those pairs before and after. See Models/README.md,
      # "Reference classes".
      indicator = "\(indicator)"
      order = \(order)
      trend = \(trend)
      reference_class = "\(referenceClass)"
      class_last_year = \(classLastYear)
      members = \(members)
      origins = [\(firstOrigin), \(lastOrigin)]
      paths = \(paths)
      seed = \(seed)
      pairs = [\(pairs.map(String.init).joined(separator: ", "))]
      bias = \(list(bias))
      scale = \(list(scale))
      coverage80_before = \(list(coverage80Before))
      coverage95_before = \(list(coverage95Before))
      coverage80_after = \(list(coverage80After))
      coverage95_after = \(list(coverage95After))

      """
  }
}
