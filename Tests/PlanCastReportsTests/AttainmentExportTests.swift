import Foundation
import PlanCastForecasting
import PlanCastPlan
import Testing

@testable import PlanCastReports

/// The attainment table, its JSON schema, its dashboard and its report section, on records
/// shaped like the engine's (the engine itself is tested in PlanCastAttainmentTests and end to
/// end in the CLI tests).
@Suite struct AttainmentExportTests {
  static let modelDirectory = ExporterTests.modelDirectory

  /// Two scenarios over the model's real targets: T01 and T09 with probabilities, T05 without.
  /// T01's status under "low" is "off track" although P = 0.55: the engine's thresholds decide,
  /// and the table and the chart must show its status, not re-derive one.
  static func runs(_ model: PlanModel) throws -> [AttainmentRun] {
    let targets = try ["T01", "T09", "T05"].map { id in
      try #require(model.plan.targets.first { $0.id == id })
    }
    func scenario(_ id: String, _ en: String, _ zh: String) -> Scenario {
      Scenario(
        id: id, nameEN: en, nameZH: zh, descriptionEN: "", descriptionZH: "", ancestry: [],
        residualScale: 1, assumptions: [])
    }
    // One checked forecast: enough evidence for the non-proxy targets.
    let checked = AccuracySummary([
      Backtest.Record(
        origin: 2020, horizon: 1, year: 2021, actual: 1,
        forecast: Forecast.Point(
          year: 2021, mean: 1, median: 1, lo80: 0, hi80: 2, lo95: -1, hi95: 3), scale: 1)
    ])
    func record(
      _ target: Target, _ scenario: String, p: Double?, status: String, band: AttainmentBand?,
      proxy: String? = nil
    ) -> AttainmentRecord {
      AttainmentRecord(
        target: target, scenario: scenario, probability: p,
        monteCarloStandardError: p.map { ($0 * (1 - $0) / 4000).squareRoot() },
        median: p.map { _ in target.value * 1.02 }, lo80: p.map { _ in target.value * 0.95 },
        hi80: p.map { _ in target.value * 1.1 }, lo95: p.map { _ in target.value * 0.9 },
        hi95: p.map { _ in target.value * 1.15 }, statusCode: status, band: band,
        requiredForHalf: p.map { _ in 6.5 }, requiredForEighty: p.map { _ in 9.25 },
        projectedAnnualChange: p.map { _ in 7.0 }, proxyNote: proxy,
        reason: p == nil
          ? LocalizedText(
            en: "no data for \(target.indicator) in \(target.region)", zh: "无\(target.indicator)数据")
          : nil,
        model: p == nil ? nil : "ar(1)+trend",
        evidence: p == nil
          ? nil
          : ProjectionEvidence(
            fittedYears: proxy == nil ? Array(2005...2024) : [2010, 2020, 2021],
            accuracy: proxy == nil ? checked : nil))
    }
    return [
      AttainmentRun(
        scenario: scenario("baseline", "Baseline", "基准情景"), draws: 4000, seed: 11,
        onTrack: 0.9, offTrack: 0.6, correlationShrinkage: 1,
        records: [
          record(targets[0], "baseline", p: 0.93, status: "on track", band: .onTrack),
          record(
            targets[1], "baseline", p: 0.7, status: "at risk", band: .atRisk,
            proxy: "urbanisation from the province"),
          record(targets[2], "baseline", p: nil, status: "no data", band: nil),
        ]),
      AttainmentRun(
        scenario: scenario("low", "Low growth", "低增长情景"), draws: 4000, seed: 11,
        onTrack: 0.9, offTrack: 0.6, correlationShrinkage: 1,
        records: [
          record(targets[0], "low", p: 0.55, status: "off track", band: .offTrack),
          record(
            targets[1], "low", p: 0.65, status: "at risk", band: .atRisk,
            proxy: "urbanisation from the province"),
          record(targets[2], "low", p: nil, status: "no data", band: nil),
        ]),
    ]
  }

