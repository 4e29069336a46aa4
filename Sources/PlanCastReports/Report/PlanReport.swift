import Foundation
import PlanCastForecasting
import PlanCastPlan

/// The HTML report of `plancast report`: caveats, targets, projections with fan charts,
/// backtests with charts, and the run manifest, in one self-contained page.
public struct PlanReport: Sendable {
  public let model: PlanModel
  public let language: Language
  public let evaluations: [TargetEvaluation]
  public let projections: [SeriesProjection]
  public let backtest: [SeriesBacktest.Row]
  public let manifest: RunManifest
  /// Monte Carlo attainment per scenario (empty: no attainment section).
  public let attainment: [AttainmentRun]
  /// Scenario files the attainment run left out, with why.
  public let skippedScenarios: [SkippedScenario]
  /// The average path of each average-growth target, charted beside its annual rates.
  public let averagePaths: [AveragePathRecord]
  /// Sections from other analyses (attainment, sweeps), placed before the manifest.
  public let additionalSections: [HTMLDocument.Section]

  public init(
    model: PlanModel, language: Language, evaluations: [TargetEvaluation],
    projections: [SeriesProjection], backtest: [SeriesBacktest.Row], manifest: RunManifest,
    attainment: [AttainmentRun] = [], skippedScenarios: [SkippedScenario] = [],
    averagePaths: [AveragePathRecord] = [], additionalSections: [HTMLDocument.Section] = []
  ) {
    self.model = model
    self.language = language
    self.evaluations = evaluations
    self.projections = projections
    self.backtest = backtest
    self.manifest = manifest
    self.attainment = attainment
    self.skippedScenarios = skippedScenarios
    self.averagePaths = averagePaths
    self.additionalSections = additionalSections
  }

  private var zh: Bool { language == .zh }
  private func t(_ en: String, _ zhText: String) -> String { zh ? zhText : en }

  /// The page title: "PlanCast report — <plan name>".
  public var title: String {
    (zh ? "PlanCast 报告 — " : "PlanCast report — ")
      + (zh ? model.config.nameZH : model.config.nameEN)
  }

  /// First and last year with an observation.
  private var dataYears: String {
    let years = model.data.observations.map(\.year)
    guard let first = years.min(), let last = years.max() else { return "–" }
    return "\(first)–\(last)"
  }

  public func html() -> String {
    let subtitle =
      t("Plan period", "规划期") + " \(model.config.planStart)–\(model.config.planEnd) · "
      + t("data", "数据") + " \(dataYears) · " + manifest.dataCurrency.text(language) + " · "
      + "PlanCast \(manifest.version) · \(manifest.createdText)"
    let sections =
      [caveats(), targets()]
      + (attainment.isEmpty
        ? []
        : [
          AttainmentSection(
            runs: attainment, model: model, language: language, skipped: skippedScenarios
          ).section()
        ])
      + [projectionsSection(), backtestSection()] + additionalSections
      + [manifestSection()]
    return HTMLDocument(title: title, subtitle: subtitle, language: language, sections: sections)
      .render()
  }

  /// Proxy rules, targets without data, series without a projection, and what the charts omit.
  public func caveatItems() -> [String] {
    var items: [String] = []
    // Each proxy rule once, in the page's language (projections carry the English note).
    var proxies: [String] = []
    let areas =
      projections.compactMap { p in p.proxyNote.map { (p.area, p.indicator, $0) } }
      + evaluations.compactMap { e in e.proxyNote.map { (e.target.region, e.target.indicator, $0) }
      }
    for (area, indicator, english) in areas {
      let note = model.data.proxyNote(region: area, indicator: indicator, language) ?? english
      if !proxies.contains(note) { proxies.append(note) }
    }
    items += proxies.map { t("Proxy: ", "代理: ") + $0 }
    for e in evaluations where e.status == .noData {
      items.append(
        "\(e.target.id) \(e.target.name(language)): " + t("no status", "无状态") + " — "
          + (e.reason(language) ?? t("no data", "无数据")))
    }
    items += ProjectionTables.failures(projections, model: model, language: language)
    items.append(
      t(
        "Fan charts show 80% and 95% prediction intervals; the forecast models do not report a 50% interval yet.",
        "扇形图显示80%和95%预测区间;预测模型暂不提供50%区间。"))
    items.append(
      t(
        "Target status is the deterministic rule of `plancast targets` (recent pace carried forward), not a probability.",
        "目标状态按 `plancast targets` 的确定性规则(按近期速度外推)判断,并非概率。")
        + (attainment.isEmpty
          ? ""
          : t(
            " The probabilities, and the status they give, are in the attainment section.",
            "概率及据此判断的状态见“目标实现概率”一节。")))
    return items
  }

