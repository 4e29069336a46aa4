import Foundation
import PlanCastForecasting
import PlanCastPlan

/// The tables of a vintage backtest ("what we said vs what happened"): outturns against the
/// projection made with the vintage's data, their accuracy, and P(attain) then and now. Used by
/// `plancast backtest --vintage` and the HTML report.
public enum VintageTables {
  /// One row per projected series-year: median, bands, outturn, error and inside-band flags.
  /// `digits` rounds for the terminal; nil keeps full precision.
  public static func outturns(_ v: VintageProjection, digits: Int?) -> Table {
    var table = Table(
      headers: [
        "city", "indicator", "year", "median", "lo80", "hi80", "lo95", "hi95", "outturn",
        "error_pct", "in80", "in95", "basis",
      ],
      alignments: [.left, .left] + Array(repeating: .right, count: 10) + [.left])
    for o in v.outturns {
      table.append([
        .text(o.area), .text(o.indicator), .integer(o.year), number(o.median, digits),
        number(o.lo80, digits), number(o.hi80, digits), number(o.lo95, digits),
        number(o.hi95, digits), number(o.outturn, digits), number(o.percentError, digits),
        flag(o.inside80), flag(o.inside95), .text(o.newBasis ? "new basis" : ""),
      ])
    }
    return table
  }

  /// Accuracy per indicator: the member cities of `model`'s regions together, then each region.
  /// MAPE is left empty for annual rates (a percentage of a rate near zero means nothing); the
  /// mean absolute error is in the indicator's unit (percentage points for rates).
  public static func accuracy(_ v: VintageProjection, model: PlanModel, digits: Int?) -> Table {
    var table = Table(
      headers: ["indicator", "areas", "years", "n", "mape", "mae", "in80", "in95"],
      alignments: [.left, .left, .left, .right, .right, .right, .right, .right])
    let cities = Set(model.config.areas.filter { $0.kind == .city }.map(\.id))
    let regions = model.config.areas.filter { $0.kind == .region }.map(\.id)
    var indicators: [String] = []
    for o in v.outturns where !indicators.contains(o.indicator) { indicators.append(o.indicator) }
    let years = v.outturns.filter { $0.outturn != nil }.map(\.year)
    let span = years.min().map { "\($0)–\(years.max() ?? $0)" } ?? "–"
    for indicator in indicators {
      let isRate = model.data.catalog[indicator]?.kind == .rate
      let groups = [("cities", cities)] + regions.map { ($0, Set([$0])) }
      for (name, areas) in groups {
        let a = v.accuracy(indicator: indicator, areas: areas)
        guard a.count > 0 else { continue }
        table.append([
          .text(indicator), .text(name), .text(span), .integer(a.count),
          number(isRate ? nil : a.mape, digits), number(a.mae, digits),
          .text("\(a.inside80)/\(a.count)"), .text("\(a.inside95)/\(a.count)"),
        ])
      }
    }
    return table
  }

  /// P(attain) and status per target with the vintage's data (`then`) and all data (`now`).
  public static func attainment(then: AttainmentRun, now: AttainmentRun, vintage: Int, digits: Int?)
    -> Table
  {
    var table = Table(
      headers: [
        "target", "p_as_of_\(vintage)", "status_as_of_\(vintage)", "p_now", "status_now",
        "reason_now",
      ],
      alignments: [.left, .right, .left, .right, .left, .left])
    let before = Dictionary(uniqueKeysWithValues: then.records.map { ($0.target.id, $0) })
    for n in now.records {
      let b = before[n.target.id]
      table.append([
        .text(n.target.id), number(b?.probability, digits), .text(b?.statusCode ?? "–"),
        number(n.probability, digits), .text(n.statusCode), .text(n.reason ?? ""),
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

  private static func flag(_ inside: Bool?) -> Cell {
    inside.map { .text($0 ? "yes" : "no") } ?? .empty
  }
}
