import Foundation
import Testing

@testable import PlanCastPlan

/// A target whose form, year or plan does not make sense stops the load with an error that
/// names targets.toml, the line and the field (the minimal fixture's T2, lines 14–26, is a
/// `change_vs_base` target on the rate indicator `intensity`).
@Suite struct TargetFormBadInputTests {
  let targets = "targets.toml"

  @Test func changeVersusBaseOfALevelIndicatorNamesTheFormLine() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace(
        "indicator = \"intensity\"", with: "indicator = \"pop\"", in: targets, of: $0)
    }
    #expect(e.field == "form" && e.location.file.hasSuffix(targets) && e.location.line == 24)
    #expect(e.description.contains("'pop' is a level") && e.description.contains("change_vs_base"))
    #expect(e.hint.contains("kind = \"rate\""))
  }

  @Test func cumulativeOfAShareOrARateIsRefused() throws {
    for (indicator, kind) in [("urban_rate", "share"), ("intensity", "rate")] {
      let e = try TestSupport.loadError {
        try TestSupport.replace(
          "indicator = \"intensity\"", with: "indicator = \"\(indicator)\"", in: targets, of: $0)
        try TestSupport.replace(
          "form = \"change_vs_base\"\nbase_year = 2019",
          with: "form = \"cumulative\"\nperiod_start = 2021", in: targets, of: $0)
      }
      #expect(e.field == "form" && e.location.line == 24, "\(indicator)")
      #expect(e.description.contains("'\(indicator)' is a \(kind)"), "\(indicator)")
    }
  }

  @Test func planWithoutTargetsNamesTheFile() throws {
    let e = try TestSupport.loadError { dir in
      let url = dir.appendingPathComponent(targets)
      let text = try String(contentsOf: url, encoding: .utf8)
      let goals = try #require(text.range(of: "[[goals]]"))
      try String(text[goals.lowerBound...]).write(to: url, atomically: true, encoding: .utf8)
    }
    #expect(e.kind == .missingField && e.field == "targets")
    #expect(e.location.file.hasSuffix(targets))
    #expect(e.description.contains("no [[targets]]"))
  }

  @Test func targetYearBeforeTheBaseYearNamesTheYearLine() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace(
        "year = 2025\nform = \"level\"", with: "year = 2019\nform = \"level\"", in: targets,
        of: $0)
    }
    #expect(e.kind == .yearOutOfRange && e.field == "year" && e.location.line == 10)
    #expect(e.description.contains("before the plan's base year 2020"))
  }

  @Test func targetInTheBaseYearItselfIsAccepted() throws {
    let dir = try TestSupport.mutatedMinimal {
      try TestSupport.replace(
        "year = 2025\nform = \"level\"", with: "year = 2020\nform = \"level\"", in: targets,
        of: $0)
    }
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = try PlanModel.load(directory: dir.path)
    #expect(model.plan.targets.first { $0.id == "T1" }?.year == 2020)
  }
}