  private func caveats() -> HTMLDocument.Section {
    let list = caveatItems().map { "<li>\(HTMLDocument.escape($0))</li>" }.joined()
    return .init(
      id: "caveats", heading: t("Caveats: proxies and data gaps", "注意事项:代理与数据缺口"),
      body: "<ul class=\"caveats\">\(list)</ul>")
  }

  private func targets() -> HTMLDocument.Section {
    let names = ModelNames(model: model, language: language)
    var table = Table(
      headers: zh
        ? ["编号", "目标", "地区", "目标值", "最新值", "年份", "所需年均变化", "近期年均变化", "状态"]
        : [
          "id", "target", "region", "goal", "latest", "year", "required/yr", "recent/yr", "status",
        ],
      alignments: [.left, .left, .left, .left, .right, .right, .right, .right, .left])
    var statuses: [TargetStatus] = []
    for e in evaluations {
      let target = e.target
      let unit = target.unit == "pct" ? "%" : " " + names.unit(target.unit)
      let goal =
        "\(target.comparator.symbol) \(NumberLabel.compact(target.value))\(unit) (\(target.year))"
      let perYear: String
      switch e.changeMeasure {
      case .percentPerYear: perYear = " %"
      case .unitsPerYear: perYear = target.unit == "pct" ? (zh ? " 个百分点" : " pp") : unit
      }
      func change(_ x: Double?) -> Cell {
        x.map { .text((($0 > 0 ? "+" : "") + NumberLabel.compact($0)) + perYear) } ?? .empty
      }
      table.append([
        .text(target.id),
        .text(target.name(language) + (e.proxyNote == nil ? "" : t(" (proxy)", "(代理)"))),
        .text(zh ? names.area(target.region) : target.region), .text(goal),
        .number(e.latestValue), .integer(e.latestYear), change(e.requiredAnnualChange),
        change(e.recentAnnualChange), .text(e.status.label(language)),
      ])
      statuses.append(e.status)
    }
    for g in model.plan.goals {
      table.append([
        .text(g.id), .text(g.name(language)), .text(zh ? names.area(g.region) : g.region),
        .text("(\(g.year))"), .empty, .empty, .empty, .empty,
        .text(TargetStatus.qualitative.label(language)),
      ])
      statuses.append(.qualitative)
    }
    let body = HTMLDocument.table(
      table,
      html: { row, column in
        guard column == 8, row < statuses.count else { return nil }
        let cls = statuses[row].rawValue.replacingOccurrences(of: " ", with: "-")
        return
          "<span class=\"status \(cls)\">\(HTMLDocument.escape(table.rows[row][column].text))</span>"
      })
    return .init(id: "targets", heading: t("Plan targets", "规划目标"), body: body)
  }

  private func projectionsSection() -> HTMLDocument.Section {
    var table = Table(
      headers: zh
        ? ["地区", "指标", "年份", "中位数", "80%区间", "95%区间", "单位", "模型"]
        : ["area", "indicator", "year", "median", "80% interval", "95% interval", "unit", "model"],
      alignments: [.left, .left, .right, .right, .right, .right, .left, .left])
    let names = ModelNames(model: model, language: language)
    var figures: [String] = []
    for p in projections {
      guard case .success(let result) = p.outcome, let last = result.forecast.points.last else {
        continue
      }
      table.append([
        .text(names.area(p.area)), .text(names.indicator(p.indicator)), .integer(last.year),
        .number(last.median),
        .text("\(NumberLabel.compact(last.lo80)) – \(NumberLabel.compact(last.hi80))"),
        .text("\(NumberLabel.compact(last.lo95)) – \(NumberLabel.compact(last.hi95))"),
        .text(names.unit(p.unit)), .text(result.forecast.model),
      ])
      if let data = ChartData.fan(p, model: model, language: language) {
        figures.append(HTMLDocument.figure(FanChart.svg(data)))
      }
      for path in averagePaths
      where path.target.region == p.area && path.target.indicator == p.indicator {
        if let data = ChartData.averagePath(path, model: model, language: language) {
          figures.append(HTMLDocument.figure(FanChart.svg(data)))
        }
      }
    }
    let body =
      "<h3>" + t("Forecasts for the last projected year", "末年预测") + "</h3>"
      + HTMLDocument.table(table) + "<h3>" + t("Fan charts", "扇形图") + "</h3>"
      + "<div class=\"charts\">" + figures.joined() + "</div>"
    return .init(id: "projections", heading: t("Projections", "预测"), body: body)
  }

