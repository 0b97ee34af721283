import ArgumentParser
import Evaluation
import Foundation
import StanceKit

/// `stance eval`: a model's metrics on labelled data.
struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Evaluate a model on labelled data: per-class and averaged metrics.",
    discussion: """
      Prints per-class precision, recall, F1 and support, accuracy, macro and weighted F1, \
      log loss, Brier score, ROC-AUC, calibration and the confusion matrix (rows: true \
      label, columns: predicted). Every label of the data must be one the model knows.
      """)

  @Option(help: ArgumentHelp("The model file.", valueName: "model"))
  var model: String

  @OptionGroup(title: "Data") var data: DataOptions

  @Option(help: ArgumentHelp("Output format.", valueName: "text|json"))
  var format: TextOrJSON = .text

  @Option(
    help: ArgumentHelp(
      "Write the report here instead of stdout: a file (or a link's target) is replaced "
        + "atomically, a device or FIFO is written in place, '-' is stdout.",
      valueName: "file"))
  var out: String?

  func run() throws {
    if let out { try OutputFile.check(out) }
    let (pipeline, _) = try ModelFile.read(path: model)
    var classIndex: [String: Int] = [:]
    for (index, label) in pipeline.labels.enumerated() { classIndex[label] = index }

    var texts: [String] = []
    var truth: [Int] = []
    for (file, dataset) in try data.readEach() {
      for example in dataset.examples {
        guard let index = classIndex[example.label] else {
          throw CLIError.unknownLabels(
            file: file, line: example.line, label: example.label, known: pipeline.labels)
        }
        texts.append(example.text)
        truth.append(index)
      }
    }
    let features = pipeline.features(texts)
    let report = try ClassificationReport(
      labels: pipeline.labels, truth: truth,
      predicted: pipeline.model.predictions(features),
      probabilities: pipeline.probabilities(features: features))
    let rendered: String
    switch format {
    case .text:
      rendered = report.renderText()
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      rendered = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }
    try emit(rendered, to: out, contents: "the report")
  }
}
