import Foundation
import PlanCastNumerics

/// A NIST StRD linear regression dataset with its certified values, read from the original
/// `.dat` file in the test fixtures.
struct NISTLinearDataset {
  let name: String
  let estimates: [Double]
  let standardErrors: [Double]
  let residualStandardDeviation: Double
  let rSquared: Double
  /// Certified F statistic (infinite for the exact fits).
  let fStatistic: Double
  let y: [Double]
  /// Regressor columns as given in the file (one for polynomial sets, six for Longley).
  let x: [[Double]]
  /// True when the certified model has an intercept `B0`.
  let hasIntercept: Bool

  static let names = [
    "Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
    "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5",
  ]

  static func load(_ name: String) throws -> NISTLinearDataset {
    guard
      let url = Bundle.module.url(
        forResource: "Fixtures/nist-linear/\(name)", withExtension: "dat")
    else { throw CocoaError(.fileNoSuchFile) }
    let text = try String(contentsOf: url, encoding: .utf8)
    let lines = text.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
    func numbers(_ line: String) -> [Double] {
      line.split(whereSeparator: { $0 == " " }).compactMap { Double($0) }
    }
    var estimates: [Double] = []
    var errors: [Double] = []
    var hasIntercept = false
    var sd = Double.nan
    var r2 = Double.nan
    var f = Double.nan
    var dataStart = 0
    for (index, line) in lines.enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      let fields = trimmed.split(separator: " ")
      if let first = fields.first, first.count >= 2, first.first == "B",
        first.dropFirst().allSatisfy(\.isNumber), fields.count >= 3
      {
        if first == "B0" { hasIntercept = true }
        estimates.append(Double(fields[1])!)
        errors.append(Double(fields[2])!)
      } else if trimmed.hasPrefix("Standard Deviation"), let value = numbers(trimmed).last {
        sd = value
      } else if trimmed.hasPrefix("R-Squared"), let value = numbers(trimmed).last {
        r2 = value
      } else if trimmed.hasPrefix("Regression") {
        f = fields.last == "Infinity" ? .infinity : Double(fields.last!)!
      } else if trimmed.hasPrefix("Data:") {
        dataStart = index + 1
      }
    }
    var y: [Double] = []
    var columns: [[Double]] = []
    for line in lines[dataStart...] {
      let values = numbers(line)
      guard !values.isEmpty else { continue }
      if columns.isEmpty { columns = Array(repeating: [], count: values.count - 1) }
      y.append(values[0])
      for k in 1..<values.count { columns[k - 1].append(values[k]) }
    }
    return NISTLinearDataset(
      name: name, estimates: estimates, standardErrors: errors, residualStandardDeviation: sd,
      rSquared: r2, fStatistic: f, y: y, x: columns, hasIntercept: hasIntercept)
  }

  /// The certified model's design: polynomial in `x` for one-regressor sets, linear in the six
  /// Longley regressors otherwise; an intercept column first when the model has `B0`.
  func regressionData() throws -> RegressionData {
    var columns: [[Double]] = []
    if hasIntercept { columns.append([Double](repeating: 1, count: y.count)) }
    if x.count == 1 {
      let degree = hasIntercept ? estimates.count - 1 : estimates.count
      for power in 1...degree { columns.append(x[0].map { pow($0, Double(power)) }) }
    } else {
      columns.append(contentsOf: x)
    }
    return try RegressionData(
      response: y, design: Matrix(columns: columns), hasIntercept: hasIntercept)
  }
}

/// Log relative error: the number of correct significant digits of `estimate` against
/// `certified` (absolute digits when `certified` is 0), capped at 15.
func logRelativeError(_ estimate: Double, certified: Double) -> Double {
  if estimate == certified { return 15 }
  let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
  return min(15, max(0, -log10(error)))
}
