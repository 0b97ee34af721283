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
      complete. Without --c, C and the class weighting are chosen first by a k-fold \
      cross-validation (--c-folds, grouped by the speaker column when every row has one) \
      along a warm-started path of C values (0.001 to 1000 in half decades, walked from \
      1 until the score worsens), ranked by --c-metric; balanced class weights are tried \
      when the largest class has at least 1.5 times the examples of the smallest. The \
      choice is printed and stored in the model (`stance inspect` shows it). A summary \
      goes to stderr; progress too when stderr is a terminal or with --progress.
      """)

  @OptionGroup(title: "Data") var data: DataOptions

  @Option(
    help: ArgumentHelp(
      "The model file to write: replaced atomically (a link's target too); a device or FIFO "
        + "is written in place.",
      valueName: "model"))
  var out: String

  @Option(
    help: ArgumentHelp(
      "Train out of core: vectorise the data once into this folder (created when missing) "
        + "and memory-map it; a later run with the same data and feature settings reuses it "
        + "(see docs/out-of-core.md). The data is read again for each pass rather than held "
        + "(a vocabulary's term counts are spilled to files in the folder and merged). "
        + "Needs --c; no --calibrate. (default: none, in memory)",
      valueName: "folder"))
  var cache: String?

  @OptionGroup(title: "Calibration") var calibrating: CalibrationOptions

  @OptionGroup(title: "Features") var features: VectorizerOptions
  @OptionGroup(title: "Training") var training: TrainingOptions
  @OptionGroup(title: "Choosing C") var choosing: RegularizationOptions
  @OptionGroup(title: "Output") var output: ProgressOptions

  func run() throws {
    let started = DispatchTime.now()
    let terminal = output.terminal
    var trainingConfiguration = try training.configuration()
    var vectorizerConfiguration = try features.configuration(threads: training.threadCount)
    try OutputFile.check(out)
    if let cache {
      return try trainCached(
        folder: cache, vectorizer: vectorizerConfiguration, training: trainingConfiguration,
        started: started)
    }

    // Only the texts and labels are kept, and handed over: nothing holds the texts once
    // the features are built.
    let (texts, labels, speakers) = try { () throws -> ([String], [String], [String?]) in
      let dataset = try data.read()
      return (dataset.texts, dataset.labels, training.c == nil ? dataset.speakers : [])
    }()
    // With one label TrainingRun refuses the data; nothing to choose then.
    let regularization =
      try training.c == nil && Set(labels).count >= 2
      ? chooseRegularization(
        texts: texts, labels: labels, speakers: speakers, vectorizer: &vectorizerConfiguration,
        training: &trainingConfiguration, terminal: terminal) : nil
    let outcome = try TrainingRun.run(
      texts: consume texts, labels: consume labels, files: data.files,
      vectorizer: vectorizerConfiguration, training: trainingConfiguration,
      calibration: calibrating.method(seed: training.seed), map: calibrating.map,
      regularization: regularization, deploymentPrior: calibrating.deploymentPrior(),
      writingTo: out, started: started,
      progress: terminal.progress, fitted: terminal.endProgress)
    terminal.summary(outcome.summary())
    // Shown under --quiet too: the model is not what the options asked for.
    warn(outcome.warnings)
  }

  /// Chooses `C` and the class weighting by cross-validation (`train` without `--c`),
  /// and whether to add character n-grams and the built-in sentiment lexicon when
  /// `--char-ngram` and `--lexicon` were left out; sets them in
  /// `configuration` and `vectorizer` and prints the choice.
  ///
  /// The folds are grouped by speaker when every row has one.
  private func chooseRegularization(
    texts: [String], labels: [String], speakers: [String?],
    vectorizer: inout VectorizerConfiguration,
    training configuration: inout TrainingConfiguration,
    terminal: Terminal
  ) throws -> RegularizationChoice {
    let groups = speakers.allSatisfy { $0 != nil } ? speakers.compactMap { $0 } : nil
    let search = choosing.search(
      seed: training.seed, classWeighting: training.classWeight?.weighting)
    terminal.progress("choosing C by \(search.folds)-fold cross-validation")
    let (choice, chosenVectorizer) = try RegularizationSelection.chooseWithFeatureTrials(
      texts: texts, labels: labels, groups: groups, vectorizer: vectorizer,
      training: configuration, search: search,
      characterNGrams: features.leavesCharacterNGramsOpen ? .twoToFive : nil,
      lexicon: features.leavesLexiconOpen
        ? BuiltInLexicons.lexicon(named: "sentiment", foldsCase: vectorizer.foldsCase) : nil)
    vectorizer = chosenVectorizer
    terminal.endProgress()
    terminal.summary("chosen      \(choice.text)")
    configuration.c = choice.c
    configuration.classWeighting = choice.classWeighting
    return choice
  }
}