  @Test func tidyTableHasTheAttainColumnsThenNamesAndCopiesTheEngine() throws {
    let model = try PlanModel.load(directory: Self.modelDirectory)
    let core = AttainmentTables.tidy(
      try Self.runs(model), model: model, language: .zh, withNames: false)
    #expect(
      core.keys == [
        "target", "scenario", "indicator", "region", "comparator", "target_value", "target_year",
        "probability", "mc_se", "median", "lo80", "hi80", "lo95", "hi95", "status",
        "required_p50", "required_p80", "projected_annual_change", "proxy", "proxy_note", "model",
        "observations", "fitted_years", "backtest_forecasts", "thin_evidence", "reason",
      ])
    let table = AttainmentTables.tidy(try Self.runs(model), model: model, language: .zh)
    #expect(table.keys.count == 34 && table.rows.count == 6)
    #expect(table.headers.first == "目标编号" && table.headers.contains("实现概率"))
    func cell(_ row: Int, _ key: String) -> Cell {
      table.rows[row][table.keys.firstIndex(of: key)!]
    }
    #expect(cell(3, "target") == "T01" && cell(3, "scenario") == "low")
    #expect(cell(3, "probability") == .number(0.55))
    #expect(cell(3, "status") == "off track", "the engine's status, not a rule on P")
    #expect(cell(3, "status_label") == "偏离目标" && cell(3, "scenario_name") == "低增长情景")
    #expect(cell(1, "proxy") == "true" && cell(0, "proxy") == "false")
    #expect(cell(0, "observations") == .integer(20) && cell(0, "fitted_years") == "2005–2024")
    #expect(cell(1, "fitted_years") == "2010, 2020–2021" && cell(1, "thin_evidence") == "true")
    #expect(cell(0, "backtest_forecasts") == .integer(1) && cell(0, "thin_evidence") == "false")
    #expect(cell(2, "observations") == .empty)
    #expect(cell(2, "probability") == .empty && cell(2, "status") == "no data")
    #expect(cell(2, "status_label") == "无数据")
    #expect(cell(0, "change_unit") == "%/yr" && cell(1, "change_unit") == "pp/yr")
    let notes = AttainmentTables.notes(try Self.runs(model))
    #expect(notes.contains { $0.hasPrefix("T05: no probability (no data for") })
    #expect(notes.filter { $0.hasPrefix("proxy:") }.count == 1)
  }

  @Test(arguments: [Language.en, .zh])
  func jsonExportValidatesAgainstTheAttainmentSchema(language: Language) throws {
    let model = try PlanModel.load(directory: Self.modelDirectory)
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let exporter = Exporter(
      format: .json, language: language, directory: dir.path, workbookName: "x")
    try exporter.write(
      [AttainmentTables.export(try Self.runs(model), model: model, language: language)],
      manifest: ExporterTests.manifest(model, language), overwrite: false)
    let schema = ExternalTool.repositoryRoot.appendingPathComponent(
      "Schemas/attainment.v1.schema.json")
    let output = try ExternalTool.python(
      """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      doc = json.load(open(sys.argv[2]))
      jsonschema.Draft202012Validator(schema).validate(doc)
      rows = doc['rows']
      assert [r['status'] for r in rows] == ['on track', 'at risk', 'no data', 'off track', 'at risk', 'no data']
      assert rows[2]['probability'] is None and rows[0]['proxy'] == 'false'
      # A tampered document must fail, or the validation above proves nothing.
      for key, bad in [('probability', 1.5), ('status', 'fine'), ('target_year', '2025')]:
          broken = json.loads(json.dumps(doc))
          broken['rows'][0][key] = bad
          try:
              jsonschema.Draft202012Validator(schema).validate(broken)
          except jsonschema.ValidationError:
              continue
          raise SystemExit(f'{key}={bad!r} passed validation')
      print(len(rows))
      """, [schema.path, dir.appendingPathComponent("attainment.json").path])
    #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "6")
  }

  @Test func dashboardColoursBarsByTheEngineStatusAndDrawsItsThresholds() throws {
    let model = try PlanModel.load(directory: Self.modelDirectory)
    let runs = try Self.runs(model)
    let section = AttainmentSection(runs: runs, model: model, language: .en)
    let data = section.dashboard(runs[1])
    #expect(data.items.map(\.status) == [.offTrack, .atRisk], "no bar for T05 (no data)")
    #expect(data.thresholds == [0.6, 0.9])
    let inspector = try SVGInspector.parse(AttainmentDashboard.svg(data))
    // One bar and one legend swatch in the off-track colour, although P = 0.55 would be "at
    // risk" under the chart's own default rule.
    #expect(inspector.fills.filter { $0 == ChartStyle.offTrack }.count == 2)
    #expect(inspector.fills.filter { $0 == ChartStyle.onTrack }.count == 1, "legend only")
    #expect(inspector.texts.contains("55%"))
    #expect(inspector.texts.contains { $0.hasPrefix("T01 ") })
  }

  @Test func reportHasTheAttainmentSectionOnlyWithResults() throws {
    let model = try PlanModel.load(directory: Self.modelDirectory)
    let manifest = try ExporterTests.manifest(model, .zh)
    let evaluations = TargetEvaluator(data: model.data, language: .zh).evaluate(model.plan)
    let without = PlanReport(
      model: model, language: .zh, evaluations: evaluations, projections: [], backtest: [],
      manifest: manifest
    ).html()
    #expect(!without.contains("<section id=\"attainment\">"))
    let page = PlanReport(
      model: model, language: .zh, evaluations: evaluations, projections: [], backtest: [],
      manifest: manifest, attainment: try Self.runs(model)
    ).html()
    #expect(page.contains("<section id=\"attainment\">"))
    #expect(page.components(separatedBy: "<svg").count - 1 == 2, "a dashboard per scenario")
    #expect(page.contains("<span class=\"status off-track\">偏离目标</span>"))
    #expect(page.contains("0.550 ± 0.008"))
    #expect(page.contains("代理: T09: urbanisation from the province"))
    // The reason in the page's language.
    #expect(page.contains("T05 ") && page.contains("无概率 — 无") && !page.contains("no data for"))
    #expect(page.contains("P=0.8所需") && page.contains("+9.25"))
    // The section sits between the targets and the manifest.
    let order = ["id=\"targets\"", "id=\"attainment\"", "id=\"manifest\""].map {
      page.range(of: $0)!.lowerBound
    }
    #expect(order == order.sorted())
  }
}
