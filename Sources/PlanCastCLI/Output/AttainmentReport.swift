import PlanCastAttainment
import PlanCastForecasting
import PlanCastPlan
import PlanCastReports

/// Renders attainment results: a terminal view (one block per scenario, or scenarios side by
/// side), a tidy table and JSON.
struct AttainmentReport {
  let results: [ScenarioAttainment]
  let model: PlanModel
  let language: Language
  /// Scenario files left out of the run, with why.
  var skipped: [SkippedScenario] = []

  /// One row per target and scenario, numbers as numbers (the export's tidy table without the
  /// name columns; one implementation in PlanCastReports).
  func tidyTable() -> Table {
    AttainmentTables.tidy(
      results.map { AttainmentRun($0, thresholds: nil) }, model: model, language: .en,
      withNames: false)
  }

  func json() -> JSONValue {
    .object([
      ("model", .string(model.config.id)),
      ("data_currency", DataCurrency(model: model).json(language)),
      (
        "scenarios",
        .array(
          results.map { s in
            .object([
              ("id", .string(s.scenario.id)), ("name", .string(s.scenario.name(language))),
              ("draws", .int(s.draws)), ("seed", .string("\(s.seed)")),
              ("correlation_shrinkage", .double(s.correlationShrinkage)),
            ])
          })
      ),
      (
        "skipped_scenarios",
        .array(
          skipped.map {
            .object([("id", .string($0.id)), ("error", .string($0.error.description))])
          })
      ),
      (
        "qualitative_goals",
        .array(
          model.plan.goals.map {
            .object([
              ("id", .string($0.id)), ("name", .string($0.name(language))),
              ("region", .string($0.region)), ("year", .int($0.year)),
            ])
          })
      ),
      (
        "attainment",
        .array(
          results.flatMap { s in
            s.targets.map { t in
              .object([
                ("target", .string(t.target.id)), ("scenario", .string(t.scenario)),
                ("name", .string(t.target.name(language))),
                ("indicator", .string(t.target.indicator)), ("region", .string(t.target.region)),
                ("comparator", .string(t.target.comparator.symbol)),
                ("target_value", .double(t.target.value)), ("target_year", .int(t.target.year)),
                ("probability", .optional(t.probability)),
                ("mc_se", .optional(t.monteCarloStandardError)), ("median", .optional(t.median)),
                ("lo80", .optional(t.lo80)), ("hi80", .optional(t.hi80)),
                ("lo95", .optional(t.lo95)), ("hi95", .optional(t.hi95)),
                ("status", .string(t.status.rawValue)),
                ("required_p50", .optional(t.requiredForHalf)),
                ("required_p80", .optional(t.requiredForEighty)),
                ("projected_annual_change", .optional(t.projectedAnnualChange)),
                ("proxy", .bool(t.usesProxy)), ("proxy_note", .optional(t.proxyNote)),
                ("model", .optional(t.model)), ("evidence", evidenceJSON(t.evidence)),
                ("reason", .optional(t.reason)),
              ])
            }
          })
      ),
    ])
  }

