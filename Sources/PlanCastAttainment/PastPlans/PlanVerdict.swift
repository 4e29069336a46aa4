import PlanCastPlan

/// The assessed outcome of a past plan's target, as a table of outcomes writes it.
public enum PlanVerdict: String, Sendable, CaseIterable {
  case met = "yes"
  case missed = "no"
  /// The sources do not settle it (a different basis, no official figure): never scored.
  case unclear = "unclear"

  /// Whether the target was met, nil when unclear.
  public var wasMet: Bool? {
    switch self {
    case .met: true
    case .missed: false
    case .unclear: nil
    }
  }

  /// Parses a `met` cell of `table`.
  static func parse(_ text: String, in table: NamedColumnTable, row: NamedColumnTable.Row)
    throws(ModelError) -> PlanVerdict
  {
    guard let verdict = PlanVerdict(rawValue: text) else {
      throw ModelError(
        .invalidValue, at: table.location(of: row), field: "met",
        "'\(text)' is not a verdict",
        hint: "Write one of \(allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    return verdict
  }
}

/// The assessed outcomes of one plan's targets: a CSV with columns `id` (the target id of the
/// plan's model) and `met` (yes, no, unclear); other columns (the outcome, its year and
/// source) are kept in the file for the reader.
public struct PlanOutcomes: Sendable {
  /// The verdict per target id.
  public let verdicts: [String: PlanVerdict]

  /// Reads the table at `path`.
  /// - Throws: ``ModelError`` naming the file, line and field (a missing column, an unknown
  ///   verdict, a target listed twice).
  public init(path: String) throws(ModelError) {
    let table = try NamedColumnTable(path: path, required: ["id", "met"])
    var verdicts: [String: PlanVerdict] = [:]
    var lines: [String: Int] = [:]
    for row in table.rows {
      let target = table.value("id", in: row)
      guard !target.isEmpty else {
        throw ModelError(
          .missingField, at: table.location(of: row), field: "id", "no target id",
          hint: "Give the id of the target in the plan's targets.toml.")
      }
      if let first = lines[target] {
        throw ModelError(
          .duplicateRow, at: table.location(of: row), field: "id",
          "target \(target) already has a verdict on line \(first)",
          hint: "Keep one row per target.")
      }
      lines[target] = row.line
      verdicts[target] = try PlanVerdict.parse(table.value("met", in: row), in: table, row: row)
    }
    self.verdicts = verdicts
  }

  public init(verdicts: [String: PlanVerdict]) { self.verdicts = verdicts }
}

/// The share of targets met in earlier plans, known when the calls are made: the base-rate
/// forecast. Read from any outcome table with a `met` column (yes, no, unclear); unclear rows
/// are left out.
public struct PlanBaseRate: Sendable, Equatable {
  public let met: Int
  public let verdicts: Int

  public init(met: Int, verdicts: Int) {
    self.met = met
    self.verdicts = verdicts
  }

  /// Counts the clear verdicts in the table at `path`.
  /// - Throws: ``ModelError`` for a missing column, an unknown verdict or no clear verdict.
  public init(path: String) throws(ModelError) {
    let table = try NamedColumnTable(path: path, required: ["met"])
    var met = 0
    var verdicts = 0
    for row in table.rows {
      guard
        let wasMet = try PlanVerdict.parse(table.value("met", in: row), in: table, row: row)
          .wasMet
      else { continue }
      verdicts += 1
      if wasMet { met += 1 }
    }
    guard verdicts > 0 else {
      throw ModelError(
        .invalidValue, at: SourceLocation(file: path, line: nil), field: "met",
        "no row has a clear verdict (yes or no)", hint: "A base rate needs at least one.")
    }
    self.met = met
    self.verdicts = verdicts
  }

  /// `met / verdicts`.
  public var probability: Double { Double(met) / Double(verdicts) }
}
