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

  /// Shows one progress update.
  func progress(_ line: String) {
    guard showsProgress else { return }
    if isTerminal {
      Self.writeError("\r\u{1B}[2K" + line)
    } else {
      Self.writeError(line + "\n")
    }
  }

  /// Writes a status line for long work: rewritten in place on a terminal, one line each
  /// otherwise (unlike ``progress(_:)``, shown without `--progress`), nothing under
  /// `--quiet`.
  ///
  /// - Parameter line: The status, without a line break.
  func status(_ line: String) {
    guard showsSummary else { return }
    Self.writeError(isTerminal ? "\r\u{1B}[2K" + line : line + "\n")
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