  /// The terminal view: targets with a probability first, then those without.
  /// The terminal view; `maxWidth` fits its table to a terminal (evidence, then the P = 0.8
  /// requirement, the unit, then the 80 % interval left out as needed, text cut with "…").
  func text(maxWidth: Int? = nil) -> String {
    var blocks: [String] = [
      (model.config.id == "" ? "" : name(model.config) + " · ")
        + DataCurrency(model: model).text(language)
    ]
    if results.count == 1, let only = results.first {
      blocks.append(
        "\(only.scenario.name(language)) · \(only.draws) "
          + (zh ? "次模拟 · 种子" : "draws · seed") + " \(only.seed)")
      var table = Table(
        headers: zh
          ? [
            "编号", "目标", "目标值", "单位", "实现概率", "中位数", "80%区间", "P=0.5所需年均变化",
            "P=0.8所需年均变化", "状态", "证据",
          ]
          : [
            "id", "target", "goal", "unit", "P(attain)", "median", "80% interval",
            "change a year for P=0.5", "for P=0.8", "status", "evidence",
          ],
        alignments: [
          .left, .left, .left, .left, .right, .right, .right, .right, .right, .left, .left,
        ])
      var notes: [String] = []
      for t in only.targets where t.probability != nil {
        var label = t.target.name(language)
        if let note = t.proxyNote {
          let proxy =
            model.data.proxyNote(region: t.target.region, indicator: t.target.indicator, language)
            ?? note
          if !notes.contains(proxy) { notes.append(proxy) }
          label += " [\(notes.firstIndex(of: proxy)! + 1)]"
        }
        // One number of decimals for the quantity, by its size; each required change on its
        // own with its unit.
        let digits = NumberText.decimals(bySizeOf: [t.median, t.lo80, t.hi80].compactMap { $0 })
        func required(_ x: Double?) -> String {
          x.map { NumberText.signed($0) + " " + changeUnit(t) } ?? "–"
        }
        table.append([
          t.target.id, label, goal(t.target), model.data.displayUnit(t.target.unit, language),
          probability(t),
          NumberText.fixed(t.median, digits: digits),
          "\(NumberText.fixed(t.lo80, digits: digits)) – \(NumberText.fixed(t.hi80, digits: digits))",
          required(t.requiredForHalf), required(t.requiredForEighty), statusLabel(t.status),
          t.evidence?.summary(language) ?? "–",
        ])
      }
      if table.rows.isEmpty {
        blocks.append(noProbabilityLine)
      } else {
        let (fitted, dropped) = TextTableRenderer.dropping(
          table, columns: [10, 8, 3, 6], toFit: maxWidth)
        blocks.append(
          Self.trimmed(TextTableRenderer.render(fitted, maxWidth: maxWidth))
            + (TableWidthOption.leftOutLine(dropped, language: language).map { "\n" + $0 } ?? ""))
        blocks.append(evidenceNote(only.targets))
      }
      blocks += accountingBlocks(only.targets)
      if !notes.isEmpty {
        blocks.append(
          notes.enumerated().map { "[\($0.offset + 1)] \($0.element)" }.joined(separator: "\n"))
      }
      return blocks.joined(separator: "\n\n")
    }
    var table = Table(
      headers: (zh ? ["编号", "目标"] : ["id", "target"]) + results.map { $0.scenario.name(language) }
        + [zh ? "证据" : "evidence"],
      alignments: [.left, .left] + results.map { _ in .right } + [.left])
    for (k, t) in (results.first?.targets ?? []).enumerated() where t.probability != nil {
      table.append(
        [t.target.id, t.target.name(language) + (t.usesProxy ? (zh ? "(代理)" : " [proxy]") : "")]
          + results.map { r in
            let x = r.targets[k]
            return "\(probability(x)) \(symbol(x.status))"
          } + [t.evidence?.summary(language) ?? "–"])
    }
    if table.rows.isEmpty {
      blocks.append(noProbabilityLine)
    } else {
      blocks.append(
        zh
          ? "实现概率 ± 蒙特卡洛标准误,每个情景 \(results.first?.draws ?? 0) 次模拟"
          : "P(attain) ± Monte Carlo s.e., \(results.first?.draws ?? 0) draws per scenario")
      blocks.append(Self.trimmed(TextTableRenderer.render(table, maxWidth: maxWidth)))
      blocks.append(zh ? "● 进度正常  ◐ 有风险  ○ 偏离目标" : "● on track  ◐ at risk  ○ off track")
      blocks.append(evidenceNote(results.first?.targets ?? []))
    }
    blocks += accountingBlocks(results.first?.targets ?? [])
    return blocks.joined(separator: "\n\n")
  }

