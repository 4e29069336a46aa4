import PlanCastPlan

/// The data of a backtest chart: the outturn, and the forecast made at each origin year (with
/// its 80% interval when known).
public struct BacktestChartData: Sendable {
  public struct Point: Sendable {
    public let year: Int
    public let mean: Double
    public let lo80: Double?
    public let hi80: Double?

    public init(year: Int, mean: Double, lo80: Double? = nil, hi80: Double? = nil) {
      self.year = year
      self.mean = mean
      self.lo80 = lo80
      self.hi80 = hi80
    }
  }

  /// The forecasts made with data up to `origin`.
  public struct Path: Sendable {
    public let origin: Int
    public let points: [Point]

    public init(origin: Int, points: [Point]) {
      self.origin = origin
      self.points = points
    }
  }

  public var title: String
  public var subtitle: String?
  public var valueTitle: String
  public var actual: [YearValue]
  public var paths: [Path]
  public var actualLabel: String
  /// Legend text for the forecasts, given the first and last origin.
  public var forecastLabel: String
  /// "origin" in the chart's language (tooltips).
  public var originWord: String

  public init(
    title: String, subtitle: String? = nil, valueTitle: String, actual: [YearValue],
    paths: [Path], language: Language
  ) {
    self.title = title
    self.subtitle = subtitle
    self.valueTitle = valueTitle
    self.actual = actual
    self.paths = paths
    let first = paths.map(\.origin).min()
    let last = paths.map(\.origin).max()
    let range = first.map { f in last.map { $0 == f ? "\(f)" : "\(f)–\($0)" } ?? "\(f)" } ?? ""
    actualLabel = language == .zh ? "实际值" : "outturn"
    forecastLabel =
      language == .zh
      ? "各起点的预测(\(range)),竖线为80%区间" : "forecast from origin (\(range)), bars: 80% interval"
    originWord = language == .zh ? "起点" : "origin"
  }
}

/// Draws the outturn as a black line with dots and each origin's forecast path in its own
/// colour, starting from the outturn at the origin; a path's 80% interval is drawn as a faint
/// whisker at each forecast year.
public enum BacktestChart {
  public static func svg(_ data: BacktestChartData, width: Double = 640, height: Double = 340)
    -> String
  {
    var canvas = SVGCanvas(width: width, height: height)
    var top = canvas.heading(data.title, subtitle: data.subtitle)
    let origins = data.paths.map(\.origin).sorted()
    func color(_ origin: Int) -> String {
      let index = origins.firstIndex(of: origin) ?? 0
      return ChartStyle.palette[index % ChartStyle.palette.count]
    }
    var entries = [Legend.Entry(data.actualLabel, .line(color: ChartStyle.history, dashed: false))]
    for origin in origins.prefix(ChartStyle.palette.count) {
      entries.append(.init(String(origin), .line(color: color(origin), dashed: false)))
    }
    let legend = Legend([.init(data.forecastLabel, .dot(color: ChartStyle.forecast))] + entries)
    legend.draw(&canvas, x: 16, y: top, width: width - 32)
    top += legend.height(width: width - 32) + 10
    var values = data.actual.map(\.value)
    for path in data.paths {
      for p in path.points { values += [p.mean] + [p.lo80, p.hi80].compactMap { $0 } }
    }
    let years = data.actual.map(\.year) + data.paths.flatMap { $0.points.map(\.year) } + origins
    let (_, x, y) = Axes.overYears(
      &canvas, values: values, years: years, top: top, valueTitle: data.valueTitle)
    // Lines break where years are missing: a line across a gap would draw values nobody
    // observed (outturns) or that were not scored (forecasts).
    for run in FanChart.consecutiveRuns(data.actual) where run.count > 1 {
      canvas.polyline(
        run.map { (x(Double($0.year)), y($0.value)) }, stroke: ChartStyle.history, width: 2)
    }
    for point in data.actual {
      canvas.circle(
        cx: x(Double(point.year)), cy: y(point.value), r: 2.5, fill: ChartStyle.history,
        title: "\(point.year): \(NumberLabel.compact(point.value))")
    }
    for path in data.paths {
      let c = color(path.origin)
      var line = path.points.map { YearValue(year: $0.year, value: $0.mean) }
      if let start = data.actual.first(where: { $0.year == path.origin }) {
        line.insert(start, at: 0)
      }
      for p in path.points {
        if let lo = p.lo80, let hi = p.hi80 {
          canvas.line(
            x1: x(Double(p.year)), y1: y(lo), x2: x(Double(p.year)), y2: y(hi), stroke: c,
            width: 1.5, opacity: 0.45)
        }
      }
      for run in FanChart.consecutiveRuns(line) where run.count > 1 {
        canvas.polyline(run.map { (x(Double($0.year)), y($0.value)) }, stroke: c, width: 1.5)
      }
      for p in path.points {
        canvas.circle(
          cx: x(Double(p.year)), cy: y(p.mean), r: 2.5, fill: c,
          title: "\(data.originWord) \(path.origin) → \(p.year): \(NumberLabel.compact(p.mean))")
      }
    }
    return canvas.render(title: data.title, description: data.subtitle)
  }
}
