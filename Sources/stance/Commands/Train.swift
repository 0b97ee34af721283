import ArgumentParser
import Foundation
import StanceKit

/// `stance train`: fit a vectorizer and a classifier on labelled data and write a model.
struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Train a classifier on labelled texts and write a model file.",
    discussion: """
      Reads CSV, TSV or JSONL files with a text and a label column, builds tf-idf features \
      of word (and optionally character) n-grams, fits a multinomial logistic regression \
      and writes everything needed to predict into one .stance file. The file is written \
      atomically: an earlier model at the same path stays intact until the new one is \
      complete. A summary goes to stderr; progress too when stderr is a terminal or with \
      --progress.
      """)

  @OptionGroup(title: "Data") var data: DataOptions

  @Option(
    help: ArgumentHelp(
      "The model file to write: replaced atomically (a link's target too); a device or FIFO "
        + "is written in place.",
      valueName: "model"))
  var out: String

  @OptionGroup(title: "Calibration") var calibrating: CalibrationOptions

  @OptionGroup(title: "Features") var features: VectorizerOptions
  @OptionGroup(title: "Training") var training: TrainingOptions
  @OptionGroup(title: "Output") var output: ProgressOptions

  func run() throws {
    let started = DispatchTime.now()
    let terminal = output.terminal
    let trainingConfiguration = try training.configuration()
    let vectorizerConfiguration = try features.configuration(threads: training.threadCount)
    try OutputFile.check(out)

    // Only the texts and labels are kept, and handed over: nothing holds the texts once
    // the features are built.
    let (texts, labels) = try { () throws -> ([String], [String]) in
      let dataset = try data.read()
      return (dataset.texts, dataset.labels)
    }()
    let outcome = try TrainingRun.run(
      texts: consume texts, labels: consume labels, files: data.files,
      vectorizer: vectorizerConfiguration, training: trainingConfiguration,
      calibration: calibrating.method(seed: training.seed), writingTo: out, started: started,
      progress: terminal.progress, fitted: terminal.endProgress)
    terminal.summary(outcome.summary())
  }
}
