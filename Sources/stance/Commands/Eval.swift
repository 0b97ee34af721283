import ArgumentParser
import StanceKit

/// `stance eval`: a model's metrics on labelled data.
struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Evaluate a model on labelled data: per-class and averaged metrics.",
    discussion: """
      Prints per-class precision, recall, F1 and support, accuracy, macro and weighted F1, \
      log loss, Brier score, ROC-AUC, calibration and the confusion matrix (rows: true \
      label, columns: predicted). Every label of the data must be one the model knows. \
      --format html writes one self-contained page with charts (no script, no network).
      """)

  @Option(help: ArgumentHelp("The model file.", valueName: "model"))
  var model: String

  @OptionGroup(title: "Data") var data: DataOptions

  @Option(help: ArgumentHelp("Output format.", valueName: "text|json|html"))
  var format: TextJSONOrHTML = .text

  @Option(
    help: ArgumentHelp(
      "Write the report here instead of stdout: a file (or a link's target) is replaced "
        + "atomically, a device or FIFO is written in place, '-' is stdout.",
      valueName: "file"))
  var out: String?

  @OptionGroup(title: "Output") var output: QuietOption
  @Option(help: plotHelp) var plot: String?

  func run() throws {
    if let out { try OutputFile.check(out) }
    if let plot { try OutputFile.check(plot) }
    let (pipeline, metadata) = try ModelFile.read(path: model)
    let datasets = try data.readEach()
    guard format == .html || plot != nil else {
      let (report, warnings) = try pipeline.evaluation(datasets)
      return try write(report, warnings: warnings)
    }
    let page = try EvaluationHTMLReport(
      pipeline: pipeline, metadata: metadata, modelPath: model, datasets: datasets)
    if let plot { try emit(page.mainChart(), to: plot, contents: "the plot") }
    try write(page.report, warnings: RunWarning.evaluation(page.report), page: page)
  }

  private func write(
    _ report: ClassificationReport, warnings: [RunWarning], page: EvaluationHTMLReport? = nil
  ) throws {
    switch format {
    case .text: try emit(report.renderText(), to: out, contents: "the report")
    case .json: try emit(report.jsonDocument(warnings: warnings), to: out, contents: "the report")
    case .html: try emit(page?.html() ?? "", to: out, contents: "the report")
    }
    warn(warnings)
  }
}
