import Foundation
import Testing

@testable import PlanCastPlan

/// Each way a model directory can be wrong gives a ModelError that names file, line and field.
@Suite struct BadInputTests {
  let csv = "data/observations.csv"

  @Test func unknownCity() throws {
    let e = try TestSupport.loadError {
      try TestSupport.append("Atlantis,gdp,2020,1,money,t,src,", to: csv, of: $0)
    }
    #expect(e.kind == .unknownArea)
    #expect(e.location.file.hasSuffix(csv) && e.location.line == 16 && e.field == "city")
    #expect(e.description.contains("Atlantis"))
  }

  @Test func unknownIndicator() throws {
    let e = try TestSupport.loadError {
      try TestSupport.append("A,gdp_typo,2020,1,money,t,src,", to: csv, of: $0)
    }
    #expect(e.kind == .unknownIndicator && e.location.line == 16 && e.field == "indicator")
  }

  @Test func unknownOrWrongUnit() throws {
    let unknown = try TestSupport.loadError {
      try TestSupport.append("A,gdp,2018,1,furlongs,t,src,", to: csv, of: $0)
    }
    #expect(unknown.kind == .unknownUnit && unknown.field == "unit" && unknown.location.line == 16)
    let wrong = try TestSupport.loadError {
      try TestSupport.append("A,gdp,2018,1,pct,t,src,", to: csv, of: $0)
    }
    #expect(wrong.kind == .unknownUnit && wrong.description.contains("'money'"))
  }

  @Test func duplicateRowNamesBothLines() throws {
    let e = try TestSupport.loadError {
      try TestSupport.append("A,gdp,2020,67,money,other,src,", to: csv, of: $0)
    }
    #expect(e.kind == .duplicateRow && e.location.line == 16)
    #expect(e.description.contains("line 3"))
    #expect(e.hint.contains("vintage"))
  }

  @Test func rowContradictingOneOfTheSameVintageNamesItsLineAndValue() throws {
    let e = try TestSupport.loadError {
      try TestSupport.append("A,gdp,2020,67,money,test,src,", to: csv, of: $0)
    }
    #expect(e.kind == .contradictingRow && e.field == "value")
    #expect(e.location.file.hasSuffix(csv) && e.location.line == 16)
    #expect(e.description.contains("line 3") && e.description.contains("'test'"))
    #expect(e.description.contains("66.0") && e.description.contains("67.0"))
  }

  static let gdpRule = "aggregation = \"sum\"\n\n[growth]"

  @Test func breakYearOutsideTheDataNamesItsLine() throws {
    for year in [2019, 2024] {
      let e = try TestSupport.loadError {
        try TestSupport.replace(
          Self.gdpRule, with: "aggregation = \"sum\"\nbreaks = [\(year)]\n\n[growth]",
          in: "indicators.toml", of: $0)
      }
      #expect(e.kind == .yearOutOfRange && e.field == "breaks", "\(year)")
      #expect(e.location.file.hasSuffix("indicators.toml") && e.location.line == 8, "\(year)")
      #expect(e.description.contains("2019–2021"), "\(year)")
    }
  }

