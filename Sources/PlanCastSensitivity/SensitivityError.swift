/// A sweep that cannot run as asked: bad names, ranges, steps or sizes. Each message says what
/// is wrong and how to fix it; the command line reports them as usage errors (exit code 2).
public enum SensitivityError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A name that is not an assumption of the scenario.
  case unknownAssumption(String, known: [String])
  /// Any other invalid request, with its explanation.
  case invalid(String)

  public var description: String {
    switch self {
    case .unknownAssumption(let name, let known):
      return "no assumption '\(name)' in the scenario; its assumptions: "
        + (known.isEmpty ? "none" : known.joined(separator: ", "))
    case .invalid(let message):
      return message
    }
  }
}
