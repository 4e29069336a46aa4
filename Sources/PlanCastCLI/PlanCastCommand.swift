import ArgumentParser
import Foundation
import PlanCastNumerics

/// The `plancast` root command: a toolkit that tells a planning office whether its plan's
/// numeric targets will be met, how likely that is, and which assumptions matter most.
public struct PlanCastCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "plancast",
    abstract: "Forecast a development plan's numeric targets and the odds of meeting them.",
    discussion: """
      PlanCast projects plan indicators (GDP, urbanisation, energy intensity, ...) with honest \
      prediction intervals and reports the probability of meeting each target. Without --model, \
      commands use the embedded Changsha–Zhuzhou–Xiangtan 2021–2025 plan (Models/czt-2025).
      """,
    version: PlanCastVersion.string,
    subcommands: [
      RegressCommand.self,
      TargetsCommand.self,
      DataCommand.self,
      FitCommand.self,
      ProjectCommand.self,
      BacktestCommand.self,
      ExportCommand.self,
      ReportCommand.self,
      AttainCommand.self,
      ScenarioCommand.self,
      ForecastCommand.self,
      SweepCommand.self,
      MergeCommand.self,
      CalibratePlansCommand.self,
      ReferenceClassCommand.self,
      InitCommand.self,
    ]
  )

  public init() {}
}

/// The version printed by `plancast --version` and written into run manifests.
public enum PlanCastVersion {
  public static let string = "0.1.0"
}

extension PlanCastCommand {
  /// Parses the process arguments and runs the command. Usage errors exit with code 2 (the
  /// Unix convention PlanCast documents) rather than argument-parser's 64; data errors exit 1.
  public static func runAsMain() {
    BLASThreads.useCallingThreadUnlessConfigured()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        let message = fullMessage(for: error)
        printError(message)
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
