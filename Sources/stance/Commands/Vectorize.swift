import ArgumentParser
import Foundation
import StanceKit

/// `stance vectorize`: labelled texts → sparse features in the libsvm (or Vowpal Wabbit)
/// text format, for training with other tools on StanceKit's featurisation.
struct Vectorize: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the features of labelled texts for LIBLINEAR, Spark MLlib or Vowpal Wabbit.",
    discussion: """
      Fits the vectorizer (the same --ngram, --min-df, --hash-bits … as train) on the data \
      and writes one line per text to --out: in libsvm format, `LABEL INDEX:VALUE …` with \
      labels 0 … K−1 and 1-based increasing indices; in vw format, `LABEL |f INDEX:VALUE …` \
      with labels 1 … K (for --oaa K). Beside it: OUT.labels (the label map), OUT.vocab \
      (the feature behind every index) and OUT.features.stance (the vectorizer, which \
      `stance import-weights` completes with a model trained elsewhere). See docs/libsvm.md.
      """)

  @OptionGroup(title: "Data") var data: DataOptions

  @Option(help: ArgumentHelp("The feature file to write.", valueName: "file"))
  var out: String

  @Option(help: ArgumentHelp("The row format.", valueName: "libsvm|vw"))
  var format: SparseTextFormat = .libsvm

  @Option(
    help: ArgumentHelp(
      "Vectorise with the vectorizer in this file (an OUT.features.stance or a .stance model) "
        + "instead of fitting one, so new data gets the same indices and label integers; the "
        + "feature options are then ignored. (default: fit on --data)",
      valueName: "file"))
  var vectorizer: String?

  @OptionGroup(title: "Features") var features: VectorizerOptions

  @Option(
    help: ArgumentHelp(
      "Worker threads. (default: the number of cores)", valueName: "n"))
  var threads: Int?

  @OptionGroup(title: "Output") var output: ProgressOptions

  func run() throws {
    let configuration = try features.configuration(
      threads: threads ?? TrainingConfiguration.defaultThreadCount)
    try OutputFile.check(out)
    let existing = try vectorizer.map { try ModelFile.read(path: $0).pipeline }
    let dataset = try data.read()
    let summary = try SparseTextExport.write(
      texts: dataset.texts, labels: dataset.labels, vectorizer: configuration,
      existing: existing, format: format, to: out)
    output.terminal.summary(
      "wrote \(out): \(summary.rows) rows, \(summary.features) features, "
        + "\(summary.nonzeros) non-zeros, \(summary.labels.count) labels")
  }
}

extension SparseTextFormat: ExpressibleByArgument {}
