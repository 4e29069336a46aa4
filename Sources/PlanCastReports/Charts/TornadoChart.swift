/// The data of a tornado chart: how far the output moves from its baseline when each input is
/// set to its low and its high value, one bar per input.
public struct TornadoChartData: Sendable {
  public struct Bar: Sendable {
    public let label: String
    /// The output with the input at its low and at its high setting.
    public let low: Double
    public let high: Double
    /// How the settings read, e.g. "6.0%" and "8.0%" (optional).
    public let lowSetting: String?
    public let highSetting: String?

    public init(
      label: String, low: Double, high: Double, lowSetting: String? = nil,
      highSetting: String? = nil
    ) {
      self.label = label
      self.low = low
      self.high = high
      self.lowSetting = lowSetting
      self.highSetting = highSetting
    }

    /// The swing: how far apart the two outputs are.
    public var swing: Double { abs(high - low) }
  }

  public var title: String
  public var subtitle: String?
  /// The x-axis title, with the unit (e.g. "probability of meeting T01").
  public var valueTitle: String
  public var baseline: Double
  public var baselineLabel: String
  public var lowLabel: String
  public var highLabel: String
  /// Written beside a factor whose two settings leave the output where it was.
  public var noEffectLabel: String
  public var bars: [Bar]

  public init(
    title: String, subtitle: String? = nil, valueTitle: String, baseline: Double,
    baselineLabel: String, lowLabel: String, highLabel: String, noEffectLabel: String = "no effect",
    bars: [Bar]
  ) {
    self.noEffectLabel = noEffectLabel
    self.title = title
    self.subtitle = subtitle
    self.valueTitle = valueTitle
    self.baseline = baseline
    self.baselineLabel = baselineLabel
    self.lowLabel = lowLabel
    self.highLabel = highLabel
    self.bars = bars
  }
}

/// Draws a tornado chart: bars sorted by swing, widest on top, each split at the baseline into
/// the low-setting part (blue) and the high-setting part (orange).
public enum TornadoChart {
  public static let lowColor = ChartStyle.palette[0]
  public static let highColor = ChartStyle.palette[1]

  public static func svg(_ data: TornadoChartData, width: Double = 640) -> String {
    let bars = data.bars.sorted { $0.swing > $1.swing }
    let rowHeight = 26.0
    let labelWidth = min(
      width * 0.4, (bars.map { SVGCanvas.textWidth($0.label) }.max() ?? 40) + 12)
    let legend = Legend([
      .init(data.lowLabel, .box(color: lowColor, opacity: 1)),
      .init(data.highLabel, .box(color: highColor, opacity: 1)),
      .init(data.baselineLabel, .line(color: ChartStyle.text, dashed: false)),
    ])
    var top = data.subtitle == nil ? 32.0 : 48.0
    let legendHeight = legend.height(width: width - 32)
    let height = top + legendHeight + 10 + Double(max(bars.count, 1)) * rowHeight + 50
    var canvas = SVGCanvas(width: width, height: height)
    canvas.heading(data.title, subtitle: data.subtitle)
    legend.draw(&canvas, x: 16, y: top, width: width - 32)
    top += legendHeight + 10
    let area = PlotArea(left: 16 + labelWidth, top: top, right: width - 24, bottom: height - 44)
    let values = bars.flatMap { [$0.low, $0.high] } + [data.baseline]
    let ticks = NiceTicks(values.min() ?? 0, values.max() ?? 1, count: 6)
    let x = LinearScale(domain: ticks.lower...ticks.upper, range: area.left, area.right)
    Axes.bottom(
      &canvas, area: area, scale: x, ticks: ticks, title: data.valueTitle, label: ticks.label)
    let base = x(data.baseline)
    for (i, bar) in bars.enumerated() {
      let y = area.top + Double(i) * rowHeight + 4
      let h = rowHeight - 8
      canvas.text(bar.label, x: area.left - 8, y: y + h / 2 + 4, anchor: .end)
      // A bar narrower than a pixel is no bar: say so once rather than print both settings on
      // top of each other at the baseline.
      let lowEnd = x(bar.low)
      let highEnd = x(bar.high)
      if abs(lowEnd - base) < 1, abs(highEnd - base) < 1 {
        canvas.text(
          data.noEffectLabel, x: base + 6, y: y + h / 2 + 4, size: 10, anchor: .start,
          fill: ChartStyle.mutedText)
        continue
      }
      for (value, other, color, setting) in [
        (bar.low, highEnd, lowColor, bar.lowSetting),
        (bar.high, lowEnd, highColor, bar.highSetting),
      ] {
        let end = x(value)
        // A zero-width side labels itself on the side the other bar leaves free.
        let leftward = abs(end - base) < 1 ? other > base : end < base
        let tip = "\(bar.label): \(setting.map { $0 + " → " } ?? "")\(NumberLabel.compact(value))"
        canvas.rect(
          x: min(base, end), y: y, width: abs(end - base), height: h, fill: color, title: tip)
        if let setting {
          // Outside the bar's end, or inside it (in white) where outside would leave the plot
          // and run into the factor names or off the chart.
          let room = SVGCanvas.textWidth(setting, size: 10) + 4
          let inside = leftward ? end - room < area.left : end + room > area.right
          let outward = inside ? !leftward : leftward
          canvas.text(
            setting, x: leftward == inside ? end + 4 : end - 4, y: y + h / 2 + 4, size: 10,
            anchor: outward ? .end : .start, fill: inside ? "#ffffff" : ChartStyle.mutedText)
        }
      }
    }
    canvas.line(
      x1: base, y1: area.top - 4, x2: base, y2: area.bottom, stroke: ChartStyle.text, width: 1.5)
    return canvas.render(title: data.title, description: data.subtitle)
  }
}
