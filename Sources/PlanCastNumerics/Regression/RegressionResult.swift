#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One estimated coefficient with its inference. Aliased (dropped) columns carry no estimate.
public struct Coefficient: Sendable, Equatable {
  public let name: String
  /// `nil` when the column was dropped as linearly dependent on the others.
  public let estimate: Double?
  public let standardError: Double?
  public let tStatistic: Double?
  /// Two-sided p-value from Student's t with the residual degrees of freedom.
  public let pValue: Double?
  public let confidenceInterval: ClosedRange<Double>?

  /// True when the column was dropped for rank deficiency.
  public var isAliased: Bool { estimate == nil }
}

/// A fitted linear regression with the inference statsmodels' `OLS(...).fit()` reports.
///
/// The per-coefficient statistics, covariance, fitted values, residuals and QR factors live in
/// one shared ``RegressionStorage``; the array- and matrix-valued properties below are built
/// from it on access (read them once into a local when iterating).
public struct RegressionResult: Sendable {
  /// Number of observations.
  public let observations: Int
  /// Numerical rank of the design: the number of estimated coefficients.
  public let rank: Int
  /// One name per design column.
  let names: [String]
  /// The fit's numbers (see ``RegressionStorage``).
  let storage: RegressionStorage
  /// How `covariance` was computed.
  public let covarianceEstimator: CovarianceEstimator
  /// Residual sum of squares (weighted for WLS).
  public let residualSumOfSquares: Double
  /// Total sum of squares: centred with an intercept, uncentred without (weighted for WLS).
  public let totalSumOfSquares: Double
  /// Confidence level of the coefficient intervals.
  public let confidenceLevel: Double
  /// The two-sided Student t critical value at `confidenceLevel`.
  let criticalValue: Double
  /// True for weighted least squares.
  public let isWeighted: Bool
  /// True when the design has an intercept.
  public let hasIntercept: Bool
  /// True when the data fit exactly: residuals are at rounding level, `σ̂ = 0`, `F = ∞`.
  public let isExactFit: Bool
  /// Sum of log weights (0 for OLS), used by the likelihood.
  let sumOfLogWeights: Double

  private var layout: RegressionStorage.Layout { storage.header }

  /// Coefficients in the order of the design columns (aliased ones included, without values).
  public var coefficients: [Coefficient] {
    let p = layout.columns
    let pivots = storage.pointer(layout.pivots)
    let estimates = storage.pointer(layout.estimate)
    let errors = storage.pointer(layout.standardError)
    let statistics = storage.pointer(layout.tStatistic)
    let pValues = storage.pointer(layout.pValue)
    let critical = criticalValue
    return withExtendedLifetime(storage) {
      withUnsafeTemporaryAllocation(of: Bool.self, capacity: p) { kept in
        for j in 0..<p { kept[j] = false }
        for q in 0..<rank { kept[Int(pivots[q]) - 1] = true }
        var result: [Coefficient] = []
        result.reserveCapacity(p)
        for j in 0..<p {
          guard kept[j] else {
            result.append(
              Coefficient(
                name: names[j], estimate: nil, standardError: nil, tStatistic: nil, pValue: nil,
                confidenceInterval: nil))
            continue
          }
          let b = estimates[j]
          let se = errors[j]
          result.append(
            Coefficient(
              name: names[j], estimate: b, standardError: se, tStatistic: statistics[j],
              pValue: pValues[j], confidenceInterval: (b - critical * se)...(b + critical * se)))
        }
        return result
      }
    }
  }

  /// Indices of design columns dropped as aliased.
  public var droppedColumns: [Int] {
    guard rank < layout.columns else { return [] }
    return storage.array(layout.pivots, count: layout.columns).dropFirst(rank).map { Int($0) - 1 }
      .sorted()
  }

  /// Design indices of the rows and columns of `covariance`.
  public var estimatedColumns: [Int] {
    storage.array(layout.pivots, count: layout.columns).prefix(rank).map { Int($0) - 1 }.sorted()
  }

  /// Covariance of the estimated (non-aliased) coefficients, in design order.
  public var covariance: Matrix {
    // swift-format-ignore: NeverUseForceTry
    try! Matrix(
      rows: rank, columns: rank,
      columnMajor: storage.array(layout.covariance, count: rank * rank))
  }

  /// Fitted values `Xβ̂`.
  public var fittedValues: [Double] { storage.array(layout.fitted, count: observations) }
  /// Residuals `y − Xβ̂` (unweighted).
  public var residuals: [Double] { storage.array(layout.residuals, count: observations) }
  /// Residuals scaled by `√w` (equal to `residuals` for OLS).
  public var weightedResiduals: [Double] {
    storage.array(layout.weightedResiduals, count: observations)
  }

