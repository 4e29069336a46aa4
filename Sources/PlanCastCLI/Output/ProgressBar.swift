import Foundation

/// A progress bar on standard error for long runs (sweep points, batch-forecast series), drawn
/// only when standard error is a terminal (never in pipes, files or tests).
final class ProgressBar: @unchecked Sendable {
  private let unit: String
  private var last = -1

  private init(unit: String) { self.unit = unit }

  /// A bar counting `unit` (plural, e.g. "points"), or nil when standard error is not a terminal.
  static func forStandardError(unit: String) -> ProgressBar? {
    isatty(2) != 0 ? ProgressBar(unit: unit) : nil
  }

  /// Redraws when the percentage changes; callers serialise their calls.
  func update(_ done: Int, _ total: Int) {
    let percent = total == 0 ? 100 : done * 100 / total
    guard percent != last else { return }
    last = percent
    let width = 30
    let filled = percent * width / 100
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    FileHandle.standardError.write(Data("\r[\(bar)] \(percent)% \(done)/\(total) \(unit)".utf8))
  }

  func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}
