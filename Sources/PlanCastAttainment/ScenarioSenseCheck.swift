import PlanCastPlan

extension AttainmentEngine {
  /// Checks a scenario against what this engine projects, beyond what its file alone can
  /// show (``AssumptionBounds``): every assumption must act on a projected series, in projected
  /// years, and must not push a level to zero or below or a share outside (0, 100) from the last
  /// observed value.
  /// - Throws: ``ModelError`` at the assumption's key in its file.
  public func check(_ scenario: Scenario) throws(ModelError) {
    for assumption in scenario.assumptions {
      try check(assumption)
    }
  }

  private func check(_ a: Assumption) throws(ModelError) {
    let growthEffect = a.effect == .growthShift || a.effect == .shock
    let acted = series.filter { s in
      (a.areas?.contains(s.area) ?? true)
        && (s.indicator == a.indicator || (growthEffect && s.followsIndicator == a.indicator))
    }
    guard !acted.isEmpty else {
      // An assumption on a target's indicator whose series could not be projected (no data, no
      // calibration) acts on nothing this run; the targets say why they have no probability.
      let aimed = model.plan.targets.contains { t in
        (a.areas?.contains(t.region) ?? true)
          && (t.indicator == a.indicator
            || (growthEffect
              && model.specifications?.declaration(indicator: t.indicator, area: t.region)?
                .options.realGrowth == a.indicator))
      }
      if aimed { return }
      let projected = Set(series.map(\.indicator) + series.compactMap(\.followsIndicator)).sorted()
      let where_ = a.areas.map { " in \($0.joined(separator: ", "))" } ?? ""
      throw ModelError(
        .invalidValue, at: a.location(of: "indicator"), field: "indicator",
        "assumption '\(a.name)' acts on nothing: no series of '\(a.indicator)'\(where_) is "
          + "projected for a target",
        hint: "Projected: \(projected.isEmpty ? "none" : projected.joined(separator: ", "))."
          + NameSuggestion.didYouMean(a.indicator, among: projected))
    }
    if let product = acted.first(where: { $0.indicator == a.indicator && $0.product != nil }),
      let rule = model.data.catalog[a.indicator]?.derivation
    {
      throw ModelError(
        .invalidValue, at: a.location(of: "indicator"), field: "indicator",
        "assumption '\(a.name)': \(a.indicator) in \(product.area) is computed on every draw as "
          + "\(rule.productName), so that the three agree",
        hint: "Put the assumption on \(rule.share) or \(rule.base) instead.")
    }
    if let years = a.years {
      let windows = acted.map { $0.firstProjected...Swift.max($0.firstProjected, $0.lastYear) }
      for year in years where !windows.contains(where: { $0.contains(year) }) {
        let shown = Set(
          windows.map {
            $0.lowerBound == $0.upperBound
              ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)"
          }
        ).sorted()
        throw ModelError(
          .yearOutOfRange, at: a.location(of: "years"), field: "years",
          "\(year) is not a projected year of '\(a.indicator)' (observed to "
            + "\(acted.map(\.lastObserved).max() ?? 0), projected \(shown.joined(separator: ", ")))",
          hint:
            "A scenario changes the future only: list years in \(shown.joined(separator: ", ")).")
      }
    }
    for s in acted where s.indicator == a.indicator {
      try checkRange(a, on: s)
    }
  }

  /// A level must stay above zero and a share inside (0, 100) after the assumption's largest
  /// cumulated change, starting from the last observed value.
  private func checkRange(_ a: Assumption, on s: SimulatedSeries) throws(ModelError) {
    guard s.kind != .rate, a.effect != .fix, a.effect != .residualScale else { return }
    if s.kind == .level, a.effect != .add, s.trend != .difference { return }
    let listed = (s.firstProjected...Swift.max(s.firstProjected, s.lastYear)).filter {
      a.years?.contains($0) ?? true
    }.count
    let times = a.effect == .growthShift ? Double(listed) : 1
    let support = AssumptionBounds.support(of: a.value)
    let last = s.lastObservedValue
    let reach = [last + times * support.lowerBound, last + times * support.upperBound]
    let (allowed, what): (ClosedRange<Double>, String) =
      s.kind == .share ? (0...100, "a share outside 0–100") : (0...Double.infinity, "a level ≤ 0")
    guard let bad = reach.first(where: { !allowed.contains($0) || $0 == 0 }) else { return }
    let key = a.keyLocations["distribution"] != nil ? "distribution" : "value"
    throw ModelError(
      .invalidValue, at: a.location(of: key), field: key,
      "assumption '\(a.name)' takes \(s.indicator) in \(s.area) from \(last) "
        + "(\(s.lastObserved)) to \(bad) by \(s.lastYear): \(what)",
      hint: "Use a smaller change; the value is in the indicator's units (\(s.kind.rawValue)).")
  }
}
