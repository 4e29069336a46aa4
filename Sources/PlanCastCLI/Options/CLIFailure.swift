import ArgumentParser
import Foundation

/// Failures a command reports itself: exit code 1 for bad data or model files, 2 for a bad
/// argument value that only the model can check (an unknown city, say).
enum CLIFailure: Error {
  case data(String)
  case usage(String)

  /// Prints the message to standard error and returns the exit code to throw.
  func report() -> ExitCode {
    switch self {
    case .data(let message):
      printError("error: \(message)")
      return ExitCode(1)
    case .usage(let message):
      printError("error: \(message)")
      return ExitCode(2)
    }
  }
}

/// Runs `body`, turning a ``CLIFailure`` into its message and exit code.
func reportingFailures(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let failure as CLIFailure {
    throw failure.report()
  }
}

func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}
