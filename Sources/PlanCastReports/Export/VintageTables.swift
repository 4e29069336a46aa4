import Foundation
import PlanCastForecasting
import PlanCastPlan

/// The tables of a vintage backtest ("what we said vs what happened"): outturns against the
/// projection made with the vintage's data, their accuracy, and P(attain) then and now. Used by
/// `plancast backtest --vintage` and the HTML report.
public enum VintageTables {
  /// One row per projected series-year: median, bands, outturn, error and inside-band flags.
  /// `digits` rounds for the terminal; nil keeps full precision. In Chinese (`names` given in
  /// that language) the headers, areas, indicators and flags are Chinese; the keys stay.
  public static func outturns(_ v: VintageProjection, digits: Int?, names: ModelNames? = nil)
    -> Table
  {
    let zh = names?.language == .zh
    var table = Table(
      columns: [
        Column("city", zh: "地区"), Column("indicator", zh: "指标"),
        Column("year", zh: "年份", .right), Column("median", zh: "中位数", .right),
        Column("lo80", zh: "80%下限", .right), Column("hi80", zh: "80%上限", .right),
        Column("lo95", zh: "95%下限", .right), Column("hi95", zh: "95%上限", .right),
        Column("outturn", zh: "实际值", .right), Column("error_pct", zh: "误差(%)", .right),
        Column("in80", zh: "在80%区间内", .right), Column("in95", zh: "在95%区间内", .right),
        Column("basis", zh: "口径"),
      ], language: zh ? .zh : .en)
    for o in v.outturns {
      table.append([
        .text(names?.area(o.area) ?? o.area),
        .text(names?.indicator(o.indicator) ?? o.indicator), .integer(o.year),
        number(o.median, digits), number(o.lo80, digits), number(o.hi80, digits),
        number(o.lo95, digits), number(o.hi95, digits), number(o.outturn, digits),
        number(o.percentError, digits), flag(o.inside80, zh: zh), flag(o.inside95, zh: zh),
        .text(o.newBasis ? (zh ? "新口径" : "new basis") : ""),
      ])
    }
    return table
  }

  /// Accuracy per indicator: the member cities of `model`'s regions together, then each region.
  /// MAPE is left empty for annual rates (a percentage of a rate near zero means nothing); the
  /// mean absolute error is in the indicator's unit (percentage points for rates).
  /// In `language` the headers, indicators and areas read in it; the keys stay.
  public static func accuracy(
    _ v: VintageProjection, model: PlanModel, digits: Int?, language: Language = .en
  ) -> Table {
    let names = ModelNames(model: model, language: language)
    let zh = language == .zh
    var table = Table(
      columns: [
        Column("indicator", zh: "指标"), Column("areas", zh: "地区"), Column("years", zh: "年份"),
        Column("n", zh: "个数", .right), Column("mape", zh: "平均绝对百分比误差(%)", .right),
        Column("mae", zh: "平均绝对误差", .right),
        Column("in80", zh: "在80%区间内", .right), Column("in95", zh: "在95%区间内", .right),
      ], language: language)
    let cities = Set(model.config.areas.filter { $0.kind == .city }.map(\.id))
    let regions = model.config.areas.filter { $0.kind == .region }.map(\.id)
    var indicators: [String] = []
    for o in v.outturns where !indicators.contains(o.indicator) { indicators.append(o.indicator) }
    let years = v.outturns.filter { $0.outturn != nil }.map(\.year)
    let span = years.min().map { "\($0)–\(years.max() ?? $0)" } ?? "–"
    for indicator in indicators {
      let isRate = model.data.catalog[indicator]?.kind == .rate
      let groups =
        [(zh ? "各城市" : "cities", cities)] + regions.map { (names.area($0), Set([$0])) }
      for (name, areas) in groups {
        let a = v.accuracy(indicator: indicator, areas: areas)
        guard a.count > 0 else { continue }
        table.append([
          .text(zh ? names.indicator(indicator) : indicator), .text(name), .text(span),
          .integer(a.count),
          number(isRate ? nil : a.mape, digits), number(a.mae, digits),
          .text("\(a.inside80)/\(a.count)"), .text("\(a.inside95)/\(a.count)"),
        ])
      }
    }
    return table
  }

  /// P(attain) and status per target with the vintage's data (`then`) and all data (`now`).
  /// In `language` the headers, statuses and reasons read in it; the keys stay.
  public static func attainment(
    then: AttainmentRun, now: AttainmentRun, vintage: Int, digits: Int?, language: Language = .en
  ) -> Table {
    var table = Table(
      columns: [
        Column("target", zh: "目标"),
        Column("p_as_of_\(vintage)", zh: "截至\(vintage)年的实现概率", .right),
        Column("status_as_of_\(vintage)", zh: "截至\(vintage)年的状态"),
        Column("p_now", zh: "现在的实现概率", .right), Column("status_now", zh: "现在的状态"),
        Column("reason_now", zh: "现在无概率的原因"),
      ], language: language)
    let before = Dictionary(uniqueKeysWithValues: then.records.map { ($0.target.id, $0) })
    func status(_ r: AttainmentRecord) -> String {
      language == .zh ? r.statusLabel(.zh) : r.statusCode
    }
    for n in now.records {
      let b = before[n.target.id]
      table.append([
        .text(n.target.id), number(b?.probability, digits), .text(b.map(status) ?? "–"),
        number(n.probability, digits), .text(status(n)),
        .text(n.reasonText?.text(language) ?? ""),
      ])
    }
    return table
  }

  /// A number cell at full precision, or text rounded to `digits`.
  private static func number(_ x: Double?, _ digits: Int?) -> Cell {
    guard let x else { return .empty }
    guard let digits else { return .number(x) }
    return .text(String(format: "%.\(digits)f", x))
  }

  private static func flag(_ inside: Bool?, zh: Bool) -> Cell {
    inside.map { .text($0 ? (zh ? "是" : "yes") : (zh ? "否" : "no")) } ?? .empty
  }
}
