import ArgumentParser
import Classifier
import Dispatch
import StanceKit
import TextFeatures

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

  @OptionGroup(title: "Calibration") var calibrating: CalibrationOptions

  @OptionGroup(title: "Features") var features: VectorizerOptions
  @OptionGroup(title: "Training") var training: TrainingOptions
  @OptionGroup(title: "Choosing C") var choosing: RegularizationOptions
  @OptionGroup(title: "Output") var output: ProgressOptions

  func run() throws {
    let started = DispatchTime.now()
    let terminal = output.terminal
    var trainingConfiguration = try training.configuration()
    let vectorizerConfiguration = try features.configuration(threads: training.threadCount)
    try OutputFile.check(out)

    // Only the texts and labels are kept; the data summary (with its fingerprint) is taken
    // before fitting, so nothing holds the texts once the features are built.
    let (texts, labels, speakers) = try { () throws -> ([String], [String], [String?]) in
      let dataset = try data.read()
      return (dataset.texts, dataset.labels, training.c == nil ? dataset.speakers : [])
    }()
    // Examples per class, for the summary (the labels are handed to the fit).
    var classCounts: [String: Int] = [:]
    for label in labels { classCounts[label, default: 0] += 1 }
    if classCounts.count < 2, let only = labels.first {
      throw CLIError.oneClass(files: data.files, label: only)
    }
    let documentCount = texts.count
    let dataSummary = try TrainingDataSummary(texts: texts, labels: labels)
    terminal.progress("read \(documentCount) documents")
    let regularization =
      try training.c == nil
      ? chooseRegularization(
        texts: texts, labels: labels, speakers: speakers, vectorizer: vectorizerConfiguration,
        training: &trainingConfiguration, terminal: terminal) : nil
    let read = seconds(since: started)
    var featured: Double?
    var nonzeros: Int?
    let pipeline: Pipeline
    var calibration: CalibrationReport?
    if let method = calibrating.method(seed: training.seed) {
      (pipeline, calibration) = try Pipeline.fitCalibrated(
        texts: texts, labels: labels, vectorizer: vectorizerConfiguration,
        training: trainingConfiguration, method: method, map: calibrating.map)
    } else {
      // Handed over, so the texts are freed once featurised.
      pipeline = try Pipeline.fit(
        texts: consume texts, labels: consume labels, vectorizer: vectorizerConfiguration,
        training: trainingConfiguration,
        featuresReady: { matrix in
          featured = seconds(since: started)
          nonzeros = matrix.nonzeroCount
        },
        progress: { step in
          terminal.progress(
            "iteration \(step.iteration)  objective \(fixed(step.objective, 6))  "
              + "gradient norm \(fixed(step.gradientNorm, 6))  "
              + "\(fixed(seconds(since: started), 1)) s")
        })
    }
    terminal.endProgress()
    let metadata = ModelMetadata(
      training: trainingConfiguration,
      data: dataSummary,
      calibration: calibration, regularization: regularization)
    let solved = seconds(since: started)
    try ModelFile.write(pipeline, metadata: metadata, to: out)
    let total = seconds(since: started)
    var stages = (regularization == nil ? "read " : "read and choose C ") + fixed(read, 2)
    if let featured {
      stages += ", features \(fixed(featured - read, 2)), solver \(fixed(solved - featured, 2))"
    } else {
      stages += ", fit \(fixed(solved - read, 2))"
    }
    stages += ", write \(fixed(total - solved, 2))"

    let report = pipeline.report
    let counts = pipeline.labels.map { label in "\(label) \(classCounts[label] ?? 0)" }
    terminal.summary(
      """
      documents   \(documentCount)
      features    \(pipeline.vectorizer.featureCount)\(nonzeros.map { " (\($0) non-zeros)" } ?? "")
      classes     \(counts.joined(separator: ", "))
      solver      \(trainingConfiguration.solver.rawValue), C = \(trainingConfiguration.c)
      iterations  \(report.iterations) (\(iterationDetail(report)))
      objective   \(fixed(report.finalObjective, 6))
      stopped     \(report.stopReason.rawValue) (gradient norm \(fixed(report.relativeGradientNorm, 8)) of its start)
      seconds     \(fixed(total, 2)) (\(stages))
      model       \(out)
      """)
    if let calibration { terminal.summary("calibrated  \(calibration.text)") }
  }

  /// Chooses `C` and the class weighting by cross-validation (`train` without `--c`),
  /// sets them in `configuration` and prints the choice.
  ///
  /// The folds are grouped by speaker when every row has one.
  private func chooseRegularization(
    texts: [String], labels: [String], speakers: [String?],
    vectorizer: VectorizerConfiguration, training configuration: inout TrainingConfiguration,
    terminal: Terminal
  ) throws -> RegularizationChoice {
    let groups = speakers.allSatisfy { $0 != nil } ? speakers.compactMap { $0 } : nil
    let search = choosing.search(
      seed: training.seed, classWeighting: training.classWeight?.weighting)
    terminal.progress("choosing C by \(search.folds)-fold cross-validation")
    let choice = try RegularizationSelection.choose(
      texts: texts, labels: labels, groups: groups, vectorizer: vectorizer,
      training: configuration, search: search)
    terminal.endProgress()
    terminal.summary("chosen      \(choice.text)")
    configuration.c = choice.c
    configuration.classWeighting = choice.classWeighting
    return choice
  }
}

/// The work behind an optimizer's iterations: its function evaluations and, for Newton,
/// its Hessian-vector products.
func iterationDetail(_ report: OptimizationReport) -> String {
  let evaluations = "\(report.functionEvaluations) evaluations"
  return report.innerIterations > 0
    ? "\(evaluations), \(report.innerIterations) Hessian products" : evaluations
}

/// Seconds elapsed since `start`.
func seconds(since start: DispatchTime) -> Double {
  Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}
