import Foundation
import Testing

/// `plancast forecast calibrate`: outputs, the files of --to, and bad input.
@Suite struct CalibrateCommandTests {
  /// Eight growing series 2000–2016 with deterministic wiggles (and `extra` rows appended).
  static func panel(extra: String = "") throws -> String {
    var text = "series_id,year,value\n"
    for k in 0..<8 {
      var x = 100.0
      for year in 2000...2016 {
        x *= 1.06 + 0.01 * Double(k % 3) + 0.02 * sin(Double(year * (k + 1)))
        text += "c\(k),\(year),\(x)\n"
      }
    }
    return try ForecastCommandTests.write(text + extra)
  }

  static let fast = ["--method", "naive", "--paths", "200", "--bootstrap", "50"]

  static func calibrate(_ arguments: [String]) throws -> PlanCommandTestSupport.Result {
    try PlanCommandTestSupport.run(["forecast", "calibrate"] + arguments)
  }

  @Test func csvJsonAndTheFilesOfTo() throws {
    let data = try Self.panel()
    let directory = URL(fileURLWithPath: data).deletingLastPathComponent().path
    let arguments =
      ["--data", data, "--origins", "2008:2010", "--horizons", "1:3", "--to", directory]
      + Self.fast
    let result = try Self.calibrate(arguments + ["--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\r\n")
    #expect(lines.first == "method,origin,horizon,metric,value,n,se,lo90,hi90")
    // Pooled rows carry the bootstrap; per-origin rows do not.
    #expect(lines.contains { $0.hasPrefix("naive,all,all,mape,") && !$0.hasSuffix(",,,") })
    #expect(lines.contains { $0.hasPrefix("drift,2009,2,coverage95,") && $0.hasSuffix(",,,") })
    for name in ["metrics.csv", "events.csv", "reliability.csv", "metrics.json", "reliability.svg"]
    {
      #expect(FileManager.default.fileExists(atPath: directory + "/" + name), "\(name)")
    }
    let json =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: directory + "/metrics.json"))) as! [String: Any]
    #expect(json["methods"] as? [String] == ["naive", "drift"])
    #expect(json["events"] as? [String] == ["own", "6.5", "7"])
    #expect((json["reliability"] as? [Any])?.count == 2 * 3)
    let svg = try String(contentsOfFile: directory + "/reliability.svg", encoding: .utf8)
    #expect(svg.hasPrefix("<svg") && svg.contains("observed frequency"))
    let events = try String(contentsOfFile: directory + "/events.csv", encoding: .utf8)
    #expect(events.hasPrefix("method,event,horizon,origin,metric,value,n,se,lo90,hi90\r\n"))
    // A second run refuses to overwrite, and leaves the files as they were.
    let again = try Self.calibrate(arguments + ["--seed", "2"])
    #expect(again.status == 1)
    #expect(again.stderr.contains("exists; pass --force"))
    #expect(try String(contentsOfFile: directory + "/events.csv", encoding: .utf8) == events)
    #expect(try Self.calibrate(arguments + ["--force"]).status == 0)
  }

  @Test func sameOutputForAnyThreadCount() throws {
    let data = try Self.panel()
    let outputs = try ["1", "2"].map { threads in
      try Self.calibrate(
        ["--data", data, "--origins", "2009:2011", "--format", "json", "--threads", threads]
          + Self.fast + ["--method", "damped"]
      ).stdout
    }
    #expect(outputs[0] == outputs[1])
    #expect(outputs[0].contains("\"brier_skill\""))
  }

  @Test func oneOriginSaysThereIsNoBootstrap() throws {
    let result = try Self.calibrate(
      ["--data", try Self.panel(), "--origins", "2010:2010", "--horizons", "1:2"] + Self.fast)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Note: one origin only (2010): no bootstrap"))
    #expect(result.stdout.contains("Accuracy by origin"))
  }

  @Test func badInputGetsAClearMessage() throws {
    let data = try Self.panel()
    let cases: [([String], Int32, String)] = [
      (["--origins", "1990:1995"], 2, "its years are 2000–2016"),
      (["--origins", "2010:2016"], 2, "origins 2001:2015"),
      (["--origins", "2010:2012", "--horizons", "0:3"], 2, "--horizons must lie in 1:50"),
      (["--origins", "2010:2012", "--horizons", "1:60"], 2, "--horizons must lie in 1:50"),
      (["--origins", "2010:2012", "--method", "arima"], 2, "unknown method 'arima'"),
      (["--origins", "2010:2012", "--event-growth", "fast"], 2, "'fast' is neither own"),
      (["--origins", "2010:2012", "--bootstrap", "1000000"], 2, "--bootstrap must lie"),
      (["--origins", "2010:2012", "--level", "100"], 2, "strictly between 0 and 100"),
    ]
    for (arguments, status, message) in cases {
      let result = try Self.calibrate(["--data", data] + Self.fast + arguments)
      #expect(result.status == status, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
    let one = try ForecastCommandTests.write("series_id,year,value\na,2000,1\na,2001,2\na,2002,3\n")
    let single = try Self.calibrate(["--data", one, "--origins", "2001:2001"] + Self.fast)
    #expect(single.status == 1)
    #expect(single.stderr.contains("needs at least 2 series; the file has 1"))
    let missing = try Self.calibrate(["--origins", "2001:2001"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--data"))
  }

  @Test func gapsShortAndNonPositiveSeriesAreCounted() throws {
    let data = try Self.panel(
      extra: "gap,2008,5\ngap,2010,6\ngap,2011,7\nneg,2005,-1\nneg,2006,2\nneg,2010,3\n"
        + "short,2009,4\nshort,2010,4.5\n")
    let result = try Self.calibrate(
      ["--data", data, "--origins", "2009:2010", "--horizons", "1:2", "--format", "json"]
        + Self.fast)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    let skipped = try #require(json["skipped"] as? [[String: Any]])
    func count(_ reason: String, origin: Int) -> Int {
      skipped.filter { $0["reason"] as? String == reason && $0["origin"] as? Int == origin }
        .map { $0["n"] as! Int }.reduce(0, +)
    }
    #expect(count("no value at the origin", origin: 2009) == 2)  // gap, neg
    #expect(count("a non-positive value up to the origin", origin: 2010) == 1)  // neg
    #expect(count("no outturn", origin: 2010) == 3)  // gap in 2012; short in 2011 and 2012
  }
}
