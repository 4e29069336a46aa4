import PlanCastPlan

/// A self-contained HTML page: inline CSS, inline SVG, no scripts and no external requests, so
/// it can be mailed, archived and opened offline.
public struct HTMLDocument: Sendable {
  /// A section with a heading, listed in the page's contents.
  public struct Section: Sendable {
    public let id: String
    public let heading: String
    /// The section's body, already HTML.
    public let body: String

    public init(id: String, heading: String, body: String) {
      self.id = id
      self.heading = heading
      self.body = body
    }
  }

  public var title: String
  public var subtitle: String?
  public var language: Language
  public var sections: [Section]

  public init(title: String, subtitle: String? = nil, language: Language, sections: [Section]) {
    self.title = title
    self.subtitle = subtitle
    self.language = language
    self.sections = sections
  }

  static let css = """
    :root { color-scheme: light; }
    body { font-family: \(ChartStyle.fontFamily); color: #1f2933; background: #f5f7fa;
      margin: 0; line-height: 1.45; font-size: 14px; }
    main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
    h1 { font-size: 24px; margin: 0 0 4px; }
    h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #e4e7eb; }
    h3 { font-size: 15px; margin: 20px 0 8px; }
    .subtitle { color: #52606d; margin: 0 0 12px; }
    nav ol { margin: 8px 0 0; padding-left: 20px; columns: 2; }
    table { border-collapse: collapse; margin: 8px 0 16px; font-size: 12.5px; }
    th, td { border-bottom: 1px solid #e4e7eb; padding: 4px 8px; vertical-align: top; }
    th { background: #e8eef4; text-align: left; position: sticky; top: 0; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .scroll { max-height: 560px; overflow: auto; border: 1px solid #e4e7eb; }
    .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; }
    .charts figure { margin: 0; border: 1px solid #e4e7eb; border-radius: 4px; padding: 4px; }
    .charts svg { width: 100%; height: auto; display: block; }
    figcaption { font-size: 12px; color: #52606d; padding: 2px 6px 4px; }
    .status { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; white-space: nowrap; }
    .status.on-track { background: \(ChartStyle.onTrack); }
    .status.at-risk { background: \(ChartStyle.atRisk); color: #1f2933; }
    .status.off-track { background: \(ChartStyle.offTrack); }
    .status.no-data, .status.qualitative { background: #9aa5b1; }
    .caveats li { margin-bottom: 4px; }
    code, .mono { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
    """

  /// The page.
  public func render() -> String {
    let contents = sections.map {
      "<li><a href=\"#\(Self.escape($0.id))\">\(Self.escape($0.heading))</a></li>"
    }
    .joined()
    var out = """
      <!DOCTYPE html>
      <html lang="\(language == .zh ? "zh-CN" : "en")">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
      <title>\(Self.escape(title))</title>
      <style>\(Self.css)</style>
      </head>
      <body><main>
      <h1>\(Self.escape(title))</h1>

      """
    if let subtitle { out += "<p class=\"subtitle\">\(Self.escape(subtitle))</p>\n" }
    out += "<nav><ol>\(contents)</ol></nav>\n"
    for section in sections {
      out +=
        "<section id=\"\(Self.escape(section.id))\">\n<h2>\(Self.escape(section.heading))</h2>\n"
      out += section.body + "\n</section>\n"
    }
    return out + "</main></body></html>\n"
  }

  /// A table as HTML; numeric cells are right-aligned. `format` turns numbers into text.
  public static func table(
    _ table: Table, scroll: Bool = false, format: (Double) -> String = NumberLabel.compact,
    html: (Int, Int) -> String? = { _, _ in nil }
  ) -> String {
    var out = scroll ? "<div class=\"scroll\"><table>" : "<table>"
    out +=
      "<thead><tr>" + table.headers.map { "<th>\(escape($0))</th>" }.joined()
      + "</tr></thead><tbody>"
    for (r, row) in table.rows.enumerated() {
      out += "<tr>"
      for (c, cell) in row.enumerated() {
        if let custom = html(r, c) {
          out += "<td>\(custom)</td>"
          continue
        }
        switch cell {
        case .number(let x): out += "<td class=\"num\">\(escape(format(x)))</td>"
        case .integer(let i): out += "<td class=\"num\">\(i)</td>"
        case .text(let s):
          let right = c < table.alignments.count && table.alignments[c] == .right
          out +=
            (right ? "<td class=\"num\">" : "<td>")
            + escape(s).replacingOccurrences(of: "\n", with: "<br>") + "</td>"
        case .empty: out += "<td></td>"
        }
      }
      out += "</tr>"
    }
    return out + "</tbody></table>" + (scroll ? "</div>" : "")
  }

  /// A figure holding an inline SVG chart and a caption.
  public static func figure(_ svg: String, caption: String? = nil) -> String {
    "<figure>\(svg)" + (caption.map { "<figcaption>\(escape($0))</figcaption>" } ?? "")
      + "</figure>"
  }

  /// Text for HTML content and attributes.
  public static func escape(_ s: String) -> String { SVGCanvas.escape(s) }
}
