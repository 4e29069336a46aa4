import PlanCastPlan

/// What the projections made with the data of a past year (`vintage`) said against what was
/// observed since: per series and year, the median and the 80% and 95% bands next to the
/// outturn.
public struct VintageProjection: Sendable {
  /// One projected year of one series and its outturn.
  public struct Outturn: Sendable {
    public let area: String
    public let indicator: String
    public let year: Int
    public let median: Double
    public let lo80: Double
    public let hi80: Double
    public let lo95: Double
    public let hi95: Double
    /// The value observed since (nil when the year is still not observed).
    public let outturn: Double?
    /// A declared level break lies after the vintage and up to this year: the outturn is on a
    /// basis the projection could not know (e.g. a census revision).
    public let newBasis: Bool

    /// `100 · (median − outturn) / outturn`: positive when the projection was too high.
    public var percentError: Double? {
      guard let outturn, outturn != 0 else { return nil }
      return 100 * (median - outturn) / outturn
    }

    public var inside80: Bool? { outturn.map { lo80 <= $0 && $0 <= hi80 } }
    public var inside95: Bool? { outturn.map { lo95 <= $0 && $0 <= hi95 } }
  }

  /// A series that could not be projected with the vintage's data.
  public struct Failure: Sendable {
    public let area: String
    public let indicator: String
    public let reason: String
  }

  /// Accuracy of a set of outturns.
  public struct Accuracy: Sendable, Equatable {
    /// Outturns compared.
    public let count: Int
    /// Mean absolute percentage error of the median (nil without outturns).
    public let mape: Double?
    /// Mean absolute error of the median, in the indicator's unit (nil without outturns).
    public let mae: Double?
    /// Outturns inside the 80% and 95% bands.
    public let inside80: Int
    public let inside95: Int
  }

  /// The last year of data used for the projections.
  public let vintage: Int
  /// Outturns by series (the request's order) and year.
  public let outturns: [Outturn]
  public let failures: [Failure]
  /// The data each series was fitted to (up to the vintage), by ``key(area:indicator:)``.
  public let histories: [String: YearlySeries]

  /// The key of a series in ``histories``.
  public static func key(area: String, indicator: String) -> String { "\(area)|\(indicator)" }

  /// Projects every series of `request` (areas, indicators, paths, seed; `toYear` is replaced
  /// by the last year observed in `model`) with the data up to `vintage`, and pairs each
  /// projected year with its observation in `model`.
  public init(model: PlanModel, vintage: Int, request: ProjectionRequest) throws {
    let lastYear = model.data.observations.map(\.year).max() ?? vintage
    guard lastYear > vintage else {
      throw ForecastError.invalidOption(
        "no observation after the vintage \(vintage): nothing to compare with")
    }
    var request = request
    request.toYear = lastYear
    var outturns: [Outturn] = []
    var failures: [Failure] = []
    var histories: [String: YearlySeries] = [:]
    for projection in ProjectionEngine(model: model.through(vintage)).project(request) {
      let observed = model.data.series(area: projection.area, indicator: projection.indicator)
      let breaks = model.data.catalog[projection.indicator]?.breaks ?? []
      switch projection.outcome {
      case .failure(let error):
        failures.append(
          Failure(area: projection.area, indicator: projection.indicator, reason: "\(error)"))
      case .success(let result):
        histories[Self.key(area: projection.area, indicator: projection.indicator)] =
          projection.history
        for p in result.forecast.points {
          outturns.append(
            Outturn(
              area: projection.area, indicator: projection.indicator, year: p.year,
              median: p.median, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95,
              outturn: observed?.point(in: p.year)?.value,
              newBasis: breaks.contains { $0 > vintage && $0 <= p.year }))
        }
      }
    }
    self.vintage = vintage
    self.outturns = outturns
    self.failures = failures
    self.histories = histories
  }

  /// The accuracy of the outturns of `indicator` in `areas` (all areas when nil).
  public func accuracy(indicator: String, areas: Set<String>? = nil) -> Accuracy {
    let rows = outturns.filter {
      $0.indicator == indicator && $0.outturn != nil && (areas?.contains($0.area) ?? true)
    }
    let errors = rows.compactMap(\.percentError).map(abs)
    let absolute = rows.compactMap { o in o.outturn.map { abs(o.median - $0) } }
    return Accuracy(
      count: rows.count,
      mape: errors.isEmpty ? nil : errors.reduce(0, +) / Double(errors.count),
      mae: absolute.isEmpty ? nil : absolute.reduce(0, +) / Double(absolute.count),
      inside80: rows.filter { $0.inside80 == true }.count,
      inside95: rows.filter { $0.inside95 == true }.count)
  }
}
