import Foundation

/// Reads the `reference_class` key of a `models.toml` entry and the calibration stored for it.
package enum ModelCalibrationLoader {
  /// The link of an `ar` declaration, with its stored calibration if there is one; a stored
  /// calibration that belongs to another indicator or declaration is an error naming the file.
  static func link(
    _ s: TOMLSection, indicator: String, options: ModelOptions, modelsPath: String
  ) throws(ModelError) -> ReferenceClassLink {
    let written = try s.string("reference_class")
    let directory = URL(fileURLWithPath: modelsPath).deletingLastPathComponent().path
    let resolved = URL(fileURLWithPath: directory).appendingPathComponent(written)
      .standardizedFileURL.path
    let calibrationPath = ReferenceClassLink.calibrationPath(
      directory: directory, indicator: indicator)
    guard FileManager.default.fileExists(atPath: calibrationPath) else {
      return ReferenceClassLink(
        path: written, resolvedPath: resolved, calibrationPath: calibrationPath, calibration: nil)
    }
    let record = try load(path: calibrationPath)
    let order = options.order ?? 1
    let trend = options.trend ?? false
    guard record.indicator == indicator, record.order == order, record.trend == trend,
      record.referenceClass == written
    else {
      throw ModelError(
        .invalidValue, at: SourceLocation(file: calibrationPath, line: 1), field: "indicator",
        "the calibration was fitted for \(record.indicator) (AR(\(record.order)), trend "
          + "\(record.trend), class \(record.referenceClass)), not for the declaration at "
          + "\(s.location("reference_class")) (AR(\(order)), trend \(trend), class \(written))",
        hint: "Run plancast reference-class fit --model \(directory) to fit it again.")
    }
    return ReferenceClassLink(
      path: written, resolvedPath: resolved, calibrationPath: calibrationPath,
      calibration: record)
  }

  /// Parses and checks a calibration file.
  package static func load(path: String) throws(ModelError) -> ModelCalibrationRecord {
    let doc = try TOMLDocument.load(
      path: path, hint: "Write it with plancast reference-class fit --model DIR.")
    let s = doc.topLevel
    try s.rejectUnknownKeys(ModelCalibrationRecord.keys)
    guard let trend = s.table["trend"]?.bool else {
      throw s.error("trend", "expected true or false", hint: "Write trend = true.")
    }
    let origins = try s.optionalIntArray("origins") ?? []
    guard origins.count == 2, origins[0] <= origins[1] else {
      throw s.error(
        "origins", "expected [first, last] origin years", hint: "Write origins = [2003, 2016].")
    }
    let seed = try s.int("seed")
    guard seed >= 0 else {
      throw s.error("seed", "the seed must not be negative", hint: "Write the seed used.")
    }
    let pairs = try s.optionalIntArray("pairs") ?? []
    let bias = try s.doubleArray("bias")
    let scale = try s.doubleArray("scale")
    let lists = try [
      "coverage80_before", "coverage95_before", "coverage80_after", "coverage95_after",
    ].map { (key: String) throws(ModelError) -> [Double] in try s.doubleArray(key) }
    let horizons = bias.count
    guard (1...10).contains(horizons) else {
      throw s.error("bias", "expected 1 to 10 horizons, found \(horizons)", hint: "Fit it again.")
    }
    for (key, count) in [("scale", scale.count), ("pairs", pairs.count)]
    where count != horizons {
      throw s.error(
        key, "has \(count) values for \(horizons) horizons", hint: "Fit it again.")
    }
    guard scale.allSatisfy({ $0 > 0 }) else {
      throw s.error("scale", "every scale must be positive", hint: "Fit it again.")
    }
    return ModelCalibrationRecord(
      indicator: try s.string("indicator"), order: try s.int("order"), trend: trend,
      referenceClass: try s.string("reference_class"), classLastYear: try s.int("class_last_year"),
      members: try s.int("members"), firstOrigin: origins[0], lastOrigin: origins[1],
      paths: try s.int("paths"), seed: UInt64(seed), pairs: pairs, bias: bias, scale: scale,
      coverage80Before: lists[0], coverage95Before: lists[1], coverage80After: lists[2],
      coverage95After: lists[3])
  }
}
