import ArgumentParser

/// `--quiet`: no progress bar on long runs (the bar is drawn only on a terminal anyway).
struct ProgressOption: ParsableArguments {
  @Flag(name: [.short, .long], help: "No progress bar.")
  var quiet = false

  /// A bar counting `unit`, unless quiet or standard error is not a terminal.
  func bar(unit: String) -> ProgressBar? {
    quiet ? nil : ProgressBar.forStandardError(unit: unit)
  }
}
