import ArgumentParser
import StanceKit

/// `--quiet` alone, for the commands that show no progress (`eval`, `inspect`, `prior`):
/// every command takes it, so a script can pass it to any of them.
struct QuietOption: ParsableArguments {
  @Flag(help: "Print nothing on stderr but errors and warnings.")
  var quiet = false
}

/// `--quiet` and `--progress`: how much a long-running command says on stderr.
struct ProgressOptions: ParsableArguments {
  @Flag(help: "Print nothing on stderr but errors.")
  var quiet = false

  @Flag(help: "Show progress on stderr even when it is not a terminal.")
  var progress = false

  var terminal: Terminal { Terminal(quiet: quiet, progress: progress) }

  /// The progress line of `quotes` and `score`: one step per article; the total is known
  /// unless a JSONL batch is among the inputs.
  ///
  /// - Parameters:
  ///   - task: The command's name.
  ///   - articles: The article paths as given (none means standard input).
  ///   - out: The `--out` option (`nil` or `-` is standard output).
  /// - Returns: The reporter.
  func articleReporter(task: String, articles: [String], out: String?) -> ProgressReporter {
    let batches = articles.contains { $0 != "-" && DataFormat(path: $0) == .jsonl }
    return terminal.reporter(
      task: task, unit: "articles", total: batches ? nil : max(articles.count, 1),
      sharesTheScreen: out == nil || out == "-")
  }
}
