import Foundation
import PlanCastPlan
import Testing

@testable import PlanCastReports

/// The report's sensitivity section lays out the sweep's tornado charts and effects table.
@Suite struct SensitivitySectionTests {
  static func tornado(_ id: String) -> String {
    TornadoChart.svg(
      TornadoChartData(
        title: "What moves P(attain): \(id)", valueTitle: "probability", baseline: 0.6,
        baselineLabel: "scenario", lowLabel: "low", highLabel: "high",
        bars: [
          .init(
            label: "real_growth_shift", low: 0.3, high: 0.8, lowSetting: "-1.5", highSetting: "1"),
          .init(label: "deflator_deviation", low: 0.55, high: 0.62),
        ]))
  }

  @Test(arguments: [Language.en, .zh])
  func sectionHasEveryTornadoTheTableAndTheUnmovedTargets(language: Language) throws {
    var effects = Table(
      headers: ["target", "output", "factor", "at_low", "at_high", "swing"],
      alignments: [.left, .left, .left, .right, .right, .right])
    effects.append([
      .text("T01"), "probability", "real_growth_shift", .number(0.3), .number(0.8), .number(0.5),
    ])
    let section = SensitivitySection(
      tornadoes: [Self.tornado("T01"), Self.tornado("T02")], effects: effects,
      scenario: "baseline", draws: 1000, attainmentDraws: 100_000, unmoved: ["T03"],
      language: language
    ).section()
    #expect(section.id == "sensitivity")
    #expect(section.body.components(separatedBy: "<svg").count - 1 == 2)
    #expect(section.body.contains("What moves P(attain): T02"))
    #expect(section.body.contains("<td class=\"num\">0.500</td>"), "effects at three decimals")
    #expect(
      section.body.contains(
        language == .zh ? "不受任何假设影响的目标: T03" : "Targets no assumption moves: T03"))
    #expect(section.body.contains(language == .zh ? "每点 1,000 次模拟" : "1,000 draws per point"))
    // Fewer draws than the attainment table: the section says the base P is not the table's.
    #expect(
      section.body.contains(
        language == .zh
          ? "达标概率表用 100,000 次模拟" : "The attainment table uses 100,000 draws, so the base P differs")
    )
    let same = SensitivitySection(
      tornadoes: [], effects: effects, scenario: "baseline", draws: 1000, attainmentDraws: 1000,
      unmoved: [], language: language
    ).section()
    #expect(
      same.body.contains(
        language == .zh
          ? "基准点的概率即达标概率表中的数值" : "The base P is the attainment table's (the same draws)"))
    _ = try SVGInspector.parse(
      "<div>" + section.body.replacingOccurrences(of: "<br>", with: "") + "</div>")
  }
}
