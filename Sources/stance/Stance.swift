import ArgumentParser
import Foundation
import StanceKit

/// The `stance` command-line tool: train, evaluate and apply stance classifiers.
@main
struct Stance: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stance",
    abstract: "Train, evaluate and apply stance and sentiment classifiers.",
    discussion: """
      Exit codes follow sysexits: 0 ok, 64 bad usage, 65 malformed data, 66 input missing \
      or unreadable, 73 cannot create output, 74 I/O error.
      """,
    version: ModelMetadata.currentToolVersion,
    subcommands: [
      Train.self, Eval.self, Predict.self, Inspect.self, CV.self, Tune.self, Quotes.self,
      Score.self,
    ])

  /// Runs the command, mapping StanceKit's errors to sysexits codes with their messages.
  ///
  /// `SIGPIPE` is ignored so that a closed pipe arrives as an error that can remove the
  /// temporary files of uncommitted outputs before the process ends as `SIGPIPE` would.
  static func main() {
    signal(SIGPIPE, SIG_IGN)
    guardClosedStandardStreams()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if let error = error as? OutputError, case .readerGone = error {
        exitAfterOutputFailure(error)
      }
      if let code = ExitStatus.code(for: error) {
        Terminal.writeError("stance: \(error)\n")
        Self.exit(withError: code)
      }
      Self.exit(withError: error)
    }
  }
}
