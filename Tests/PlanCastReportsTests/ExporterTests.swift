import Foundation
import PlanCastForecasting
import PlanCastPlan
import Testing

@testable import PlanCastReports

/// Exports of the embedded CZT model: JSON validated against the committed schemas with
/// Python's jsonschema, manifests with correct hashes, all-or-nothing writes.
@Suite struct ExporterTests {
  static let modelDirectory = ExternalTool.repositoryRoot.appendingPathComponent(
    "Models/czt-2025"
  ).path

  static func tables(_ model: PlanModel, _ language: Language) -> [ExportTable] {
    let request = ProjectionRequest(toYear: model.config.planEnd, paths: 200, seed: 7)
    let engine = ProjectionEngine(model: model)
    let rows = SeriesBacktest(engine: engine).run(
      ProjectionRequest(
        toYear: model.config.planEnd, indicators: ["pop_resident", "gdp_nominal"], paths: 200,
        seed: 7), origins: 2014...2018, horizons: 1...2)
    let evaluations = TargetEvaluator(data: model.data, language: language).evaluate(model.plan)
    return [
      ProjectionTables.export(engine.project(request), model: model, language: language),
      TargetTables.export(evaluations, model: model, language: language),
    ] + BacktestTables.export(rows, model: model, language: language)
  }

  static func manifest(_ model: PlanModel, _ language: Language) throws -> RunManifest {
    try RunManifest(
      version: "test", commandLine: ["plancast", "export"], model: model, asOf: nil, seed: 7,
      paths: 200, scenario: nil, language: language, options: [("what", .string("all"))])
  }

  @Test(arguments: [Language.en, .zh])
  func jsonExportsValidateAgainstTheCommittedSchemas(language: Language) throws {
    let model = try PlanModel.load(directory: Self.modelDirectory)
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let exporter = Exporter(
      format: .json, language: language, directory: dir.path, workbookName: "x")
    let written = try exporter.write(
      Self.tables(model, language), manifest: Self.manifest(model, language), overwrite: false)
    #expect(written.count == 5)
    let output = try ExternalTool.python(
      """
      import json, sys, jsonschema
      schemas, directory = sys.argv[1], sys.argv[2]
      for table in ['projections', 'targets', 'backtest_accuracy', 'backtest_forecasts', 'manifest']:
          schema = json.load(open(f'{schemas}/{table}.v1.schema.json'))
          jsonschema.Draft202012Validator.check_schema(schema)
          document = json.load(open(f'{directory}/{table}.json'))
          jsonschema.Draft202012Validator(schema).validate(document)
          print(table, len(document.get('rows', document.get('outputs'))))
      """, [ExternalTool.repositoryRoot.appendingPathComponent("Schemas").path, dir.path])
    let counts = Dictionary(
      uniqueKeysWithValues: output.stdout.split(separator: "\n").map {
        let parts = $0.split(separator: " ")
        return (String(parts[0]), Int(parts[1]) ?? 0)
      })
    #expect(counts["projections"] ?? 0 > 100)
    #expect(counts["targets"] == model.plan.targets.count + model.plan.goals.count)
    #expect(counts["backtest_forecasts"] ?? 0 > 10)
    #expect(counts["manifest"] == 4)
  }

  /// A wrong document must fail validation, or the test above proves nothing.
  @Test func schemaRejectsATamperedRow() throws {
    let model = try PlanModel.load(directory: Self.modelDirectory)
    let table = Self.tables(model, .en)[1]
    var document = table.json(model: "czt-2025", language: .en).render()
    document = document.replacingOccurrences(
      of: "\"target_year\": 2025", with: "\"target_year\": \"2025\"")
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(document.utf8).write(to: dir.appendingPathComponent("targets.json"))
    let result = try ExternalTool.run(
      "python3",
      [
        "-c",
        "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))",
        ExternalTool.repositoryRoot.appendingPathComponent("Schemas/targets.v1.schema.json").path,
        dir.appendingPathComponent("targets.json").path,
      ])
    #expect(result.status != 0)
    #expect(result.stderr.contains("ValidationError"))
  }

  @Test func manifestHashesMatchHashlibAndTheFilesWritten() throws {
    let model = try PlanModel.load(directory: Self.modelDirectory)
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let exporter = Exporter(format: .csv, language: .en, directory: dir.path, workbookName: "x")
    try exporter.write(
      Self.tables(model, .en), manifest: Self.manifest(model, .en), overwrite: false)
    try ExternalTool.python(
      """
      import hashlib, json, os, sys
      model, directory = sys.argv[1], sys.argv[2]
      manifest = json.load(open(os.path.join(directory, 'manifest.json')))
      read = [f['path'] for f in manifest['inputs']]
      for name in ['model.toml', 'indicators.toml', 'data/observations.csv', 'targets.toml', 'models.toml']:
          assert name in read, (name, read)
      for f in manifest['inputs']:
          data = open(os.path.join(model, f['path']), 'rb').read()
          assert hashlib.sha256(data).hexdigest() == f['sha256'], f
          assert len(data) == f['bytes']
      assert sorted(o['path'] for o in manifest['outputs']) == sorted(
          n for n in os.listdir(directory) if n != 'manifest.json'), manifest['outputs']
      for o in manifest['outputs']:
          assert hashlib.sha256(open(os.path.join(directory, o['path']), 'rb').read()).hexdigest() == o['sha256']
      assert manifest['seed'] == 7 and manifest['paths'] == 200 and manifest['scenario'] is None
      assert manifest['plancast_version'] == 'test'
      """, [Self.modelDirectory, dir.path])
  }

  @Test func xlsxExportHasASheetPerTableAndTheManifest() throws {
    let model = try PlanModel.load(directory: Self.modelDirectory)
    let dir = try ExternalTool.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let exporter = Exporter(format: .xlsx, language: .zh, directory: dir.path, workbookName: "book")
    let written = try exporter.write(
      Self.tables(model, .zh), manifest: Self.manifest(model, .zh), overwrite: false)
    #expect(
      written.map { URL(fileURLWithPath: $0).lastPathComponent } == ["book.xlsx", "manifest.json"])
    try ExternalTool.python(
      """
      import sys, openpyxl
      wb = openpyxl.load_workbook(sys.argv[1])
      assert wb.sheetnames == ['projections', 'targets', 'backtest_accuracy', 'backtest_forecasts', 'manifest'], wb.sheetnames
      ws = wb['projections']
      header = [c.value for c in ws[1]]
      assert header[:4] == ['地区', '指标', '年份', '类型'], header
      assert ws['C2'].data_type == 'n' and isinstance(ws['E2'].value, float)
      assert ws.freeze_panes == 'A2'
      names = [c.value for c in ws['O'][1:]]
      assert '常住人口(年末,2020年普查口径)' in names or any('人口' in (n or '') for n in names), names[:5]
      """, [dir.appendingPathComponent("book.xlsx").path])
  }

  @Test func nothingToExportIsAnError() throws {
    let model = try PlanModel.load(directory: Self.modelDirectory)
    let exporter = Exporter(format: .csv, language: .en, directory: "/tmp", workbookName: "x")
    #expect(throws: ExportError.self) {
      try exporter.write([], manifest: Self.manifest(model, .en), overwrite: false)
    }
  }
}
