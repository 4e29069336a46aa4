import Testing

@testable import PlanCastReports

/// The reliability diagram: well-formed SVG with a panel per event, a dot per non-empty bin and
/// the diagonal.
@Suite struct ReliabilityDiagramTests {
  @Test func panelsDotsAndDiagonal() throws {
    let points: [ReliabilityDiagramData.Point] = [
      .init(forecast: 0.05, observed: 0.1, count: 40),
      .init(forecast: 0.55, observed: 0.5, count: 9),
      .init(forecast: 0.92, observed: 0.8, count: 0),
    ]
    let data = ReliabilityDiagramData(
      title: "Reliability", subtitle: "test & check",
      panels: [
        .init(title: "growth ≥ own", curves: [.init(label: "damped", points: points)]),
        .init(
          title: "growth ≥ 7%",
          curves: [
            .init(label: "damped", points: Array(points.prefix(1))),
            .init(label: "auto", points: Array(points.prefix(2))),
          ]),
      ])
    let svg = ReliabilityDiagram.svg(data)
    let inspector = try SVGInspector.parse(svg)
    // Dots: 2 (the empty bin is left out) + 1 + 2; no legend dots (line swatches).
    #expect(inspector.counts["circle"] == 5)
    #expect(inspector.texts.contains("growth ≥ own") && inspector.texts.contains("growth ≥ 7%"))
    #expect(inspector.texts.filter { $0 == "observed frequency" }.count == 2)
    // Counts labelled on the first method's dots.
    #expect(inspector.texts.contains("40") && inspector.texts.contains("9"))
    #expect(svg.contains("stroke-dasharray=\"4 3\""))
    #expect(svg.contains("test &amp; check"))
  }
}
