import Foundation
import Testing

/// External programs the export and report tests check files with (python3 with jsonschema,
/// openpyxl and Pillow; LibreOffice; Chromium). A missing one fails the test: scripts/bootstrap.sh
/// installs them.
enum ExportTestTools {
  struct Output {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  static func run(_ name: String, _ arguments: [String]) throws -> Output {
    let executable = try #require(find(name), "\(name) is not installed; run scripts/bootstrap.sh")
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outURL = directory.appendingPathComponent("stdout")
    let errURL = directory.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Output(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }

  /// Runs a Python script (arguments in sys.argv[1:]) and expects it to succeed.
  @discardableResult
  static func python(_ script: String, _ arguments: [String] = []) throws -> Output {
    let output = try run("python3", ["-c", script] + arguments)
    #expect(output.status == 0, "python failed:\n\(output.stderr)")
    return output
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plancast-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func listing(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
  }
}

/// `plancast export` end to end on the embedded model.
@Suite struct ExportCommandTests {
  static let model = ["--model", PlanCommandTestSupport.cztModel]
  /// Few paths, few attainment draws and a short backtest keep the tests quick.
  static let quick = [
    "--paths", "200", "--draws", "2000", "--sweep-draws", "200", "--origins", "2015:2018",
    "--horizons", "1:2",
  ]

  static func export(_ arguments: [String]) throws -> PlanCommandTestSupport.Result {
    try PlanCommandTestSupport.run(["export"] + arguments + quick + model)
  }

  @Test func csvExportWritesEveryTableAndAManifestWithTheirHashes() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try Self.export(["--to", dir.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      try ExportTestTools.listing(dir) == [
        "attainment.csv", "backtest_accuracy.csv", "backtest_forecasts.csv", "manifest.json",
        "projections.csv", "sweep_oat.csv", "targets.csv",
      ])
    let projections = try String(
      contentsOf: dir.appendingPathComponent("projections.csv"), encoding: .utf8)
    #expect(
      projections.hasPrefix(
        "city,indicator,year,kind,mean,median,lo80,hi80,lo95,hi95,model,unit,proxy,area_name,indicator_name,unit_name\r\n"
      ))
    #expect(projections.contains("\r\nCZT,pop_resident,2025,forecast,"))
    try ExportTestTools.python(
      """
      import hashlib, json, os, sys
      d = sys.argv[1]
      m = json.load(open(os.path.join(d, 'manifest.json')))
      assert m['command_line'][1] == 'export' and '--paths' in m['command_line'], m['command_line']
      assert m['seed'] == 20210602 and m['paths'] == 200 and m['scenario'] == 'all'
      assert m['options']['what'] == 'all' and m['options']['origins'] == '2015:2018'
      assert m['options']['draws'] == 2000 and m['options']['sweep_draws'] == 200
      assert {o['path'] for o in m['outputs']} == {'projections.csv', 'targets.csv', 'attainment.csv', 'sweep_oat.csv', 'backtest_accuracy.csv', 'backtest_forecasts.csv'}
      for o in m['outputs']:
          assert hashlib.sha256(open(os.path.join(d, o['path']), 'rb').read()).hexdigest() == o['sha256']
      assert any(n.startswith('CZT gdp_real_growth') or 'no projection' in n for n in m['notes']) or m['notes'] == []
      """, [dir.path])
  }

