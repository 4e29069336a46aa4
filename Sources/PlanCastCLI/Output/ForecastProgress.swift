import Foundation

/// The `forecast` command's progress bar on standard error, drawn only when standard error is a
/// terminal (never in pipes, files or tests).
final class ForecastProgressBar: @unchecked Sendable {
  private var last = -1

  static func forStandardError() -> ForecastProgressBar? {
    isatty(2) != 0 ? ForecastProgressBar() : nil
  }

  /// Called serialised by ``BatchForecaster``.
  func update(_ done: Int, _ total: Int) {
    let percent = total == 0 ? 100 : done * 100 / total
    guard percent != last else { return }
    last = percent
    let width = 30
    let filled = percent * width / 100
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    FileHandle.standardError.write(Data("\r[\(bar)] \(percent)% \(done)/\(total) series".utf8))
  }

  func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}
