import ArgumentParser
import StanceKit

/// `stance cv`: stratified k-fold cross-validation of one setting.
struct CV: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cv",
    abstract: "Cross-validate one setting: per-fold and mean ± sd of accuracy, F1, log loss.",
    discussion: """
      Stratified k-fold cross-validation (seeded, deterministic). Each fold fits its own \
      vectorizer on its training rows only, so vocabulary and idf never see the test rows. \
      With --group-by, rows sharing the column's value (a speaker, an article) stay in one \
      fold. Folds run in parallel on --threads; the result does not depend on it.
      """)

  @OptionGroup(title: "Data") var data: DataOptions
  @OptionGroup(title: "Cross-validation") var selection: SelectionOptions
  @OptionGroup(title: "Features") var features: VectorizerOptions
  @OptionGroup(title: "Training") var training: TrainingOptions
  @OptionGroup(title: "Output") var output: ProgressOptions

  func validate() throws {
    if selection.format == .html {
      throw ValidationError("cv writes text or json; 'stance tune --format html' charts a grid.")
    }
  }

  func run() throws {
    let trainingConfiguration = try training.configuration()
    let vectorizerConfiguration = try features.configuration(threads: 1)
    let (dataset, groups) = try selection.read(data)
    let configuration = selection.configuration(
      seed: training.seed, threads: training.threadCount)
    let reporter = output.terminal.reporter(task: "cv", unit: "folds", total: selection.folds)
    let result = try CrossValidation.run(
      texts: dataset.texts, labels: dataset.labels, groups: groups,
      vectorizer: vectorizerConfiguration, training: trainingConfiguration,
      configuration: configuration
    ) { reporter.update(done: $0) }
    reporter.finish()
    let warnings = RunWarning.selection(
      [(result, trainingConfiguration.classWeighting)],
      limit: trainingConfiguration.maximumIterations, labels: dataset.labels)
    switch selection.format {
    case .text: try emit(result.text, to: nil, contents: "the cross-validation results")
    case .json:
      let settings = SelectionSettings(
        configuration: configuration, groupBy: selection.groupBy,
        vectorizer: vectorizerConfiguration, training: trainingConfiguration)
      try emit(
        result.jsonDocument(settings: settings, warnings: warnings), to: nil,
        contents: "the cross-validation results")
    case .html: break
    }
    warn(warnings)
  }
}
