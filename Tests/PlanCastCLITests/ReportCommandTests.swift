import Foundation
import Testing

/// `plancast report` end to end, rendered with headless Chromium.
@Suite struct ReportCommandTests {
  static let model = ["--model", PlanCommandTestSupport.cztModel]
  static let quick = [
    "--paths", "200", "--draws", "2000", "--sweep-draws", "200", "--origins", "2014:2018",
    "--horizons", "1:3",
  ]

  @Test func reportIsSelfContainedAndRendersInChromium() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = dir.appendingPathComponent("report.html")
    let result = try PlanCommandTestSupport.run(
      ["report", "--to", html.path] + Self.quick + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOf: html, encoding: .utf8)
    let title =
      "PlanCast report — Changsha–Zhuzhou–Xiangtan integrated development five-year action plan (2021–2025)"
    #expect(page.contains("<title>\(title)</title>"))
    for section in [
      "caveats", "targets", "attainment", "projections", "backtest", "sensitivity", "vintage",
      "manifest",
    ] {
      #expect(page.contains("<section id=\"\(section)\">"), "section \(section)")
    }
    // Self-contained: no scripts, stylesheets, images or fonts fetched from anywhere.
    #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("<img"))
    let urls = page.components(separatedBy: "://").dropLast().map { String($0.suffix(5)) + "://" }
    let namespaces = page.components(separatedBy: "http://www.w3.org/2000/svg\"").count - 1
    #expect(urls.count == namespaces, "only the SVG namespace, no URL: \(urls.prefix(3))")
    #expect(!page.contains("src=") && !page.contains("url("))
    #expect(page.components(separatedBy: "<svg").count - 1 >= 10, "fan and backtest charts")
    #expect(page.contains("T03 = 1,300"), "the urban-population target is drawn on its fan chart")
    #expect(page.contains("Proxy: "), "proxy caveat")
    #expect(
      page.contains("thin evidence: fewer than 6 fitted observations"), "thin-evidence caveat")
    #expect(page.contains("thin: 3 obs · 0 checked"), "evidence column")
    #expect(page.contains("sha256 data/observations.csv"))
    // Attainment: a dashboard per scenario, coloured by the engine's status, and its caveats.
    let attainment = try #require(
      page.components(separatedBy: "<section id=\"attainment\">").last?.components(
        separatedBy: "</section>"
      ).first)
    let has = { (text: String) in attainment.contains(text) }
    #expect(attainment.components(separatedBy: "<svg").count - 1 == 5, "five scenarios")
    #expect(has("Baseline — probability of meeting each target"))
    #expect(has("2,000 draws · seed 20210602 · on track P ≥ 0.80, off track P &lt; 0.20"))
    #expect(has("<span class=\"status on-track\">on track</span>"))
    #expect(has("What it would take") && has("required for P=0.8"))
    #expect(has("Proxy: T07: "), "the energy target rests on a provincial proxy")
    #expect(has("T05 ") && has("no probability"))
    // Sensitivity: a tornado per target some assumption moves (T03, urban population = rate ×
    // resident population, moves with the urbanisation pace).
    let sensitivity = try #require(
      page.components(separatedBy: "<section id=\"sensitivity\">").last?.components(
        separatedBy: "</section>"
      ).first)
    // T02 has no probability on the data to 2024 (CZT 2022 real growth is not published).
    #expect(sensitivity.components(separatedBy: "<svg").count - 1 == 4, "T01, T03, T07, T09")
    #expect(sensitivity.contains("What moves P(attain): T01"))
    #expect(sensitivity.contains("What moves P(attain): T03"))
    #expect(!sensitivity.contains("Targets no assumption moves"))
    #expect(sensitivity.contains("real_growth_shift"))
    #expect(
      page.contains("<td>scenario</td><td>all</td>") && page.contains("<td>draws</td><td>2000</td>")
    )
    #expect(page.contains("data to 2024; 1 year to the target"))
    // What we said in 2021 vs what happened: a fan chart as of 2021 per series with outturns,
    // the outturns as dots (one per city-year of GDP among them).
    let vintage = try #require(
      page.components(separatedBy: "<section id=\"vintage\">").last?.components(
        separatedBy: "</section>"
      ).first)
    #expect(vintage.contains("What we said in 2021 vs what happened"))
    #expect(vintage.components(separatedBy: "<svg").count - 1 >= 4, "CZT and the three cities")
    #expect(vintage.contains("Changsha · GDP, current prices"))
    #expect(vintage.contains("outturn 2022: 13,966"))
    #expect(vintage.contains("p_as_of_2021") && vintage.contains("new basis"))

    let png = dir.appendingPathComponent("report.png")
    let profile = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: profile) }
    let chromiumArguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--user-data-dir=\(profile.path)",
    ]
    let shot = try ExportTestTools.run(
      "chromium",
      chromiumArguments + [
        "--screenshot=\(png.path)", "--window-size=1280,2000", html.absoluteString,
      ])
    #expect(shot.status == 0, "\(shot.stderr)")
    let dom = try ExportTestTools.run(
      "chromium", chromiumArguments + ["--dump-dom", html.absoluteString])
    #expect(dom.status == 0 && dom.stdout.contains("<title>\(title)</title>"))
    // Non-blank: many colours, and the dark text and the green "on track" badges are there.
    let check = try ExportTestTools.python(
      """
      import sys
      from PIL import Image
      im = Image.open(sys.argv[1]).convert('RGB')
      assert im.size == (1280, 2000), im.size
      colours = im.getcolors(maxcolors=1 << 20)
      assert colours is not None and len(colours) > 50, 'blank page'
      pixels = list(im.getdata())
      dark = sum(1 for p in pixels if sum(p) < 200)
      green = sum(1 for (r, g, b) in pixels if g > 100 and r < 80 and b < 80)
      print(len(colours), dark, green)
      assert dark > 5000, dark
      assert green > 100, green
      """, [png.path])
    #expect(!check.stdout.isEmpty)
  }

  @Test func chineseReportAndOverwriteRules() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = dir.appendingPathComponent("report.html")
    try Data("old".utf8).write(to: html)
    let refused = try PlanCommandTestSupport.run(
      ["report", "--to", html.path, "--lang", "zh"] + Self.quick + Self.model)
    #expect(refused.status == 1 && refused.stderr.contains("pass --force"))
    #expect(try String(contentsOf: html, encoding: .utf8) == "old")
    let forced = try PlanCommandTestSupport.run(
      ["report", "--to", html.path, "--lang", "zh", "--force"] + Self.quick + Self.model)
    #expect(forced.status == 0, "\(forced.stderr)")
    let page = try String(contentsOf: html, encoding: .utf8)
    #expect(page.contains("<html lang=\"zh-CN\">"))
    #expect(page.contains("<title>PlanCast 报告 — 长株潭"))
    #expect(page.contains("规划目标") && page.contains("进度正常"))
    #expect(try ExportTestTools.listing(dir) == ["report.html"])
  }

  /// As of 2021 the average-growth target T02 has a probability: it is drawn against the
  /// average since 2021 (its own chart, ending on the dashboard's P), not on the annual rates.
  @Test func averageGrowthTargetIsDrawnAgainstTheAveragePath() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = dir.appendingPathComponent("report.html")
    let result = try PlanCommandTestSupport.run(
      ["report", "--to", html.path, "--as-of", "2021", "--scenario", "baseline"] + Self.quick
        + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOf: html, encoding: .utf8)
    let charts = page.components(separatedBy: "<svg").dropFirst().map {
      $0.components(separatedBy: "</svg>")[0]
    }
    func chart(_ title: String) throws -> String {
      try #require(charts.first { $0.contains("<title>\(title)</title>") }, "\(title)")
    }
    let annual = try chart("Changsha–Zhuzhou–Xiangtan · real GDP growth (comparable prices)")
    #expect(!annual.contains("T02") && !annual.contains("plan target"))
    let average = try chart("Changsha–Zhuzhou–Xiangtan · average annual real GDP growth 2021–2025")
    #expect(average.contains("plan target 2025: T02 ≥ 7.00% (average 2021–2025)"))
    #expect(average.contains("average since 2021, observed"))
    #expect(average.contains("Baseline, 2,000 draws (as in the attainment table)"))
    let dashboard = try chart("Baseline — probability of meeting each target")
    let p = try #require(
      dashboard.components(separatedBy: "<title>T02 average annual real GDP growth")
        .dropFirst().first?.components(separatedBy: ": ").dropFirst().first?
        .components(separatedBy: " (").first)
    #expect(average.contains("P(attain) \(p)"), "the dashboard's \(p)")
  }

  /// Without --sweep-draws the sensitivity section runs on the attainment draws: the tornado's
  /// base P is the dashboard's, and the section says so.
  @Test func sensitivityBaseIsTheDashboardsProbability() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = dir.appendingPathComponent("report.html")
    let result = try PlanCommandTestSupport.run(
      [
        "report", "--to", html.path, "--scenario", "baseline", "--paths", "200", "--draws", "3000",
        "--origins", "2014:2018", "--horizons", "1:3",
      ] + Self.model)
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOf: html, encoding: .utf8)
    #expect(page.contains("3,000 draws per point") && page.contains("the same draws"))
    let dashboard = try #require(
      page.components(separatedBy: "<title>T01 GDP, current prices: ").dropFirst().first?
        .components(separatedBy: "%").first.flatMap { Double($0) })
    let sensitivity = try #require(
      page.components(separatedBy: "<section id=\"sensitivity\">").last)
    let row = try #require(
      sensitivity.components(separatedBy: "<tr><td>T01</td><td>deflator_deviation</td>")
        .dropFirst().first?.components(separatedBy: "</tr>").first)
    let cells = row.components(separatedBy: "<td class=\"num\">").dropFirst().compactMap {
      Double($0.components(separatedBy: "<")[0])
    }
    #expect(cells.count == 6, "\(row)")
    #expect(abs(cells[2] * 100 - dashboard) < 0.051, "base \(cells[2]) vs dashboard \(dashboard)%")
  }

  /// A model whose scenario varies nothing (the 13th plan's baseline has no ranged assumption)
  /// still gets its report; the sensitivity section says why it is empty.
  @Test func reportWithoutVariableAssumptionsSaysSo() throws {
    let dir = try ExportTestTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = dir.appendingPathComponent("report.html")
    let model = PlanCommandTestSupport.repositoryRoot.appendingPathComponent("Models/china-13fyp")
    let result = try PlanCommandTestSupport.run(
      ["report", "--to", html.path, "--model", model.path] + Self.quick)
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOf: html, encoding: .utf8)
    let sensitivity = try #require(
      page.components(separatedBy: "<section id=\"sensitivity\">").dropFirst().first?
        .components(separatedBy: "</section>").first)
    #expect(sensitivity.contains("Scenario baseline has no assumption with a low/high range"))
    #expect(!sensitivity.contains("<svg"))
  }

  @Test func unwritableDestinationIsADataError() throws {
    let result = try PlanCommandTestSupport.run(
      ["report", "--to", "/nonexistent-plancast/report.html"] + Self.quick + Self.model)
    #expect(result.status == 1)
    #expect(result.stderr.contains("/nonexistent-plancast: the directory does not exist"))
  }
}
