import PlanCastForecasting
import PlanCastPlan

/// The report's "what we said vs what happened" section: the accuracy of the projections made
/// with the data up to a vintage year, P(attain) then and now, and a fan chart per series as of
/// the vintage with the outturns since as dots.
public struct VintageSection: Sendable {
  public let projection: VintageProjection
  /// Baseline attainment with the vintage's data and with all data (nil: not run).
  public let then: AttainmentRun?
  public let now: AttainmentRun?
  public let model: PlanModel
  public let language: Language

  public init(
    projection: VintageProjection, then: AttainmentRun?, now: AttainmentRun?, model: PlanModel,
    language: Language
  ) {
    self.projection = projection
    self.then = then
    self.now = now
    self.model = model
    self.language = language
  }

  /// The last year of data the projections used.
  public var vintage: Int { projection.vintage }

  private func t(_ en: String, _ zh: String) -> String { language == .zh ? zh : en }

  /// The fan chart of one series as of the vintage, with its outturns.
  func chart(area: String, indicator: String) -> FanChartData? {
    let points = projection.outturns.filter { $0.area == area && $0.indicator == indicator }
    guard !points.isEmpty,
      let history = projection.histories[
        VintageProjection.key(area: area, indicator: indicator)]
    else { return nil }
    let names = ModelNames(model: model, language: language)
    let unit = names.unit(model.data.catalog[indicator]?.unit ?? "")
    let a = projection.accuracy(indicator: indicator, areas: [area])
    let error =
      model.data.catalog[indicator]?.kind == .rate
      ? "MAE \(NumberLabel.format(a.mae ?? .nan, decimals: 2))"
      : "MAPE \(NumberLabel.format(a.mape ?? .nan, decimals: 1)) %"
    let score =
      a.count == 0
      ? "" : "; \(error), " + t("inside 80%: ", "80%区间内: ") + "\(a.inside80)/\(a.count)"
    var data = FanChartData(
      title: "\(names.area(area)) · \(names.indicator(indicator))",
      subtitle: t("as of ", "截至") + "\(projection.vintage)" + score,
      valueTitle: unit,
      history: zip(history.years, history.values).map { YearValue(year: $0.0, value: $0.1) },
      forecastYears: points.map(\.year), median: points.map(\.median),
      bands: [
        .init(level: 0.95, lower: points.map(\.lo95), upper: points.map(\.hi95)),
        .init(level: 0.8, lower: points.map(\.lo80), upper: points.map(\.hi80)),
      ],
      labels: .standard(language))
    data.outturns = points.compactMap { p in p.outturn.map { YearValue(year: p.year, value: $0) } }
    return data
  }

  public func section() -> HTMLDocument.Section {
    let v = projection.vintage
    var figures: [String] = []
    var seen: Set<String> = []
    for o in projection.outturns where o.outturn != nil {
      let key = VintageProjection.key(area: o.area, indicator: o.indicator)
      guard seen.insert(key).inserted, let data = chart(area: o.area, indicator: o.indicator)
      else { continue }
      figures.append(HTMLDocument.figure(FanChart.svg(data)))
    }
    let note = t(
      "Each series projected with the data up to \(v) only (median and 80%/95% bands), against the values published since (dots). Outturns on a basis declared by a later level break (a census revision) are marked “new basis” in the table.",
      "各序列仅用截至\(v)年的数据预测(中位数及80%/95%区间),圆点为此后公布的实际值。表中“新口径”表示实际值处于此后声明的水平断点(普查修订)之后。")
    var body =
      "<p>\(HTMLDocument.escape(note))</p>"
      + HTMLDocument.table(
        VintageTables.accuracy(projection, model: model, digits: nil, language: language),
        format: { NumberLabel.format($0, decimals: 1) })
    if let then, let now {
      body +=
        "<h3>" + t("P(attain) with data to \(v) and now", "截至\(v)年与现在的实现概率") + "</h3>"
        + HTMLDocument.table(
          VintageTables.attainment(
            then: then, now: now, vintage: v, digits: nil, language: language),
          scroll: true, format: { NumberLabel.format($0, decimals: 3) })
    }
    body +=
      "<h3>" + t("Projections as of \(v) and the outturns", "截至\(v)年的预测与实际值") + "</h3>"
      + "<div class=\"charts\">" + figures.joined() + "</div>"
      + "<h3>" + t("Every outturn", "全部实际值") + "</h3>"
      + HTMLDocument.table(
        VintageTables.outturns(
          projection, digits: nil, names: ModelNames(model: model, language: language)),
        scroll: true,
        format: { NumberLabel.format($0, decimals: 2) })
    return .init(
      id: "vintage", heading: t("What we said in \(v) vs what happened", "\(v)年的预测与实际"),
      body: body)
  }
}
