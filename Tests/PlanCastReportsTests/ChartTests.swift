import Foundation
import PlanCastPlan
import Testing

@testable import PlanCastReports

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Counts elements of a parsed SVG, failing on malformed XML.
final class SVGInspector: NSObject, XMLParserDelegate {
  var counts: [String: Int] = [:]
  var texts: [String] = []
  var fills: [String] = []
  private var inText = false
  private var current = ""

  static func parse(_ svg: String) throws -> SVGInspector {
    let inspector = SVGInspector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = inspector
    let ok = parser.parse()
    #expect(ok, "SVG is not well-formed XML: \(String(describing: parser.parserError))")
    return inspector
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    counts[name, default: 0] += 1
    if let fill = attributes["fill"] { fills.append(fill) }
    if name == "text" {
      inText = true
      current = ""
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inText { current += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    if name == "text" {
      texts.append(current)
      inText = false
    }
  }
}

@Suite struct ChartTests {
  @Test func niceTicksCoverTheDataWithRoundSteps() {
    let ticks = NiceTicks(3, 97, count: 6)
    #expect(ticks.step == 20 && ticks.lower == 0 && ticks.upper == 100)
    #expect(ticks.values == [0, 20, 40, 60, 80, 100])
    let small = NiceTicks(0.012, 0.048, count: 5)
    #expect(small.step == 0.01 && small.decimals == 2 && small.label(0.03) == "0.03")
    let flat = NiceTicks(5, 5)
    #expect(flat.lower < 5 && flat.upper > 5)
    #expect(NumberLabel.format(25000.4, decimals: 0) == "25,000")
    #expect(NumberLabel.format(-1234567.891, decimals: 2) == "-1,234,567.89")
    #expect(NumberLabel.format(-0.001, decimals: 2) == "0.00")
    #expect(YearTicks.values(2005, 2025, maximum: 6) == [2005, 2010, 2015, 2020, 2025])
    let scale = LinearScale(domain: 0...10, range: 100, 0)
    #expect(scale(0) == 100 && scale(10) == 0 && scale(2.5) == 75)
  }

  static func fan(target: Bool) -> FanChartData {
    FanChartData(
      title: "长株潭 · 城镇人口", subtitle: "model: loglinear", valueTitle: "万人",
      history: (2010...2021).map { YearValue(year: $0, value: 1000 + Double($0 - 2010) * 25) },
      forecastYears: Array(2022...2025), median: [1310, 1335, 1360, 1385],
      bands: [
        .init(level: 0.8, lower: [1300, 1315, 1330, 1345], upper: [1320, 1355, 1390, 1425]),
        .init(level: 0.95, lower: [1290, 1300, 1310, 1320], upper: [1330, 1370, 1410, 1450]),
        .init(level: 0.5, lower: [1305, 1325, 1345, 1365], upper: [1315, 1345, 1375, 1405]),
      ],
      target: target ? .init(value: 1300, year: 2025, label: "T03 = 1,300 万人 (2025)") : nil,
      labels: .standard(.zh))
  }

  /// Missing years break the history line (a point alone keeps its dot): 2010–2013, then
  /// 2016–2018 after a gap, then 2020 alone draw two history lines and eight dots.
  @Test func fanChartBreaksHistoryAtMissingYears() throws {
    var data = Self.fan(target: false)
    data.history = ([2010, 2011, 2012, 2013, 2016, 2017, 2018, 2020] as [Int]).map {
      YearValue(year: $0, value: 1000 + Double($0 - 2010) * 25)
    }
    let history = "stroke=\"\(ChartStyle.history)\" stroke-width=\"2\""
    func lines(_ d: FanChartData) -> Int {
      FanChart.svg(d).components(separatedBy: history).count - 1
    }
    // One more history line than for the unbroken series (the legend's sample is in both).
    #expect(lines(data) == lines(Self.fan(target: false)) + 1)
    #expect(
      FanChart.consecutiveRuns(data.history).map { $0.map(\.year) } == [
        [2010, 2011, 2012, 2013], [2016, 2017, 2018], [2020],
      ])
  }

  /// The median's end label sits on the side the dashed line does not come from: below the
  /// end of a falling forecast, above the end of a rising one.
  @Test(arguments: [true, false])
  func fanChartEndLabelClearsTheMedianLine(falling: Bool) throws {
    var data = Self.fan(target: false)
    data.median = falling ? [1260, 1220, 1180, 1140] : [1310, 1335, 1360, 1385]
    let svg = FanChart.svg(data)
    func number(_ pattern: String) throws -> [Double] {
      let regex = try NSRegularExpression(pattern: pattern)
      let match = try #require(
        regex.firstMatch(in: svg, range: NSRange(svg.startIndex..., in: svg)))
      return (1..<match.numberOfRanges).map { Double(svg[Range(match.range(at: $0), in: svg)!])! }
    }
    let label = NSRegularExpression.escapedPattern(for: NumberLabel.compact(data.median[3]))
    let labelY = try number("<text x=\"[0-9.]+\" y=\"([0-9.]+)\"[^>]*>\(label)</text>")[0]
    // The dashed median polyline's last point.
    let points = try number(
      "<polyline points=\"[^\"]* ([0-9.]+),([0-9.]+)\" fill=\"none\" stroke=\"\(ChartStyle.forecast)\""
    )
    #expect(falling ? labelY > points[1] : labelY < points[1], "label \(labelY), end \(points)")
  }