  @Test func twoBreaksInOneYear() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace(
        Self.gdpRule, with: "aggregation = \"sum\"\nbreaks = [2020, 2020]\n\n[growth]",
        in: "indicators.toml", of: $0)
    }
    #expect(e.kind == .invalidValue && e.field == "breaks" && e.location.line == 8)
    #expect(e.description.contains("two breaks in 2020"))
  }

  @Test func aBreakInsideTheDataLoads() throws {
    let dir = try TestSupport.mutatedMinimal {
      try TestSupport.replace(
        Self.gdpRule, with: "aggregation = \"sum\"\nbreaks = [2020]\n\n[growth]",
        in: "indicators.toml", of: $0)
    }
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try PlanModel.load(directory: dir.path).data.catalog["gdp"]?.breaks == [2020])
  }

  @Test func nonNumericAndNonFiniteValues() throws {
    for bad in ["1,234", "abc", "nan", "inf", ""] {
      let e = try TestSupport.loadError {
        try TestSupport.append("A,gdp,2018,\"\(bad)\",money,t,src,", to: csv, of: $0)
      }
      #expect(e.kind == .invalidNumber && e.field == "value" && e.location.line == 16, "\(bad)")
    }
  }

  @Test func yearOutOfRangeOrNotAYear() throws {
    let out = try TestSupport.loadError {
      try TestSupport.append("A,gdp,1850,1,money,t,src,", to: csv, of: $0)
    }
    #expect(out.kind == .yearOutOfRange && out.field == "year")
    let text = try TestSupport.loadError {
      try TestSupport.append("A,gdp,2020.5,1,money,t,src,", to: csv, of: $0)
    }
    #expect(text.kind == .invalidNumber && text.field == "year")
  }

  @Test func rowWithoutSource() throws {
    let e = try TestSupport.loadError {
      try TestSupport.append("A,gdp,2018,1,money,t,,", to: csv, of: $0)
    }
    #expect(e.kind == .missingField && e.field == "source")
  }

  @Test func csvQuotingError() throws {
    let e = try TestSupport.loadError {
      try TestSupport.append("A,gdp,2018,1,money,t,\"unclosed,", to: csv, of: $0)
    }
    #expect(e.kind == .syntax && e.location.line == 16)
  }

  @Test func missingFiles() throws {
    for file in ["model.toml", "indicators.toml", "targets.toml", csv] {
      let e = try TestSupport.loadError {
        try FileManager.default.removeItem(at: $0.appendingPathComponent(file))
      }
      #expect(e.kind == .missingFile && e.location.file.hasSuffix(file), "\(file)")
    }
    #expect(throws: ModelError.self) { try PlanModel.load(directory: "/nonexistent/model") }
  }

  @Test func tomlSyntaxErrorHasItsLine() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace("value = 200.0", with: "value = = 200.0", in: "targets.toml", of: $0)
    }
    #expect(e.kind == .syntax && e.location.file.hasSuffix("targets.toml") && e.location.line == 8)
  }

  /// `[[#targets]]` used to abort the process inside TOMLKit (an assertion in toml++'s
  /// `parse_key`, found by the fuzz harness); it is a syntax error with its line.
  @Test func tableHeaderWithoutAKeyIsASyntaxErrorNotACrash() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace("[[targets]]", with: "[[#targets]]", in: "targets.toml", of: $0)
    }
    #expect(e.kind == .syntax && e.location.file.hasSuffix("targets.toml") && e.location.line == 1)
    #expect(e.message.contains("must start with a key (column 3)"), "\(e.message)")
  }

  @Test func abortGuardSeesOnlyWhatWouldAbortTOMLKit() {
    func at(_ text: String) -> [Int]? {
      TOMLAbortGuard.firstFinding(in: text).map { [$0.line, $0.column] }
    }
    #expect(at("[#a]") == [1, 2])
    #expect(at("x = 1\n  [[.b]]\n") == [2, 5])
    #expect(at("x = [1, }]") == [1, 9])
    #expect(at("x = [1,\n \u{2028} 2]") == [2, 2])
    #expect(at("x = [1,\u{85}2]") == [1, 8])
    #expect(at("[a]\n[ \"quoted key\" ]\n[[b.c]]\n['lit']\n[]") == nil)
    // Not findings: nested arrays and inline tables inside a value, strings, comments.
    #expect(at("a = [\n  [+1, 2],\n  [{ x = 1 }],\n]\nt = { a = [1], b = { c = 2 } }\n") == nil)
    #expect(at("s = \"\"\"\n[#text]\n}\n\"\"\"\nt = '''\n[.x]\n'''\n# [#comment] }\n") == nil)
    #expect(at("s = \"a \\\" [#b] \u{2028}\"\n[#c]") == [2, 2])
  }

  @Test func targetNamingAnIndicatorWithoutDataRule() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace(
        "indicator = \"gdp\"", with: "indicator = \"happiness\"", in: "targets.toml", of: $0)
    }
    #expect(e.kind == .noDataRule && e.field == "indicator" && e.location.line == 5)
    #expect(e.hint.contains("indicators.toml"))
  }

  @Test func invalidComparatorAndFormAreRejected() throws {
    let c = try TestSupport.loadError {
      try TestSupport.replace(
        "comparator = \">=\"", with: "comparator = \"=>\"", in: "targets.toml", of: $0)
    }
    #expect(c.kind == .invalidValue && c.field == "comparator" && c.location.line == 7)
    let f = try TestSupport.loadError {
      try TestSupport.replace(
        "form = \"level\"", with: "form = \"growth\"", in: "targets.toml", of: $0)
    }
    #expect(f.field == "form" && f.location.line == 11)
    let typo = try TestSupport.loadError {
      try TestSupport.replace(
        "form = \"level\"", with: "form = \"level\"\nfrom = 2020", in: "targets.toml", of: $0)
    }
    #expect(typo.field == "from" && typo.location.line == 12)
  }

  @Test func targetAreaMustBeDeclared() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace(
        "region = \"R\"\ncomparator = \">=\"", with: "region = \"Q\"\ncomparator = \">=\"",
        in: "targets.toml", of: $0)
    }
    #expect(e.kind == .unknownArea && e.field == "region")
  }

  @Test func aggregationReferencingUndeclaredIndicator() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace(
        "weight = \"gdp\"", with: "weight = \"gdp_real\"", in: "indicators.toml", of: $0)
    }
    #expect(
      e.kind == .unknownIndicator && e.field == "weight"
        && e.location.file.hasSuffix("indicators.toml"))
  }

  @Test func regionMemberMustBeADeclaredCity() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace(
        "members = [\"A\", \"B\"]", with: "members = [\"A\", \"C\"]", in: "model.toml", of: $0)
    }
    #expect(e.kind == .unknownArea && e.field == "members" && e.location.line == 17)
  }

  @Test func regionMemberListedTwiceIsRefused() throws {
    // Counted twice, a member doubled the region's GDP (P(T01) → 1.000 in the probe).
    let e = try TestSupport.loadError {
      try TestSupport.replace(
        "members = [\"A\", \"B\"]", with: "members = [\"A\", \"B\", \"A\"]", in: "model.toml",
        of: $0)
    }
    #expect(e.field == "members" && e.location.line == 17)
    #expect(e.description.contains("'A' is listed twice as a member"))
  }

  @Test(arguments: [
    ("A,gdp,2022,-5,money,t,src,", "not a plausible level of gdp (allowed: at least 0)"),
    ("A,urban_rate,2022,183,pct,t,src,", "not a plausible share of urban_rate (allowed: 0 to 100)"),
    ("A,urban_rate,2022,-0.5,pct,t,src,", "not a plausible share of urban_rate"),
    ("A,growth,2022,-140,pct,t,src,", "not a plausible rate of growth (allowed: -100 to 100)"),
    ("A,growth,2022,250,pct,t,src,", "not a plausible rate of growth"),
  ])
  func implausibleValuesNameTheirLineAndWhatIsAllowed(row: String, message: String) throws {
    let e = try TestSupport.loadError { try TestSupport.append(row, to: csv, of: $0) }
    #expect(e.kind == .invalidValue && e.field == "value" && e.location.line == 16)
    #expect(e.description.contains(message), "\(e)")
  }

  @Test func plausibleOverridesTheKindsRange() throws {
    // A rate allowed to fall by at most 50 %: -60 is refused, 250 too, and 0 loads.
    let bad = try TestSupport.loadError {
      try TestSupport.replace(
        "weight_lag = 1", with: "weight_lag = 1\nplausible = [-50, 300]", in: "indicators.toml",
        of: $0)
      try TestSupport.append("A,growth,2022,-60,pct,t,src,", to: csv, of: $0)
    }
    #expect(bad.description.contains("allowed: -50 to 300"))
    let malformed = try TestSupport.loadError {
      try TestSupport.replace(
        "weight_lag = 1", with: "weight_lag = 1\nplausible = [5, 1]", in: "indicators.toml",
        of: $0)
    }
    #expect(malformed.field == "plausible" && malformed.description.contains("low < high"))
    let dir = try TestSupport.mutatedMinimal {
      try TestSupport.replace(
        "weight_lag = 1", with: "weight_lag = 1\nplausible = [-50, 300]", in: "indicators.toml",
        of: $0)
      try TestSupport.append("A,growth,2022,250,pct,t,src,", to: csv, of: $0)
    }
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = try PlanModel.load(directory: dir.path)
    #expect(
      model.data.series(area: "A", indicator: "growth")?.points.contains { $0.value == 250 } == true
    )
  }

  @Test func proxySourceMustBeDeclared() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace(
        "sources = [\"P\"]", with: "sources = [\"Mars\"]", in: "proxies.toml", of: $0)
    }
    #expect(e.kind == .unknownArea && e.field == "sources" && e.location.line == 4)
  }

  /// Issue 19: the model's observations file is read strictly too.
  @Test func observationsFileIsReadStrictly() throws {
    // A header-only file loads with no observations (a new plan from `plancast init`);
    // the commands that project refuse it (see InputLimitsTests).
    let headerOnlyDirectory = try TestSupport.mutatedMinimal { dir in
      let url = dir.appendingPathComponent(csv)
      let text = try String(contentsOf: url, encoding: .utf8)
      let header = String(text.prefix { $0 != "\n" }) + "\n"
      try header.write(to: url, atomically: true, encoding: .utf8)
    }
    defer { try? FileManager.default.removeItem(at: headerOnlyDirectory) }
    #expect(try PlanModel.load(directory: headerOnlyDirectory.path).data.observations.isEmpty)
    let hex = try TestSupport.loadError {
      try TestSupport.append("A,gdp,2020,0x10,money,t,src,", to: csv, of: $0)
    }
    #expect(hex.kind == .invalidNumber && hex.field == "value" && hex.location.line == 16)
    let nul = try TestSupport.loadError {
      try TestSupport.append("A,gdp,2020,4\u{0}1,money,t,src,", to: csv, of: $0)
    }
    #expect(nul.kind == .syntax && nul.field == "value" && nul.location.line == 16)
    let extra = try TestSupport.loadError {
      try TestSupport.append("A,gdp,2020,5,9,money,t,src,", to: csv, of: $0)
    }
    #expect(extra.kind == .syntax && extra.location.line == 16)
  }

  @Test func duplicatedValueColumnIsBlamedOnTheHeader() throws {
    let e = try TestSupport.loadError {
      try TestSupport.replace("value,", with: "value,value,", in: csv, of: $0)
    }
    #expect(e.kind == .syntax && e.location.line == 1 && e.field == "value")
  }
}
