import Foundation
import Testing

/// `plancast export --what sweep` end to end on the embedded model.
@Suite struct ExportSweepTests {
  static let model = ["--model", PlanCommandTestSupport.cztModel]

  /// The export is the sweep command's table: byte for byte the same CSV.
  @Test func csvIsPlancastSweepOatAndTheManifestRecordsTheSweep() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let export = try PlanCommandTestSupport.run(
      ["export", "--what", "sweep", "--sweep-draws", "300", "--seed", "9", "--to", dir.path]
        + Self.model)
    #expect(export.status == 0, "\(export.stderr)")
    #expect(try ExportTestTools.listing(dir) == ["manifest.json", "sweep_oat.csv"])
    let sweep = try PlanCommandTestSupport.run(
      ["sweep", "oat", "--draws", "300", "--seed", "9", "--format", "csv"] + Self.model)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let exported = try String(
      contentsOf: dir.appendingPathComponent("sweep_oat.csv"), encoding: .utf8)
    #expect(exported.hasPrefix("target,output,factor,low,high,base,at_low,at_high,swing"))
    #expect(exported == sweep.stdout, "same table as plancast sweep oat")
    try ExportTestTools.python(
      """
      import json, sys
      m = json.load(open(sys.argv[1]))
      assert m['seed'] == 9 and m['scenario'] == 'baseline', (m['seed'], m['scenario'])
      o = m['options']
      assert o['sweep'] == 'oat' and o['sweep_draws'] == 300 and o['sweep_scenario'] == 'baseline', o
      assert any(n.startswith('sweep factor real_growth_shift: low -1.5, high 1') for n in m['notes']), m['notes']
      """, [dir.appendingPathComponent("manifest.json").path])
  }

  @Test func jsonValidatesAgainstTheSweepSchema() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try PlanCommandTestSupport.run(
      [
        "export", "--what", "sweep", "--sweep-draws", "200", "--scenario", "low-growth",
        "--format", "json", "--to", dir.path, "--as-of", "2021",  // T02 has a probability then
      ] + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    let schemas = PlanCommandTestSupport.repositoryRoot.appendingPathComponent("Schemas").path
    try ExportTestTools.python(
      """
      import json, os, sys, jsonschema
      schemas, d = sys.argv[1], sys.argv[2]
      schema = json.load(open(os.path.join(schemas, 'sweep_oat.v1.schema.json')))
      jsonschema.Draft202012Validator.check_schema(schema)
      doc = json.load(open(os.path.join(d, 'sweep_oat.json')))
      jsonschema.Draft202012Validator(schema).validate(doc)
      rows = doc['rows']
      assert {r['output'] for r in rows} == {'probability', 'median'}
      t02 = [r for r in rows if r['target'] == 'T02' and r['output'] == 'probability']
      assert t02[0]['factor'] == 'real_growth_shift' and t02[0]['at_high'] > t02[0]['at_low'], t02[0]
      for r in rows:
          assert abs(r['swing'] - abs(r['at_high'] - r['at_low'])) < 1e-12, r
      m = json.load(open(os.path.join(d, 'manifest.json')))
      assert m['scenario'] == 'low-growth' and m['options']['sweep_scenario'] == 'low-growth'
      broken = json.loads(json.dumps(doc))
      broken['rows'][0]['output'] = 'mean'
      try:
          jsonschema.Draft202012Validator(schema).validate(broken)
          raise SystemExit('a bad output passed validation')
      except jsonschema.ValidationError:
          pass
      """, [schemas, dir.path])
  }

  /// `export` (all) on a model whose scenario varies nothing leaves the sweep out and says so;
  /// asked for alone, the sweep is a usage error.
  @Test func allLeavesOutASweepWithNothingToVary() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = [
      "--model",
      PlanCommandTestSupport.repositoryRoot.appendingPathComponent("Models/china-13fyp").path,
    ]
    let all = try PlanCommandTestSupport.run(
      ["export", "--draws", "1000", "--paths", "200", "--to", dir.path] + model)
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stderr.contains("warning: the sweep is left out: scenario 'baseline'"))
    let files = try ExportTestTools.listing(dir)
    #expect(files.contains("attainment.csv") && !files.contains("sweep_oat.csv"), "\(files)")
    let alone = try PlanCommandTestSupport.run(
      ["export", "--what", "sweep", "--to", dir.path, "--force"] + model)
    #expect(alone.status == 2 && alone.stderr.contains("has no assumption with a low/high range"))
  }

  @Test func badSweepDrawsIsAUsageError() throws {
    let result = try PlanCommandTestSupport.run(
      ["export", "--what", "sweep", "--sweep-draws", "3", "--to", "/tmp"] + Self.model)
    #expect(result.status == 2 && result.stderr.contains("--sweep-draws"))
  }
}
