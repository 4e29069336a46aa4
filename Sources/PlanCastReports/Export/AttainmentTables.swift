import PlanCastForecasting
import PlanCastPlan

/// One target under one scenario as the attainment engine reported it: a plain copy of
/// `PlanCastAttainment.TargetAttainment`, so that exports and charts do not depend on the Monte
/// Carlo engine. `plancast` fills it from the engine's results; nothing here recomputes a
/// probability or a status.
public struct AttainmentRecord: Sendable {
  public var target: Target
  /// Scenario id (its file name without `.toml`).
  public var scenario: String
  public var probability: Double?
  public var monteCarloStandardError: Double?
  public var median: Double?
  public var lo80: Double?
  public var hi80: Double?
  public var lo95: Double?
  public var hi95: Double?
  /// The engine's status code: "on track", "at risk", "off track", "no data" or "qualitative".
  public var statusCode: String
  /// The engine's status as a dashboard band; `nil` when there is no probability.
  public var band: AttainmentBand?
  public var requiredForHalf: Double?
  public var requiredForEighty: Double?
  public var projectedAnnualChange: Double?
  public var proxyNote: String?
  /// Why there is no probability, in both languages.
  public var reasonText: LocalizedText?
  public var model: String?
  /// The observations and checked forecasts behind the projection; nil without one.
  public var evidence: ProjectionEvidence?

  public init(
    target: Target, scenario: String, probability: Double?, monteCarloStandardError: Double?,
    median: Double?, lo80: Double?, hi80: Double?, lo95: Double?, hi95: Double?,
    statusCode: String, band: AttainmentBand?, requiredForHalf: Double?,
    requiredForEighty: Double?, projectedAnnualChange: Double?, proxyNote: String?,
    reason: LocalizedText?, model: String?, evidence: ProjectionEvidence? = nil
  ) {
    self.target = target
    self.scenario = scenario
    self.probability = probability
    self.monteCarloStandardError = monteCarloStandardError
    self.median = median
    self.lo80 = lo80
    self.hi80 = hi80
    self.lo95 = lo95
    self.hi95 = hi95
    self.statusCode = statusCode
    self.band = band
    self.requiredForHalf = requiredForHalf
    self.requiredForEighty = requiredForEighty
    self.projectedAnnualChange = projectedAnnualChange
    self.proxyNote = proxyNote
    self.reasonText = reason
    self.model = model
    self.evidence = evidence
  }

  public var usesProxy: Bool { proxyNote != nil }

  /// The reason in English (the language of CSV and JSON outputs).
  public var reason: String? { reasonText?.en }

  /// The status in `language` ("on track", "进度正常", …).
  public func statusLabel(_ language: Language) -> String {
    if let band { return band.label(language) }
    return TargetStatus(rawValue: statusCode)?.label(language) ?? statusCode
  }
}

/// The attainment of every target under one scenario, with the settings that produced it.
public struct AttainmentRun: Sendable {
  public var scenario: Scenario
  public var draws: Int
  public var seed: UInt64
  /// P at or above this is on track; `nil` when not known (the dashboard then draws no line).
  public var onTrack: Double?
  /// P below this is off track; `nil` when not known.
  public var offTrack: Double?
  /// Shrinkage applied to the shock correlation (1 = none).
  public var correlationShrinkage: Double
  public var records: [AttainmentRecord]

  public init(
    scenario: Scenario, draws: Int, seed: UInt64, onTrack: Double?, offTrack: Double?,
    correlationShrinkage: Double, records: [AttainmentRecord]
  ) {
    self.scenario = scenario
    self.draws = draws
    self.seed = seed
    self.onTrack = onTrack
    self.offTrack = offTrack
    self.correlationShrinkage = correlationShrinkage
    self.records = records
  }
}

/// The tidy attainment table: one row per target and scenario, scenarios one after another,
/// numbers as numbers. `plancast attain --format csv` writes the core columns; the export adds
/// names in the chosen language.
public enum AttainmentTables {
  /// The columns `plancast attain --format csv|markdown` writes, in order.
  static let core: [Column] = [
    Column("target", zh: "目标编号"), Column("scenario", zh: "情景"), Column("indicator", zh: "指标"),
    Column("region", zh: "地区"), Column("comparator", zh: "比较"),
    Column("target_value", zh: "目标值", .right), Column("target_year", zh: "目标年份", .right),
    Column("probability", zh: "实现概率", .right), Column("mc_se", zh: "蒙特卡洛标准误", .right),
    Column("median", zh: "中位数", .right), Column("lo80", zh: "80%下限", .right),
    Column("hi80", zh: "80%上限", .right), Column("lo95", zh: "95%下限", .right),
    Column("hi95", zh: "95%上限", .right), Column("status", zh: "状态代码"),
    Column("required_p50", zh: "P=0.5所需年均变化", .right),
    Column("required_p80", zh: "P=0.8所需年均变化", .right),
    Column("projected_annual_change", zh: "预测年均变化", .right), Column("proxy", zh: "使用代理"),
    Column("proxy_note", zh: "代理说明"), Column("model", zh: "模型"),
    Column("observations", zh: "拟合观测数", .right), Column("fitted_years", zh: "拟合年份"),
    Column("backtest_forecasts", zh: "回测预测数", .right), Column("thin_evidence", zh: "证据不足"),
    Column("reason", zh: "说明"),
  ]
  /// Names and units the export adds after the core columns.
  static let names: [Column] = [
    Column("name", zh: "目标"), Column("scenario_name", zh: "情景名称"),
    Column("indicator_name", zh: "指标名称"), Column("region_name", zh: "地区名称"),
    Column("unit", zh: "单位"), Column("unit_name", zh: "单位名称"),
    Column("change_unit", zh: "年均变化单位"), Column("status_label", zh: "状态"),
  ]

