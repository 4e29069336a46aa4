import PlanCastAttainment
import PlanCastReports
import PlanCastSensitivity

/// `--dump-draws`: a scenario's simulated draws with the definitions needed to apply the
/// assumptions and measure the targets elsewhere (the benchmark's numpy peer), plus the sweep.
enum SweepDrawsJSON {
  static func render(_ d: SweepDrawsDescription, spec: SweepSpec) -> String {
    JSONValue.object([
      ("draws", .int(d.draws)),
      ("seed", .uint(spec.seed)),
      (
        "series",
        .array(
          d.series.map { s in
            .object([
              ("area", .string(s.area)), ("indicator", .string(s.indicator)),
              ("kind", .string(s.kind)), ("trend", .optional(s.trend)),
              ("first_projected", .int(s.firstProjected)), ("horizon", .int(s.horizon)),
              (
                "observed",
                .array(s.observed.map { .array([.int($0.year), .double($0.value)]) })
              ),
              (
                "assumptions",
                .array(
                  s.assumptions.map {
                    .object([("index", .int($0.index)), ("follows", .bool($0.follows))])
                  })
              ),
              ("paths", .array(s.paths.map(JSONValue.double))),
              ("product", s.product.map(productJSON) ?? .null),
            ])
          })
      ),
      (
        "assumptions",
        .array(
          d.assumptions.map { a in
            .object([
              ("name", .string(a.name)), ("effect", .string(a.effect)),
              ("years", a.years.map { .array($0.map(JSONValue.int)) } ?? .null),
            ])
          })
      ),
      ("values", .array(d.values.map(JSONValue.double))),
      (
        "targets",
        .array(
          d.targets.map { t in
            .object([
              ("id", .string(t.id)), ("series", .int(t.series)), ("form", .string(t.form)),
              ("first_year", .int(t.firstYear)), ("year", .int(t.year)),
              ("comparator", .string(t.comparator)), ("value", .double(t.value)),
              ("direction", .double(t.direction)), ("tolerance", .optional(t.tolerance)),
            ])
          })
      ),
      (
        "factors",
        .array(
          spec.factors.map { f in
            .object([
              ("name", .string(f.name)), ("low", .double(f.low)), ("high", .double(f.high)),
              ("distribution", .string(f.distribution.text)),
            ])
          })
      ),
    ]).render()
  }

  private static func productJSON(_ p: SweepDrawsDescription.Product) -> JSONValue {
    .object([
      ("share", .int(p.share)), ("base", .int(p.base)),
      ("share_index", .array(p.shareIndex.map { .int($0) })),
      ("share_observed", .array(p.shareObserved.map(JSONValue.double))),
      ("base_index", .array(p.baseIndex.map { .int($0) })),
      ("base_observed", .array(p.baseObserved.map(JSONValue.double))),
    ])
  }
}
