import ArgumentParser
import PlanCastNumerics
import PlanCastPlan

/// `plancast regress`: least squares with full inference on any CSV file.
public struct RegressCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "regress",
    abstract: "Fit a linear regression with full inference to columns of a CSV file.",
    discussion: """
      Least squares by column-pivoted QR (LAPACK dgeqp3), never the normal equations. Reports \
      coefficients with standard errors, t, p and confidence intervals, R², F, log-likelihood, \
      AIC/AICc/BIC, Durbin–Watson and the condition number. A constant or collinear regressor is \
      not an error: it is reported as dropped, as R and statsmodels do.

      Example:
        plancast regress --data growth.csv --y gdp_growth --x year,investment --cov hac
      """)

  @Option(help: ArgumentHelp("CSV file with a header row.", valueName: "file"))
  var data: String

  @Option(help: ArgumentHelp("Name of the response column.", valueName: "column"))
  var y: String

  @Option(
    help: ArgumentHelp("Regressor columns, comma-separated.", valueName: "column[,column…]"),
    transform: { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
  var x: [String]

  @Flag(
    help: ArgumentHelp(
      "Forgive empty fields after the header's last column (the trailing comma some spreadsheet "
        + "exports put on data rows). Everything else stays strict."))
  var lenient = false

  @Flag(help: "Fit without an intercept (R² is then uncentred).")
  var noIntercept = false

  @Option(help: "Coefficient covariance: nonrobust, hc1 (White) or hac (Newey–West).")
  var cov: CovarianceChoice = .nonrobust

  @Option(help: "Lags for --cov hac (default ⌊4(n/100)^(2/9)⌋).")
  var hacLags: Int?

  @Option(help: "Output format.")
  var format: RegressionFormat = .table

  public init() {}

  public func validate() throws {
    guard !x.isEmpty, x.allSatisfy({ !$0.isEmpty }) else {
      throw ValidationError("--x needs at least one column name, e.g. --x year,investment")
    }
    if x.contains(y) {
      throw ValidationError(
        "--x names the response '\(y)': a column cannot explain itself (the fit would be exact)")
    }
    if let twice = x.enumerated().first(where: { x[..<$0.offset].contains($0.element) }) {
      throw ValidationError(
        "--x lists '\(twice.element)' twice: the design matrix would have two identical columns")
    }
    if let hacLags, hacLags < 0 { throw ValidationError("--hac-lags must be 0 or more") }
    if hacLags != nil, cov != .hac { throw ValidationError("--hac-lags goes with --cov hac") }
  }

  public func run() throws {
    try reportingFailures {
      let table: NumericColumns
      do {
        table = try NumericColumns.read(
          path: data, columns: [y] + x, mode: lenient ? .lenient : .strict)
      } catch let error as ModelError {
        throw error.kind == .missingFile || error.kind == .missingField
          ? CLIFailure.usage(error.description) : CLIFailure.data(error.description)
      }
      let names = (noIntercept ? [] : ["const"]) + x
      // `read` returns every column asked for; a missing one is said, not trapped on.
      func column(_ name: String) throws -> [Double] {
        guard let values = table.values(name) else {
          throw CLIFailure.data("\(data): no column '\(name)'")
        }
        return values
      }
      var designColumns = try x.map(column)
      if !noIntercept {
        designColumns.insert([Double](repeating: 1, count: table.rowCount), at: 0)
      }
      guard table.rowCount > names.count else {
        throw CLIFailure.data(
          "\(data): \(table.rowCount) data rows are too few for \(names.count) coefficients; "
            + "give more rows than coefficients")
      }
      if let hacLags, hacLags >= table.rowCount {
        throw CLIFailure.usage(
          "--hac-lags \(hacLags) must be below the \(table.rowCount) data rows of \(data)")
      }
      let result: RegressionResult
      do {
        let regression = try RegressionData(
          response: try column(y), design: Matrix(columns: designColumns), names: names,
          hasIntercept: !noIntercept)
        result = try LinearRegression.fit(regression, covariance: cov.estimator(lags: hacLags))
      } catch let error as RegressionError {
        throw CLIFailure.data("\(data): \(error.description)")
      }
      let report = RegressionReport(result: result, response: y)
      switch format {
      case .table: print(report.summary())
      case .json: print(report.json().render())
      case .csv: print(CSVWriter.render(report.coefficientTable()), terminator: "")
      case .markdown: print(MarkdownTableRenderer.render(report.coefficientTable()), terminator: "")
      }
    }
  }
}

/// The `--cov` choices.
enum CovarianceChoice: String, ExpressibleByArgument, CaseIterable {
  case nonrobust, hc1, hac

  func estimator(lags: Int?) -> CovarianceEstimator {
    switch self {
    case .nonrobust: .nonrobust
    case .hc1: .hc1
    case .hac: .hac(lags: lags)
    }
  }
}

/// The `--format` choices of `regress`.
enum RegressionFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv, markdown
}
