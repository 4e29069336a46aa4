import PlanCastAttainment
import PlanCastPlan

/// The targets a run gives no probability, grouped by why, with the plan's qualitative goals:
/// the lines that make a table account for every target of the plan.
struct TargetsWithoutProbability {
  /// Why a target has no probability, in the order the groups are printed.
  enum Reason: Int, CaseIterable, Comparable {
    case noData, noProjection, staleData, insufficientData, alreadyMet, alreadyMissed

    static func < (a: Reason, b: Reason) -> Bool { a.rawValue < b.rawValue }

    func label(_ language: Language) -> String {
      switch self {
      case .noData: TargetStatus.noData.label(language)
      case .noProjection: language == .zh ? "有数据但无预测" : "data but no projection"
      case .staleData: TargetStatus.staleData.label(language)
      case .insufficientData: TargetStatus.insufficientData.label(language)
      case .alreadyMet: TargetStatus.met.label(language)
      case .alreadyMissed: TargetStatus.missed.label(language)
      }
    }

    /// Whether the reason text is worth printing per target (the group label says it all for
    /// targets without data).
    var showsDetail: Bool { self != .noData }

    init(_ t: TargetAttainment) {
      switch t.status {
      case .met: self = .alreadyMet
      case .missed: self = .alreadyMissed
      case .staleData: self = .staleData
      case .insufficientData: self = .insufficientData
      default: self = (t.reason?.hasPrefix("no data") ?? true) ? .noData : .noProjection
      }
    }
  }

  let groups: [(reason: Reason, targets: [TargetAttainment])]
  let goals: [QualitativeGoal]
  let targetCount: Int

  init(targets: [TargetAttainment], goals: [QualitativeGoal]) {
    let without = targets.filter { $0.probability == nil }
    groups = Dictionary(grouping: without, by: Reason.init).sorted { $0.key < $1.key }.map {
      ($0.key, $0.value)
    }
    self.goals = goals
    targetCount = targets.count
  }

  var isEmpty: Bool { groups.isEmpty && goals.isEmpty }

  /// The block under a table: one line per reason, the qualitative goals last.
  func text(_ language: Language) -> String {
    let count = groups.map(\.targets.count).reduce(0, +)
    let zh = language == .zh
    var lines = [
      zh
        ? "无概率: \(targetCount) 项数值目标中的 \(count) 项"
          + (goals.isEmpty ? "" : ",另有 \(goals.count) 项定性目标")
        : "Without a probability: \(count) of \(targetCount) numeric targets"
          + (goals.isEmpty ? "" : ", and \(goals.count) qualitative goals")
    ]
    for group in groups {
      if group.reason.showsDetail {
        lines.append("  \(group.reason.label(language)) (\(group.targets.count)):")
        lines += group.targets.map {
          "    \($0.target.id) \($0.target.name(language)): \($0.reasonText?.text(language) ?? "")"
        }
      } else {
        lines.append(
          "  \(group.reason.label(language)) (\(group.targets.count)): "
            + group.targets.map(\.target.id).joined(separator: ", "))
      }
    }
    if !goals.isEmpty {
      lines.append(
        "  \(zh ? "定性目标,不作预测" : "qualitative, never forecast") (\(goals.count)): "
          + goals.map(\.id).joined(separator: ", "))
    }
    return lines.joined(separator: "\n")
  }
}
