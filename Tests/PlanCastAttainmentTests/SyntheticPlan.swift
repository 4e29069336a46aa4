import Foundation
import PlanCastNumerics

/// Writes a small, fully synthetic model directory: one region "R" with one member city "A",
/// a constant-growth GDP series, a growth rate, a share and a yearly flow, with targets of
/// every form and scenarios that fix the paths where a test needs an exact answer.
enum SyntheticPlan {
  static func write(scenarios: [String: String] = [:], gdpThreshold: Double = 260) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plancast-attain-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
    func put(_ name: String, _ text: String) throws {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try put("model.toml", model)
    try put("indicators.toml", indicators)
    try put("targets.toml", targets(gdpThreshold: gdpThreshold))
    try put("models.toml", models)
    try put("data/observations.csv", observations())
    let allScenarios = ["baseline.toml": baseline].merging(scenarios) { _, new in new }
    for (name, text) in allScenarios { try put("scenarios/\(name)", text) }
    return dir
  }

  static let model = """
    [model]
    id = "synthetic"
    name_en = "Synthetic plan"
    name_zh = "合成规划"
    plan_start = 2021
    plan_end = 2025
    first_year = 2000
    last_year = 2030
    recent_window = 5

    [[areas]]
    id = "R"
    kind = "region"
    name_en = "Region"
    name_zh = "区域"
    members = ["A"]

    [[areas]]
    id = "A"
    kind = "city"
    name_en = "City A"
    name_zh = "甲市"

    [units]
    money = { en = "money", zh = "钱" }
    pct = { en = "%", zh = "%" }
    people = { en = "people", zh = "人" }
    """

  static let indicators = """
    [gdp]
    name_en = "GDP"
    name_zh = "生产总值"
    unit = "money"
    kind = "level"
    trend = "growth"
    aggregation = "sum"

    [growth]
    name_en = "real growth"
    name_zh = "增速"
    unit = "pct"
    kind = "rate"
    aggregation = "weighted_mean"
    weight = "gdp"
    weight_lag = 1

    [share]
    name_en = "share"
    name_zh = "比重"
    unit = "pct"
    kind = "share"
    trend = "difference"
    aggregation = "weighted_mean"
    weight = "gdp"
    weight_lag = 0

    [jobs]
    name_en = "new jobs"
    name_zh = "新增就业"
    unit = "people"
    kind = "level"
    trend = "difference"
    aggregation = "sum"
    """

  /// Targets of every form; the GDP threshold is set by the closed-form test.
  static func targets(gdpThreshold: Double) -> String {
    """
    [[targets]]
    id = "T1"
    name_zh = "生产总值"
    name_en = "GDP"
    indicator = "gdp"
    region = "R"
    comparator = ">="
    value = \(gdpThreshold)
    unit = "money"
    year = 2025
    form = "level"
    wording_zh = "生产总值"

    [[targets]]
    id = "T2"
    name_zh = "年均增长"
    name_en = "average growth"
    indicator = "growth"
    region = "R"
    comparator = ">="
    value = 7.0
    unit = "pct"
    year = 2025
    form = "average_growth"
    period_start = 2021
    wording_zh = "年均增长7%"

    [[targets]]
    id = "T3"
    name_zh = "较2019年变化"
    name_en = "change versus 2019"
    indicator = "growth"
    region = "R"
    comparator = "<="
    value = 60.0
    unit = "pct"
    year = 2025
    form = "change_vs_base"
    base_year = 2019
    wording_zh = "较2019年"

    [[targets]]
    id = "T4"
    name_zh = "比重"
    name_en = "share"
    indicator = "share"
    region = "R"
    comparator = ">="
    value = 55.0
    unit = "pct"
    year = 2025
    form = "share"
    wording_zh = "比重"

    [[targets]]
    id = "T5"
    name_zh = "累计就业"
    name_en = "cumulative jobs"
    indicator = "jobs"
    region = "R"
    comparator = ">="
    value = 500.0
    unit = "people"
    year = 2025
    form = "cumulative"
    period_start = 2021
    wording_zh = "累计新增就业"
    """
  }

  static let models = """
    [[models]]
    indicator = "gdp"
    model = "loglinear"

    [[models]]
    indicator = "growth"
    model = "naive"

    [[models]]
    indicator = "share"
    model = "logit_linear"

    [[models]]
    indicator = "jobs"
    model = "naive"
    """

  static let baseline = """
    [scenario]
    name_en = "Baseline"
    name_zh = "基准"
    """

  /// Data 2006–2020 from seeded processes.
  static func observations() -> String {
    var generator = Philox(seed: 99)
    var lines = ["city,indicator,year,value,unit,vintage,source,note"]
    for year in 2006...2020 {
      let t = Double(year - 2006)
      let gdp = 100 * exp(0.07 * t + 0.02 * generator.nextNormal())
      let growth = 8 + 0.5 * generator.nextNormal()
      let share = 100 / (1 + exp(-(-0.5 + 0.05 * t + 0.02 * generator.nextNormal())))
      let jobs = 90 + 5 * generator.nextNormal()
      lines.append("A,gdp,\(year),\(gdp),money,synthetic,seeded simulation,")
      lines.append("A,growth,\(year),\(growth),pct,synthetic,seeded simulation,")
      lines.append("A,share,\(year),\(share),pct,synthetic,seeded simulation,")
      lines.append("A,jobs,\(year),\(jobs),people,synthetic,seeded simulation,")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
