import ArgumentParser
import Foundation
import StanceKit

/// `stance tune`: a cross-validated grid search over the main settings.
struct Tune: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Choose settings by cross-validation over a grid; optionally train the best.",
    discussion: """
      Every combination of the listed values is scored by the same stratified folds and \
      the table is printed best first by --metric. Vectorizer fits are shared by every C \
      and class weighting of a setting, and neighbouring C values warm-start each other. \
      With --out, the best setting is trained on all the data (with a calibrated softmax \
      temperature under --calibrate) and written as a model whose header records the grid \
      and its scores. --format html writes a page charting the score against C per setting \
      (± sd over the folds) to stdout.
      """)

  @OptionGroup(title: "Data") var data: DataOptions
  @OptionGroup(title: "Cross-validation") var selection: SelectionOptions

  @Option(
    name: .customLong("c"), parsing: .unconditional,
    help: ArgumentHelp("C values, comma-separated.", valueName: "list"),
    transform: { try commaList($0) { Double($0) } })
  var c: [Double] = [0.1, 0.3, 1, 3, 10]

  // The two range lists are kept as typed and checked in validate(), so that a range out
  // of bounds is reported like every other range check.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Word n-gram ranges, comma-separated (e.g. 1-1,1-2).", valueName: "list"))
  var ngram: String?

  @Option(
    name: .customLong("min-df"), parsing: .unconditional,
    help: ArgumentHelp("Minimum document frequencies, comma-separated.", valueName: "list"),
    transform: { text in try commaList(text) { try? DocumentFrequencyLimit(parsing: $0) } })
  var minDF: [DocumentFrequencyLimit] = [.count(1)]

  @Option(
    name: .customLong("max-df"), parsing: .unconditional,
    help: ArgumentHelp(
      "Maximum document frequencies, comma-separated (e.g. 1.0,0.5); default 1.0.",
      valueName: "list"),
    transform: { text in try commaList(text) { try? DocumentFrequencyLimit(parsing: $0) } })
  var maxDF: [DocumentFrequencyLimit] = [.fraction(1)]

  @Option(
    name: .customLong("sublinear-tf"),
    help: ArgumentHelp(
      "Sublinear tf (1 + ln tf) off and/or on, comma-separated (e.g. off,on); default off.",
      valueName: "list"),
    transform: { text in try commaList(text) { onOrOff($0) } })
  var sublinearTF: [Bool] = [false]

  @Option(
    help: ArgumentHelp(
      "Negation marking off and/or on, comma-separated (e.g. off,on); default off.",
      valueName: "list"),
    transform: { text in try commaList(text) { onOrOff($0) } })
  var negation: [Bool] = [false]

  @Option(
    name: .customLong("stop-words"),
    help: ArgumentHelp(
      "Drop function words (our English list) before n-grams; default: keep every word.",
      valueName: "english"))
  var stopWords: StopWordList?

  @Option(
    help: ArgumentHelp(
      "A polarity lexicon (`term,valence` CSV) whose word counts are added as features; "
        + "off by default.", valueName: "file"))
  var lexicon: String?

  @Option(
    name: .customLong("lexicon-features"),
    help: ArgumentHelp(
      "The --lexicon features off and/or on, comma-separated (e.g. off,on); default on "
        + "when --lexicon is given.", valueName: "list"),
    transform: { text in try commaList(text) { onOrOff($0) } })
  var lexiconFeatures: [Bool]?

  @Option(
    help: ArgumentHelp("Weightings, comma-separated (tfidf, tf, binary).", valueName: "list"),
    transform: { text in try commaList(text) { WeightingChoice(rawValue: $0) } })
  var weighting: [WeightingChoice] = [.tfidf]

  @Option(
    name: .customLong("class-weight"),
    help: ArgumentHelp("Class weightings, comma-separated (none, balanced).", valueName: "list"),
    transform: { text in try commaList(text) { ClassWeightChoice(rawValue: $0) } })
  var classWeight: [ClassWeightChoice] = [.none]

  @Option(
    name: .customLong("char-ngram"), parsing: .unconditional,
    help: ArgumentHelp(
      "Character n-gram ranges or 'off', comma-separated (e.g. off,2-5).", valueName: "list"))
  var charNGram: String?

  @Option(
    help: ArgumentHelp(
      "Ranking metric: macro_f1, macro_recall, accuracy, weighted_f1, log_loss, or "
        + "f1:LABEL,LABEL.",
      valueName: "metric"),
    transform: { text in
      try cliValue { () throws(ModelSelectionError) in try SelectionMetric(parsing: text) }
    })
  var metric: SelectionMetric = .macroF1

  @Option(help: ArgumentHelp("Optimiser.", valueName: "lbfgs|newton"))
  var solver: Solver = .newton

  @Option(
    name: .customLong("max-iter"), parsing: .unconditional,
    help: ArgumentHelp("Iteration limit.", valueName: "n"))
  var maxIter: Int = TrainingConfiguration().maximumIterations

  @Option(
    name: .customLong("tol"), parsing: .unconditional,
    help: ArgumentHelp("Relative gradient tolerance.", valueName: "x"))
  var tol: Double = TrainingConfiguration().tolerance

  // Kept as typed and checked in validate(), so that `--seed -1` is reported like every
  // other range check.
  @Option(
    name: .customLong("seed"), parsing: .unconditional,
    help: ArgumentHelp("Seed of the fold shuffle.", valueName: "s"))
  var seedText = "0"

  /// The seed of the fold shuffle (`--seed`); 0 before ``validate()`` has accepted it.
  private var seed: UInt64 { UInt64(seedText) ?? 0 }

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
  var threads: Int?

  @Option(
    help: ArgumentHelp(
      "Train the best setting on all the data and write it here.",
      valueName: "model"))
  var out: String?

  @Option(help: plotHelp) var plot: String?

  @OptionGroup(title: "Calibration of the --out model") var calibrating: CalibrationOptions
  @OptionGroup(title: "Output") var output: ProgressOptions

  /// The worker threads: `--threads`, or every active core.
  private var threadCount: Int { threads ?? TrainingConfiguration.defaultThreadCount }

  /// Checks the training settings and every point of the grid while the command line is
  /// parsed.
  ///
  /// A bad value is then reported with the subcommand's usage and before any file is
  /// read.
  func validate() throws {
    _ = try parseSeed(seedText)
    _ = try search()
  }

  /// The base training configuration and the grid these options describe, both checked.
  ///
  /// - Returns: The configuration and the grid.
  /// - Throws: `ValidationError` carrying the library's message.
  private func search() throws -> (training: TrainingConfiguration, grid: ParameterGrid) {
    let training = TrainingConfiguration(
      solver: solver, tolerance: tol, maximumIterations: maxIter, threads: threadCount)
    try cliValue { () throws(TrainingConfigurationError) in try training.validate() }
    let wordNGrams = try ngram.map { text in
      try commaSeparated(text) { try parseNGramRange($0, option: .word) }
    }
    let characterNGrams = try charNGram.map { text in
      try commaSeparated(text) { value -> NGramRange? in
        value == "off" ? nil : try parseNGramRange(value, option: .character)
      }
    }
    var grid = ParameterGrid(
      c: c, wordNGrams: wordNGrams ?? [.unigramsAndBigrams], minDocumentFrequencies: minDF,
      weightings: weighting.flatMap { scheme in
        sublinearTF.map { TermWeighting(scheme: scheme.scheme, sublinearTermFrequency: $0) }
      },
      classWeightings: classWeight.map(\.weighting), characterNGrams: characterNGrams ?? [nil])
    grid.maxDocumentFrequencies = maxDF
    grid.negations = negation
    grid.lexiconUses = lexiconFeatures
    if lexiconFeatures?.contains(true) == true && lexicon == nil {
      throw ValidationError(ModelSelectionError.lexiconAxisWithoutLexicon.description)
    }
    // The lexicon file is read by run(); each setting is checked without it here.
    var unread = grid
    unread.lexiconUses = nil
    let base = try baseVectorizer()
    try cliValue { () throws(ModelSelectionError) in
      try unread.validate(vectorizer: base, training: training)
    }
    return (training, grid)
  }

  /// The vectorizer settings that are not grid axes, with the lexicon read from its file
  /// when `readsLexicon` is set.
  ///
  /// - Throws: `LexiconFileError` for a lexicon file that cannot be used.
  private func baseVectorizer(readsLexicon: Bool = false) throws -> VectorizerConfiguration {
    var base = VectorizerConfiguration()
    base.stopWords = stopWords
    if readsLexicon, let lexicon { base.lexicon = try LexiconFile.read(path: lexicon) }
    return base
  }

  func run() throws {
    if let out { try OutputFile.check(out) }
    if let plot { try OutputFile.check(plot) }
    let (training, grid) = try search()
    let base = try baseVectorizer(readsLexicon: true)
    let started = DispatchTime.now()
    let terminal = output.terminal
    let (dataset, groups) = try selection.read(data)
    terminal.progress(
      "\(grid.count) points × \(selection.folds) folds on \(dataset.examples.count) documents")
    terminal.endProgress()
    let configuration = selection.configuration(seed: seed, threads: threadCount)
    let reporter = terminal.reporter(
      task: "tune", unit: "fits", total: grid.count * selection.folds)
    let result = try GridSearch.run(
      texts: dataset.texts, labels: dataset.labels, groups: groups, grid: grid,
      vectorizer: base, training: training, configuration: configuration,
      metric: metric
    ) { reporter.update(done: $0.completedFits) }
    reporter.finish()
    let warnings = RunWarning.selection(
      result.entries.map { ($0.result, $0.point.training.classWeighting) },
      limit: training.maximumIterations, labels: dataset.labels)
    switch selection.format {
    case .text: try emit(result.text, to: nil, contents: "the grid search results")
    case .json:
      let settings = SelectionSettings(
        configuration: configuration, groupBy: selection.groupBy, vectorizer: base,
        training: training)
      try emit(
        result.jsonDocument(settings: settings, grid: grid, warnings: warnings), to: nil,
        contents: "the grid search results")
    case .html:
      try emit(GridSearchHTMLReport(result: result).html(), to: nil, contents: "the report")
    }
    if let plot {
      try emit(GridSearchHTMLReport(result: result).mainChart(), to: plot, contents: "the plot")
    }
    warn(warnings)
    guard let out else { return }
    try result.writeBest(
      texts: dataset.texts, labels: dataset.labels, calibration: calibrating.method(seed: seed),
      map: calibrating.map, deploymentPrior: calibrating.deploymentPrior(), to: out)
    terminal.summary(
      result.bestSummary(model: out, seconds: TrainingRun.seconds(since: started)))
  }
}

/// Reads `on` or `off` (also `true`/`false`), or `nil` for anything else.
///
/// - Parameter text: One list element.
/// - Returns: The switch value.
func onOrOff(_ text: String) -> Bool? {
  switch text {
  case "on", "true": return true
  case "off", "false": return false
  default: return nil
  }
}
