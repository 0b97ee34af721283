import ArgumentParser

/// `--quiet` and `--progress`: how much a long-running command says on stderr.
struct ProgressOptions: ParsableArguments {
  @Flag(help: "Print nothing on stderr but errors.")
  var quiet = false

  @Flag(help: "Show progress on stderr even when it is not a terminal.")
  var progress = false

  var terminal: Terminal { Terminal(quiet: quiet, progress: progress) }
}
