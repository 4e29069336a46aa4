import Foundation
import PlanCastPlan

/// A value in a year.
public struct YearValue: Sendable, Equatable {
  public let year: Int
  public let value: Double

  public init(year: Int, value: Double) {
    self.year = year
    self.value = value
  }
}

/// The data of a fan chart: the history, the median forecast, central prediction bands at any
/// levels (50/80/95%), and the plan target when there is one.
public struct FanChartData: Sendable {
  /// A central prediction band: `level` (0.8 for 80%) and its bounds per forecast year.
  public struct Band: Sendable {
    public let level: Double
    public let lower: [Double]
    public let upper: [Double]

    public init(level: Double, lower: [Double], upper: [Double]) {
      self.level = level
      self.lower = lower
      self.upper = upper
    }
  }

  /// A target line at `value` with a marker at `year`.
  public struct TargetLine: Sendable {
    public let value: Double
    public let year: Int
    public let label: String

    public init(value: Double, year: Int, label: String) {
      self.value = value
      self.year = year
      self.label = label
    }
  }

  /// Legend words in the chart's language.
  public struct Labels: Sendable {
    public var history: String
    public var median: String
    public var band: @Sendable (Double) -> String
    public var target: String
    public var year: String
    public var outturn: String

    public static func standard(_ language: Language) -> Labels {
      language == .zh
        ? Labels(
          history: "历史值", median: "预测中位数", band: { "\(Int(($0 * 100).rounded()))% 预测区间" },
          target: "规划目标", year: "年份", outturn: "实际值")
        : Labels(
          history: "history", median: "median forecast",
          band: { "\(Int(($0 * 100).rounded()))% interval" }, target: "plan target", year: "year",
          outturn: "outturn")
    }
  }

  public var title: String
  public var subtitle: String?
  /// The y-axis title, with the unit, e.g. "GDP (100 million yuan)".
  public var valueTitle: String
  public var history: [YearValue]
  public var forecastYears: [Int]
  public var median: [Double]
  /// Bands in any order; drawn widest first.
  public var bands: [Band]
  public var target: TargetLine?
  /// Values observed after the forecast was made, drawn as dots (a vintage backtest).
  public var outturns: [YearValue] = []
  public var labels: Labels

  public init(
    title: String, subtitle: String? = nil, valueTitle: String, history: [YearValue],
    forecastYears: [Int], median: [Double], bands: [Band], target: TargetLine? = nil,
    labels: Labels
  ) {
    self.title = title
    self.subtitle = subtitle
    self.valueTitle = valueTitle
    self.history = history
    self.forecastYears = forecastYears
    self.median = median
    self.bands = bands
    self.target = target
    self.labels = labels
  }
}

/// Draws a fan chart: history as a solid line, the median dashed, the bands as shaded areas
/// that open from the last observation, the target as a red dashed line with a marker at its
/// year.
public enum FanChart {
  /// `points` split into runs of consecutive years (in order).
  static func consecutiveRuns(_ points: [YearValue]) -> [[YearValue]] {
    var runs: [[YearValue]] = []
    for point in points {
      if let last = runs.last?.last, point.year == last.year + 1 {
        runs[runs.count - 1].append(point)
      } else {
        runs.append([point])
      }
    }
    return runs
  }

