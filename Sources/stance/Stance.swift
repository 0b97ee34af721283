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
      Score.self, Prior.self, Vectorize.self, ImportWeights.self,
    ])

  /// Runs the command, mapping StanceKit's errors to sysexits codes with their messages.
  ///
  /// `SIGPIPE` is ignored so that a closed pipe arrives as an error that can remove the
  /// temporary files of uncommitted outputs before the process ends as `SIGPIPE` would.
  static func main() {
    signal(SIGPIPE, SIG_IGN)
    var subcommand: (any ParsableCommand.Type)?
    do {
      var command = try parseAsRoot()
      subcommand = type(of: command)
      try command.run()
    } catch {
      if let error = error as? OutputError, case .readerGone = error {
        exitAfterOutputFailure(error)
      }
      if let code = ExitStatus.code(for: error) {
        Terminal.writeError("stance: \(error)\n")
        Self.exit(withError: code)
      }
      if let subcommand, let error = error as? ValidationError {
        exitWithUsage(error, of: subcommand)
      }
      Self.exit(withError: error)
    }
  }

  /// Reports a usage error that a subcommand's `run()` threw, with that subcommand's usage.
  ///
  /// The parser does this itself for errors thrown by `validate()`, but it reports errors
  /// thrown by `run()` with the usage of the root command, which does not tell the user
  /// what the subcommand takes. The layout is the parser's: the message, the usage and
  /// where to find more help.
  ///
  /// - Parameters:
  ///   - error: The error.
  ///   - subcommand: The subcommand that threw it.
  private static func exitWithUsage(
    _ error: ValidationError, of subcommand: any ParsableCommand.Type
  ) -> Never {
    let usage = usageString(for: subcommand).replacingOccurrences(of: "\n", with: "\n       ")
    // The usage starts with the command's names, `stance train`.
    let name = usage.split(separator: " ").prefix(2).joined(separator: " ")
    Terminal.writeError(
      "Error: \(error.message)\nUsage: \(usage)\n  See '\(name) --help' for more information.\n")
    Self.exit(withError: ExitCode.validationFailure)
  }
}
