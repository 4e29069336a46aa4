/// The commented files of a new model directory: a made-up region with two targets, enough
/// for `plancast targets` to run at once and say what data are missing.
enum ScaffoldTemplate {
  /// The columns every data file needs (`vintage` and `note` may stay empty).
  static let observationsHeader = "city,indicator,year,value,unit,vintage,source,note\n"

  static func files(id: String) -> [PlanScaffold.File] {
    [
      .init(path: PlanModel.File.model, text: model(id: id)),
      .init(path: PlanModel.File.indicators, text: indicators),
      .init(path: PlanModel.File.targets, text: targets),
      .init(path: PlanModel.File.models, text: models),
      .init(path: PlanModel.File.scenarios + "/baseline.toml", text: baseline),
      .init(path: PlanModel.File.observations, text: observationsHeader),
    ]
  }

  static func model(id: String) -> String {
    """
    # The plan: its period, the years data and targets may use, its areas and units.
    # Replace every "My …" name; the format of each key is in Models/README.md.

    [model]
    id = "\(id)"
    name_en = "My plan (2021–2025)"
    name_zh = "我的规划(2021-2025年)"
    # The plan period; plan_start − 1 is the base year (data older than it are stale).
    plan_start = 2021
    plan_end = 2025
    # Every observation and target year must lie in first_year…last_year.
    first_year = 2000
    last_year = 2035
    # Years over which a target's recent annual change is measured.
    recent_window = 5
    # Insufficient data: a target is projected only if its series has at least
    # min_observations values in the observation_window years up to its last value.
    min_observations = 5
    observation_window = 10

    # One [[areas]] entry per area a data row or a target names. kind: region (its value is
    # computed from its member cities, or published for it), city, or reference.
    [[areas]]
    id = "MyRegion"
    kind = "region"
    name_en = "My region"
    name_zh = "我的地区"
    # Member cities (declare each below with kind = "city"); none: use published figures.
    members = []

    # Every unit a data row or a target may use: id = { en = "…", zh = "…" }.
    [units]
    100m_yuan = { en = "100m yuan", zh = "亿元" }
    pct = { en = "%", zh = "%" }

    """
  }

  static let indicators = """
    # One table per indicator; the table name is the id data rows and targets use.
    # kind: level | share | rate (rate = % change on the previous year)
    # trend (level and share): growth (compound % a year) | difference (units a year)
    # aggregation (how a region's value comes from its members): sum | ratio_of_sums |
    #   weighted_mean | none (only figures published for the region itself)

    [gdp]
    name_en = "GDP, current prices"
    name_zh = "地区生产总值"
    unit = "100m_yuan"
    kind = "level"
    trend = "growth"
    aggregation = "sum"

    [urbanisation_rate]
    name_en = "urbanisation rate"
    name_zh = "城镇化率"
    unit = "pct"
    kind = "share"
    trend = "difference"
    aggregation = "none"

    """

  static let targets = """
    # The plan's numeric targets ([[targets]]) and goals without a number ([[goals]]).
    # comparator: ">=" ">" "<=" "<" "=" (reach) "~" (about; needs tolerance)
    # form: level | share | average_growth and change_vs_base (rate indicators) | cumulative
    # wording_zh quotes the plan; note says where the target was read.

    [[targets]]
    id = "T01"
    name_zh = "地区生产总值"
    name_en = "GDP, current prices"
    indicator = "gdp"
    region = "MyRegion"
    comparator = ">="
    value = 10000
    unit = "100m_yuan"
    year = 2025
    form = "level"
    wording_zh = "到2025年,地区生产总值达到1万亿元以上"
    note = "replace with the page of the plan this target is quoted from"

    [[targets]]
    id = "T02"
    name_zh = "城镇化率"
    name_en = "urbanisation rate"
    indicator = "urbanisation_rate"
    region = "MyRegion"
    comparator = ">="
    value = 70
    unit = "pct"
    year = 2025
    form = "share"
    wording_zh = "城镇化率达到70%"
    note = "replace with the page of the plan this target is quoted from"

    """

  static let models = """
    # Which model projects each indicator (needed by project, attain and report).
    # Classes: naive, drift, loglinear, logit_linear, logistic, ar, ets_damped, theta,
    # nominal_gdp, energy_intensity, auto (with candidates); see Models/README.md.

    [projection]
    selection = "aicc"

    # GDP: constant growth.
    [[models]]
    indicator = "gdp"
    model = "loglinear"

    # Urbanisation: a share bounded at 100 % (constant logit slope).
    [[models]]
    indicator = "urbanisation_rate"
    model = "logit_linear"
    scale = 100

    """

  static let baseline = """
    # The baseline scenario: every model as estimated from the data.
    # Assumptions ([[assumptions]]) shift or scale a model; see Models/README.md.
    [scenario]
    name_en = "Baseline"
    name_zh = "基准情景"
    description_en = "Models as estimated from the data; residual shocks as estimated."
    description_zh = "按数据估计的模型与残差冲击。"
    residual_scale = 1.0

    """
}
