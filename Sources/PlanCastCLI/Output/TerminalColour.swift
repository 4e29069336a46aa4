import Foundation
import PlanCastPlan
import Rainbow

/// Colour for a person at a terminal, never in pipes or files: on when standard output is a
/// terminal whose `TERM` is not `dumb` and `NO_COLOR` (no-color.org) is unset or empty. The
/// codes come from Rainbow.
enum TerminalColour {
  static let enabled: Bool = {
    let environment = ProcessInfo.processInfo.environment
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    guard let term = environment["TERM"], term.lowercased() != "dumb" else { return false }
    return isatty(STDOUT_FILENO) != 0
  }()

  /// `text` in the colour of `status`: green when met or on track, yellow at risk, red off
  /// track or missed; the rest (no data, qualitative) as it is.
  static func status(_ text: String, _ status: TargetStatus) -> String {
    guard enabled else { return text }
    switch status {
    case .met, .onTrack: return text.green
    case .atRisk: return text.yellow
    case .offTrack, .missed: return text.red
    case .staleData, .noData, .insufficientData, .qualitative: return text.dim
    }
  }
}
