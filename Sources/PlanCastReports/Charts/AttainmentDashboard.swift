import PlanCastPlan

/// Attainment status from a probability of meeting a target.
public enum AttainmentBand: String, Sendable, CaseIterable {
  case onTrack = "on track"
  case atRisk = "at risk"
  case offTrack = "off track"

  /// The status of probability `p`: on track from `onTrack` (0.8), at risk from `atRisk` (0.5),
  /// else off track.
  public static func classify(_ p: Double, onTrack: Double = 0.8, atRisk: Double = 0.5)
    -> AttainmentBand
  {
    p >= onTrack ? .onTrack : p >= atRisk ? .atRisk : .offTrack
  }

  public var color: String {
    switch self {
    case .onTrack: ChartStyle.onTrack
    case .atRisk: ChartStyle.atRisk
    case .offTrack: ChartStyle.offTrack
    }
  }

  public func label(_ language: Language) -> String {
    switch (self, language) {
    case (_, .en): rawValue
    case (.onTrack, .zh): "进度正常"
    case (.atRisk, .zh): "有风险"
    case (.offTrack, .zh): "偏离目标"
    }
  }
}

/// The data of an attainment dashboard: per target, the probability of meeting it and its
/// status (which the attainment model decides; ``AttainmentBand/classify(_:onTrack:atRisk:)``
/// gives the default rule).
public struct AttainmentDashboardData: Sendable {
  public struct Item: Sendable {
    public let label: String
    public let probability: Double
    public let status: AttainmentBand
    /// A short note after the bar (e.g. the target, or "proxy").
    public let detail: String?

    public init(label: String, probability: Double, status: AttainmentBand, detail: String? = nil) {
      self.label = label
      self.probability = probability
      self.status = status
      self.detail = detail
    }
  }

  public var title: String
  public var subtitle: String?
  public var items: [Item]
  /// Threshold lines drawn across the bars (0.8 and 0.5 by default).
  public var thresholds: [Double]
  public var language: Language
  /// The x-axis title ("probability of meeting the target").
  public var valueTitle: String

  public init(
    title: String, subtitle: String? = nil, items: [Item], thresholds: [Double] = [0.5, 0.8],
    language: Language, valueTitle: String? = nil
  ) {
    self.title = title
    self.subtitle = subtitle
    self.items = items
    self.thresholds = thresholds
    self.language = language
    self.valueTitle =
      valueTitle ?? (language == .zh ? "实现目标的概率(%)" : "probability of meeting the target (%)")
  }
}

/// Draws the dashboard: one horizontal bar per target from 0 to 100%, coloured by status, the
/// probability printed at the bar's end, dashed lines at the thresholds, a status legend.
public enum AttainmentDashboard {
  public static func svg(_ data: AttainmentDashboardData, width: Double = 720) -> String {
    let rowHeight = 24.0
    let labelWidth = min(
      width * 0.42, (data.items.map { SVGCanvas.textWidth($0.label) }.max() ?? 40) + 12)
    let legend = Legend(
      AttainmentBand.allCases.map {
        .init($0.label(data.language), .box(color: $0.color, opacity: 1))
      })
    var top = data.subtitle == nil ? 32.0 : 48.0
    let legendHeight = legend.height(width: width - 32)
    let height = top + legendHeight + 10 + Double(max(data.items.count, 1)) * rowHeight + 50
    var canvas = SVGCanvas(width: width, height: height)
    canvas.heading(data.title, subtitle: data.subtitle)
    legend.draw(&canvas, x: 16, y: top, width: width - 32)
    top += legendHeight + 10
    let detailWidth =
      (data.items.compactMap { $0.detail.map { SVGCanvas.textWidth($0, size: 10) } }.max() ?? 0)
    let area = PlotArea(
      left: 16 + labelWidth, top: top, right: width - 24 - max(40, detailWidth + 48),
      bottom: height - 44)
    let x = LinearScale(domain: 0...1, range: area.left, area.right)
    let ticks = NiceTicks(0, 1, count: 6)
    Axes.bottom(&canvas, area: area, scale: x, ticks: ticks, title: data.valueTitle) {
      NumberLabel.format($0 * 100, decimals: 0)
    }
    for (i, item) in data.items.enumerated() {
      let y = area.top + Double(i) * rowHeight + 4
      let h = rowHeight - 8
      let p = min(1, max(0, item.probability.isFinite ? item.probability : 0))
      canvas.rect(x: area.left, y: y, width: area.width, height: h, fill: "#f0f2f5")
      canvas.rect(
        x: area.left, y: y, width: x(p) - area.left, height: h, fill: item.status.color,
        title:
          "\(item.label): \(NumberLabel.format(p * 100, decimals: 1))% (\(item.status.label(data.language)))"
      )
      var text = NumberLabel.format(p * 100, decimals: 0) + "%"
      if let detail = item.detail { text += "  " + detail }
      canvas.text(text, x: area.right + 6, y: y + h / 2 + 4, size: 10, fill: ChartStyle.text)
      canvas.text(item.label, x: area.left - 8, y: y + h / 2 + 4, anchor: .end)
    }
    for threshold in data.thresholds {
      let tx = x(threshold)
      canvas.line(
        x1: tx, y1: area.top - 2, x2: tx, y2: area.bottom, stroke: ChartStyle.text, width: 1,
        dash: "4 3")
    }
    return canvas.render(title: data.title, description: data.subtitle)
  }
}
