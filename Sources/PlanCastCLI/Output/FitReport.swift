import PlanCastForecasting

/// Renders fitted models: a readable block per series, a tidy parameter table, JSON.
struct FitReport {
  let projections: [SeriesProjection]

  func text() -> String {
    projections.map { p -> String in
      var lines = ["\(p.area) · \(p.indicator)"]
      switch p.outcome {
      case .failure(let error):
        lines.append("  no fit: \(error.description)")
      case .success(let result):
        let fitted = result.fitted
        let years = p.history.years
        lines.append(
          "  model \(fitted.name) on \(years.count) observations (\(years.first!)–\(years.last!))"
            + (p.proxyNote.map { "; proxy: \($0)" } ?? ""))
        if let auto = fitted as? FittedAutoModel {
          let scores = auto.scores.map { "\($0.name) \(NumberText.fixed($0.score, digits: 3))" }
          lines.append("  candidates (\(Self.label(auto.rule))): " + scores.joined(separator: ", "))
          if !auto.passedOver.isEmpty {
            lines.append("  could not fit: " + auto.passedOver.joined(separator: ", "))
          }
        }
        var table = Table(
          headers: ["parameter", "estimate", "std error"], alignments: [.left, .right, .right])
        for parameter in fitted.parameters {
          table.append([
            parameter.name, NumberText.fixed(parameter.estimate, digits: 4),
            NumberText.fixed(parameter.standardError, digits: 4),
          ])
        }
        lines += TextTableRenderer.render(table).split(separator: "\n").map { "  " + $0 }
        lines.append(
          "  innovation sd \(NumberText.fixed(fitted.innovationStandardDeviation, digits: 4)), "
            + "AICc \(NumberText.fixed(fitted.aicc, digits: 2))")
      }
      return lines.joined(separator: "\n")
    }.joined(separator: "\n\n")
  }

  func parameterTable() -> Table {
    var table = Table(
      headers: [
        "city", "indicator", "model", "parameter", "estimate", "std_error", "aicc", "innovation_sd",
      ])
    for p in projections {
      guard case .success(let result) = p.outcome else { continue }
      for parameter in result.fitted.parameters {
        table.append([
          p.area, p.indicator, result.fitted.name, parameter.name, "\(parameter.estimate)",
          parameter.standardError.map { "\($0)" } ?? "", "\(result.fitted.aicc)",
          "\(result.fitted.innovationStandardDeviation)",
        ])
      }
    }
    return table
  }

  func json() -> JSONValue {
    .array(
      projections.map { p in
        var fields: [(String, JSONValue)] = [
          ("city", .string(p.area)), ("indicator", .string(p.indicator)),
          ("years", .array(p.history.years.map { .int($0) })), ("proxy", .optional(p.proxyNote)),
        ]
        switch p.outcome {
        case .failure(let error): fields.append(("error", .string(error.description)))
        case .success(let result):
          let fitted = result.fitted
          fields += [
            ("model", .string(fitted.name)), ("aicc", .double(fitted.aicc)),
            ("innovation_sd", .double(fitted.innovationStandardDeviation)),
            (
              "parameters",
              .array(
                fitted.parameters.map {
                  .object([
                    ("name", .string($0.name)), ("estimate", .double($0.estimate)),
                    ("std_error", .optional($0.standardError)),
                  ])
                })
            ),
          ]
          if let auto = fitted as? FittedAutoModel {
            fields.append(
              (
                "candidates",
                .array(
                  auto.scores.map {
                    .object([("model", .string($0.name)), ("score", .double($0.score))])
                  })
              ))
          }
        }
        return .object(fields)
      })
  }

  static func label(_ rule: AutoModel.Rule) -> String {
    switch rule {
    case .aicc: "AICc"
    case .backtest(let origins, let horizon): "backtest MASE, \(origins) origins, h ≤ \(horizon)"
    }
  }
}
