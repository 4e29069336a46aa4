import Foundation
import Testing

/// `plancast project`, `fit` and `backtest` end to end on the embedded model.
@Suite struct ProjectionCommandsTests {
  static let model = ["--model", PlanCommandTestSupport.cztModel]

  @Test func projectCSVHasTheDocumentedColumnsAndObservedRows() throws {
    let result = try PlanCommandTestSupport.run(
      ["project", "--indicator", "pop_resident", "--format", "csv", "--paths", "200"] + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(whereSeparator: \.isNewline)
    #expect(
      lines.first == "city,indicator,year,kind,mean,median,lo80,hi80,lo95,hi95,model,unit,proxy")
    #expect(lines.contains { $0.hasPrefix("CZT,pop_resident,2021,observed,") })
    let forecast = try #require(lines.first { $0.hasPrefix("CZT,pop_resident,2025,forecast,") })
    let fields = forecast.split(separator: ",", omittingEmptySubsequences: false)
    let numbers = fields[4...9].compactMap { Double($0) }
    #expect(numbers.count == 6 && numbers[4] < numbers[2] && numbers[3] < numbers[5])
  }

  @Test func projectJSONAndAsOf() throws {
    let result = try PlanCommandTestSupport.run(
      [
        "project", "--indicator", "pop_resident", "--city", "Changsha", "--as-of", "2015",
        "--format", "json",
      ] + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let projections = try #require(json["projections"] as? [[String: Any]])
    let forecast = try #require(projections.first?["forecast"] as? [[String: Any]])
    #expect(forecast.first?["year"] as? Int == 2016 && forecast.last?["year"] as? Int == 2025)
  }

  @Test func unknownNamesAndYearsAreUsageErrors() throws {
    let city = try PlanCommandTestSupport.run(["project", "--city", "Atlantis"] + Self.model)
    #expect(city.status == 2 && city.stderr.contains("Atlantis"))
    let indicator = try PlanCommandTestSupport.run(["fit", "--indicator", "gdp"] + Self.model)
    #expect(indicator.status == 2 && indicator.stderr.contains("gdp_nominal"))
    let year = try PlanCommandTestSupport.run(["project", "--as-of", "1066"] + Self.model)
    #expect(year.status == 2)
    let range = try PlanCommandTestSupport.run(["backtest", "--origins", "2020:2010"] + Self.model)
    #expect(range.status == 2)
  }

  @Test func fitShowsEstimatesWithStandardErrors() throws {
    let result = try PlanCommandTestSupport.run(
      ["fit", "--city", "Changsha", "--indicator", "pop_resident"] + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("loglinear") && result.stdout.contains("std error"))
    #expect(result.stdout.contains("growth"))
  }

  @Test func backtestScoresModelsAgainstBenchmarks() throws {
    let result = try PlanCommandTestSupport.run(
      [
        "backtest", "--city", "Changsha", "--indicator", "pop_resident", "--origins", "2014:2019",
        "--horizons", "1:2", "--paths", "200", "--format", "csv",
      ] + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(whereSeparator: \.isNewline)
    #expect(
      lines.first
        == "city,indicator,model,n,mape,rmse,mase,coverage80,coverage95,winkler80,winkler95")
    for model in ["declared: loglinear", "naive", "drift", "auto"] {
      #expect(lines.contains { $0.contains(",\(model),") }, "missing \(model)")
    }
  }

  @Test func backtestEndsWithAVerdictAndWarnsWhereTheDeclaredModelLoses() throws {
    let result = try PlanCommandTestSupport.run(
      ["backtest", "--city", "CZT", "--indicator", "gdp_nominal", "--paths", "300"] + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Verdict per series"))
    let row = try #require(
      result.stdout.split(separator: "\n").first {
        $0.hasPrefix("CZT") && $0.contains("loses to benchmark")
      })
    #expect(row.contains("T01") && row.contains("drift"))
    #expect(
      result.stdout.contains(
        "warning: CZT gdp_nominal: the declared model (nominal_gdp) has MASE"))
    #expect(result.stdout.contains("it drives T01"))
    let json = try PlanCommandTestSupport.run(
      [
        "backtest", "--city", "CZT", "--indicator", "gdp_nominal", "--paths", "300", "--format",
        "json",
      ] + Self.model)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let verdicts = try #require(object["verdicts"] as? [[String: Any]])
    #expect(verdicts.first?["verdict"] as? String == "loses to benchmark")
    #expect(verdicts.first?["targets"] as? [String] == ["T01"])
    #expect((object["rows"] as? [Any])?.isEmpty == false)
  }

  /// `backtest --vintage 2021`: the as-of-2021 city GDP projections against the 2022–2024
  /// outturns, and P(attain) then and now; the declared model without its reference-class
  /// calibration (MAPE 10.7 %, 5 of 9 city-years inside the 80% band).
  @Test func vintageBacktestPutsThe2021ViewNextToTheOutturns() throws {
    let result = try PlanCommandTestSupport.run(
      [
        "backtest", "--vintage", "2021", "--indicator", "gdp_nominal", "--draws", "5000",
        "--format", "json", "--no-reference-class",
      ] + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(object?["vintage"] as? Int == 2021)
    let accuracy = try #require(object?["accuracy"] as? [[String: Any]])
    let cities = try #require(accuracy.first { $0["areas"] as? String == "cities" })
    #expect(cities["n"] as? Int == 9 && cities["in80"] as? String == "5/9")
    #expect(abs((cities["mape"] as? Double ?? 0) - 10.7) < 0.5)
    let outturns = try #require(object?["outturns"] as? [[String: Any]])
    #expect(outturns.count == 12, "CZT and three cities, 2022–2024")
    #expect(outturns.filter { $0["basis"] as? String == "new basis" }.count == 4)
    let attainment = try #require(object?["attainment"] as? [[String: Any]])
    let t01 = try #require(attainment.first { $0["target"] as? String == "T01" })
    #expect((t01["p_as_of_2021"] as? Double ?? 0) > 0.75 && (t01["p_now"] as? Double ?? 1) < 0.3)
    let late = try PlanCommandTestSupport.run(["backtest", "--vintage", "2024"] + Self.model)
    #expect(late.status == 2 && late.stderr.contains("no observation after the vintage 2024"))
    let outside = try PlanCommandTestSupport.run(["backtest", "--vintage", "1066"] + Self.model)
    #expect(outside.status == 2)
  }
}