  /// Said instead of an empty table.
  private var noProbabilityLine: String {
    language == .zh
      ? "没有目标有实现概率:各目标已由观测值确定,或缺少数据或模型(见下)。"
      : "No target has a probability: each is settled by its observations or lacks data or a model (below)."
  }

  /// The targets without a probability and the skipped scenario files, so that the view
  /// accounts for every target and every file.
  private func accountingBlocks(_ targets: [TargetAttainment]) -> [String] {
    var blocks: [String] = []
    let without = TargetsWithoutProbability(targets: targets, goals: model.plan.goals)
    if !without.isEmpty { blocks.append(without.text(language)) }
    if !skipped.isEmpty {
      blocks.append(
        "Scenario files skipped:\n"
          + skipped.map { "  \($0.id): \($0.error)" }.joined(separator: "\n"))
    }
    return blocks
  }

  /// What the evidence column counts, the thin-evidence rule and which targets it flags.
  private func evidenceNote(_ targets: [TargetAttainment]) -> String {
    let thin = targets.filter { $0.evidence?.isThin == true }.map(\.target.id)
    let zh = language == .zh
    let years = targets.compactMap { t in t.evidence.map { "\(t.target.id) \($0.yearsText)" } }
    var lines = [
      zh
        ? "证据:模型拟合所用的观测数 · 用实际值检验的滚动预测次数(同一模型,提前1–5年)"
        : "evidence: observations the model was fitted on · rolling-origin forecasts of the same model, 1–5 years ahead, checked against outturns",
      (zh ? "拟合年份:" : "fitted years: ") + years.joined(separator: "; "),
      ProjectionEvidence.rule(language),
    ]
    if !thin.isEmpty {
      lines.append(
        (zh ? "证据不足:" : "Thin evidence: ") + thin.joined(separator: ", ")
          + (zh
            ? "(概率主要来自模型形式,而非其预测记录)"
            : " (the probability rests on the model's form more than on its record)"))
    }
    return lines.joined(separator: "\n")
  }

  /// A rendered table without its final newline, for blocks joined by blank lines.
  private static func trimmed(_ text: String) -> String {
    text.hasSuffix("\n") ? String(text.dropLast()) : text
  }

  private func evidenceJSON(_ e: ProjectionEvidence?) -> JSONValue {
    guard let e else { return .null }
    return .object([
      ("observations", .int(e.observations)),
      ("fitted_years", .array(e.fittedYears.map { .int($0) })),
      ("backtest_forecasts", .int(e.checkedForecasts)),
      ("backtest_mase", .optional(e.accuracy?.mase)),
      ("backtest_coverage80", .optional(e.accuracy?.coverage80)),
      ("backtest_coverage95", .optional(e.accuracy?.coverage95)),
      ("thin", .bool(e.isThin)),
    ])
  }

  private var zh: Bool { language == .zh }

  private func name(_ config: ModelConfig) -> String {
    language == .zh ? config.nameZH : config.nameEN
  }

  private func probability(_ t: TargetAttainment) -> String {
    guard let p = t.probability else { return "–" }
    return
      "\(NumberText.fixed(p, digits: 3)) ± \(NumberText.fixed(t.monteCarloStandardError, digits: 3))"
  }

  /// The status label in the report's language (the code is the same in every language).
  private func statusLabel(_ status: AttainmentStatus) -> String {
    TargetStatus(rawValue: status.rawValue)?.label(language) ?? status.rawValue
  }

  private func symbol(_ status: AttainmentStatus) -> String {
    switch status {
    case .onTrack: "●"
    case .atRisk: "◐"
    case .offTrack: "○"
    default: " "
    }
  }

  private func goal(_ target: Target) -> String {
    "\(target.comparator.symbol) \(NumberText.plain(target.value)) (\(target.year))"
  }

  private func changeUnit(_ t: TargetAttainment) -> String {
    AttainmentTables.changeUnit(t.target, model: model, language: language)
  }
}
