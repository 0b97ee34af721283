import ArgumentParser
import StanceKit

/// `--invalid-utf8`: what every command that reads text does with bytes that are not UTF-8.
///
/// The choice is passed to StanceKit's readers as an ``InvalidUTF8Policy``; after an input
/// has been read, ``report(_:)`` prints one line per input whose records were repaired or
/// skipped (nothing when there were none).
struct InputOptions: ParsableArguments {
  @Option(
    name: .customLong("invalid-utf8"),
    help: ArgumentHelp(
      "Text that is not valid UTF-8: fail (stop, naming the file, line and byte offset), "
        + "replace (each invalid sequence becomes U+FFFD) or skip (drop the whole record or "
        + "article); the number replaced or skipped is printed to stderr.",
      valueName: "fail|replace|skip"))
  var invalidUTF8Choice: InvalidUTF8Policy = .fail

  /// The policy for StanceKit's readers.
  var invalidUTF8: InvalidUTF8Policy { invalidUTF8Choice }

  /// Prints `stance: FILE: replaced invalid UTF-8 in N records` (or `skipped N records
  /// with invalid UTF-8`) to stderr for each summary with a non-zero count.
  ///
  /// - Parameter summaries: One summary per input, in input order; `nil` for none.
  func report(_ summaries: [InvalidUTF8Summary?]) {
    for case let summary? in summaries where summary.count > 0 {
      Terminal.writeError("stance: \(summary)\n")
    }
  }
}

extension InvalidUTF8Policy: ExpressibleByArgument {}
