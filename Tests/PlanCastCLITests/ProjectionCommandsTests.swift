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
      ["fit", "--city", "CZT", "--indicator", "pop_resident"] + Self.model)
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
}
