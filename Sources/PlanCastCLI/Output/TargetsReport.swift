import PlanCastPlan

/// Turns target evaluations into a table (with footnotes) or JSON.
struct TargetsReport {
  let model: PlanModel
  let evaluations: [TargetEvaluation]
  let language: Language

  private var zh: Bool { language == .zh }

  private func unitName(_ id: String) -> String {
    model.config.units[id]?.name(language) ?? id
  }

  private func changeText(_ x: Double?, _ e: TargetEvaluation) -> String {
    guard let x else { return "–" }
    let perYear = zh ? "/年" : "/yr"
    switch e.changeMeasure {
    case .percentPerYear: return NumberText.signed(x) + " %" + perYear
    case .unitsPerYear:
      let unit = e.target.unit == "pct" ? (zh ? "个百分点" : "pp") : unitName(e.target.unit)
      return NumberText.signed(x) + " " + unit + perYear
    }
  }

  private func targetText(_ t: Target) -> String {
    let tolerance = t.tolerance.map { " ±" + NumberText.plain($0) } ?? ""
    let unit = t.unit == "pct" ? "%" : " " + unitName(t.unit)
    let threshold = "\(t.comparator.symbol) \(NumberText.plain(t.value))\(tolerance)\(unit)"
    switch t.form {
    case .averageGrowth(let start):
      return threshold + (zh ? " 年均 \(start)–\(t.year)" : " a year \(start)–\(t.year)")
    case .changeVersusBase(let base):
      return threshold + (zh ? " 较\(base) (\(t.year))" : " vs \(base) (\(t.year))")
    case .cumulative(let start):
      return threshold + (zh ? " 累计 \(start)–\(t.year)" : " in total \(start)–\(t.year)")
    case .level, .share:
      return threshold + " (\(t.year))"
    }
  }

  private func latestText(_ e: TargetEvaluation) -> String {
    guard let v = e.latestValue, let y = e.latestYear else { return "–" }
    return "\(NumberText.fixed(v)) (\(y))"
  }

  /// How current the data are ("data to 2024; 1 year to the target").
  var dataCurrency: DataCurrency {
    DataCurrency(evaluations: evaluations, targetYear: model.config.planEnd)
  }

  /// A footnote for a proxy, or the reason or remark of a target with a value (no data, stale
  /// data, a recent change measured across a level break).
  private func footnote(_ e: TargetEvaluation) -> String? {
    if let proxy = e.proxyNote { return proxy }
    if e.latestValue != nil, let reason = e.reason(language) { return reason }
    return nil
  }

  /// The reason column of flat outputs: proxy note, else the reason or remark.
  private func remark(_ e: TargetEvaluation) -> String {
    e.proxyNote ?? e.reason ?? ""
  }

  /// The status of each row of ``table()``.
  var rowStatuses: [TargetStatus] {
    evaluations.map(\.status) + model.plan.goals.map { _ in .qualitative }
  }

  /// The table: one row per numeric target, then the qualitative goals.
  func table() -> (Table, footnotes: [String]) {
    let headers =
      zh
      ? ["编号", "指标", "地区", "目标", "最新值(年份)", "差距", "所需年均变化", "近五年年均变化", "状态"]
      : [
        "id", "target", "region", "goal", "latest (year)", "gap", "required/yr", "recent/yr",
        "status",
      ]
    var table = Table(
      headers: headers,
      alignments: [.left, .left, .left, .left, .right, .right, .right, .right, .left])
    var notes: [String] = []
    for e in evaluations {
      var status = e.status.label(language)
      if let note = footnote(e) {
        notes.append("[\(notes.count + 1)] \(e.target.id): \(note)")
        status += " [\(notes.count)]"
      }
      table.append([
        e.target.id, e.target.name(language), regionName(e.target.region), targetText(e.target),
        latestText(e), NumberText.signed(e.gap), changeText(e.requiredAnnualChange, e),
        changeText(e.recentAnnualChange, e), status,
      ])
    }
    for g in model.plan.goals {
      table.append([
        g.id, g.name(language), regionName(g.region), "(\(g.year))", "–", "–", "–", "–",
        TargetStatus.qualitative.label(language),
      ])
    }
    return (table, notes)
  }

