import PlanCastPlan

/// The sensitivity part of the HTML report: one tornado chart per target (one factor at a time,
/// P(attain) with each factor at its low and high value) and the effects table. The charts and
/// the table come from the sweep; this only lays them out.
public struct SensitivitySection: Sendable {
  /// Tornado charts as inline SVG, one per target that some assumption moves.
  public let tornadoes: [String]
  /// The one-at-a-time effects, one row per target, output and factor.
  public let effects: Table
  public let scenario: String
  public let draws: Int
  /// The draws of the attainment table the section stands beside.
  public let attainmentDraws: Int
  /// Targets no assumption moves (listed, not drawn).
  public let unmoved: [String]
  public let language: Language

  public init(
    tornadoes: [String], effects: Table, scenario: String, draws: Int, attainmentDraws: Int,
    unmoved: [String], language: Language
  ) {
    self.tornadoes = tornadoes
    self.effects = effects
    self.scenario = scenario
    self.draws = draws
    self.attainmentDraws = attainmentDraws
    self.unmoved = unmoved
    self.language = language
  }

  /// The section when the scenario has nothing to vary (no assumption with a low/high range or
  /// a distribution): it says so, and how to give one.
  public static func nothingToVary(scenario: String, language: Language) -> HTMLDocument.Section {
    let text =
      language == .zh
      ? "情景 \(scenario) 中没有带低值/高值范围或分布的假设,无可变动的因素。请在情景文件的假设中添加 low 和 high。"
      : "Scenario \(scenario) has no assumption with a low/high range or a distribution: there is nothing to vary. Add low and high to an assumption in the scenario file."
    return .init(
      id: "sensitivity", heading: language == .zh ? "敏感性分析" : "Sensitivity",
      body: "<p>\(HTMLDocument.escape(text))</p>")
  }

  public func section() -> HTMLDocument.Section {
    let zh = language == .zh
    let perPoint = NumberLabel.format(Double(draws), decimals: 0)
    var intro =
      zh
      ? "单因素敏感性(情景 \(scenario),每点 \(perPoint) 次模拟,共用随机数):每个假设分别取低值和高值,其余假设保持情景设定,条形显示实现概率的变化,按影响幅度排序。"
      : "One factor at a time (scenario \(scenario), \(perPoint) draws per point, common random numbers): each assumption at its low and its high value with the others as in the scenario; bars show P(attain), the largest swing first."
    if draws == attainmentDraws {
      intro +=
        zh
        ? "基准点的概率即达标概率表中的数值(同一批模拟)。"
        : " The base P is the attainment table's (the same draws)."
    } else {
      let table = NumberLabel.format(Double(attainmentDraws), decimals: 0)
      intro +=
        zh
        ? "达标概率表用 \(table) 次模拟,基准点的概率与之相差蒙特卡洛误差。"
        : " The attainment table uses \(table) draws, so the base P differs from it by Monte Carlo error."
    }
    var body = "<p>\(HTMLDocument.escape(intro))</p>"
    body += "<div class=\"charts\">" + tornadoes.map { HTMLDocument.figure($0) }.joined() + "</div>"
    if !unmoved.isEmpty {
      body +=
        "<p>"
        + HTMLDocument.escape(
          (zh ? "不受任何假设影响的目标: " : "Targets no assumption moves: ")
            + unmoved.joined(separator: ", ")) + "</p>"
    }
    body +=
      "<h3>" + (zh ? "单因素效应" : "One-at-a-time effects") + "</h3>"
      + HTMLDocument.table(
        effects, scroll: true, format: { NumberLabel.format($0, decimals: 3) })
    return .init(id: "sensitivity", heading: zh ? "敏感性分析" : "Sensitivity", body: body)
  }
}
