import ArgumentParser

/// Upper bounds on the options that size work or memory, so that a typo such as
/// `--draws 1000000000000` is refused with a reason instead of allocating terabytes.
enum WorkLimits {
  /// Monte Carlo draws per scenario (attain, backtest --vintage, export): 10^7 draws of the
  /// plan's targets take seconds and about a gigabyte at most.
  static let draws = 10_000_000
  /// Draws per point of a sweep (it runs many points).
  static let sweepDraws = 1_000_000
  /// Years forecast ahead (`forecast --horizon`): a planning horizon, not centuries.
  static let horizon = 100
  /// Simulated paths per series (`forecast --paths`).
  static let paths = 1_000_000
  /// Sobol base sample or Morris trajectories (`sweep --samples`).
  static let samples = 1 << 20
  /// Morris grid levels (`sweep --levels`).
  static let levels = 1000

  /// Refuses `value` outside `minimum…maximum`, naming `option`.
  static func check(_ value: Int, _ option: String, minimum: Int, maximum: Int) throws {
    guard value >= minimum else {
      throw ValidationError("\(option) must be at least \(minimum) (got \(value))")
    }
    guard value <= maximum else {
      throw ValidationError(
        "\(option) must be at most \(maximum) (got \(value)); larger runs need more memory or time "
          + "than a planning question warrants")
    }
  }
}
