import Foundation
import PlanCastNumerics
import Testing

/// All 27 NIST StRD nonlinear datasets from both starting values: log relative errors (correct
/// significant digits, `logRelativeError`) of every certified parameter, standard deviation, the
/// residual SD and the RSS.
///
/// Requirements: LRE ≥ 6 everywhere on the lower- and average-difficulty sets from both starts;
/// LRE ≥ 4 on the higher-difficulty sets from start 2, and from start 1 where listed in
/// `hardStartOneAsserted` (BoxBOD start 1 is recorded and printed only). Lanczos1's RSS-based
/// values: see `rssBelowDoublePrecision`.
@Suite struct NISTNonlinearTests {
  /// The sets the task rates as higher difficulty (NIST's "Higher" ratings).
  static let higherDifficulty: Set<String> = [
    "MGH09", "MGH10", "Thurber", "BoxBOD", "Rat42", "Rat43", "Eckerle4", "Bennett5",
  ]
  /// Higher-difficulty sets whose start-1 fit is also asserted (≥ 4): all but BoxBOD, whose
  /// start 1 (b = 1, 1) leads to a plateau with `exp(−b₂x) ≈ 0` (reported, see the table).
  static let hardStartOneAsserted: Set<String> = [
    "MGH09", "MGH10", "Thurber", "Rat42", "Rat43", "Eckerle4", "Bennett5",
  ]
  /// Lanczos1's certified RSS (1.43e-25) is below what double precision can evaluate: residuals
  /// of ~8e-14 on data of size ~1 carry rounding errors of ~1e-16 each, so the RSS, the
  /// residual SD and the parameter SDs (∝ σ̂) have only ~3 correct digits in any double-precision
  /// code (lmfit special-cases it too). For this set those three are required to reach 2 and the
  /// σ̂-free part of the SDs, `SD/σ̂ = √diag((JᵀJ)⁻¹)`, is required to reach 6 instead.
  static let rssBelowDoublePrecision: Set<String> = ["Lanczos1"]

  struct Outcome {
    let name: String
    let start: Int
    let parameterLRE: Double
    let standardDeviationLRE: Double
    let unscaledStandardDeviationLRE: Double
    let residualSDLRE: Double
    let rssLRE: Double
    let termination: NonlinearTermination
    let evaluations: Int
  }

  static func outcome(
    _ dataset: NISTNonlinearDataset, start: Int, analyticJacobian: Bool = true
  ) throws -> Outcome {
    let fit = try LevenbergMarquardt().minimize(
      dataset.problem(analyticJacobian: analyticJacobian), from: dataset.starts[start])
    let parameterLRE = zip(fit.parameters, dataset.certified).map {
      logRelativeError($0, certified: $1)
    }.min()!
    var sdLRE = 0.0
    var unscaledSDLRE = 0.0
    if let errors = fit.standardErrors, let sigma = fit.residualStandardDeviation {
      sdLRE = zip(errors, dataset.certifiedStandardDeviations).map {
        logRelativeError($0, certified: $1)
      }.min()!
      unscaledSDLRE = zip(errors, dataset.certifiedStandardDeviations).map {
        logRelativeError($0 / sigma, certified: $1 / dataset.residualStandardDeviation)
      }.min()!
    }
    return Outcome(
      name: dataset.name, start: start + 1, parameterLRE: parameterLRE,
      standardDeviationLRE: sdLRE, unscaledStandardDeviationLRE: unscaledSDLRE,
      residualSDLRE: logRelativeError(
        fit.residualStandardDeviation ?? .nan, certified: dataset.residualStandardDeviation),
      rssLRE: logRelativeError(fit.residualSumOfSquares, certified: dataset.residualSumOfSquares),
      termination: fit.termination, evaluations: fit.evaluations)
  }

  @Test func certifiedValuesFromBothStarts() throws {
    var table = [
      "dataset    difficulty start  params    SDs  SD/σ̂  res.SD    RSS  evals  termination"
    ]
    for name in NISTNonlinearDataset.names {
      let dataset = try NISTNonlinearDataset.load(name)
      // NIST's Rat43 file prints 9 degrees of freedom; its certified residual SD uses 15 − 4 = 11.
      #expect(
        dataset.degreesOfFreedom == dataset.y.count - dataset.certified.count || name == "Rat43")
      let hard = Self.higherDifficulty.contains(name)
      for start in 0..<2 {
        let o = try Self.outcome(dataset, start: start)
        let required: Double? =
          !hard ? 6 : (start == 1 || Self.hardStartOneAsserted.contains(name)) ? 4 : nil
        table.append(
          pad(name, 10) + " " + pad(dataset.difficulty.rawValue, 10)
            + String(
              format: " %5d %7.1f %6.1f %6.1f %7.1f %6.1f %6d  ", o.start, o.parameterLRE,
              o.standardDeviationLRE, o.unscaledStandardDeviationLRE, o.residualSDLRE, o.rssLRE,
              o.evaluations)
            + o.termination.description + (required == nil ? " (recorded only)" : ""))
        guard let required else { continue }
        let rssRequired = Self.rssBelowDoublePrecision.contains(name) ? 2 : required
        #expect(o.parameterLRE >= required, "\(name) start \(o.start): parameters")
        #expect(o.standardDeviationLRE >= rssRequired, "\(name) start \(o.start): SDs")
        #expect(o.unscaledStandardDeviationLRE >= required, "\(name) start \(o.start): SD/σ̂")
        #expect(o.residualSDLRE >= rssRequired, "\(name) start \(o.start): residual SD")
        #expect(o.rssLRE >= rssRequired, "\(name) start \(o.start): RSS")
      }
    }
    print(table.joined(separator: "\n"))
  }

  /// The same fits with central finite-difference Jacobians instead of the analytic ones
  /// (start 2; printed). Requirement: LRE ≥ 6 of the parameters on lower/average sets.
  @Test func finiteDifferenceJacobians() throws {
    var table = ["dataset    params(FD)  SDs(FD)  evals"]
    for name in NISTNonlinearDataset.names {
      let dataset = try NISTNonlinearDataset.load(name)
      let o = try Self.outcome(dataset, start: 1, analyticJacobian: false)
      table.append(
        pad(name, 10)
          + String(
            format: " %8.1f %8.1f %6d", o.parameterLRE, o.unscaledStandardDeviationLRE,
            o.evaluations))
      if !Self.higherDifficulty.contains(name) {
        #expect(o.parameterLRE >= 6, "\(name) finite differences: parameters")
      }
    }
    print(table.joined(separator: "\n"))
  }
}

private func pad(_ s: String, _ width: Int) -> String {
  s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}
