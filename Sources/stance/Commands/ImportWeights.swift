import ArgumentParser
import Foundation
import StanceKit

/// `stance import-weights`: a linear model trained elsewhere on `stance vectorize`'s
/// features → a `.stance` model.
struct ImportWeights: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import-weights",
    abstract: "Turn a linear model trained on `stance vectorize` features into a .stance model.",
    discussion: """
      Reads a model in LIBLINEAR's model file format (what `train`/`liblinear-train` writes; \
      docs/libsvm.md shows how to write Spark MLlib coefficients the same way) and the \
      OUT.features.stance file `stance vectorize` wrote beside the features it was trained \
      on, and writes a .stance model with that vectorizer, the labels and the weights. It \
      predicts the labels the other tool predicts; its probabilities are the softmax of the \
      decision values (LIBLINEAR's own for two classes).
      """)

  @Option(help: ArgumentHelp("The LIBLINEAR model file.", valueName: "file"))
  var liblinear: String

  @Option(
    help: ArgumentHelp(
      "The vectorizer file written by `stance vectorize` (OUT.features.stance).",
      valueName: "file"))
  var features: String

  @Option(help: ArgumentHelp("The .stance model to write.", valueName: "model"))
  var out: String

  @OptionGroup(title: "Output") var output: ProgressOptions

  func run() throws {
    try OutputFile.check(out)
    let (featurePipeline, metadata) = try ModelFile.read(path: features)
    guard let data = FileManager.default.contents(atPath: liblinear) else {
      throw DataError.missingFile(file: liblinear)
    }
    let imported = try LinearModelImport(
      parsing: String(decoding: data, as: UTF8.self), path: liblinear)
    let pipeline = try imported.pipeline(features: featurePipeline, path: liblinear)
    try ModelFile.write(pipeline, metadata: metadata, to: out)
    output.terminal.summary(
      "wrote \(out): \(pipeline.labels.count) labels, \(imported.featureCount) weighted "
        + "features of \(pipeline.vectorizer.featureCount)")
  }
}
