import Foundation
import PlanCastPlan

/// The calls made for one past target, and what happened: the model's P(attain), the base
/// rate of earlier plans, and whether the recent trend reached the target.
public struct PlanCall: Sendable, Equatable {
  /// The plan the target belongs to, as a reader would name it.
  public let plan: String
  public let target: String
  public let name: String
  /// Whether the target was met (calls without a clear verdict are not kept).
  public let met: Bool
  /// The model's P(attain); nil when the model made no call (no data, insufficient data …).
  public let modelProbability: Double?
  /// The share of targets met in earlier plans.
  public let baseRate: Double
  /// Whether the value projected at the recent annual change meets the target; nil when the
  /// series gives no recent change.
  public let trendReaches: Bool?

  public init(
    plan: String, target: String, name: String, met: Bool, modelProbability: Double?,
    baseRate: Double, trendReaches: Bool?
  ) {
    self.plan = plan
    self.target = target
    self.name = name
    self.met = met
    self.modelProbability = modelProbability
    self.baseRate = baseRate
    self.trendReaches = trendReaches
  }

  /// The probability `forecaster` gave, nil when it made no call (the trend rule's call is 1
  /// or 0).
  public func probability(by forecaster: PlanForecaster) -> Double? {
    switch forecaster {
    case .model: modelProbability
    case .baseRate: baseRate
    case .recentTrend: trendReaches.map { $0 ? 1 : 0 }
    }
  }
}

/// The table of calls, as CSV: `plan,target,name,met,p_model,p_base_rate,trend_reaches`, one
/// row per target; an empty `p_model` or `trend_reaches` means no call; `met` and
/// `trend_reaches` are yes or no.
public enum PlanCallTable {
  public static let columns = [
    "plan", "target", "name", "met", "p_model", "p_base_rate", "trend_reaches",
  ]

  /// Reads a table of calls.
  /// - Throws: ``ModelError`` naming the file, line and field.
  public static func load(path: String) throws(ModelError) -> [PlanCall] {
    let table = try NamedColumnTable(path: path, required: columns)
    var calls: [PlanCall] = []
    for row in table.rows {
      let verdict = try PlanVerdict.parse(table.value("met", in: row), in: table, row: row)
      guard let met = verdict.wasMet else { continue }
      calls.append(
        PlanCall(
          plan: table.value("plan", in: row), target: table.value("target", in: row),
          name: table.value("name", in: row), met: met,
          modelProbability: try probability("p_model", optional: true, table, row),
          baseRate: try probability("p_base_rate", optional: false, table, row) ?? 0,
          trendReaches: try yesNo("trend_reaches", table, row)))
    }
    return calls
  }

  /// The calls as CSV text (the format ``load(path:)`` reads).
  public static func csv(_ calls: [PlanCall]) -> String {
    var lines = [columns.joined(separator: ",")]
    for call in calls {
      let fields = [
        call.plan, call.target, call.name, call.met ? "yes" : "no",
        call.modelProbability.map { String($0) } ?? "", String(call.baseRate),
        call.trendReaches.map { $0 ? "yes" : "no" } ?? "",
      ]
      lines.append(fields.map(quoted).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func quoted(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  private static func probability(
    _ name: String, optional: Bool, _ table: NamedColumnTable, _ row: NamedColumnTable.Row
  ) throws(ModelError) -> Double? {
    let text = table.value(name, in: row)
    if text.isEmpty, optional { return nil }
    guard case .value(let p) = PlainDecimal.parse(text), (0...1).contains(p) else {
      throw ModelError(
        .invalidNumber, at: table.location(of: row), field: name,
        "'\(text)' is not a probability", hint: "Write a plain decimal number from 0 to 1.")
    }
    return p
  }

  private static func yesNo(_ name: String, _ table: NamedColumnTable, _ row: NamedColumnTable.Row)
    throws(ModelError) -> Bool?
  {
    switch table.value(name, in: row) {
    case "": return nil
    case "yes": return true
    case "no": return false
    case let other:
      throw ModelError(
        .invalidValue, at: table.location(of: row), field: name, "'\(other)' is not yes or no",
        hint: "Write yes, no, or leave it empty for no call.")
    }
  }
}
