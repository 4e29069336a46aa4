import PlanCastAttainment
import PlanCastForecasting
import PlanCastPlan
import PlanCastReports

/// Renders a vintage backtest: outturns against the projection made then, accuracy, and
/// P(attain) then and now.
struct VintageReport {
  let comparison: VintageComparison
  let model: PlanModel

  private var vintage: Int { comparison.projection.vintage }
  private var then: AttainmentRun { AttainmentRun(comparison.then, thresholds: nil) }
  private var now: AttainmentRun { AttainmentRun(comparison.now, thresholds: nil) }

  /// The terminal view: the three tables and the series that could not be projected.
  func text() -> String {
    let p = comparison.projection
    var blocks = [
      "\(model.config.name(.en)) · projections with data to \(vintage) against the outturns "
        + "(\(DataCurrency(model: model).text(.en)))",
      TextTableRenderer.render(VintageTables.outturns(p, digits: 2)),
      "Accuracy of the medians and bands",
      TextTableRenderer.render(VintageTables.accuracy(p, model: model, digits: 1)),
      "Baseline P(attain) with data to \(vintage) and now (\(comparison.now.draws) draws, "
        + "seed \(comparison.now.seed))",
      TextTableRenderer.render(
        VintageTables.attainment(then: then, now: now, vintage: vintage, digits: 3)),
    ]
    if !p.failures.isEmpty {
      blocks.append(
        "Not projected with data to \(vintage):\n"
          + p.failures.map { "  \($0.area) \($0.indicator): \($0.reason)" }.joined(separator: "\n"))
    }
    return blocks.joined(separator: "\n\n")
  }

  func json() -> JSONValue {
    let p = comparison.projection
    return .object([
      ("model", .string(model.config.id)), ("vintage", .int(vintage)),
      ("data_currency_then", DataCurrency(model: model.through(vintage)).json(.en)),
      ("data_currency_now", DataCurrency(model: model).json(.en)),
      ("draws", .int(comparison.now.draws)), ("seed", .string("\(comparison.now.seed)")),
      ("outturns", Self.rows(VintageTables.outturns(p, digits: nil))),
      ("accuracy", Self.rows(VintageTables.accuracy(p, model: model, digits: nil))),
      (
        "attainment",
        Self.rows(VintageTables.attainment(then: then, now: now, vintage: vintage, digits: nil))
      ),
      (
        "failures",
        .array(
          p.failures.map {
            .object([
              ("city", .string($0.area)), ("indicator", .string($0.indicator)),
              ("reason", .string($0.reason)),
            ])
          })
      ),
    ])
  }

  /// One object per row, keyed by the table's stable keys.
  private static func rows(_ table: Table) -> JSONValue {
    .array(table.rows.map { row in .object(zip(table.keys, row).map { ($0.0, $0.1.json) }) })
  }
}
