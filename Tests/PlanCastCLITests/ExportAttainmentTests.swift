import Foundation
import Testing

/// `plancast export --what attainment` end to end on the embedded model.
@Suite struct ExportAttainmentTests {
  static let model = ["--model", PlanCommandTestSupport.cztModel]

  @Test func jsonValidatesAndTheManifestRecordsScenarioDrawsAndSeed() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try PlanCommandTestSupport.run(
      [
        "export", "--what", "attainment", "--format", "json", "--draws", "3000", "--seed", "77",
        "--lang", "zh", "--to", dir.path,
      ] + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try ExportTestTools.listing(dir) == ["attainment.json", "manifest.json"])
    let schemas = PlanCommandTestSupport.repositoryRoot.appendingPathComponent("Schemas").path
    try ExportTestTools.python(
      """
      import json, os, sys, jsonschema
      schemas, d = sys.argv[1], sys.argv[2]
      for t in ['attainment', 'manifest']:
          jsonschema.Draft202012Validator(json.load(open(os.path.join(schemas, t + '.v1.schema.json')))).validate(
              json.load(open(os.path.join(d, t + '.json'))))
      doc = json.load(open(os.path.join(d, 'attainment.json')))
      m = json.load(open(os.path.join(d, 'manifest.json')))
      assert m['seed'] == 77 and m['scenario'] == 'all', (m['seed'], m['scenario'])
      assert m['options']['draws'] == 3000 and m['options']['on_track'] == 0.8, m['options']
      rows = doc['rows']
      scenarios = sorted({r['scenario'] for r in rows})
      assert scenarios == ['baseline', 'energy-policy', 'high-growth', 'low-growth', 'pandemic-shock'], scenarios
      targets = {r['target'] for r in rows}
      assert len(rows) == len(targets) * len(scenarios), (len(rows), len(targets))
      t09 = [r for r in rows if r['target'] == 'T09' and r['scenario'] == 'baseline'][0]
      p = t09['probability']
      assert 0 <= p <= 1 and abs(t09['mc_se'] - (p * (1 - p) / 3000) ** 0.5) < 1e-12
      assert t09['lo95'] <= t09['lo80'] <= t09['median'] <= t09['hi80'] <= t09['hi95']
      assert t09['scenario_name'] == '基准情景' and t09['change_unit'] == 'pp/yr'
      # Status as the engine's default thresholds give it.
      for r in rows:
          if r['probability'] is None:
              assert r['status'] in ('no data', 'stale data', 'met', 'missed') and r['reason'], r
          else:
              expect = 'on track' if r['probability'] >= 0.8 else 'off track' if r['probability'] < 0.2 else 'at risk'
              assert r['status'] == expect, r
      assert any(r['proxy'] == 'true' and r['proxy_note'] for r in rows)
      """, [schemas, dir.path])
  }

  /// `attain --format csv` and the export share one table: same rows, the export adds names.
  @Test func csvMatchesPlancastAttainColumnForColumn() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let options = ["--draws", "2000", "--seed", "5", "--scenario", "low-growth"]
    let export = try PlanCommandTestSupport.run(
      ["export", "--what", "attainment", "--to", dir.path] + options + Self.model)
    #expect(export.status == 0, "\(export.stderr)")
    let attain = try PlanCommandTestSupport.run(
      ["attain", "--format", "csv"] + options + Self.model)
    #expect(attain.status == 0, "\(attain.stderr)")
    let exported = try String(
      contentsOf: dir.appendingPathComponent("attainment.csv"), encoding: .utf8)
    try ExportTestTools.python(
      """
      import csv, io, sys
      exported = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
      attain = list(csv.reader(io.StringIO(sys.argv[2], newline='')))
      n = len(attain[0])
      assert n == 26 and len(exported[0]) > n, (n, len(exported[0]))
      assert [r[:n] for r in exported] == attain, 'different rows'
      assert {r[1] for r in exported[1:]} == {'low-growth'}
      """, [dir.appendingPathComponent("attainment.csv").path, attain.stdout])
    let manifest = try String(
      contentsOf: dir.appendingPathComponent("manifest.json"), encoding: .utf8)
    #expect(manifest.contains("\"scenario\": \"low-growth\""))
    #expect(exported.hasPrefix("target,scenario,indicator,"))
  }

  /// The workbook has the attainment sheet long and, beside it, wide: a row per target and a
  /// probability column per scenario, the same numbers.
  @Test func xlsxHasTheWideSheetBesideTheLongOne() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let export = try PlanCommandTestSupport.run(
      ["export", "--what", "attainment", "--format", "xlsx", "--draws", "2000", "--to", dir.path]
        + Self.model)
    #expect(export.status == 0, "\(export.stderr)")
    try ExportTestTools.python(
      """
      import sys, openpyxl
      wb = openpyxl.load_workbook(sys.argv[1])
      assert wb.sheetnames == ['attainment', 'attainment_wide', 'manifest'], wb.sheetnames
      long, wide = wb['attainment'], wb['attainment_wide']
      head = [c.value for c in long[1]]
      t, s, p = head.index('target'), head.index('scenario'), head.index('probability')
      rows = [[c.value for c in r] for r in long.iter_rows(min_row=2)]
      scenarios = list(dict.fromkeys(r[s] for r in rows))
      targets = list(dict.fromkeys(r[t] for r in rows))
      wide_head = [c.value for c in wide[1]]
      assert wide_head[:4] == ['target', 'name', 'target_value', 'target_year'], wide_head
      assert wide_head[4:] == ['probability: ' + x for x in scenarios], wide_head
      assert [r[0].value for r in wide.iter_rows(min_row=2)] == targets
      lookup = {(r[t], r[s]): r[p] for r in rows}
      for r in wide.iter_rows(min_row=2):
          for k, x in enumerate(scenarios):
              assert r[4 + k].value == lookup[(r[0].value, x)], (r[0].value, x)
      assert len(scenarios) > 1
      probability = next(r[4] for r in wide.iter_rows(min_row=2) if r[4].value is not None)
      assert probability.number_format == '0.0%', probability.number_format
      """, [dir.appendingPathComponent("plancast-attainment.xlsx").path])
  }

  @Test func unknownScenarioIsAUsageErrorAndNothingIsWritten() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try PlanCommandTestSupport.run(
      ["export", "--what", "attainment", "--scenario", "utopia", "--to", dir.path] + Self.model)
    #expect(result.status == 2)
    #expect(result.stderr.contains("no scenario 'utopia'") && result.stderr.contains("baseline"))
    #expect(try ExportTestTools.listing(dir).isEmpty)
    let draws = try PlanCommandTestSupport.run(
      ["export", "--what", "attainment", "--draws", "5", "--to", dir.path] + Self.model)
    #expect(draws.status == 2 && draws.stderr.contains("--draws"))
  }
}
