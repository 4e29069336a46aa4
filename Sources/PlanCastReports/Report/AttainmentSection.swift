import PlanCastForecasting
import PlanCastPlan

/// The attainment part of the HTML report: a dashboard per scenario (bars coloured by the
/// status the attainment engine computed), the probabilities of every scenario side by side,
/// the required changes, and the caveats (proxies, targets without a probability).
public struct AttainmentSection: Sendable {
  public let runs: [AttainmentRun]
  public let model: PlanModel
  public let language: Language
  /// Scenario files the run left out, with why.
  public let skipped: [SkippedScenario]

  public init(
    runs: [AttainmentRun], model: PlanModel, language: Language, skipped: [SkippedScenario] = []
  ) {
    self.runs = runs
    self.model = model
    self.language = language
    self.skipped = skipped
  }

  private var zh: Bool { language == .zh }
  private func t(_ en: String, _ zhText: String) -> String { zh ? zhText : en }

  /// Longest bar label, in display columns (CJK characters count two).
  static let labelColumns = 40

  /// "T01 GDP, current prices", shortened with an ellipsis to fit the dashboard.
  func label(_ target: Target) -> String {
    var text = "\(target.id) \(target.name(language))"
    guard DisplayWidth.of(text) > Self.labelColumns else { return text }
    while DisplayWidth.of(text) > Self.labelColumns - 1 { text.removeLast() }
    return text.trimmingTrailingSpaces() + "…"
  }

  /// "≥ 80% (2025)".
  func goal(_ target: Target) -> String {
    let names = ModelNames(model: model, language: language)
    let unit = target.unit == "pct" ? "%" : " " + names.unit(target.unit)
    return
      "\(target.comparator.symbol) \(NumberLabel.compact(target.value))\(unit) (\(target.year))"
  }

  /// The dashboard of one scenario: targets with a probability, coloured by the engine's status.
  public func dashboard(_ run: AttainmentRun) -> AttainmentDashboardData {
    let items = run.records.compactMap { r -> AttainmentDashboardData.Item? in
      guard let p = r.probability, let band = r.band else { return nil }
      return .init(
        label: label(r.target), probability: p, status: band,
        detail: [
          r.usesProxy ? t("proxy", "代理") : nil,
          r.evidence?.isThin == true ? t("thin evidence", "证据不足") : nil,
        ].compactMap { $0 }.joined(separator: " · ").nilIfEmpty)
    }
    var subtitle =
      "\(NumberLabel.format(Double(run.draws), decimals: 0)) " + t("draws", "次模拟") + " · "
      + t("seed", "种子") + " \(run.seed)"
    if let on = run.onTrack, let off = run.offTrack {
      subtitle +=
        " · "
        + t(
          "on track P ≥ \(NumberLabel.format(on, decimals: 2)), off track P < \(NumberLabel.format(off, decimals: 2))",
          "P ≥ \(NumberLabel.format(on, decimals: 2)) 为进度正常,P < \(NumberLabel.format(off, decimals: 2)) 为偏离目标"
        )
    }
    return AttainmentDashboardData(
      title: run.scenario.name(language) + t(" — probability of meeting each target", " — 各目标实现概率"),
      subtitle: subtitle, items: items,
      thresholds: [run.offTrack, run.onTrack].compactMap { $0 }, language: language)
  }

  private func badge(_ r: AttainmentRecord, text: String) -> String {
    let css = r.statusCode.replacingOccurrences(of: " ", with: "-")
    return "<span class=\"status \(HTMLDocument.escape(css))\">\(HTMLDocument.escape(text))</span>"
  }

  /// Targets × scenarios: P ± Monte Carlo s.e. with the status badge.
  func sideBySide() -> String {
    guard let first = runs.first else { return "" }
    var table = Table(
      headers: [t("id", "编号"), t("target", "目标"), t("goal", "目标值")]
        + runs.map { $0.scenario.name(language) } + [t("evidence", "证据")],
      alignments: [.left, .left, .left] + runs.map { _ in .right } + [.left])
    var badges: [[String?]] = []
    for r in first.records where r.probability != nil {
      table.append(
        [
          r.target.id, r.target.name(language) + (r.usesProxy ? t(" (proxy)", "(代理)") : ""),
          goal(r.target),
        ] + runs.map { _ in "" } + [r.evidence?.summary(language) ?? "–"])
      var cells: [String?] = [nil, nil, nil]
      for run in runs {
        guard let x = run.records.first(where: { $0.target.id == r.target.id }),
          let p = x.probability
        else {
          cells.append(nil)
          continue
        }
        var text = NumberLabel.format(p, decimals: 3)
        if let se = x.monteCarloStandardError {
          text += " ± " + NumberLabel.format(se, decimals: 3)
        }
        cells.append(HTMLDocument.escape(text) + " " + badge(x, text: x.statusLabel(language)))
      }
      badges.append(cells)
    }
    let html: (Int, Int) -> String? = { row, column in
      guard row < badges.count, column < badges[row].count else { return nil }
      return badges[row][column]
    }
    return HTMLDocument.table(table, html: html)
  }