  /// The row charted for a series: the declared model if it was scored from at least three
  /// origins, else the model with the smallest MASE among those that were, else any scored.
  static func chartedRow(_ rows: [SeriesBacktest.Row]) -> SeriesBacktest.Row? {
    func origins(_ row: SeriesBacktest.Row) -> Int { Set(row.records.map(\.origin)).count }
    if let declared = rows.first(where: { $0.model.hasPrefix("declared") && origins($0) >= 3 }) {
      return declared
    }
    let scored = rows.filter { $0.summary != nil }
    let candidates = scored.filter { origins($0) >= 3 }
    return (candidates.isEmpty ? scored : candidates).min { $0.summary!.mase < $1.summary!.mase }
  }

  private func backtestSection() -> HTMLDocument.Section {
    guard !backtest.isEmpty else {
      return .init(
        id: "backtest", heading: t("Backtests", "回测"),
        body: "<p>" + t("No backtest was run.", "未运行回测。") + "</p>")
    }
    let scored = backtest.filter { $0.summary != nil }
    var accuracy = BacktestTables.accuracy(scored, model: model, language: language).selecting([
      "area_name", "indicator_name", "model", "n", "mape", "rmse", "mase", "coverage80",
      "coverage95",
    ])
    let names = ModelNames(model: model, language: language)
    accuracy.rows = accuracy.rows.map { row in
      var row = row
      row[2] = .text(names.forecaster(row[2].text))
      return row
    }
    var figures: [String] = []
    var seen: [String] = []
    for row in backtest where !seen.contains(row.area + "|" + row.indicator) {
      seen.append(row.area + "|" + row.indicator)
      let rows = backtest.filter { $0.area == row.area && $0.indicator == row.indicator }
      guard let charted = Self.chartedRow(rows) else { continue }
      let projection = projections.first { $0.area == row.area && $0.indicator == row.indicator }
      let history =
        projection.map { p in
          zip(p.history.years, p.history.values).map { YearValue(year: $0.0, value: $0.1) }
        } ?? []
      let unit = model.data.catalog[row.indicator]?.unit ?? ""
      if let data = ChartData.backtest(
        charted, history: history, unit: unit, model: model, language: language)
      {
        figures.append(HTMLDocument.figure(BacktestChart.svg(data)))
      }
    }
    var origins = ""
    if case .string(let text)? = manifest.options.first(where: { $0.0 == "origins" })?.1 {
      origins = text
    }
    let unscored = backtest.count - scored.count
    let note =
      t(
        "Each model is fitted on data up to the origin year only and scored on what was observed later. MASE below 1 beats a naive one-step forecast; coverage should be near 0.80 and 0.95.",
        "每个模型仅用起点年份及以前的数据拟合,再与之后的实际值比较。MASE 小于1表示优于朴素一步预测;覆盖率应接近0.80和0.95。")
    let body =
      "<p>\(HTMLDocument.escape(note))\(origins.isEmpty ? "" : " " + t("Origins", "起点") + ": " + HTMLDocument.escape(origins))</p>"
      + (unscored > 0
        ? "<p>"
          + HTMLDocument.escape(
            t(
              "\(unscored) series–model pairs could not be scored at any origin and are left out.",
              "\(unscored) 个序列–模型组合在任何起点都无法评分,未列出。")) + "</p>" : "")
      + HTMLDocument.table(accuracy, scroll: true, format: { NumberLabel.format($0, decimals: 3) })
      + "<h3>" + t("Forecast vs outturn by origin", "各起点预测与实际值") + "</h3>"
      + "<div class=\"charts\">" + figures.joined() + "</div>"
    return .init(id: "backtest", heading: t("Backtests", "回测"), body: body)
  }

  private func manifestSection() -> HTMLDocument.Section {
    let body =
      "<p>"
      + t(
        "Everything needed to reproduce this report: the command, the seed, the number of simulated paths and the SHA-256 of every model file read.",
        "重现本报告所需的全部信息:命令、随机种子、模拟路径数以及所读取的每个模型文件的 SHA-256。")
      + "</p>" + HTMLDocument.table(manifest.table(language: language))
    return .init(id: "manifest", heading: t("Run manifest", "运行清单"), body: body)
  }
}
