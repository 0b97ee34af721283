import ArgumentParser
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
    let (report, warnings) = try pipeline.evaluation(try data.readEach())
    switch format {
    case .text: try emit(report.renderText(), to: out, contents: "the report")
    case .json: try emit(report.jsonDocument(warnings: warnings), to: out, contents: "the report")
    }
    warn(warnings)
  }
}
