/// What a model still lacks before PlanCast can say something about each target: the
/// (region, indicator) series without any observation, and the target indicators without a
/// model in `models.toml`. `plancast targets` prints it under its table.
public struct ModelGaps: Sendable, Hashable {
  /// A series a target is measured on and the data file has no row of.
  public struct MissingSeries: Sendable, Hashable {
    public let region: String
    public let indicator: String
    public let unit: String
    /// The targets measured on it.
    public let targets: [String]
    /// The Chinese names of the region and the indicator.
    public let regionZH: String
    public let indicatorZH: String
  }

  /// A target indicator (in its region) that `models.toml` declares no model for.
  public struct MissingModel: Sendable, Hashable {
    public let region: String
    public let indicator: String
    /// The Chinese names of the region and the indicator.
    public let regionZH: String
    public let indicatorZH: String
  }

  public let missingSeries: [MissingSeries]
  public let missingModels: [MissingModel]

  /// The gaps of `model`, in target order.
  public init(model: PlanModel) {
    var series: [MissingSeries] = []
    var models: [MissingModel] = []
    for target in model.plan.targets {
      let regionZH = model.data.areaName(target.region, .zh)
      let indicatorZH = model.data.indicatorName(target.indicator, .zh)
      let hasData =
        !(model.data.series(area: target.region, indicator: target.indicator)?.isEmpty ?? true)
      if !hasData {
        if let i = series.firstIndex(where: {
          $0.region == target.region && $0.indicator == target.indicator
        }) {
          let s = series[i]
          series[i] = MissingSeries(
            region: s.region, indicator: s.indicator, unit: s.unit,
            targets: s.targets + [target.id], regionZH: regionZH, indicatorZH: indicatorZH)
        } else {
          series.append(
            MissingSeries(
              region: target.region, indicator: target.indicator,
              unit: model.data.catalog[target.indicator]?.unit ?? target.unit,
              targets: [target.id], regionZH: regionZH, indicatorZH: indicatorZH))
        }
      }
      let declared =
        model.specifications?.declaration(indicator: target.indicator, area: target.region) != nil
      let missing = MissingModel(
        region: target.region, indicator: target.indicator, regionZH: regionZH,
        indicatorZH: indicatorZH)
      if !declared && !models.contains(missing) { models.append(missing) }
    }
    missingSeries = series
    missingModels = models
  }

  public var isEmpty: Bool { missingSeries.isEmpty && missingModels.isEmpty }

  /// One line per gap, saying what to add where (file names and rows to add stay literal).
  public func lines(_ language: Language = .en) -> [String] {
    let zh = language == .zh
    return missingSeries.map {
      let row = "'\($0.region),\($0.indicator),YEAR,VALUE,\($0.unit),VINTAGE,SOURCE,NOTE'"
      let file = PlanModel.File.observations
      return "\($0.targets.joined(separator: ", ")): "
        + (zh
          ? "\($0.regionZH)无\($0.indicatorZH)数据 — 请在 \(file) 中添加行 \(row)"
          : "no data for \($0.indicator) in \($0.region) — add rows \(row) to \(file)")
    }
      + missingModels.map {
        let file = PlanModel.File.models
        return zh
          ? "\($0.indicatorZH)(\($0.regionZH)): \(file) 中没有模型 — 添加 [[models]] 条目即可预测(project、attain、report 需要)"
          : "\($0.indicator) (\($0.region)): no model in \(file) — add a [[models]] entry to project it (needed by project, attain, report)"
      }
  }
}
