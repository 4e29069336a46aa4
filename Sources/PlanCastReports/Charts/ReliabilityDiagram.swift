/// The data of a reliability diagram: for each event a panel, for each method the observed
/// frequency against the mean forecast probability of every non-empty bin.
public struct ReliabilityDiagramData: Sendable {
  /// One bin of one method: its mean forecast probability, observed frequency and count.
  public struct Point: Sendable, Equatable {
    public let forecast: Double
    public let observed: Double
    public let count: Int

    public init(forecast: Double, observed: Double, count: Int) {
      self.forecast = forecast
      self.observed = observed
      self.count = count
    }
  }

  /// One method's bins in one panel.
  public struct Curve: Sendable {
    public let label: String
    public let points: [Point]

    public init(label: String, points: [Point]) {
      self.label = label
      self.points = points
    }
  }

  /// One event.
  public struct Panel: Sendable {
    public let title: String
    public let curves: [Curve]

    public init(title: String, curves: [Curve]) {
      self.title = title
      self.curves = curves
    }
  }

  public var title: String
  public var subtitle: String?
  public var panels: [Panel]

  public init(title: String, subtitle: String? = nil, panels: [Panel]) {
    self.title = title
    self.subtitle = subtitle
    self.panels = panels
  }
}

/// Draws a reliability diagram (Murphy & Winkler 1977): one square panel per event with the
/// diagonal of perfect reliability, and per method its bins as dots joined by a line, the dot's
/// area proportional to the bin's count (the count is in the dot's tooltip and labelled on the
/// first method's dots).
public enum ReliabilityDiagram {
  public static func svg(_ data: ReliabilityDiagramData, panelSize: Double = 240) -> String {
    let gap = 64.0
    let left = 60.0
    let width = left + Double(max(1, data.panels.count)) * (panelSize + gap) - gap + 24
    let labels = data.panels.first?.curves.map(\.label) ?? []
    let colors = Dictionary(
      labels.enumerated().map { ($1, ChartStyle.palette[$0 % ChartStyle.palette.count]) },
      uniquingKeysWith: { a, _ in a })
    let legend = Legend(
      labels.map { .init($0, .line(color: colors[$0] ?? ChartStyle.forecast, dashed: false)) })
    let legendHeight = legend.height(width: width - 32)
    let top0 = data.subtitle == nil ? 30.0 : 46.0
    let height = top0 + legendHeight + 10 + 22 + panelSize + 48
    var canvas = SVGCanvas(width: width, height: height)
    var top = canvas.heading(data.title, subtitle: data.subtitle)
    legend.draw(&canvas, x: 16, y: top, width: width - 32)
    top += legendHeight + 10 + 22
    let ticks = NiceTicks(0, 1, count: 6)
    let maximum = data.panels.flatMap { $0.curves.flatMap { $0.points.map(\.count) } }.max() ?? 1
    for (p, panel) in data.panels.enumerated() {
      let x0 = left + Double(p) * (panelSize + gap)
      let area = PlotArea(left: x0, top: top, right: x0 + panelSize, bottom: top + panelSize)
      let x = LinearScale(domain: 0...1, range: area.left, area.right)
      let y = LinearScale(domain: 0...1, range: area.bottom, area.top)
      canvas.text(panel.title, x: area.left, y: top - 8, bold: true)
      Axes.left(&canvas, area: area, scale: y, ticks: ticks, title: "observed frequency")
      Axes.bottom(
        &canvas, area: area, scale: x, ticks: ticks, title: "forecast probability",
        label: ticks.label)
      canvas.line(
        x1: x(0), y1: y(0), x2: x(1), y2: y(1), stroke: ChartStyle.axis, dash: "4 3")
      for (c, curve) in panel.curves.enumerated() {
        let color = colors[curve.label] ?? ChartStyle.forecast
        let points = curve.points.filter { $0.count > 0 }
        canvas.polyline(points.map { (x($0.forecast), y($0.observed)) }, stroke: color)
        for point in points {
          let r = 2 + 6 * (Double(point.count) / Double(maximum)).squareRoot()
          canvas.circle(
            cx: x(point.forecast), cy: y(point.observed), r: r, fill: color,
            title:
              "\(curve.label): forecast \(NumberLabel.format(point.forecast, decimals: 2)), "
              + "observed \(NumberLabel.format(point.observed, decimals: 2)), n = \(point.count)")
          if c == 0 {
            canvas.text(
              String(point.count), x: x(point.forecast) + r + 2, y: y(point.observed) - r,
              size: 9, fill: ChartStyle.mutedText)
          }
        }
      }
    }
    return canvas.render(title: data.title, description: data.subtitle)
  }
}
