import Foundation

/// Fonts, colours and sizes shared by every chart.
public enum ChartStyle {
  /// Fonts that exist on Debian (Noto CJK, WenQuanYi), Windows and macOS, then any sans-serif:
  /// Chinese labels render wherever the SVG is opened.
  public static let fontFamily =
    "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", "
    + "\"Microsoft YaHei\", \"PingFang SC\", sans-serif"
  public static let text = "#1f2933"
  public static let mutedText = "#52606d"
  public static let grid = "#e4e7eb"
  public static let axis = "#7b8794"
  public static let history = "#1f2933"
  public static let forecast = "#1f5fa8"
  public static let target = "#c62828"
  /// Green, amber and red of attainment status.
  public static let onTrack = "#2e7d32"
  public static let atRisk = "#f59e0b"
  public static let offTrack = "#c62828"
  /// Distinct series colours (Tableau 10).
  public static let palette = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
  ]
  public static let titleSize = 15.0
  public static let labelSize = 11.0
}

/// An SVG document built element by element. Coordinates are in user units (pixels at 100%).
public struct SVGCanvas: Sendable {
  public let width: Double
  public let height: Double
  private var elements: [String] = []

  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// Text anchors.
  public enum Anchor: String, Sendable { case start, middle, end }

  public mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double = 1,
    stroke: String? = nil, title: String? = nil
  ) {
    let strokeText = stroke.map { " stroke=\"\($0)\" stroke-width=\"1\"" } ?? ""
    let opacityText = opacity < 1 ? " fill-opacity=\"\(Self.n(opacity))\"" : ""
    let body = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
    elements.append(
      "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\" fill=\"\(fill)\"\(opacityText)\(strokeText)"
        + (body.isEmpty ? "/>" : ">\(body)</rect>"))
  }

  public mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
    dash: String? = nil, opacity: Double = 1
  ) {
    let dashText =
      (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
      + (opacity < 1 ? " stroke-opacity=\"\(Self.n(opacity))\"" : "")
    elements.append(
      "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(dashText)/>"
    )
  }

  public mutating func polyline(
    _ points: [(Double, Double)], stroke: String, width: Double = 1.5, dash: String? = nil
  ) {
    guard points.count > 1 else { return }
    let dashText = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    elements.append(
      "<polyline points=\"\(Self.points(points))\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\"\(dashText)/>"
    )
  }

  public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double) {
    guard points.count > 2 else { return }
    elements.append(
      "<polygon points=\"\(Self.points(points))\" fill=\"\(fill)\" fill-opacity=\"\(Self.n(opacity))\" stroke=\"none\"/>"
    )
  }

  public mutating func circle(
    cx: Double, cy: Double, r: Double, fill: String, title: String? = nil
  ) {
    let body = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
    elements.append(
      "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\""
        + (body.isEmpty ? "/>" : ">\(body)</circle>"))
  }

  /// A chart's title and, below it, its subtitle in muted text, at the top left; returns the
  /// height they take (where the plot can start).
  @discardableResult
  public mutating func heading(_ title: String, subtitle: String?) -> Double {
    text(title, x: 16, y: 22, size: ChartStyle.titleSize, bold: true)
    guard let subtitle else { return 30 }
    text(subtitle, x: 16, y: 40, fill: ChartStyle.mutedText)
    return 46
  }

  public mutating func text(
    _ string: String, x: Double, y: Double, size: Double = ChartStyle.labelSize,
    anchor: Anchor = .start, fill: String = ChartStyle.text, bold: Bool = false,
    rotate: Double? = nil
  ) {
    let weight = bold ? " font-weight=\"600\"" : ""
    let transform =
      rotate.map { " transform=\"rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))\"" } ?? ""
    elements.append(
      "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\"\(weight)\(transform)>\(Self.escape(string))</text>"
    )
  }

  /// The document, with an accessible title (`<title>`) and optional description.
  public func render(title: String, description: String? = nil) -> String {
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" role=\"img\" font-family=\"\(Self.escape(ChartStyle.fontFamily))\">"
    out += "<title>\(Self.escape(title))</title>"
    if let description { out += "<desc>\(Self.escape(description))</desc>" }
    out +=
      "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>"
    out += elements.joined()
    return out + "</svg>"
  }

  /// Estimated width of `text` at `size`: wide (CJK) characters take one em, others about half.
  public static func textWidth(_ text: String, size: Double = ChartStyle.labelSize) -> Double {
    Double(DisplayWidth.of(text)) * size * 0.56
  }

  /// A coordinate with at most two decimals.
  static func n(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let rounded = (x * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  static func points(_ points: [(Double, Double)]) -> String {
    points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
  }

  /// Text and attribute values with XML markup escaped.
  public static func escape(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default:
        if scalar.value >= 0x20 || scalar == "\t" || scalar == "\n" {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