  public static func svg(_ data: FanChartData, width: Double = 640, height: Double = 360)
    -> String
  {
    var canvas = SVGCanvas(width: width, height: height)
    var top = canvas.heading(data.title, subtitle: data.subtitle)
    let bands = data.bands.sorted { $0.level > $1.level }
    var entries = [
      Legend.Entry(data.labels.history, .line(color: ChartStyle.history, dashed: false))
    ]
    if !data.median.isEmpty {
      entries.append(.init(data.labels.median, .line(color: ChartStyle.forecast, dashed: true)))
    }
    for band in bands {
      entries.append(
        .init(
          data.labels.band(band.level),
          .box(color: ChartStyle.forecast, opacity: opacity(band.level, of: bands))))
    }
    if let target = data.target {
      entries.append(
        .init(
          "\(data.labels.target): \(target.label)", .line(color: ChartStyle.target, dashed: true)))
    }
    if !data.outturns.isEmpty {
      entries.append(.init(data.labels.outturn, .dot(color: ChartStyle.target)))
    }
    let legend = Legend(entries)
    legend.draw(&canvas, x: 16, y: top, width: width - 32)
    top += legend.height(width: width - 32) + 10

    var values = data.history.map(\.value) + data.median
    for band in bands { values += band.lower + band.upper }
    if let target = data.target { values.append(target.value) }
    values += data.outturns.map(\.value)
    let years =
      data.history.map(\.year) + data.forecastYears + (data.target.map { [$0.year] } ?? [])
      + data.outturns.map(\.year)
    let (area, x, y) = Axes.overYears(
      &canvas, values: values, years: years, top: top, valueTitle: data.valueTitle)

    let anchor = data.history.last
    for band in bands {
      var upper = zip(data.forecastYears, band.upper).map { (x(Double($0.0)), y($0.1)) }
      var lower = zip(data.forecastYears, band.lower).map { (x(Double($0.0)), y($0.1)) }
      if let anchor {
        upper.insert((x(Double(anchor.year)), y(anchor.value)), at: 0)
        lower.insert((x(Double(anchor.year)), y(anchor.value)), at: 0)
      }
      canvas.polygon(
        upper + lower.reversed(), fill: ChartStyle.forecast, opacity: opacity(band.level, of: bands)
      )
    }
    if let target = data.target {
      let ty = y(target.value)
      let tx = x(Double(target.year))
      canvas.line(
        x1: area.left, y1: ty, x2: area.right, y2: ty, stroke: ChartStyle.target, width: 1.5,
        dash: "6 4")
      canvas.line(
        x1: tx, y1: area.top, x2: tx, y2: area.bottom, stroke: ChartStyle.target, width: 1,
        dash: "2 3")
      canvas.circle(
        cx: tx, cy: ty, r: 4.5, fill: ChartStyle.target,
        title: "\(data.labels.target) \(target.year): \(target.label)")
    }
    // The history line is broken where years are missing: a line across a gap would draw
    // values nobody observed.
    for run in FanChart.consecutiveRuns(data.history) {
      canvas.polyline(
        run.map { (x(Double($0.year)), y($0.value)) }, stroke: ChartStyle.history, width: 2)
    }
    for point in data.history {
      canvas.circle(
        cx: x(Double(point.year)), cy: y(point.value), r: 2.2, fill: ChartStyle.history,
        title: "\(point.year): \(NumberLabel.compact(point.value))")
    }
    var medianPoints = zip(data.forecastYears, data.median).map { (x(Double($0.0)), y($0.1)) }
    if let anchor { medianPoints.insert((x(Double(anchor.year)), y(anchor.value)), at: 0) }
    canvas.polyline(medianPoints, stroke: ChartStyle.forecast, width: 2, dash: "6 3")
    if let lastYear = data.forecastYears.last, let lastMedian = data.median.last {
      // Beside the end on the side the dashed line does not come from: below it when the
      // line falls into its end (on screen: arrives from above), above it otherwise.
      let end = y(lastMedian)
      let arrivesFromAbove = medianPoints.count > 1 && medianPoints[medianPoints.count - 2].1 < end
      canvas.text(
        NumberLabel.compact(lastMedian), x: min(x(Double(lastYear)) + 4, width - 4),
        y: arrivesFromAbove ? end + 16 : end - 6,
        anchor: .end, fill: ChartStyle.forecast, bold: true)
    }
    for point in data.outturns {
      canvas.circle(
        cx: x(Double(point.year)), cy: y(point.value), r: 4, fill: ChartStyle.target,
        title: "\(data.labels.outturn) \(point.year): \(NumberLabel.compact(point.value))")
    }
    return canvas.render(title: data.title, description: data.subtitle)
  }

  /// Narrower bands are darker, so overlapping shades read as nested.
  static func opacity(_ level: Double, of bands: [FanChartData.Band]) -> Double {
    let index = bands.firstIndex { $0.level == level } ?? 0
    return 0.14 + 0.12 * Double(index)
  }
}
