import Foundation

/// The data of a two-way heat map (a grid sweep over two inputs): one value per cell, `nil`
/// where there is none.
public struct HeatMapData: Sendable {
  public var title: String
  public var subtitle: String?
  /// Input names with units, e.g. "real GDP growth (%)".
  public var xTitle: String
  public var yTitle: String
  public var xLabels: [String]
  public var yLabels: [String]
  /// `values[row][column]`: row ↔ `yLabels`, column ↔ `xLabels`.
  public var values: [[Double?]]
  /// What the colour means, with the unit, e.g. "probability of meeting T01".
  public var valueTitle: String
  /// The colour scale's range (`nil`: the data's range); 0...1 for probabilities.
  public var domain: ClosedRange<Double>?
  /// Decimals of the cell labels.
  public var decimals: Int
  /// Show values as percentages (× 100, "%").
  public var percent: Bool

  public init(
    title: String, subtitle: String? = nil, xTitle: String, yTitle: String, xLabels: [String],
    yLabels: [String], values: [[Double?]], valueTitle: String,
    domain: ClosedRange<Double>? = nil, decimals: Int = 2, percent: Bool = false
  ) {
    self.title = title
    self.subtitle = subtitle
    self.xTitle = xTitle
    self.yTitle = yTitle
    self.xLabels = xLabels
    self.yLabels = yLabels
    self.values = values
    self.valueTitle = valueTitle
    self.domain = domain
    self.decimals = decimals
    self.percent = percent
  }
}

/// Draws a heat map with a sequential colour scale (light yellow → green → dark blue, after
/// ColorBrewer YlGnBu), the value in each cell and a colour bar.
public enum HeatMap {
  static let stops: [(Double, (Double, Double, Double))] = [
    (0, (255, 255, 217)), (0.25, (199, 233, 180)), (0.5, (65, 182, 196)),
    (0.75, (34, 94, 168)), (1, (8, 29, 88)),
  ]

  /// The colour of `t` in 0...1.
  public static func color(_ t: Double) -> String {
    let t = min(1, max(0, t.isFinite ? t : 0))
    var k = 0
    while k < stops.count - 2 && t > stops[k + 1].0 { k += 1 }
    let (t0, c0) = stops[k]
    let (t1, c1) = stops[k + 1]
    let f = (t - t0) / (t1 - t0)
    func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * f).rounded()) }
    return String(format: "#%02x%02x%02x", mix(c0.0, c1.0), mix(c0.1, c1.1), mix(c0.2, c1.2))
  }

  public static func svg(_ data: HeatMapData, width: Double = 640) -> String {
    let finite = data.values.flatMap { $0 }.compactMap { $0 }.filter(\.isFinite)
    let domain =
      data.domain ?? ((finite.min() ?? 0)...(max(finite.max() ?? 1, (finite.min() ?? 0) + 1e-12)))
    func normalised(_ v: Double) -> Double {
      (v - domain.lowerBound) / max(domain.upperBound - domain.lowerBound, 1e-300)
    }
    func label(_ v: Double) -> String {
      data.percent
        ? NumberLabel.format(v * 100, decimals: data.decimals) + "%"
        : NumberLabel.format(v, decimals: data.decimals)
    }
    let columns = max(data.xLabels.count, 1)
    let rows = max(data.yLabels.count, 1)
    let yLabelWidth = (data.yLabels.map { SVGCanvas.textWidth($0) }.max() ?? 20) + 10
    let top = data.subtitle == nil ? 36.0 : 52.0
    let left = 40 + yLabelWidth
    let right = width - 90
    let cellWidth = (right - left) / Double(columns)
    let cellHeight = min(36, max(18, cellWidth * 0.6))
    let bottom = top + cellHeight * Double(rows)
    let height = bottom + 50
    var canvas = SVGCanvas(width: width, height: height)
    canvas.heading(data.title, subtitle: data.subtitle)
    for (r, row) in data.values.prefix(rows).enumerated() {
      let y = top + Double(r) * cellHeight
      for (c, value) in row.prefix(columns).enumerated() {
        let x = left + Double(c) * cellWidth
        guard let value, value.isFinite else {
          canvas.rect(
            x: x, y: y, width: cellWidth, height: cellHeight, fill: "#f5f7fa", stroke: "#ffffff")
          continue
        }
        let t = normalised(value)
        let tip =
          "\(data.yTitle) \(data.yLabels[safe: r] ?? ""), \(data.xTitle) \(data.xLabels[safe: c] ?? ""): \(label(value))"
        canvas.rect(
          x: x, y: y, width: cellWidth, height: cellHeight, fill: color(t), stroke: "#ffffff",
          title: tip)
        if cellWidth >= 30 {
          canvas.text(
            label(value), x: x + cellWidth / 2, y: y + cellHeight / 2 + 4, size: 10,
            anchor: .middle, fill: t > 0.55 ? "#ffffff" : ChartStyle.text)
        }
      }
    }
    for (r, text) in data.yLabels.enumerated() {
      canvas.text(
        text, x: left - 6, y: top + (Double(r) + 0.5) * cellHeight + 4, anchor: .end,
        fill: ChartStyle.mutedText)
    }
    let every = max(1, Int((60 / cellWidth).rounded(.up)))
    for (c, text) in data.xLabels.enumerated() where c % every == 0 {
      canvas.text(
        text, x: left + (Double(c) + 0.5) * cellWidth, y: bottom + 16, anchor: .middle,
        fill: ChartStyle.mutedText)
    }
    canvas.text(data.xTitle, x: (left + right) / 2, y: bottom + 36, anchor: .middle)
    canvas.text(data.yTitle, x: 24, y: (top + bottom) / 2, anchor: .middle, rotate: -90)
    // Colour bar.
    let barX = right + 20
    let steps = 20
    let barHeight = bottom - top
    for k in 0..<steps {
      let t = 1 - (Double(k) + 0.5) / Double(steps)
      canvas.rect(
        x: barX, y: top + Double(k) * barHeight / Double(steps), width: 14,
        height: barHeight / Double(steps) + 0.5, fill: color(t))
    }
    canvas.text(
      label(domain.upperBound), x: barX + 18, y: top + 8, size: 10, fill: ChartStyle.mutedText)
    canvas.text(
      label(domain.lowerBound), x: barX + 18, y: bottom, size: 10, fill: ChartStyle.mutedText)
    canvas.text(
      data.valueTitle, x: barX + 7, y: bottom + 16, size: 10, anchor: .middle,
      fill: ChartStyle.mutedText)
    return canvas.render(title: data.title, description: data.subtitle)
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
