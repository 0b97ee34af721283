import ArgumentParser

/// The `stance` command-line tool: train, evaluate and apply stance classifiers.
@main
struct Stance: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stance",
    abstract: "Train, evaluate and apply stance and sentiment classifiers.",
    version: "0.1.0")
}
