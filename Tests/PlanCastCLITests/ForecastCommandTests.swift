import Foundation
import Testing

/// `plancast forecast`: output shape, thread-count determinism, input errors, fallbacks.
@Suite struct ForecastCommandTests {
  static func write(_ text: String, name: String = "series.csv") throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("plancast-forecast-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// The first `count` M3 yearly series (training part), years as year indices, rows shuffled
  /// to check that order does not matter.
  static func m3(count: Int) throws -> String {
    let url = PlanCommandTestSupport.repositoryRoot.appendingPathComponent(
      "Benchmarks/m3/data/train.csv")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
    let ids = Set((1...count).map { "Y\($0)" })
    let rows = lines.filter { ids.contains(String($0.split(separator: ",")[0])) }
    return "series_id,year,value\n" + rows.reversed().joined(separator: "\n") + "\n"
  }

  static func csvRows(_ text: String) -> [[String]] {
    text.split(separator: "\r\n").map { line in
      // Notes are quoted; the tests only read the unquoted leading fields.
      line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  @Test func csvShapeAndYears() throws {
    let path = try Self.write(try Self.m3(count: 4))
    let result = try PlanCommandTestSupport.run([
      "forecast", "--data", path, "--horizon", "6", "--method", "theta", "--format", "csv",
      "--threads", "2",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let rows = Self.csvRows(result.stdout)
    try #require(rows.count == 1 + 4 * 6)
    #expect(
      rows[0] == [
        "series_id", "year", "mean", "median", "lo80", "hi80", "lo95", "hi95", "method", "note",
      ])
    #expect(rows.count == 1 + 4 * 6)
    // Series in order of first appearance (the file is reversed), years after the last index.
    #expect(rows[1][0] == "Y4")
    #expect(rows[1][1] == "15")
    #expect(rows.last![0] == "Y1")
    #expect(rows.last![1] == "20")
    for row in rows.dropFirst() {
      let v = row[2...7].map { Double($0)! }
      #expect(v[4] <= v[2] && v[2] <= v[1] && v[1] <= v[3] && v[3] <= v[5])
      #expect(row[8] == "theta")
    }
  }

  @Test func sameOutputForAnyThreadCount() throws {
    let path = try Self.write(try Self.m3(count: 6))
    var outputs: [String] = []
    for threads in ["1", "3"] {
      let result = try PlanCommandTestSupport.run([
        "forecast", "--data", path, "--horizon", "6", "--method", "auto", "--format", "csv",
        "--threads", threads, "--paths", "400", "--level", "50,80,95",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      outputs.append(result.stdout)
    }
    #expect(outputs[0] == outputs[1])
    let rows = Self.csvRows(outputs[0])
    try #require(rows.count > 1)
    #expect(rows[0].contains("lo50") && rows[0].contains("hi50"))
    #expect(rows[1][rows[0].firstIndex(of: "method")!].hasPrefix("\"auto: median-mixture("))
  }

  @Test func fallbacksAreNoted() throws {
    let path = try Self.write(
      """
      series_id,year,value
      short,2019,5
      short,2020,6
      short,2021,6.5
      short,2022,7
      negative,2010,3
      negative,2011,-1
      negative,2012,2
      negative,2013,4
      negative,2014,5
      negative,2015,4
      negative,2016,6
      negative,2017,7
      negative,2018,6
      negative,2019,8
      negative,2020,9
      single,2020,4

      """)
    let result = try PlanCommandTestSupport.run([
      "forecast", "--data", path, "--horizon", "2", "--method", "damped", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
    let byID = Dictionary(uniqueKeysWithValues: json.map { ($0["series_id"] as! String, $0) })
    #expect(byID["short"]?["method"] as? String == "drift")
    #expect((byID["short"]?["note"] as? String)?.contains("needs at least 10 observations") == true)
    #expect(byID["negative"]?["method"] as? String == "theta")
    #expect((byID["negative"]?["note"] as? String)?.contains("logs need positive values") == true)
    #expect(byID["single"]?["method"] as? String == "flat")
    let points = byID["single"]?["points"] as! [[String: Any]]
    #expect(points[0]["median"] as? Double == 4)
    #expect(points[0]["lo80"] is NSNull)
  }

  @Test func badInputIsReportedWithFileLineAndField() throws {
    let cases: [(String, String)] = [
      ("series_id,year\na,2000\n", "field 'value': missing column 'value'"),
      ("series_id,year,value\na,2000,1\na,2001,x\n", ":3: field 'value': 'x' is not a number"),
      ("series_id,year,value\na,2000,1\na,2001,NaN\n", ":3: field 'value': 'NaN' is not a finite"),
      ("series_id,year,value\na,20x0,1\n", ":2: field 'year'"),
      (
        "series_id,year,value\na,2000,1\nb,2000,2\na,2000,3\n",
        ":4: field 'year': series 'a' has year 2000 twice (also on line 2)"
      ),
    ]
    for (text, message) in cases {
      let path = try Self.write(text)
      let result = try PlanCommandTestSupport.run([
        "forecast", "--data", path, "--horizon", "3", "--format", "csv",
      ])
      #expect(result.status == 1)
      #expect(result.stdout.isEmpty)
      #expect(
        result.stderr.contains(path + (message.hasPrefix(":") ? "" : ":1: ") + message),
        "\(result.stderr)")
    }
    let usage = try PlanCommandTestSupport.run([
      "forecast", "--data", "x.csv", "--horizon", "3", "--method", "arima",
    ])
    #expect(usage.status == 2)
    #expect(usage.stderr.contains("unknown --method 'arima'"))
  }

  @Test func aDirectoryOrAMissingFileIsSaidOnceWithItsPath() throws {
    let dir = FileManager.default.temporaryDirectory.path
    let directory = try PlanCommandTestSupport.run(["forecast", "--data", dir, "--horizon", "3"])
    #expect(directory.status == 1)
    #expect(directory.stderr.contains("\(dir): is a directory, not a file"), "\(directory.stderr)")
    #expect(!directory.stderr.contains("\(dir): \(dir)"))
    let missing = try PlanCommandTestSupport.run([
      "forecast", "--data", dir + "/plancast-none.csv", "--horizon", "3",
    ])
    #expect(missing.status == 1 && missing.stderr.contains("plancast-none.csv: no such file"))
  }

  @Test func scoreComputesM3Measures() throws {
    let training = try Self.write("series_id,year,value\na,1,10\na,2,12\na,3,11\n")
    let actuals = try Self.write("series_id,year,value\na,4,12\na,5,14\n")
    let forecasts = try Self.write(
      "series_id,year,median,lo80,hi80,lo95,hi95,run\n"
        + "a,4,12,11,13,10,14,x\na,5,12,11,13,10,14,x\n")
    let result = try PlanCommandTestSupport.run([
      "forecast", "score", "--forecasts", forecasts, "--actuals", actuals, "--training",
      training, "--group-by", "run", "--format", "csv",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = Self.csvRows(result.stdout)
    try #require(rows.count == 2)
    #expect(rows[0].prefix(3) == ["method", "smape_h1", "smape_h2"])
    let row = rows[1]
    #expect(row[0] == "x")
    #expect(Double(row[1]) == 0)
    #expect(abs(Double(row[2])! - 200 * 2 / 26) < 1e-9)
    #expect(abs(Double(row[5])! - 1 / 1.5) < 1e-9)  // MASE: mean |e| = 1, scale 1.5
    #expect(Double(row[6]) == 50)
    #expect(Double(row[7]) == 100)
    // WIS by hand: h1 (0 + 0.1·2 + 0.025·4) / 2.5 = 0.12; h2 (½·2 + 0.1·(2 + 10·1) + 0.025·4)
    // / 2.5 = 0.92; mean 0.52 over the scale 1.5.
    #expect(rows[0][8] == "wis_scaled")
    #expect(abs(Double(row[8])! - 0.52 / 1.5) < 1e-12)
    // --by-horizon: a row per horizon with the same measures of that year alone.
    let byHorizon = try PlanCommandTestSupport.run([
      "forecast", "score", "--forecasts", forecasts, "--actuals", actuals, "--training",
      training, "--group-by", "run", "--by-horizon", "--format", "csv",
    ])
    #expect(byHorizon.status == 0, "\(byHorizon.stderr)")
    let perYear = Self.csvRows(byHorizon.stdout)
    try #require(perYear.count == 3)
    #expect(
      perYear[0] == [
        "method", "horizon", "smape", "mase", "coverage80", "coverage95", "wis_scaled", "series",
      ])
    #expect(perYear[1].prefix(2) == ["x", "1"])
    #expect(perYear[1][2...5].map { Double($0) } == [0, 0, 100, 100])
    #expect(abs(Double(perYear[2][3])! - 2 / 1.5) < 1e-12)
    #expect(Double(perYear[2][4]) == 0)
    #expect(abs(Double(perYear[1][6])! - 0.12 / 1.5) < 1e-12)
    #expect(abs(Double(perYear[2][6])! - 0.92 / 1.5) < 1e-12)
  }

  /// `auto` calibrates its intervals on the file's held-out last years and says so on standard
  /// error; `--intervals model` keeps the models' widths, the same point forecasts.
  @Test func autoCalibratesIntervalsOnHeldOutYears() throws {
    let data = try Self.write(
      "series_id,year,value\n"
        + (0..<30).flatMap { s in
          (0..<14).map { t in "S\(s),\(1990 + s % 5 + t),\(100 + s + t * (s % 4) + (t * s) % 7)\n" }
        }.joined())
    let calibrated = try PlanCommandTestSupport.run([
      "forecast", "--data", data, "--horizon", "3", "--format", "csv",
    ])
    #expect(calibrated.status == 0, "\(calibrated.stderr)")
    #expect(
      calibrated.stderr.contains("intervals calibrated on the held-out last 3 years of 30 series"),
      "\(calibrated.stderr)")
    let model = try PlanCommandTestSupport.run([
      "forecast", "--data", data, "--horizon", "3", "--format", "csv", "--intervals", "model",
    ])
    #expect(model.status == 0 && !model.stderr.contains("calibrated"))
    let a = Self.csvRows(calibrated.stdout)
    let b = Self.csvRows(model.stdout)
    #expect(a.map { $0[3] } == b.map { $0[3] })  // medians
    #expect(a.map { $0[4] } != b.map { $0[4] })  // lo80
    let bad = try PlanCommandTestSupport.run([
      "forecast", "--data", data, "--horizon", "3", "--intervals", "conformal",
    ])
    #expect(bad.status == 2 && bad.stderr.contains("unknown --intervals 'conformal'"))
  }

  /// On a terminal (a pseudo-terminal from `script`) a long run draws a progress bar on
  /// standard error; `--quiet` draws none.
  @Test(arguments: [([String](), true), (["--quiet"], false)])
  func progressBarOnATerminalUnlessQuiet(extra: [String], drawn: Bool) throws {
    let data = try Self.write(
      "series_id,year,value\n" + (0..<200).map { "S\($0),2020,1\nS\($0),2021,2\n" }.joined())
    let (status, text) = try PlanCommandTestSupport.runOnTerminal(
      ["forecast", "--data", data, "--horizon", "2", "--method", "naive"] + extra,
      environment: ["TERM": "xterm"])
    #expect(status == 0, "\(text.prefix(300))")
    #expect(text.contains("/200 series") == drawn, "\(text.prefix(300))")
    #expect(text.contains("S199"))
  }

  /// `--data FILE.xlsx` reads the first sheet (or `--sheet NAME`) as the CSV it would be; errors
  /// name the file, the sheet and the row Excel shows.
  @Test func xlsxDataReadsTheFirstOrTheNamedSheet() throws {
    let csvPath = try Self.write(
      "series_id,year,value\n"
        + (2001...2010).map { "A,\($0),\(Double($0 - 1990) * 1.5)\nB,\($0),\($0 - 1980)\n" }
        .joined())
    let xlsx = URL(fileURLWithPath: csvPath).deletingLastPathComponent()
      .appendingPathComponent("series.xlsx").path
    try ExportTestTools.python(
      """
      import csv, sys, openpyxl
      wb = openpyxl.Workbook()
      ws = wb.active
      ws.title = 'Series'
      for i, row in enumerate(csv.reader(open(sys.argv[1]))):
          ws.append(row if i == 0 else [row[0], int(row[1]), float(row[2])])
      bad = wb.create_sheet('bad')
      bad.append(['series_id', 'year', 'value'])
      bad.append(['A', 2001, 1.0])
      bad.append(['A', 2002, 'n/a'])
      wb.save(sys.argv[2])
      """, [csvPath, xlsx])
    let fromCSV = try PlanCommandTestSupport.run(
      ["forecast", "--data", csvPath, "--horizon", "3", "--method", "damped", "--format", "csv"])
    let fromXLSX = try PlanCommandTestSupport.run(
      ["forecast", "--data", xlsx, "--horizon", "3", "--method", "damped", "--format", "csv"])
    #expect(fromXLSX.status == 0, "\(fromXLSX.stderr)")
    #expect(fromXLSX.stdout == fromCSV.stdout)
    let bad = try PlanCommandTestSupport.run(
      ["forecast", "--data", xlsx, "--sheet", "bad", "--horizon", "3"])
    #expect(bad.status == 1 && bad.stderr.contains("series.xlsx[bad]:3: field 'value': 'n/a'"))
    let unknown = try PlanCommandTestSupport.run(
      ["forecast", "--data", xlsx, "--sheet", "nope", "--horizon", "3"])
    #expect(unknown.status == 1 && unknown.stderr.contains("its sheets: Series, bad"))
    // A sheet part cut short is an error, not the rows before the cut.
    let cut = URL(fileURLWithPath: xlsx).deletingLastPathComponent()
      .appendingPathComponent("cut.xlsx").path
    try ExportTestTools.python(
      """
      import sys, zipfile
      with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], 'w') as dst:
          for item in src.infolist():
              data = src.read(item)
              if item.filename == 'xl/worksheets/sheet1.xml':
                  data = data[: len(data) // 2]
              dst.writestr(item, data)
      """, [xlsx, cut])
    let truncated = try PlanCommandTestSupport.run(["forecast", "--data", cut, "--horizon", "3"])
    #expect(truncated.status == 1, "\(truncated.stdout.prefix(200))")
    #expect(
      truncated.stderr.contains("cut.xlsx")
        && truncated.stderr.contains("xl/worksheets/sheet1.xml: malformed or cut-short XML at line"),
      "\(truncated.stderr)")
    let notXLSX = try PlanCommandTestSupport.run(
      ["forecast", "--data", csvPath, "--sheet", "bad", "--horizon", "3"])
    #expect(notXLSX.status == 2 && notXLSX.stderr.contains("--sheet is for .xlsx files"))
  }
}