  @Test func chineseHeadersAndNamesWithLangZh() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try Self.export(["--what", "targets", "--lang", "zh", "--to", dir.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try ExportTestTools.listing(dir) == ["manifest.json", "targets.csv"])
    let csv = try String(contentsOf: dir.appendingPathComponent("targets.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("编号,目标,指标,指标名称,地区,地区名称,"))
    #expect(csv.contains("T01,地区生产总值,gdp_nominal,"))
    #expect(csv.contains(",长株潭,"))
  }

  @Test func jsonExportValidatesAgainstTheSchemas() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try Self.export(["--format", "json", "--to", dir.path])
    #expect(result.status == 0, "\(result.stderr)")
    let schemas = PlanCommandTestSupport.repositoryRoot.appendingPathComponent("Schemas").path
    try ExportTestTools.python(
      """
      import json, os, sys, jsonschema
      schemas, d = sys.argv[1], sys.argv[2]
      for t in ['projections', 'targets', 'attainment', 'sweep_oat', 'backtest_accuracy', 'backtest_forecasts', 'manifest']:
          doc = json.load(open(os.path.join(d, t + '.json')))
          jsonschema.Draft202012Validator(json.load(open(os.path.join(schemas, t + '.v1.schema.json')))).validate(doc)
      """, [schemas, dir.path])
  }

  @Test func xlsxOpensInOpenpyxlAndLibreOffice() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try Self.export(["--format", "xlsx", "--what", "projections", "--to", dir.path])
    #expect(result.status == 0, "\(result.stderr)")
    let book = dir.appendingPathComponent("plancast-projections.xlsx")
    #expect(try ExportTestTools.listing(dir) == ["manifest.json", "plancast-projections.xlsx"])
    try ExportTestTools.python(
      """
      import sys, openpyxl
      wb = openpyxl.load_workbook(sys.argv[1])
      assert wb.sheetnames == ['projections', 'manifest'], wb.sheetnames
      ws = wb['projections']
      assert ws['A1'].value == 'city' and ws['E1'].value == 'mean'
      assert ws['C2'].data_type == 'n' and isinstance(ws['C2'].value, int)
      assert ws['E2'].data_type == 'n' and isinstance(ws['E2'].value, float)
      assert ws.freeze_panes == 'A2'
      # Display formats per column; the values keep full precision.
      assert ws['C2'].number_format == '0', ws['C2'].number_format
      means = [c for c in ws['E'][1:] if isinstance(c.value, float)]
      big = [c for c in means if abs(c.value) >= 1000]
      assert big and all(c.number_format == '#,##0.00' for c in means), means[0].number_format
      """, [book.path])
    let profile = try ExportTestTools.temporaryDirectory()
    let out = try ExportTestTools.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: profile)
      try? FileManager.default.removeItem(at: out)
    }
    let converted = try ExportTestTools.run(
      "libreoffice",
      [
        "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", out.path, book.path,
      ])
    #expect(converted.status == 0, "\(converted.stderr)")
    let csv = try String(
      contentsOf: out.appendingPathComponent("plancast-projections.csv"), encoding: .utf8)
    let header = csv.prefix { !$0.isNewline }.replacingOccurrences(of: "\"", with: "")
    #expect(header.hasPrefix("city,indicator,year,kind,mean,median"))
    #expect(csv.contains("pop_resident"))
  }

  @Test func existingFilesNeedForceAndAreLeftAlone() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let targets = dir.appendingPathComponent("targets.csv")
    try Data("keep me".utf8).write(to: targets)
    let refused = try Self.export(["--what", "targets", "--to", dir.path])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("targets.csv exists; pass --force"))
    #expect(try String(contentsOf: targets, encoding: .utf8) == "keep me")
    #expect(try ExportTestTools.listing(dir) == ["targets.csv"], "no manifest, no temporary file")
    let forced = try Self.export(["--what", "targets", "--to", dir.path, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try String(contentsOf: targets, encoding: .utf8).hasPrefix("id,name,"))
  }

  @Test func missingOrBadDirectoryIsADataError() throws {
    let missing = try Self.export(["--what", "targets", "--to", "/nonexistent-plancast/out"])
    #expect(missing.status == 1)
    // The folder itself is created, but not a missing parent (most likely a typo).
    #expect(missing.stderr.contains("/nonexistent-plancast: the directory does not exist"))
    #expect(!FileManager.default.fileExists(atPath: "/nonexistent-plancast"))
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("plain-file")
    try Data().write(to: file)
    let notDirectory = try Self.export(["--what", "targets", "--to", file.path])
    // A file where the folder should be is said so (it used to be "does not exist").
    #expect(
      notDirectory.status == 1
        && notDirectory.stderr.contains("\(file.path) is a file, not a directory"))
    #expect(try ExportTestTools.listing(dir) == ["plain-file"])
  }

  @Test func unknownWhatOrFormatIsAUsageError() throws {
    let what = try Self.export(["--what", "everything", "--to", "/tmp"])
    #expect(what.status == 2)
    #expect(what.stderr.contains("everything") && what.stderr.contains("projections"))
    let format = try Self.export(["--format", "pdf", "--to", "/tmp"])
    #expect(format.status == 2 && format.stderr.contains("xlsx"))
  }
}
