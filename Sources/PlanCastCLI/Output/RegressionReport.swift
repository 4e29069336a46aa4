import Foundation
import PlanCastNumerics

/// Renders a ``RegressionResult`` as a statsmodels-style summary, JSON or a coefficient table.
struct RegressionReport {
  let result: RegressionResult
  let response: String

  /// The coefficient table: one row per design column, dropped ones marked.
  func coefficientTable() -> Table {
    let level = result.confidenceLevel
    let lo = String(format: "%.3g", (1 - level) / 2)
    let hi = String(format: "%.3g", 1 - (1 - level) / 2)
    var table = Table(
      headers: ["name", "estimate", "std_error", "t", "p", "ci_\(lo)", "ci_\(hi)"],
      alignments: [.left] + Array(repeating: .right, count: 6))
    for c in result.coefficients {
      guard let estimate = c.estimate else {
        table.append([c.name, "dropped", "", "", "", "", ""])
        continue
      }
      table.append(
        [
          c.name, Self.full(estimate), Self.full(c.standardError), Self.full(c.tStatistic),
          Self.full(c.pValue), Self.full(c.confidenceInterval?.lowerBound),
          Self.full(c.confidenceInterval?.upperBound),
        ])
    }
    return table
  }

  /// The summary a terminal user reads, modelled on statsmodels' `summary()`.
  func summary() -> String {
    let r = result
    let width = 78
    let rule = String(repeating: "=", count: width)
    func pair(_ a: String, _ av: String, _ b: String, _ bv: String) -> String {
      pad(a, av, 38) + "  " + pad(b, bv, 38)
    }
    let method = r.isWeighted ? "WLS" : "OLS"
    var lines = [center("\(method) Regression Results", width), rule]
    lines.append(
      pair(
        "Dep. Variable:", response, "R-squared\(r.hasIntercept ? "" : " (uncentered)"):",
        g(r.rSquared)))
    lines.append(pair("Model:", method, "Adj. R-squared:", g(r.adjustedRSquared)))
    lines.append(pair("No. Observations:", "\(r.observations)", "F-statistic:", g(r.fStatistic)))
    lines.append(
      pair("Df Residuals:", "\(r.residualDegreesOfFreedom)", "Prob (F-statistic):", g(r.fPValue)))
    lines.append(
      pair("Df Model:", "\(r.modelDegreesOfFreedom)", "Log-Likelihood:", g(r.logLikelihood)))
    lines.append(pair("Covariance Type:", r.covarianceEstimator.label, "AIC:", g(r.aic)))
    lines.append(pair("Residual Std. Error:", g(r.residualStandardError), "AICc:", g(r.aicc)))
    lines.append(pair("Rank:", "\(r.rank) of \(r.coefficients.count)", "BIC:", g(r.bic)))
    lines.append(rule)
    let level = r.confidenceLevel
    let header = [
      "", "coef", "std err", "t", "P>|t|", String(format: "[%.3g", (1 - level) / 2),
      String(format: "%.3g]", 1 - (1 - level) / 2),
    ]
    let nameWidth = max(12, r.coefficients.map { DisplayWidth.of($0.name) }.max() ?? 0)
    func row(_ cells: [String]) -> String {
      DisplayWidth.padRight(cells[0], to: nameWidth)
        + cells.dropFirst().map { String(repeating: " ", count: max(0, 11 - $0.count)) + $0 }
        .joined()
    }
    lines.append(row(header))
    lines.append(String(repeating: "-", count: width))
    for c in r.coefficients {
      if c.isAliased {
        lines.append(row([c.name, "dropped", "", "", "", "", ""]))
      } else {
        lines.append(
          row([
            c.name, g(c.estimate), g(c.standardError), f(c.tStatistic, 3), f(c.pValue, 3),
            g(c.confidenceInterval?.lowerBound), g(c.confidenceInterval?.upperBound),
          ]))
      }
    }
    lines.append(rule)
    lines.append(pair("Durbin-Watson:", f(r.durbinWatson, 3), "Cond. No.:", g(r.conditionNumber)))
    lines.append(rule)
    var notes: [String] = []
    if !r.droppedColumns.isEmpty {
      let names = r.droppedColumns.map { r.coefficients[$0].name }.joined(separator: ", ")
      notes.append("Dropped as collinear with the other columns (rank deficient): \(names).")
    }
    if r.isExactFit { notes.append("The data fit exactly: residual error 0, F infinite.") }
    if r.conditionNumber > 1e10 {
      notes.append(
        "The condition number is large (\(g(r.conditionNumber))): estimates may be sensitive to the data."
      )
    }
    return (lines + notes.enumerated().map { "[\($0.offset + 1)] \($0.element)" })
      .joined(separator: "\n")
  }

  /// Machine-readable result with full double precision.
  func json() -> JSONValue {
    let r = result
    let coefficients: [JSONValue] = r.coefficients.map { c in
      .object([
        ("name", .string(c.name)), ("estimate", .optional(c.estimate)),
        ("std_error", .optional(c.standardError)), ("t", .optional(c.tStatistic)),
        ("p", .optional(c.pValue)), ("ci_low", .optional(c.confidenceInterval?.lowerBound)),
        ("ci_high", .optional(c.confidenceInterval?.upperBound)), ("dropped", .bool(c.isAliased)),
      ])
    }
    return .object([
      ("method", .string(r.isWeighted ? "WLS" : "OLS")), ("response", .string(response)),
      ("n", .int(r.observations)), ("rank", .int(r.rank)),
      ("df_residual", .int(r.residualDegreesOfFreedom)),
      ("df_model", .int(r.modelDegreesOfFreedom)),
      ("covariance", .string(r.covarianceEstimator.label)),
      ("confidence_level", .double(r.confidenceLevel)),
      ("coefficients", .array(coefficients)),
      ("dropped", .array(r.droppedColumns.map { .string(r.coefficients[$0].name) })),
      ("r_squared", .double(r.rSquared)), ("r_squared_centered", .bool(r.hasIntercept)),
      ("adj_r_squared", .double(r.adjustedRSquared)),
      ("residual_std_error", .double(r.residualStandardError)),
      ("f_statistic", .optional(r.fStatistic)), ("f_p_value", .optional(r.fPValue)),
      ("exact_fit", .bool(r.isExactFit)),
      ("log_likelihood", .double(r.logLikelihood)), ("aic", .double(r.aic)),
      ("aicc", .double(r.aicc)), ("bic", .double(r.bic)),
      ("durbin_watson", .double(r.durbinWatson)),
      ("condition_number", .double(r.conditionNumber)),
    ])
  }

  private static func full(_ x: Double?) -> String {
    guard let x else { return "" }
    return x.isFinite ? "\(x)" : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
  }

  private func g(_ x: Double?) -> String {
    guard let x else { return "–" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x.isNaN { return "nan" }
    let magnitude = abs(x)
    return magnitude != 0 && (magnitude >= 1e5 || magnitude < 1e-3)
      ? String(format: "%.4g", x) : String(format: "%.4f", x)
  }

  private func f(_ x: Double?, _ digits: Int) -> String {
    guard let x else { return "–" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    return String(format: "%.\(digits)f", x)
  }

  private func pad(_ label: String, _ value: String, _ width: Int) -> String {
    let gap = max(1, width - DisplayWidth.of(label) - DisplayWidth.of(value))
    return label + String(repeating: " ", count: gap) + value
  }

  private func center(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, (width - DisplayWidth.of(text)) / 2)) + text
  }
}