  @Test func fanChartDrawsEveryBandTheTargetAndChineseLabels() throws {
    let svg = FanChart.svg(Self.fan(target: true))
    let inspector = try SVGInspector.parse(svg)
    #expect(inspector.counts["polygon"] == 3)
    #expect(inspector.counts["title"] ?? 0 >= 1)
    #expect(svg.contains("Noto Sans CJK SC") && svg.contains("WenQuanYi Micro Hei"))
    #expect(inspector.texts.contains("万人"))
    #expect(inspector.texts.contains("50% 预测区间") && inspector.texts.contains("95% 预测区间"))
    #expect(inspector.texts.contains { $0.hasPrefix("规划目标") })
    #expect(svg.contains(ChartStyle.target))
    #expect(inspector.texts.contains("1,385"))
    let plain = FanChart.svg(Self.fan(target: false))
    #expect(!plain.contains(ChartStyle.target))
  }

  @Test func markupInLabelsIsEscaped() throws {
    var data = Self.fan(target: false)
    data.title = "R&D <share> \"x\""
    let inspector = try SVGInspector.parse(FanChart.svg(data))
    #expect(inspector.texts.contains("R&D <share> \"x\""))
  }

  @Test func tornadoSortsBarsBySwing() throws {
    let data = TornadoChartData(
      title: "T01", valueTitle: "probability", baseline: 0.6, baselineLabel: "baseline",
      lowLabel: "low", highLabel: "high",
      bars: [
        .init(label: "small", low: 0.55, high: 0.65),
        .init(label: "large", low: 0.2, high: 0.9, lowSetting: "5%", highSetting: "9%"),
        .init(label: "medium", low: 0.4, high: 0.7),
      ])
    let svg = TornadoChart.svg(data)
    let inspector = try SVGInspector.parse(svg)
    let order = ["large", "medium", "small"].compactMap { label in
      inspector.texts.firstIndex(of: label)
    }
    #expect(order.count == 3 && order == order.sorted())
    #expect(inspector.texts.contains("9%"))
    #expect(svg.contains(TornadoChart.lowColor) && svg.contains(TornadoChart.highColor))
  }

  /// A factor that moves nothing says "no effect" once instead of printing both settings on
  /// top of each other at the baseline; a bar that reaches the plot's edge carries its setting
  /// inside, in white, clear of the factor names.
  @Test func tornadoLabelsNeverOverprint() throws {
    let data = TornadoChartData(
      title: "T07", valueTitle: "probability", baseline: 0.7, baselineLabel: "scenario",
      lowLabel: "low", highLabel: "high", noEffectLabel: "无影响",
      bars: [
        .init(label: "energy", low: 0.9, high: 0.5, lowSetting: "-1.5", highSetting: "1"),
        .init(label: "deflator", low: 0.7, high: 0.7, lowSetting: "-2", highSetting: "2"),
      ])
    let svg = TornadoChart.svg(data)
    let inspector = try SVGInspector.parse(svg)
    #expect(inspector.texts.filter { $0 == "无影响" }.count == 1)
    #expect(!inspector.texts.contains("-2") && !inspector.texts.contains("2"))
    #expect(inspector.texts.contains("-1.5") && inspector.texts.contains("1"))
    // The high bar ends at the axis minimum (0.5): its label is inside it, in white.
    #expect(svg.contains("fill=\"#ffffff\"") && svg.contains(">1</text>"))
  }