  /// Region ids are short in English (CZT); Chinese names are short too (长株潭).
  private func regionName(_ id: String) -> String {
    zh ? model.config.area(id)?.nameZH ?? id : id
  }

  /// Flat rows for CSV and Markdown, with the note as a column instead of a footnote.
  func flatTable() -> Table {
    let (base, _) = table()
    var table = Table(
      headers: base.headers + [zh ? "说明" : "note"], alignments: base.alignments + [.left])
    let notes = evaluations.map(remark) + model.plan.goals.map { _ in "" }
    for (row, note) in zip(base.textRows, notes) {
      var r = row
      if let i = r.last?.range(of: " [") {
        r[r.count - 1] = String(r[r.count - 1][..<i.lowerBound])
      }
      table.append(r + [note])
    }
    return table
  }

  /// JSON: the model id and one object per target and goal.
  func json() -> JSONValue {
    var items: [JSONValue] = evaluations.map(targetJSON)
    items += model.plan.goals.map { g in
      .object([
        ("id", .string(g.id)), ("name_en", .string(g.nameEN)), ("name_zh", .string(g.nameZH)),
        ("indicator", .null), ("region", .string(g.region)), ("comparator", .null),
        ("target_value", .null), ("target_year", .int(g.year)), ("latest_value", .null),
        ("latest_year", .null), ("required_annual_change", .null), ("recent_annual_change", .null),
        ("status", .string(TargetStatus.qualitative.rawValue)), ("proxy", .null),
        ("wording_zh", .string(g.wordingZH)),
      ])
    }
    return .object([
      ("model", .string(model.config.id)), ("data_currency", dataCurrency.json(language)),
      ("targets", .array(items)),
    ])
  }

  private func targetJSON(_ e: TargetEvaluation) -> JSONValue {
    let t = e.target
    var form: [(String, JSONValue)] = [("form", .string(t.form.name))]
    switch t.form {
    case .averageGrowth(let start), .cumulative(let start):
      form.append(("period_start", .int(start)))
    case .changeVersusBase(let base): form.append(("base_year", .int(base)))
    case .level, .share: break
    }
    let origin: JSONValue
    switch e.origin {
    case .none: origin = .null
    case .some(.observed): origin = .string("observed")
    case .some(.computed): origin = .string("computed")
    case .some(.published): origin = .string("published")
    case .some(.proxy): origin = .string("proxy")
    }
    let hasChanges = e.requiredAnnualChange != nil || e.recentAnnualChange != nil
    return .object(
      [
        ("id", .string(t.id)), ("name_en", .string(t.nameEN)), ("name_zh", .string(t.nameZH)),
        ("indicator", .string(t.indicator)), ("region", .string(t.region)),
        ("comparator", .string(t.comparator.rawValue)), ("tolerance", .optional(t.tolerance)),
        ("target_value", .double(t.value)), ("unit", .string(t.unit)),
        ("target_year", .int(t.year)),
      ] + form + [
        ("latest_value", .optional(e.latestValue)), ("latest_year", .optional(e.latestYear)),
        ("gap", .optional(e.gap)), ("required_annual_change", .optional(e.requiredAnnualChange)),
        ("recent_annual_change", .optional(e.recentAnnualChange)),
        ("change_measure", hasChanges ? .string(e.changeMeasure.rawValue) : .null),
        (
          "recent_years",
          e.recentYears.map { .array([.int($0.lowerBound), .int($0.upperBound)]) } ?? .null
        ),
        ("projected_value", .optional(e.projectedValue)), ("status", .string(e.status.rawValue)),
        ("proxy", .optional(e.proxyNote)), ("series_origin", origin),
        ("reason", .optional(e.reason)),
        ("wording_zh", .string(t.wordingZH)),
      ])
  }
}
