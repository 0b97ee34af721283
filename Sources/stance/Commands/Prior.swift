import ArgumentParser
import StanceKit

/// `stance prior`: the class shares of a new corpus, estimated from unlabelled texts.
struct Prior: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Estimate the class shares of a corpus from its unlabelled texts.",
    discussion: """
      The model's probabilities hold for the class shares it was trained under (with \
      balanced class weights: equal shares). Given all texts of a new corpus, EM \
      (Saerens, Latinne & Decaestecker 2002) estimates the corpus's shares under the \
      assumption that only the shares differ; `predict --adapt-prior` and `score \
      --adapt-prior` then adjust the probabilities to them. Texts come as for `predict` \
      (--text, files, or one text per line on stdin); with --articles the inputs are \
      articles and the estimate is over all their quotes. Without --model the shipped \
      stance model is used.
      """)

  @Option(
    help: ArgumentHelp("The model file; the shipped stance model by default.", valueName: "model"))
  var model: String?

  @Option(
    name: .customLong("text"),
    help: ArgumentHelp("A text of the corpus (repeatable).", valueName: "text"))
  var texts: [String] = []

  @Argument(help: ArgumentHelp("Files of texts (or articles); '-' is stdin.", valueName: "file"))
  var files: [String] = []

  @Flag(help: "The inputs are articles: estimate from all the quotes found in them.")
  var articles = false

  @OptionGroup var columns: TextColumnOptions

  @Option(help: ArgumentHelp("Output format.", valueName: "text|json"))
  var format: TextOrJSON = .text

  @Option(
    help: ArgumentHelp(
      "Write the estimate here instead of stdout ('-' is stdout).", valueName: "file"))
  var out: String?

  @OptionGroup var encoding: InputOptions
  @OptionGroup(title: "Output") var output: QuietOption

  func validate() throws {
    if !texts.isEmpty && !files.isEmpty {
      throw ValidationError("give texts either with --text or in files, not both")
    }
    if articles && !texts.isEmpty {
      throw ValidationError("--articles reads article files; give files, not --text")
    }
  }

  func run() throws {
    let modelPath = try model ?? locateShippedModel("stance")
    if let out { try OutputFile.check(out) }
    let (pipeline, metadata) = try ModelFile.read(path: modelPath)
    let corpus: [String]
    if articles {
      var stream = try ArticleStream(paths: files, invalidUTF8: encoding.invalidUTF8)
      corpus = ArticleScorer.quoteTexts(of: try stream.readAll())
      encoding.report(stream.invalidUTF8Summaries)
    } else {
      var sources = try PredictionSource.open(
        texts: texts, files: files, format: columns.input?.format, textColumn: columns.textColumn,
        invalidUTF8: encoding.invalidUTF8)
      corpus = try PredictionSource.readAll(&sources).map(\.text)
      encoding.report(sources.map(\.invalidUTF8Summary))
    }
    let estimate = try pipeline.estimatePrior(
      texts: corpus, trainingPriors: metadata.trainingPriors(labels: pipeline.labels))
    let rendered =
      format == .json
      ? estimate.json(labels: pipeline.labels) : estimate.text(labels: pipeline.labels)
    try emit(rendered, to: out, contents: "the estimate")
    warn(estimate.warnings)
  }
}
