/// A fitted model that can report its in-sample one-step residuals by year, on the scale of
/// its innovations. Monte Carlo uses them to estimate how shocks co-move across series;
/// models without it are simulated with independent shocks.
public protocol ResidualReporting {
  /// Residual of each fitted year (not standardised).
  var residualsByYear: [Int: Double] { get }
}

extension FittedLogLinearTrend: ResidualReporting {
  public var residualsByYear: [Int: Double] {
    Dictionary(uniqueKeysWithValues: zip(series.years, regression.residuals))
  }
}

extension FittedLogitLinearTrend: ResidualReporting {
  public var residualsByYear: [Int: Double] {
    Dictionary(uniqueKeysWithValues: zip(series.years, regression.residuals))
  }
}