  /// Target × scenario: median, 80% interval, projected and required annual change.
  func requiredChanges() -> Table {
    var table = Table(
      headers: zh
        ? ["编号", "目标", "情景", "中位数", "80%区间", "预测年均变化", "P=0.5所需", "P=0.8所需", "单位"]
        : [
          "id", "target", "scenario", "median", "80% interval", "projected/yr",
          "required for P=0.5",
          "required for P=0.8", "unit",
        ],
      alignments: [.left, .left, .left, .right, .right, .right, .right, .right, .left])
    for run in runs {
      for r in run.records where r.probability != nil {
        func signed(_ x: Double?) -> Cell {
          x.map { .text(($0 > 0 ? "+" : "") + NumberLabel.format($0, decimals: 2)) } ?? .empty
        }
        let interval: Cell =
          if let lo = r.lo80, let hi = r.hi80 {
            .text("\(NumberLabel.compact(lo)) – \(NumberLabel.compact(hi))")
          } else { .empty }
        table.append([
          .text(r.target.id), .text(r.target.name(language)), .text(run.scenario.name(language)),
          .number(r.median), interval, signed(r.projectedAnnualChange), signed(r.requiredForHalf),
          signed(r.requiredForEighty), .text(changeUnit(r.target)),
        ])
      }
    }
    return table
  }

  /// The unit of the annual changes, in the report's language.
  func changeUnit(_ target: Target) -> String {
    AttainmentTables.changeUnit(target, model: model, language: language)
  }

  /// Proxy notes, targets without a probability and skipped scenario files.
  public func caveatItems() -> [String] {
    guard let first = runs.first else { return [] }
    var items: [String] = []
    var proxies: [String] = []
    for run in runs {
      for r in run.records where r.probability != nil {
        guard let english = r.proxyNote else { continue }
        let note =
          model.data.proxyNote(region: r.target.region, indicator: r.target.indicator, language)
          ?? english
        let item = "\(r.target.id): \(note)"
        if !proxies.contains(item) { proxies.append(item) }
      }
    }
    items += proxies.map { t("Proxy: ", "代理: ") + $0 }
    let thin = first.records.filter { $0.evidence?.isThin == true }
    if !thin.isEmpty {
      items.append(
        ProjectionEvidence.rule(language) + ": "
          + thin.map { "\($0.target.id) (\($0.evidence?.summary(language) ?? ""))" }
          .joined(separator: "; "))
    }
    for r in first.records where r.probability == nil {
      items.append(
        "\(r.target.id) \(r.target.name(language)): " + t("no probability", "无概率") + " — "
          + (r.reasonText?.text(language) ?? r.statusLabel(language)))
    }
    items += skipped.map { t("Scenario file skipped: ", "已跳过情景文件: ") + "\($0.id): \($0.error)" }
    return items
  }

  public func section() -> HTMLDocument.Section {
    let draws = runs.first?.draws ?? 0
    let intro = t(
      "P(attain) is the share of \(draws) Monte Carlo draws per scenario that meet the target: every series a target needs is simulated jointly (correlated shocks, parameter uncertainty, the scenario's assumptions). ± is the Monte Carlo standard error. The status and its colour are the attainment engine's. Scenarios share random numbers, so their differences are not noise. Required change: the constant annual change over the projected years that would make P = 0.5 or P = 0.8.",
      "P(实现) 为每个情景 \(draws) 次蒙特卡洛模拟中达到目标的比例:目标所需的各序列联合模拟(相关冲击、参数不确定性、情景假设)。± 为蒙特卡洛标准误。状态及其颜色由达标概率引擎给出。各情景使用相同的随机数,情景间差异不是随机噪声。所需变化:在预测年份内使 P = 0.5 或 P = 0.8 所需的恒定年均变化。"
    )
    let figures = runs.map { run in
      HTMLDocument.figure(AttainmentDashboard.svg(dashboard(run), width: 640))
    }
    let caveats = caveatItems().map { "<li>\(HTMLDocument.escape($0))</li>" }.joined()
    let body =
      "<p>\(HTMLDocument.escape(intro))</p>"
      + "<div class=\"charts\">" + figures.joined() + "</div>"
      + "<h3>" + t("Scenarios side by side", "各情景对比") + "</h3>" + sideBySide()
      + "<h3>" + t("What it would take", "达标所需变化") + "</h3>"
      + HTMLDocument.table(requiredChanges(), scroll: true)
      + (caveats.isEmpty
        ? ""
        : "<h3>" + t("Caveats", "注意事项") + "</h3><ul class=\"caveats\">\(caveats)</ul>")
    return .init(
      id: "attainment", heading: t("Probability of meeting the targets", "目标实现概率"), body: body)
  }
}

extension String {
  fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }

  fileprivate func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " || s.last == "," { s.removeLast() }
    return s
  }
}
