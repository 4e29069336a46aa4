import PlanCastPlan

/// The targets table: one row per numeric target with its evaluation, then one per
/// qualitative goal (status "qualitative", numbers empty).
public enum TargetTables {
  static let columns: [Column] = [
    Column("id", zh: "编号"), Column("name", zh: "目标"), Column("indicator", zh: "指标"),
    Column("indicator_name", zh: "指标名称"), Column("region", zh: "地区"),
    Column("region_name", zh: "地区名称"), Column("comparator", zh: "比较"),
    Column("target_value", zh: "目标值", .right), Column("tolerance", zh: "容差", .right),
    Column("unit", zh: "单位"), Column("unit_name", zh: "单位名称"),
    Column("target_year", zh: "目标年份", .right), Column("form", zh: "口径"),
    Column("period_start", zh: "起始年份", .right), Column("base_year", zh: "基期年份", .right),
    Column("latest_value", zh: "最新值", .right), Column("latest_year", zh: "最新年份", .right),
    Column("gap", zh: "差距", .right), Column("required_annual_change", zh: "所需年均变化", .right),
    Column("recent_annual_change", zh: "近期年均变化", .right),
    Column("change_measure", zh: "变化口径"), Column("recent_from", zh: "近期起始年", .right),
    Column("recent_to", zh: "近期结束年", .right), Column("projected_value", zh: "按近期速度推算值", .right),
    Column("status", zh: "状态代码"), Column("status_label", zh: "状态"),
    Column("proxy", zh: "代理说明"), Column("reason", zh: "说明"),
    Column("wording_zh", zh: "规划原文"),
  ]

  public static func table(
    _ evaluations: [TargetEvaluation], model: PlanModel, language: Language
  ) -> Table {
    var table = Table(columns: columns, language: language)
    let names = ModelNames(model: model, language: language)
    for e in evaluations {
      let t = e.target
      var periodStart: Int?
      var baseYear: Int?
      switch t.form {
      case .averageGrowth(let start), .cumulative(let start): periodStart = start
      case .changeVersusBase(let base): baseYear = base
      case .level, .share: break
      }
      let hasChanges = e.requiredAnnualChange != nil || e.recentAnnualChange != nil
      table.append([
        .text(t.id), .text(t.name(language)), .text(t.indicator),
        .text(names.indicator(t.indicator)),
        .text(t.region), .text(names.area(t.region)), .text(t.comparator.rawValue),
        .number(t.value), .number(t.tolerance), .text(t.unit), .text(names.unit(t.unit)),
        .integer(t.year), .text(t.form.name), .integer(periodStart), .integer(baseYear),
        .number(e.latestValue), .integer(e.latestYear), .number(e.gap),
        .number(e.requiredAnnualChange), .number(e.recentAnnualChange),
        hasChanges ? .text(e.changeMeasure.rawValue) : .empty,
        .integer(e.recentYears?.lowerBound), .integer(e.recentYears?.upperBound),
        .number(e.projectedValue), .text(e.status.rawValue), .text(e.status.label(language)),
        .text(e.proxyNote), .text(e.reason), .text(t.wordingZH),
      ])
    }
    for g in model.plan.goals {
      var row = [Cell](repeating: .empty, count: columns.count)
      row[0] = .text(g.id)
      row[1] = .text(g.name(language))
      row[4] = .text(g.region)
      row[5] = .text(names.area(g.region))
      row[11] = .integer(g.year)
      row[24] = .text(TargetStatus.qualitative.rawValue)
      row[25] = .text(TargetStatus.qualitative.label(language))
      row[28] = .text(g.wordingZH)
      table.append(row)
    }
    return table
  }

  public static func export(
    _ evaluations: [TargetEvaluation], model: PlanModel, language: Language
  ) -> ExportTable {
    ExportTable(
      id: "targets", schema: "targets.v1", titleEN: "Plan targets", titleZH: "规划目标",
      table: table(evaluations, model: model, language: language))
  }
}
