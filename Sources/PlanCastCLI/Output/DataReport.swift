import PlanCastPlan

/// Tables and JSON for `plancast data`.
struct DataReport {
  let model: PlanModel
  let language: Language

  private var zh: Bool { language == .zh }

  private func areaName(_ id: String) -> String { model.data.areaName(id, language) }

  private func indicatorName(_ id: String) -> String { model.data.indicatorName(id, language) }

  /// A computed series' rule in the chosen language (from the indicator's aggregation).
  private func ruleText(_ rule: String, indicator: String) -> String {
    guard zh, let aggregation = model.data.catalog[indicator]?.aggregation,
      aggregation.summary == rule
    else { return rule }
    return aggregation.summary(language, name: indicatorName)
  }

  private func originText(_ origin: SeriesOrigin, indicator: String) -> String {
    switch origin {
    case .observed: return zh ? "观测" : "observed"
    case .computed(let rule):
      return (zh ? "计算: " : "computed: ") + ruleText(rule, indicator: indicator)
    case .published: return zh ? "公布的区域数" : "published regional figure"
    case .proxy: return zh ? "代理" : "proxy"
    }
  }

  func coverageTable() -> (Table, [String]) {
    var table = Table(
      headers: zh
        ? ["指标", "代码", "地区", "来源", "个数", "年份"]
        : ["indicator", "code", "area", "origin", "n", "years"],
      alignments: [.left, .left, .left, .left, .right, .left])
    var notes: [String] = []
    for entry in model.data.coverage() {
      var origin = originText(entry.origin, indicator: entry.indicator)
      if let english = entry.origin.proxyNote {
        let note =
          model.data.proxyNote(region: entry.area, indicator: entry.indicator, language) ?? english
        if !notes.contains(note) { notes.append(note) }
        origin += " [\(notes.firstIndex(of: note)! + 1)]"
      }
      table.append([
        indicatorName(entry.indicator), entry.indicator, areaName(entry.area), origin,
        String(entry.years.count),
        YearRanges.describe(entry.years),
      ])
    }
    return (table, notes.enumerated().map { "[\($0.offset + 1)] \($0.element)" })
  }

  func coverageJSON() -> JSONValue {
    .array(
      model.data.coverage().map { entry in
        .object([
          ("indicator", .string(entry.indicator)), ("area", .string(entry.area)),
          ("origin", .string(originText(entry.origin, indicator: entry.indicator))),
          ("proxy", .optional(entry.origin.proxyNote)),
          ("years", .array(entry.years.map(JSONValue.int))),
        ])
      })
  }

  func seriesTitle(_ s: IndicatorSeries) -> String {
    let indicator = model.data.catalog[s.indicator]
    let unit = model.config.units[s.unit]?.name(language) ?? s.unit
    var title =
      "\(model.config.area(s.area)?.name(language) ?? s.area) · \(indicator?.name(language) ?? s.indicator) (\(unit)) — \(originText(s.origin, indicator: s.indicator))"
    if let note = s.origin.proxyNote { title += "\n" + note }
    return title
  }

  private func cells(_ p: SeriesPoint, indicator: String) -> [String] {
    switch p.provenance {
    case .observed(let o):
      return [o.vintage, o.source, o.note]
    case .computed(let rule, let inputs):
      let areas = Array(Set(inputs.map(\.area))).sorted().map(areaName)
      return zh
        ? [
          ruleText(rule, indicator: indicator),
          "\(areas.joined(separator: "、"))(\(inputs.count)个值)", "",
        ]
        : [rule, "\(areas.joined(separator: ", ")) (\(inputs.count) values)", ""]
    case .proxy(let area, _, let o):
      return [(zh ? "代理: " : "proxy: ") + "\(areaName(area)), \(o.vintage)", o.source, o.note]
    }
  }

  func seriesTable(_ s: IndicatorSeries) -> Table {
    var table = Table(
      headers: zh
        ? ["年份", "数值", "口径/规则", "来源", "说明"]
        : ["year", "value", "vintage / rule", "source", "note"],
      alignments: [.right, .right, .left, .left, .left])
    for p in s.points {
      table.append(
        [String(p.year), NumberText.trimmed(p.value)] + cells(p, indicator: s.indicator))
    }
    return table
  }

  func seriesJSON(_ s: IndicatorSeries) -> JSONValue {
    .object([
      ("area", .string(s.area)), ("indicator", .string(s.indicator)), ("unit", .string(s.unit)),
      ("origin", .string(originText(s.origin, indicator: s.indicator))),
      ("proxy", .optional(s.origin.proxyNote)),
      (
        "points",
        .array(
          s.points.map { p in
            let c = cells(p, indicator: s.indicator)
            return .object([
              ("year", .int(p.year)), ("value", .double(p.value)),
              ("vintage_or_rule", .string(c[0])),
              ("source", .string(c[1])), ("note", .string(c[2])),
            ])
          })
      ),
    ])
  }
}
