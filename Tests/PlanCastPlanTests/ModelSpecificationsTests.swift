import Foundation
import Testing

@testable import PlanCastPlan

/// `models.toml`: the CZT file loads; every way an entry can be wrong names file, line, field.
@Suite struct ModelSpecificationsTests {
  static let valid = """
    [projection]
    selection = "backtest"
    fit_from = 2000

    [[models]]
    indicator = "gdp"
    model = "loglinear"
    breaks = [2019]

    [[models]]
    indicator = "gdp"
    areas = ["A"]
    model = "auto"
    candidates = ["loglinear", "ets_damped"]

    [[models]]
    indicator = "growth"
    model = "ar"
    order = 1
    trend = true
    pulses = [2020]
    """

  static func load(_ text: String) throws -> PlanModel {
    let dir = try TestSupport.mutatedMinimal {
      try text.write(
        to: $0.appendingPathComponent("models.toml"), atomically: true, encoding: .utf8)
    }
    defer { try? FileManager.default.removeItem(at: dir) }
    return try PlanModel.load(directory: dir.path)
  }

  static func error(_ text: String) throws -> ModelError {
    do {
      _ = try load(text)
    } catch let error as ModelError {
      return error
    }
    Issue.record("models.toml loaded although it is invalid")
    throw CancellationError()
  }

  @Test func cztModelFileLoads() throws {
    let specs = try #require(try TestSupport.loadCZT().specifications)
    #expect(specs.declaration(indicator: "gdp_real_growth", area: "Changsha")?.modelClass == .ar)
    #expect(
      specs.declaration(indicator: "gdp_nominal", area: "CZT")?.options.realGrowth
        == "gdp_real_growth")
  }

  @Test func perAreaEntriesOverrideTheDefault() throws {
    let specs = try #require(try Self.load(Self.valid).specifications)
    #expect(specs.selection == .backtest && specs.fitFrom == 2000)
    #expect(specs.declaration(indicator: "gdp", area: "A")?.modelClass == .auto)
    #expect(specs.declaration(indicator: "gdp", area: "B")?.modelClass == .loglinear)
    #expect(specs.declaration(indicator: "gdp", area: "B")?.options.breaks == [2019])
    #expect(specs.declaration(indicator: "growth", area: "A")?.options.pulses == [2020])
    #expect(specs.declaration(indicator: "pop", area: "A") == nil)
  }

  @Test func unknownModelClassListsTheChoices() throws {
    let e = try Self.error(
      Self.valid.replacingOccurrences(of: "model = \"ar\"", with: "model = \"arima\""))
    #expect(
      e.field == "model" && e.location.line == 18 && e.description.contains("\"logit_linear\""))
  }

  @Test func unknownKeyIsATypo() throws {
    let e = try Self.error(Self.valid.replacingOccurrences(of: "order = 1", with: "ordr = 1"))
    #expect(e.field == "ordr" && e.location.line == 19 && e.location.file.hasSuffix("models.toml"))
  }

  @Test func unknownIndicatorAndArea() throws {
    let indicator = try Self.error(
      Self.valid.replacingOccurrences(of: "\"growth\"", with: "\"growht\""))
    #expect(indicator.kind == .unknownIndicator && indicator.field == "indicator")
    let area = try Self.error(
      Self.valid.replacingOccurrences(of: "[\"A\"]", with: "[\"Atlantis\"]"))
    #expect(area.kind == .unknownArea && area.location.line == 12)
  }

  @Test func duplicateEntriesAndMissingCandidates() throws {
    let duplicate = try Self.error(
      Self.valid + "\n[[models]]\nindicator = \"growth\"\nmodel = \"naive\"\n")
    #expect(duplicate.kind == .duplicateRow && duplicate.description.contains("models.toml:18"))
    let auto = try Self.error(
      Self.valid.replacingOccurrences(of: "candidates = [\"loglinear\", \"ets_damped\"]", with: ""))
    #expect(auto.field == "candidates" && auto.kind == .missingField)
  }

  @Test func badValues() throws {
    let order = try Self.error(Self.valid.replacingOccurrences(of: "order = 1", with: "order = 9"))
    #expect(order.field == "order")
    let year = try Self.error(Self.valid.replacingOccurrences(of: "[2019]", with: "[1066]"))
    #expect(year.kind == .yearOutOfRange && year.field == "breaks")
    let syntax = try Self.error(
      Self.valid.replacingOccurrences(of: "trend = true", with: "trend = "))
    #expect(syntax.kind == .syntax && syntax.location.line == 20)
  }
}
