import ArgumentParser
import PlanCastForecasting

/// `--origins` and `--horizons`: the rolling-origin window of a backtest.
struct BacktestWindowOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Backtest origin years FIRST:LAST.", valueName: "first:last"))
  var origins = RangeArgument(2010...2020)

  @Option(
    help: ArgumentHelp("Backtest horizons FIRST:LAST (years ahead).", valueName: "first:last"))
  var horizons = RangeArgument(1...5)

  func validate() throws {
    guard horizons.range.lowerBound >= 1 else {
      throw ValidationError("--horizons must start at 1 or later, e.g. 1:5")
    }
    guard horizons.range.upperBound <= WorkLimits.horizon else {
      throw ValidationError(
        "--horizons must end at \(WorkLimits.horizon) or earlier (got \(horizons.range.upperBound))"
      )
    }
    let years = YearlySeries.calendarYears
    guard years.contains(origins.range.lowerBound), years.contains(origins.range.upperBound) else {
      throw ValidationError(
        "--origins must be calendar years \(years.lowerBound)…\(years.upperBound), e.g. 2010:2020")
    }
  }
}