  @Test func heatMapColoursCellsAndSkipsMissingOnes() throws {
    #expect(HeatMap.color(0) == "#ffffd9" && HeatMap.color(1) == "#081d58")
    #expect(HeatMap.color(-3) == HeatMap.color(0) && HeatMap.color(.nan) == HeatMap.color(0))
    let data = HeatMapData(
      title: "P(T01)", xTitle: "GDP growth (%)", yTitle: "deflator (%)",
      xLabels: ["5", "6", "7"], yLabels: ["1", "2"],
      values: [[0.1, 0.5, nil], [0.4, 0.8, 1.0]], valueTitle: "probability", domain: 0...1,
      decimals: 0, percent: true)
    let svg = HeatMap.svg(data)
    let inspector = try SVGInspector.parse(svg)
    #expect(inspector.texts.contains("80%") && inspector.texts.contains("100%"))
    #expect(inspector.fills.contains(HeatMap.color(0.8)))
    #expect(inspector.fills.contains("#f5f7fa"))
  }

  @Test func attainmentBarsAreColouredByStatus() throws {
    #expect(AttainmentBand.classify(0.8) == .onTrack)
    #expect(AttainmentBand.classify(0.79) == .atRisk)
    #expect(AttainmentBand.classify(0.49) == .offTrack)
    let data = AttainmentDashboardData(
      title: "Attainment",
      items: [
        .init(label: "T01 GDP", probability: 0.92, status: .onTrack),
        .init(label: "T02 growth", probability: 0.6, status: .atRisk, detail: "proxy"),
        .init(label: "T03 urban", probability: 0.1, status: .offTrack),
      ], language: .en)
    let svg = AttainmentDashboard.svg(data)
    let inspector = try SVGInspector.parse(svg)
    for color in [ChartStyle.onTrack, ChartStyle.atRisk, ChartStyle.offTrack] {
      #expect(inspector.fills.filter { $0 == color }.count == 2, "bar and legend in \(color)")
    }
    #expect(inspector.texts.contains("92%") && inspector.texts.contains("60%  proxy"))
  }

  @Test func backtestChartDrawsAPathPerOrigin() throws {
    let data = BacktestChartData(
      title: "CZT · GDP", valueTitle: "100m yuan",
      actual: (2010...2020).map { YearValue(year: $0, value: Double($0 - 2000) * 100) },
      paths: [2014, 2016].map { origin in
        .init(
          origin: origin,
          points: (1...2).map {
            .init(year: origin + $0, mean: Double(origin + $0 - 2000) * 95, lo80: nil, hi80: nil)
          })
      }, language: .en)
    let inspector = try SVGInspector.parse(BacktestChart.svg(data))
    #expect(inspector.counts["polyline"] == 3)
    #expect(inspector.texts.contains("forecast from origin (2014–2016), bars: 80% interval"))
    #expect(inspector.texts.contains("2014") && inspector.texts.contains("2016"))
  }

  /// Outturn and forecast lines break at missing years (2017–2018 unpublished): no line is
  /// drawn across the gap, the points on both sides are.
  @Test func backtestChartBreaksLinesAtMissingYears() throws {
    let years = Array(2010...2016) + [2019, 2020]
    let data = BacktestChartData(
      title: "CZT · growth", valueTitle: "%",
      actual: years.map { YearValue(year: $0, value: 10 - Double($0 - 2010) * 0.5) },
      paths: [
        .init(
          origin: 2016,
          points: [2019, 2020].map { .init(year: $0, mean: 6, lo80: 4, hi80: 8) })
      ], language: .zh)
    let inspector = try SVGInspector.parse(BacktestChart.svg(data))
    // Outturn: 2010–2016 and 2019–2020; the forecast: 2019–2020 (2016 alone is no line).
    #expect(inspector.counts["polyline"] == 3)
    #expect(inspector.texts.contains("各起点的预测(2016),竖线为80%区间"))
  }
}
