import ArgumentParser
import CPlanCastSystem
import Foundation
import PlanCastPlan

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

  /// The line saying which columns were left out to fit, or nil when none was.
  static func leftOutLine(_ dropped: [String], language: Language) -> String? {
    guard !dropped.isEmpty else { return nil }
    let zh = language == .zh
    let list = dropped.joined(separator: zh ? "、" : ", ")
    return zh
      ? "(为适应终端宽度省略: \(list)；--wide 显示全部列)"
      : "(left out to fit the terminal: \(list); --wide shows every column)"
  }
}
