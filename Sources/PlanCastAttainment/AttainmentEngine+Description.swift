import PlanCastForecasting
import PlanCastPlan

extension AttainmentEngine {
  /// Everything the joint simulation of `scenario` uses, as JSON-ready values (`[String: Any]`,
  /// arrays, numbers, strings, `NSNullMarker.null`), so that another implementation (the
  /// benchmark's numpy peer) can run the same algorithm: per series its model's parameters
  /// (``SimulationDescribing``), horizon and place in the shock vector; the shock correlation
  /// factor; the scenario's assumptions and what each does to each series' path; per target its
  /// form, the observed part of its quantity and its condition.
  public func simulationDescription(_ scenario: Scenario) -> [String: Any] {
    let effects = ScenarioEffects(scenario: scenario, series: series)
    let seriesInfo: [[String: Any]] = series.enumerated().map { k, s in
      [
        "area": s.area, "indicator": s.indicator, "kind": s.kind.rawValue,
        "trend": s.trend?.rawValue ?? NSNullMarker.null, "last_observed": s.lastObserved,
        "first_projected": s.firstProjected, "horizon": s.horizon,
        "component_offset": s.componentOffset, "components": s.components,
        "model_name": s.modelName,
        "model": s.product.map(Self.productDescription)
          ?? (s.fitted as? any SimulationDescribing)?.simulationDescription
          ?? ["model": "unsupported"],
        "residual_scale": effects.residualScales[k],
        "operations": effects.operations[k].map { operation -> [String: Any] in
          var kind = "none"
          var multiplicative = false
          var clamp = false
          switch operation.kind {
          case .addListed: kind = "add"
          case .fix: kind = "fix"
          case .compound(let m, let c):
            kind = "compound"
            multiplicative = m
            clamp = c
          case .none: kind = "none"
          }
          return [
            "assumption": operation.value, "kind": kind, "multiplicative": multiplicative,
            "clamp": clamp,
            "listed": Array(
              effects.listedMasks[
                operation.listedStart..<(operation.listedStart + Swift.max(0, s.horizon))]),
          ]
        },
      ]
    }
    let assumptions: [[String: Any]] = scenario.assumptions.map { a in
      switch a.value {
      case .fixed(let v): return ["name": a.name, "distribution": "fixed", "parameters": [v]]
      case .normal(let m, let s):
        return ["name": a.name, "distribution": "normal", "parameters": [m, s]]
      case .uniform(let l, let u):
        return ["name": a.name, "distribution": "uniform", "parameters": [l, u]]
      case .triangular(let l, let m, let u):
        return ["name": a.name, "distribution": "triangular", "parameters": [l, m, u]]
      }
    }
    let targets: [[String: Any]] = measures.map { m in
      let form: String
      switch m.target.form {
      case .level: form = "level"
      case .share: form = "share"
      case .averageGrowth: form = "average_growth"
      case .changeVersusBase: form = "change_vs_base"
      case .cumulative: form = "cumulative"
      }
      var shift: [String: Any] = ["kind": "none"]
      switch m.shift {
      case .multiplicative(let e): shift = ["kind": "multiplicative", "exponent": e]
      case .additive(let w): shift = ["kind": "additive", "weight": w]
      case nil: break
      }
      return [
        "id": m.target.id, "series": m.seriesIndex, "form": form, "year": m.target.year,
        "years": [m.years.lowerBound, m.years.upperBound],
        "observed_part": m.observedPart ?? NSNullMarker.null,
        "projected": [m.projectedIndices.lowerBound, m.projectedIndices.upperBound],
        "comparator": m.condition.comparator.rawValue, "value": m.condition.value,
        "direction": m.condition.direction,
        "tolerance": m.condition.tolerance ?? NSNullMarker.null, "target_value": m.target.value,
        "last_observed_value": m.lastObservedValue, "last_observed": m.lastObserved,
        "shift": shift,
      ]
    }
    return [
      "scenario": scenario.id, "dimension": dimension,
      "shock_years": [shockYears.lowerBound, shockYears.upperBound],
      // Column-major, dimension × dimension, lower triangle.
      "correlation_factor": correlation.factor.lower.elements,
      "correlation_shrinkage": correlation.shrinkage, "series": seriesInfo,
      "assumptions": assumptions, "targets": targets,
    ]
  }

  /// A product series for the peer (see ``SweepDrawsDescription/Product``).
  static func productDescription(_ p: SeriesProduct) -> [String: Any] {
    let d = SweepDrawsDescription.Product(p)
    return [
      "model": "product", "share": d.share, "base": d.base, "share_index": d.shareIndex,
      "share_observed": d.shareObserved, "base_index": d.baseIndex,
      "base_observed": d.baseObserved,
    ]
  }
}