  /// The column keys of the tidy table, with or without the name columns.
  public static func keys(withNames: Bool) -> [String] {
    (core + (withNames ? names : [])).map(\.key)
  }

  /// The unit of `required_p50`, `required_p80` and `projected_annual_change` for a target:
  /// growth % a year for levels (units a year for differenced indicators), percentage points a
  /// year for shares, the average annual rate for rate targets.
  public static func changeUnit(_ target: Target, model: PlanModel) -> String {
    switch target.form {
    case .level:
      model.data.catalog[target.indicator]?.trend == .difference ? "/yr" : "%/yr"
    case .share: "pp/yr"
    case .averageGrowth, .changeVersusBase, .cumulative: "% a year"
    }
  }

  /// ``changeUnit(_:model:)`` in `language` with the unit named: "10k persons/yr" for a
  /// differenced level; "%/年", "万人/年", "个百分点/年", "%(年均)" in Chinese.
  public static func changeUnit(_ target: Target, model: PlanModel, language: Language) -> String {
    let unit = changeUnit(target, model: model)
    guard language == .zh else {
      return unit == "/yr"
        ? ModelNames(model: model, language: language).unit(target.unit) + "/yr" : unit
    }
    switch unit {
    case "%/yr": return "%/年"
    case "/yr": return ModelNames(model: model, language: language).unit(target.unit) + "/年"
    case "pp/yr": return "个百分点/年"
    default: return "%(年均)"
    }
  }

  /// One row per target and scenario. `language` sets the headers and the names.
  public static func tidy(
    _ runs: [AttainmentRun], model: PlanModel, language: Language, withNames: Bool = true
  ) -> Table {
    var table = Table(columns: core + (withNames ? names : []), language: language)
    let names = ModelNames(model: model, language: language)
    for run in runs {
      for r in run.records {
        let t = r.target
        var row: [Cell] = [
          .text(t.id), .text(r.scenario), .text(t.indicator), .text(t.region),
          .text(t.comparator.symbol), .number(t.value), .integer(t.year), .number(r.probability),
          .number(r.monteCarloStandardError), .number(r.median), .number(r.lo80),
          .number(r.hi80), .number(r.lo95), .number(r.hi95), .text(r.statusCode),
          .number(r.requiredForHalf), .number(r.requiredForEighty),
          .number(r.projectedAnnualChange), .text(r.usesProxy ? "true" : "false"),
          .text(r.proxyNote), .text(r.model), .integer(r.evidence?.observations),
          .text(r.evidence?.yearsText), .integer(r.evidence?.checkedForecasts),
          .text(r.evidence.map { $0.isThin ? "true" : "false" }), .text(r.reason),
        ]
        if withNames {
          row += [
            .text(t.name(language)), .text(run.scenario.name(language)),
            .text(names.indicator(t.indicator)), .text(names.area(t.region)), .text(t.unit),
            .text(names.unit(t.unit)), .text(changeUnit(t, model: model)),
            .text(r.statusLabel(language)),
          ]
        }
        table.append(row)
      }
    }
    return table
  }

  /// The tidy table turned wide for a spreadsheet: one row per target (in the order of the
  /// tidy table) with its goal, then P(attain) under each scenario, one column each.
  public static func wide(_ tidy: Table, language: Language) -> Table {
    let zh = language == .zh
    let named = tidy.headers.count > core.count
    var scenarios: [(id: String, name: String)] = []
    var targets: [(id: String, name: String, value: Cell, year: Cell)] = []
    var probability: [String: [String: Cell]] = [:]
    for row in tidy.rows where row.count >= core.count {
      let target = row[0].text
      let scenario = row[1].text
      if !scenarios.contains(where: { $0.id == scenario }) {
        let name = named && row.count > core.count + 1 ? row[core.count + 1].text : scenario
        scenarios.append((scenario, name))
      }
      if probability[target] == nil {
        let name = named ? row[core.count].text : target
        targets.append((target, name, row[5], row[6]))
      }
      probability[target, default: [:]][scenario] = row[7]
    }
    let headers =
      (zh ? ["目标编号", "目标", "目标值", "目标年份"] : ["target", "name", "target_value", "target_year"])
      + scenarios.map { zh ? "实现概率（\($0.name)）" : "probability: \($0.id)" }
    var table = Table(
      headers: headers,
      alignments: [.left, .left, .right, .right] + scenarios.map { _ in .right },
      keys: ["target", "name", "target_value", "target_year"]
        + scenarios.map { "probability_\($0.id)" })
    for t in targets {
      table.append(
        [.text(t.id), .text(t.name), t.value, t.year]
          + scenarios.map { probability[t.id]?[$0.id] ?? .empty })
    }
    return table
  }

  /// Targets without a probability and proxy notes, one line each, for the manifest.
  public static func notes(_ runs: [AttainmentRun]) -> [String] {
    guard let first = runs.first else { return [] }
    var notes: [String] = []
    for r in first.records where r.probability == nil {
      notes.append("\(r.target.id): no probability (\(r.reason ?? r.statusCode))")
    }
    var proxies: [String] = []
    for run in runs {
      for r in run.records {
        if let note = r.proxyNote, !proxies.contains(note) { proxies.append(note) }
      }
    }
    return notes + proxies.map { "proxy: \($0)" }
  }

  /// The export table.
  public static func export(_ runs: [AttainmentRun], model: PlanModel, language: Language)
    -> ExportTable
  {
    ExportTable(
      id: "attainment", schema: "attainment.v1", titleEN: "Probability of meeting the targets",
      titleZH: "目标实现概率", table: tidy(runs, model: model, language: language),
      notes: notes(runs))
  }
}
