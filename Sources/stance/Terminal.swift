import Foundation
import StanceKit

/// Writes progress and summaries to standard error, never to standard output, so that
/// stdout stays machine-readable.
///
/// Progress lines appear only when stderr is a terminal or `--progress` was given, and
/// never with `--quiet`. On a terminal, progress overwrites one line; elsewhere each update
/// is its own line.
struct Terminal {
  /// Whether progress updates are shown.
  let showsProgress: Bool
  /// Whether the closing summary is shown.
  let showsSummary: Bool
  private let isTerminal: Bool

  /// Creates the reporter for a command's `--quiet` and `--progress` flags.
  init(quiet: Bool, progress: Bool) {
    isTerminal = isatty(STDERR_FILENO) == 1
    showsProgress = !quiet && (progress || isTerminal)
    showsSummary = !quiet
  }

  /// A progress line for `total` steps of `unit` (see ``ProgressReporter``): redrawn in
  /// place on a terminal, one line per step with `--progress` elsewhere, nothing otherwise
  /// or under `--quiet`.
  ///
  /// - Parameters:
  ///   - task: The line's prefix, the command's name.
  ///   - unit: What a step is, in the plural.
  ///   - total: Steps in all, or `nil` when unknown.
  ///   - sharesTheScreen: Whether the command streams its results to standard output as it
  ///     goes; when that is the same terminal, no line is redrawn in between.
  /// - Returns: The reporter, writing to standard error.
  func reporter(
    task: String, unit: String, total: Int?, sharesTheScreen: Bool = false
  ) -> ProgressReporter {
    var display: ProgressReporter.Display =
      showsProgress ? (isTerminal ? .terminal : .lines) : .none
    if display == .terminal && sharesTheScreen && isatty(STDOUT_FILENO) == 1 { display = .none }
    return ProgressReporter(task: task, unit: unit, total: total, display: display) { text in
      Self.writeError(text)
    }
  }

  /// Shows one progress update.
  func progress(_ line: String) {
    guard showsProgress else { return }
    if isTerminal {
      Self.writeError("\r\u{1B}[2K" + line)
    } else {
      Self.writeError(line + "\n")
    }
  }

  /// Ends a run of progress updates (moves past the overwritten line on a terminal).
  func endProgress() {
    if showsProgress && isTerminal { Self.writeError("\n") }
  }

  /// Shows a summary line.
  func summary(_ line: String) {
    if showsSummary { Self.writeError(line + "\n") }
  }

  /// Writes `text` to standard error unbuffered; a failure to do so ends the process (see
  /// ``exitAfterOutputFailure(_:)``), since there is nowhere left to report it.
  static func writeError(_ text: String) {
    do {
      try DescriptorWriter.standardError.write(text)
    } catch {
      exitAfterOutputFailure(error)
    }
  }
}
