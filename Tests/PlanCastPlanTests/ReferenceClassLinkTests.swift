import Foundation
import Testing

@testable import PlanCastPlan

/// `reference_class` in `models.toml` and the calibration stored for it.
@Suite struct ReferenceClassLinkTests {
  static let models = """
    [[models]]
    indicator = "growth"
    model = "ar"
    order = 1
    trend = true
    reference_class = "../classes/cities.csv"
    """

  static let record = ModelCalibrationRecord(
    indicator: "growth", order: 1, trend: true, referenceClass: "../classes/cities.csv",
    classLastYear: 2017, members: 296, firstOrigin: 2006, lastOrigin: 2016, paths: 1000,
    seed: 20_210_602, pairs: [3256, 2955], bias: [-0.174421, -0.865585],
    scale: [1.137995, 1.293227], coverage80Before: [78.8, 72.5], coverage95Before: [91.6, 88.0],
    coverage80After: [83.9, 82.8], coverage95After: [93.6, 93.2])

  /// Loads the minimal fixture with `models` and, if given, a stored calibration text.
  static func load(models: String, calibration: String?) throws -> PlanModel {
    let dir = try TestSupport.mutatedMinimal { dir in
      try models.write(
        to: dir.appendingPathComponent("models.toml"), atomically: true, encoding: .utf8)
      if let calibration {
        let folder = dir.appendingPathComponent("calibration")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try calibration.write(
          to: folder.appendingPathComponent("growth.toml"), atomically: true, encoding: .utf8)
      }
    }
    defer { try? FileManager.default.removeItem(at: dir) }
    return try PlanModel.load(directory: dir.path)
  }

  static func error(models: String, calibration: String?) throws -> ModelError {
    do {
      _ = try load(models: models, calibration: calibration)
    } catch let error as ModelError {
      return error
    }
    Issue.record("the model loaded although it is invalid")
    throw CancellationError()
  }

  static func link(_ model: PlanModel) -> ReferenceClassLink? {
    model.specifications?.declaration(indicator: "growth", area: "A")?.options.referenceClass
  }

  @Test func storedCalibrationRoundTrips() throws {
    let model = try Self.load(models: Self.models, calibration: Self.record.tomlText())
    let link = try #require(Self.link(model))
    #expect(link.path == "../classes/cities.csv")
    #expect(link.resolvedPath.hasSuffix("/classes/cities.csv"))
    #expect(link.calibration == Self.record)
  }

  @Test func notYetFittedLoadsWithoutCalibration() throws {
    let link = try #require(Self.link(try Self.load(models: Self.models, calibration: nil)))
    #expect(link.calibration == nil)
    #expect(link.calibrationPath.hasSuffix("calibration/growth.toml"))
  }

  @Test func onlyARModelsTakeAReferenceClass() throws {
    let e = try Self.error(
      models: Self.models.replacingOccurrences(of: "model = \"ar\"", with: "model = \"loglinear\""),
      calibration: nil)
    #expect(e.field == "reference_class" && e.location.line == 6)
  }

  @Test func calibrationOfAnotherDeclarationIsStale() throws {
    let e = try Self.error(
      models: Self.models.replacingOccurrences(of: "order = 1", with: "order = 2"),
      calibration: Self.record.tomlText())
    #expect(e.location.file.hasSuffix("calibration/growth.toml"))
    #expect(e.description.contains("reference-class fit"))
  }

  @Test func badStoredValuesNameTheField() throws {
    let negative = Self.record.tomlText().replacingOccurrences(
      of: "scale = [1.137995", with: "scale = [-1.137995")
    let e1 = try Self.error(models: Self.models, calibration: negative)
    #expect(e1.field == "scale" && e1.location.line != nil)
    let short = Self.record.tomlText().replacingOccurrences(
      of: "pairs = [3256, 2955]", with: "pairs = [3256]")
    #expect(try Self.error(models: Self.models, calibration: short).field == "pairs")
    let unknown = Self.record.tomlText() + "shift = 1\n"
    #expect(try Self.error(models: Self.models, calibration: unknown).field == "shift")
  }

  @Test func cztRealGrowthIsCalibratedOnTheCities() throws {
    let specs = try #require(try TestSupport.loadCZT().specifications)
    let link = try #require(
      specs.declaration(indicator: "gdp_real_growth", area: "Changsha")?.options.referenceClass)
    let record = try #require(link.calibration)
    #expect(link.path == "../reference-classes/china-cities/real-gdp-index.csv")
    #expect(record.horizons == 5 && record.members == 296 && record.classLastYear == 2017)
    #expect(record.bias.allSatisfy { $0 < 0 })  // the model was optimistic on the cities
    let stripped = try TestSupport.loadCZT().withoutReferenceClasses()
    #expect(
      stripped.specifications?.declarations.allSatisfy { $0.options.referenceClass == nil }
        == true)
  }
}
