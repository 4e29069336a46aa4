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
  }

  /// A target indicator (in its region) that `models.toml` declares no model for.
  public struct MissingModel: Sendable, Hashable {
    public let region: String
    public let indicator: String
  }

  public let missingSeries: [MissingSeries]
  public let missingModels: [MissingModel]

  /// The gaps of `model`, in target order.
  public init(model: PlanModel) {
    var series: [MissingSeries] = []
    var models: [MissingModel] = []
    for target in model.plan.targets {
      let hasData =
        !(model.data.series(area: target.region, indicator: target.indicator)?.isEmpty ?? true)
      if !hasData {
        if let i = series.firstIndex(where: {
          $0.region == target.region && $0.indicator == target.indicator
        }) {
          let s = series[i]
          series[i] = MissingSeries(
            region: s.region, indicator: s.indicator, unit: s.unit, targets: s.targets + [target.id]
          )
        } else {
          series.append(
            MissingSeries(
              region: target.region, indicator: target.indicator,
              unit: model.data.catalog[target.indicator]?.unit ?? target.unit,
              targets: [target.id]))
        }
      }
      let declared =
        model.specifications?.declaration(indicator: target.indicator, area: target.region) != nil
      let missing = MissingModel(region: target.region, indicator: target.indicator)
      if !declared && !models.contains(missing) { models.append(missing) }
    }
    missingSeries = series
    missingModels = models
  }

  public var isEmpty: Bool { missingSeries.isEmpty && missingModels.isEmpty }

  /// One line per gap, saying what to add where.
  public var lines: [String] {
    missingSeries.map {
      "\($0.targets.joined(separator: ", ")): no data for \($0.indicator) in \($0.region) — add rows '\($0.region),\($0.indicator),YEAR,VALUE,\($0.unit),VINTAGE,SOURCE,NOTE' to \(PlanModel.File.observations)"
    }
      + missingModels.map {
        "\($0.indicator) (\($0.region)): no model in \(PlanModel.File.models) — add a [[models]] entry to project it (needed by project, attain, report)"
      }
  }
}