  /// Pivoted QR of the weighted, column-scaled design `W^½·X·D⁻¹`, for the condition number
  /// and for prediction variances computed without forming `(XᵀX)⁻¹`.
  var factorization: PivotedQR {
    LinearRegression.factorization(storage, layout: layout, rank: rank)
  }
  /// The column scales `D` (design order).
  var columnScales: [Double] { storage.array(layout.scales, count: layout.columns) }
  /// The robust estimators' meat in the factorization's coordinates (`nil` for nonrobust):
  /// `Cov(β̃) = R₁₁⁻¹·M·R₁₁⁻ᵀ`.
  var scaledMeat: Matrix? {
    guard layout.meat >= 0 else { return nil }
    // swift-format-ignore: NeverUseForceTry
    return try! Matrix(
      rows: rank, columns: rank, columnMajor: storage.array(layout.meat, count: rank * rank))
  }

  /// Residual degrees of freedom `n − rank`.
  public var residualDegreesOfFreedom: Int { observations - rank }
  /// Model degrees of freedom: `rank − 1` with an intercept, `rank` without.
  public var modelDegreesOfFreedom: Int { hasIntercept ? rank - 1 : rank }

  /// Residual standard error `σ̂ = √(RSS / (n − rank))`.
  public var residualStandardError: Double {
    (residualSumOfSquares / Double(residualDegreesOfFreedom)).squareRoot()
  }

  /// Coefficient of determination (centred with an intercept, uncentred without).
  public var rSquared: Double {
    totalSumOfSquares > 0 ? 1 - residualSumOfSquares / totalSumOfSquares : .nan
  }

  /// R² adjusted for degrees of freedom.
  public var adjustedRSquared: Double {
    let base = Double(hasIntercept ? observations - 1 : observations)
    return 1 - (1 - rSquared) * base / Double(residualDegreesOfFreedom)
  }

  /// The overall F statistic for all slopes being zero (`∞` for an exact fit); `nil` when the
  /// model has no slope.
  public var fStatistic: Double? {
    guard modelDegreesOfFreedom > 0 else { return nil }
    if isExactFit { return .infinity }
    let explained = (totalSumOfSquares - residualSumOfSquares) / Double(modelDegreesOfFreedom)
    return explained / (residualSumOfSquares / Double(residualDegreesOfFreedom))
  }

  /// The p-value of `fStatistic`.
  public var fPValue: Double? {
    guard let f = fStatistic else { return nil }
    if f.isInfinite { return 0 }
    let p = FDistribution.survival(
      f, numerator: Double(modelDegreesOfFreedom),
      denominator: Double(residualDegreesOfFreedom))
    return p.isNaN && !f.isNaN ? nil : p
  }

  /// Gaussian log-likelihood at the estimates (`+∞` for an exact fit).
  public var logLikelihood: Double {
    let n = Double(observations)
    guard residualSumOfSquares > 0 else { return .infinity }
    return -n / 2 * (log(2 * Double.pi) + log(residualSumOfSquares / n) + 1)
      + sumOfLogWeights / 2
  }

  /// Akaike's information criterion, counting `rank` parameters (as statsmodels does).
  public var aic: Double { -2 * logLikelihood + 2 * Double(rank) }

  /// AIC with the small-sample correction `2k(k+1)/(n−k−1)`.
  public var aicc: Double {
    let k = Double(rank)
    let n = Double(observations)
    return aic + 2 * k * (k + 1) / (n - k - 1)
  }

  /// Schwarz's Bayesian information criterion.
  public var bic: Double { -2 * logLikelihood + Double(rank) * log(Double(observations)) }

  /// Durbin–Watson statistic of the (weighted) residuals.
  public var durbinWatson: Double {
    let e = weightedResiduals
    var numerator = 0.0
    for i in 1..<Swift.max(1, e.count) { numerator += (e[i] - e[i - 1]) * (e[i] - e[i - 1]) }
    let denominator = e.reduce(0) { $0 + $1 * $1 }
    return denominator > 0 ? numerator / denominator : .nan
  }

  /// Condition number of the design (ratio of its extreme singular values, unscaled columns),
  /// as statsmodels reports it (of `W^½·X` for WLS). Computed on demand from the small
  /// triangular factor.
  public var conditionNumber: Double {
    let qr = factorization
    let scales = columnScales
    var r = Matrix(rows: Swift.min(qr.rows, qr.columns), columns: qr.columns)
    for j in 0..<r.columns {
      let scale = scales[Int(qr.pivots[j]) - 1]
      for i in 0..<Swift.min(j + 1, r.rows) { r[i, j] = qr.r(i, j) * scale }
    }
    return (try? SingularValueDecomposition(r).conditionNumber) ?? .nan
  }

  /// The estimates of non-aliased coefficients, in design order (aliased ones are 0).
  public var estimates: [Double] { storage.array(layout.estimate, count: layout.columns) }
}
