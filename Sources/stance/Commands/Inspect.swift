import ArgumentParser
import StanceKit

/// `stance inspect`: what a model file holds.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a model's labels, settings, training summary and strongest features.")

  @Option(help: ArgumentHelp("The model file.", valueName: "model"))
  var model: String

  @Option(
    parsing: .unconditional, help: ArgumentHelp("Features to list per class.", valueName: "k"))
  var top = 20

  @Option(help: ArgumentHelp("Output format.", valueName: "text|json"))
  var format: TextOrJSON = .text

  @OptionGroup(title: "Output") var output: QuietOption

  func validate() throws {
    try checkAtLeast(top, 0, setting: "the number of features per class", option: "--top")
  }

  func run() throws {
    let (pipeline, metadata) = try ModelFile.read(path: model)
    let summary = ModelSummary(pipeline: pipeline, metadata: metadata, top: top)
    switch format {
    case .json:
      try emit(summary.jsonDocument(), to: nil, contents: "the model summary")
    case .text:
      try emit(summary.text(path: model), to: nil, contents: "the model summary")
    }
    warn(summary.warnings)
  }
}
