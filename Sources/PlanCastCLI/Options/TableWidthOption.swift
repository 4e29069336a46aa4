import ArgumentParser
import CPlanCastSystem
import Foundation

/// `--wide`: on a terminal, wide tables are narrowed to its width (text columns cut with "…");
/// `--wide` prints every column whole. Pipes and files always get whole tables.
struct TableWidthOption: ParsableArguments {
  @Flag(help: "On a terminal, print tables whole instead of fitting them to its width.")
  var wide = false

  /// The widest a table line may be: the terminal's width (from the terminal, else
  /// `$COLUMNS`), or nil when printing whole (`--wide`, or standard output is not a terminal).
  var maxWidth: Int? {
    guard !wide, isatty(STDOUT_FILENO) != 0 else { return nil }
    let columns = Int(plancast_terminal_columns(STDOUT_FILENO))
    if columns > 0 { return columns }
    return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.flatMap {
      $0 > 0 ? $0 : nil
    }
  }
}
