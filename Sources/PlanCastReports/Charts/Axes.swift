/// The plot area of a chart: the canvas less margins for title, legend and axes.
public struct PlotArea: Sendable {
  public let left: Double
  public let top: Double
  public let right: Double
  public let bottom: Double

  public init(left: Double, top: Double, right: Double, bottom: Double) {
    self.left = left
    self.top = top
    self.right = right
    self.bottom = bottom
  }

  public var width: Double { right - left }
  public var height: Double { bottom - top }
}

/// Axis drawing: a value axis with grid lines on the left, a year or category axis below.
public enum Axes {
  /// A left value axis: grid lines at every tick, labels, and the title (with the unit) turned
  /// up the side.
  public static func left(
    _ canvas: inout SVGCanvas, area: PlotArea, scale: LinearScale, ticks: NiceTicks,
    title: String
  ) {
    for value in ticks.values {
      let y = scale(value)
      canvas.line(x1: area.left, y1: y, x2: area.right, y2: y, stroke: ChartStyle.grid)
      canvas.text(
        ticks.label(value), x: area.left - 6, y: y + 4, anchor: .end, fill: ChartStyle.mutedText)
    }
    canvas.line(
      x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, stroke: ChartStyle.axis)
    let widest = ticks.values.map { SVGCanvas.textWidth(ticks.label($0)) }.max() ?? 20
    let x = area.left - widest - 16
    canvas.text(
      title, x: x, y: (area.top + area.bottom) / 2, anchor: .middle, fill: ChartStyle.text,
      rotate: -90)
  }

  /// The frame of a chart of values over years, below `top`: a value axis whose ticks cover the
  /// finite `values`, a year axis over `years`, and the scales that place points in it.
  public static func overYears(
    _ canvas: inout SVGCanvas, values: [Double], years: [Int], top: Double, valueTitle: String
  ) -> (area: PlotArea, x: LinearScale, y: LinearScale) {
    let finite = values.filter(\.isFinite)
    let ticks = NiceTicks(finite.min() ?? 0, finite.max() ?? 1, count: 6)
    let labelWidth = ticks.values.map { SVGCanvas.textWidth(ticks.label($0)) }.max() ?? 20
    let area = PlotArea(
      left: 28 + labelWidth + 14, top: top, right: canvas.width - 20, bottom: canvas.height - 42)
    let first = years.min() ?? 0
    let last = max(years.max() ?? 1, first + 1)
    let x = LinearScale(domain: Double(first)...Double(last), range: area.left, area.right)
    let y = LinearScale(domain: ticks.lower...ticks.upper, range: area.bottom, area.top)
    left(&canvas, area: area, scale: y, ticks: ticks, title: valueTitle)
    Self.years(&canvas, area: area, scale: x, first: first, last: last, title: nil)
    return (area, x, y)
  }

  /// A bottom axis of years.
  public static func years(
    _ canvas: inout SVGCanvas, area: PlotArea, scale: LinearScale, first: Int, last: Int,
    title: String?
  ) {
    canvas.line(
      x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, stroke: ChartStyle.axis)
    let maximum = max(2, Int(area.width / 48))
    for year in YearTicks.values(first, last, maximum: maximum) {
      let x = scale(Double(year))
      canvas.line(x1: x, y1: area.bottom, x2: x, y2: area.bottom + 4, stroke: ChartStyle.axis)
      canvas.text(
        String(year), x: x, y: area.bottom + 17, anchor: .middle, fill: ChartStyle.mutedText)
    }
    if let title {
      canvas.text(title, x: (area.left + area.right) / 2, y: area.bottom + 34, anchor: .middle)
    }
  }

  /// A bottom value axis with vertical grid lines (horizontal bar charts).
  public static func bottom(
    _ canvas: inout SVGCanvas, area: PlotArea, scale: LinearScale, ticks: NiceTicks,
    title: String, label: (Double) -> String
  ) {
    for value in ticks.values {
      let x = scale(value)
      canvas.line(x1: x, y1: area.top, x2: x, y2: area.bottom, stroke: ChartStyle.grid)
      canvas.text(
        label(value), x: x, y: area.bottom + 16, anchor: .middle, fill: ChartStyle.mutedText)
    }
    canvas.line(
      x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, stroke: ChartStyle.axis)
    canvas.text(title, x: (area.left + area.right) / 2, y: area.bottom + 34, anchor: .middle)
  }
}

/// A chart legend: swatches and labels in rows that wrap at the chart's width.
public struct Legend: Sendable {
  /// How an entry's swatch looks.
  public enum Swatch: Sendable, Equatable {
    case line(color: String, dashed: Bool)
    case box(color: String, opacity: Double)
    case dot(color: String)
  }

  public struct Entry: Sendable, Equatable {
    public let label: String
    public let swatch: Swatch

    public init(_ label: String, _ swatch: Swatch) {
      self.label = label
      self.swatch = swatch
    }
  }

  public let entries: [Entry]

  public init(_ entries: [Entry]) { self.entries = entries }

  static let rowHeight = 18.0

  /// The height the legend needs within `width`.
  public func height(width: Double) -> Double { Double(layout(width: width).rows) * Self.rowHeight }

  private func layout(width: Double) -> (positions: [(Double, Int)], rows: Int) {
    var x = 0.0
    var row = 0
    var positions: [(Double, Int)] = []
    for entry in entries {
      let w = 26 + SVGCanvas.textWidth(entry.label) + 16
      if x > 0 && x + w > width {
        x = 0
        row += 1
      }
      positions.append((x, row))
      x += w
    }
    return (positions, entries.isEmpty ? 0 : row + 1)
  }

  /// Draws the legend with its top-left corner at (`x`, `y`).
  public func draw(_ canvas: inout SVGCanvas, x: Double, y: Double, width: Double) {
    for (entry, position) in zip(entries, layout(width: width).positions) {
      let left = x + position.0
      let middle = y + Double(position.1) * Self.rowHeight + 9
      switch entry.swatch {
      case .line(let color, let dashed):
        canvas.line(
          x1: left, y1: middle, x2: left + 20, y2: middle, stroke: color, width: 2,
          dash: dashed ? "5 3" : nil)
      case .box(let color, let opacity):
        canvas.rect(x: left, y: middle - 6, width: 20, height: 12, fill: color, opacity: opacity)
      case .dot(let color):
        canvas.circle(cx: left + 10, cy: middle, r: 4, fill: color)
      }
      canvas.text(entry.label, x: left + 26, y: middle + 4)
    }
  }
}
