public import Classifier
public import Evaluation
import Foundation
import LinearAlgebra
import StanceSupport
public import TextFeatures

/// How folds are made and run, shared by ``CrossValidation`` and ``GridSearch``.
public struct CrossValidationConfiguration: Equatable, Sendable, Codable {
  /// The number of folds k, at least 2 (`--folds`, 5 by default).
  public var folds: Int
  /// The seed of the fold shuffle (`--seed`, 0 by default).
  public var seed: UInt64
  /// Worker threads (`--threads`); results do not depend on it.
  ///
  /// Folds (and vectorizer settings) run concurrently on up to this many threads, and each
  /// training gets `threads / concurrent tasks` threads (at least 1).
  public var threads: Int
  /// Grid search only: whether to warm-start each `C` from its smaller neighbour.
  ///
  /// Each `C` starts from the previous (smaller) `C`'s solution for the same fold, features
  /// and class weighting. Scores then equal cold-started ones to the solver tolerance, not
  /// bit for bit; on by default.
  public var warmStarts: Bool

  /// Creates a configuration.
  ///
  /// - Parameters:
  ///   - folds: The number of folds; 5 by default.
  ///   - seed: The shuffle seed; 0 by default.
  ///   - threads: Worker threads; one per processor by default.
  ///   - warmStarts: Warm starts across neighbouring `C` values; on by default.
  public init(
    folds: Int = 5, seed: UInt64 = 0, threads: Int = TrainingConfiguration.defaultThreadCount,
    warmStarts: Bool = true
  ) {
    self.folds = folds
    self.seed = seed
    self.threads = threads
    self.warmStarts = warmStarts
  }

  private enum CodingKeys: String, CodingKey {
    case folds
    case seed
    case threads
    case warmStarts
  }

  /// Decodes a configuration; a missing thread count means every core.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a value of the wrong type.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      folds: try container.decode(Int.self, forKey: .folds),
      seed: try container.decode(UInt64.self, forKey: .seed),
      threads: try container.decodeIfPresent(Int.self, forKey: .threads)
        ?? TrainingConfiguration.defaultThreadCount,
      warmStarts: try container.decode(Bool.self, forKey: .warmStarts))
  }

  /// Whether two configurations give the same results; `threads` is ignored.
  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.folds == rhs.folds && lhs.seed == rhs.seed && lhs.warmStarts == rhs.warmStarts
  }

  /// Encodes everything but `threads`, which never changes a result (so a tuned model's
  /// header does not depend on the machine).
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(folds, forKey: .folds)
    try container.encode(seed, forKey: .seed)
    try container.encode(warmStarts, forKey: .warmStarts)
  }
}

/// Stratified (optionally grouped) k-fold cross-validation of one setting: the library
/// behind `stance cv`.
///
/// ```swift
/// let result = try CrossValidation.run(texts: texts, labels: labels, groups: speakers)
/// print(result.text)
/// ```
///
/// Folds: ``StratifiedKFold`` with `.shuffled(seed:)` and the `.reject` small-class policy;
/// with `groups` (for example speakers), its grouped assignment, so no group is in two
/// folds (see ``StratifiedKFold/assignFolds(classes:groups:classCount:)``). Each fold fits
/// its own vectorizer on the fold's training rows only: vocabulary, document frequencies
/// and idf never see the test rows, so the scores are not inflated by leakage (fitting the
/// vectorizer once on all rows would be). The model is trained on those rows with every
/// label of the data (a label missing from a grouped fold's training rows is allowed) and
/// scored on the test rows. Folds run concurrently; every fold's result is independent of
/// the thread count, so the result is too.
public enum CrossValidation {
  /// The folds `run` uses for these labels, groups and settings.
  ///
  /// - Parameters:
  ///   - labels: One label per text.
  ///   - groups: One group per text, or `nil` for ungrouped folds.
  ///   - configuration: The fold count and seed.
  /// - Returns: `configuration.folds` folds whose test sets partition the rows.
  /// - Throws: ``ModelSelectionError`` for mismatched lengths or folds that cannot be made.
  public static func folds(
    labels: [String], groups: [String]? = nil,
    configuration: CrossValidationConfiguration = CrossValidationConfiguration()
  ) throws(ModelSelectionError) -> [StratifiedKFold.Fold] {
    let (names, classes) = try classIndices(labels)
    return try makeFolds(classes: classes, classCount: names.count, groups: groups, configuration)
  }

  /// Cross-validates one vectorizer and training setting.
  ///
  /// - Parameters:
  ///   - texts: The texts.
  ///   - labels: One label per text; at least two distinct labels.
  ///   - groups: One group per text (never split across folds), or `nil`.
  ///   - vectorizer: The vectorizer settings.
  ///   - training: The training settings (its `threads` is replaced by the share each fold
  ///     gets).
  ///   - configuration: Folds, seed and threads.
  /// - Returns: Per-fold scores and their means and standard deviations.
  /// - Throws: ``ModelSelectionError``.
  /// - Complexity: k vectorizer fits and k trainings on `(k−1)/k` of the rows.
  public static func run(
    texts: [String], labels: [String], groups: [String]? = nil,
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(),
    configuration: CrossValidationConfiguration = CrossValidationConfiguration()
  ) throws(ModelSelectionError) -> CrossValidationResult {
    let grid = ParameterGrid(
      c: [training.c], wordNGrams: [vectorizer.wordNGrams],
      minDocumentFrequencies: [vectorizer.minDocumentFrequency],
      weightings: [vectorizer.weighting], classWeightings: [training.classWeighting],
      characterNGrams: [vectorizer.characterNGrams])
    let search = try GridSearch.run(
      texts: texts, labels: labels, groups: groups, grid: grid, vectorizer: vectorizer,
      training: training, configuration: configuration)
    return search.entries[0].result
  }

  /// The sorted distinct labels and each text's index among them.
  static func classIndices(_ labels: [String]) throws(ModelSelectionError)
    -> (names: [String], classes: [Int])
  {
    let names = Array(Set(labels)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    guard names.count >= 2 else { throw .tooFewLabels(names) }
    var index: [String: Int] = [:]
    for (position, name) in names.enumerated() { index[name] = position }
    return (names, labels.map { index[$0] ?? 0 })
  }

  /// Builds the folds, grouped when `groups` is given.
  static func makeFolds(
    classes: [Int], classCount: Int, groups: [String]?,
    _ configuration: CrossValidationConfiguration
  ) throws(ModelSelectionError) -> [StratifiedKFold.Fold] {
    do {
      let splitter = try StratifiedKFold(
        foldCount: configuration.folds, ordering: .shuffled(seed: configuration.seed))
      guard let groups else { return try splitter.split(classes: classes, classCount: classCount) }
      guard groups.count == classes.count else {
        throw ModelSelectionError.groupCountMismatch(texts: classes.count, groups: groups.count)
      }
      var ids: [String: Int] = [:]
      let groupIDs = groups.map { group in
        if let id = ids[group] { return id }
        let id = ids.count
        ids[group] = id
        return id
      }
      return try splitter.split(classes: classes, groups: groupIDs, classCount: classCount)
    } catch let error as EvaluationError {
      throw .folds(error)
    } catch let error as ModelSelectionError {
      throw error
    } catch {
      throw .folds(.tooFewFolds(configuration.folds))
    }
  }
}

/// The values a grid search tries: the grid is the Cartesian product of every axis.
///
/// The axes are those of `stance tune`: `C`, word n-gram range, minimum document
/// frequency, weighting, class weighting, and character n-grams (a range, or `nil` for
/// off). Settings not on an axis come from the base configurations given to
/// ``GridSearch/run(texts:labels:groups:grid:vectorizer:training:configuration:metric:)``.
public struct ParameterGrid: Equatable, Sendable, Codable {
  /// `C` values.
  public var c: [Double]
  /// Word n-gram ranges (`nil` = no word features).
  public var wordNGrams: [NGramRange?]
  /// Minimum document frequencies.
  public var minDocumentFrequencies: [DocumentFrequencyLimit]
  /// Term weightings.
  public var weightings: [TermWeighting]
  /// Class weightings.
  public var classWeightings: [ClassWeighting]
  /// Character n-gram ranges (`nil` = off).
  public var characterNGrams: [NGramRange?]

  /// Creates a grid; each axis defaults to the library default alone.
  ///
  /// - Parameters:
  ///   - c: `C` values.
  ///   - wordNGrams: Word n-gram ranges.
  ///   - minDocumentFrequencies: Minimum document frequencies.
  ///   - weightings: Term weightings.
  ///   - classWeightings: Class weightings.
  ///   - characterNGrams: Character n-gram ranges, `nil` meaning off.
  public init(
    c: [Double] = [1], wordNGrams: [NGramRange?] = [.unigramsAndBigrams],
    minDocumentFrequencies: [DocumentFrequencyLimit] = [.count(1)],
    weightings: [TermWeighting] = [.tfidf], classWeightings: [ClassWeighting] = [.none],
    characterNGrams: [NGramRange?] = [nil]
  ) {
    self.c = c
    self.wordNGrams = wordNGrams
    self.minDocumentFrequencies = minDocumentFrequencies
    self.weightings = weightings
    self.classWeightings = classWeightings
    self.characterNGrams = characterNGrams
  }

  /// The number of points, the product of the axis lengths.
  public var count: Int {
    c.count * wordNGrams.count * minDocumentFrequencies.count * weightings.count
      * classWeightings.count * characterNGrams.count
  }

  /// Every point, in grid order: word n-grams outermost, then min-df, weighting,
  /// character n-grams, class weighting, and `C` innermost (each axis in given order).
  ///
  /// - Parameters:
  ///   - vectorizer: The base vectorizer settings.
  ///   - training: The base training settings.
  /// - Returns: ``count`` points.
  public func points(
    vectorizer: VectorizerConfiguration, training: TrainingConfiguration
  ) -> [GridPoint] {
    var points: [GridPoint] = []
    for setting in vectorizerSettings(base: vectorizer) {
      for weighting in classWeightings {
        for value in c {
          var trainingPoint = training
          trainingPoint.c = value
          trainingPoint.classWeighting = weighting
          points.append(GridPoint(vectorizer: setting, training: trainingPoint))
        }
      }
    }
    return points
  }

  /// The distinct vectorizer settings, in grid order.
  func vectorizerSettings(base: VectorizerConfiguration) -> [VectorizerConfiguration] {
    var settings: [VectorizerConfiguration] = []
    for words in wordNGrams {
      for minimum in minDocumentFrequencies {
        for weighting in weightings {
          for characters in characterNGrams {
            var setting = base
            setting.wordNGrams = words
            setting.minDocumentFrequency = minimum
            setting.weighting = weighting
            setting.characterNGrams = characters
            settings.append(setting)
          }
        }
      }
    }
    return settings
  }

  /// Checks that no axis is empty and every value is valid.
  ///
  /// - Throws: ``ModelSelectionError/emptyGridAxis(_:)``,
  ///   ``ModelSelectionError/invalidVectorizerSetting(_:)`` or
  ///   ``ModelSelectionError/invalidTrainingSetting(_:)``.
  public func validate(vectorizer: VectorizerConfiguration, training: TrainingConfiguration)
    throws(ModelSelectionError)
  {
    let axes: [(String, Int)] = [
      ("C (--c)", c.count), ("the word n-gram range (--ngram)", wordNGrams.count),
      ("min-df", minDocumentFrequencies.count), ("weighting", weightings.count),
      ("class weight", classWeightings.count), ("character n-grams", characterNGrams.count),
    ]
    for (name, count) in axes where count == 0 { throw .emptyGridAxis(name) }
    for setting in vectorizerSettings(base: vectorizer) {
      do { try setting.validate() } catch { throw .invalidVectorizerSetting(error) }
    }
    for point in points(vectorizer: vectorizer, training: training) {
      do {
        try point.training.validate()
      } catch {
        throw .invalidTrainingSetting(error)
      }
    }
  }
}

/// One setting of a grid: the full vectorizer and training configurations.
public struct GridPoint: Equatable, Sendable, Codable, CustomStringConvertible {
  /// The vectorizer settings.
  public var vectorizer: VectorizerConfiguration
  /// The training settings.
  public var training: TrainingConfiguration

  /// Creates a point.
  ///
  /// - Parameters:
  ///   - vectorizer: The vectorizer settings.
  ///   - training: The training settings.
  public init(vectorizer: VectorizerConfiguration, training: TrainingConfiguration) {
    self.vectorizer = vectorizer
    self.training = training
  }

  /// `C=… ngram=… min_df=… weighting=… class_weight=… char=…`, the grid axes only.
  public var description: String {
    [
      "C=\(Self.format(training.c))", "ngram=\(vectorizer.wordNGrams?.description ?? "off")",
      "min_df=\(vectorizer.minDocumentFrequency)", "weighting=\(Self.name(vectorizer.weighting))",
      "class_weight=\(Self.name(training.classWeighting))",
      "char=\(vectorizer.characterNGrams?.description ?? "off")",
    ].joined(separator: " ")
  }

  /// A short, locale-independent number.
  static func format(_ value: Double) -> String {
    String(format: "%g", value)
  }

  /// The command-line name of a weighting (`tfidf`, `tf`, `binary`, with `+sublinear` and
  /// `+nonorm` when set).
  static func name(_ weighting: TermWeighting) -> String {
    var text = weighting.scheme.rawValue
    if weighting.sublinearTermFrequency { text += "+sublinear" }
    if weighting.normalization == .disabled { text += "+nonorm" }
    return text
  }

  /// The command-line name of a class weighting.
  static func name(_ weighting: ClassWeighting) -> String {
    switch weighting {
    case .none: return "none"
    case .balanced: return "balanced"
    case .explicit: return "explicit"
    }
  }
}

/// One scored grid point.
public struct GridSearchEntry: Equatable, Sendable, Codable {
  /// The point's position in grid order (``ParameterGrid/points(vectorizer:training:)``).
  public var index: Int
  /// The setting.
  public var point: GridPoint
  /// Its cross-validation result.
  public var result: CrossValidationResult
  /// The ranking metric's mean and standard deviation over folds.
  public var score: MeanAndDeviation

  /// Creates an entry.
  ///
  /// - Parameters:
  ///   - index: The grid position.
  ///   - point: The setting.
  ///   - result: Its cross-validation result.
  ///   - score: Its ranking score.
  public init(index: Int, point: GridPoint, result: CrossValidationResult, score: MeanAndDeviation)
  {
    self.index = index
    self.point = point
    self.result = result
    self.score = score
  }
}

/// How much work a grid search did, against refitting everything per point.
public struct GridSearchWork: Equatable, Sendable, Codable {
  /// Vectorizer fits done: folds × distinct vectorizer settings.
  public var vectorizerFits: Int
  /// Vectorizer fits a naive search would do: folds × points.
  public var naiveVectorizerFits: Int
  /// Model trainings: folds × points.
  public var modelFits: Int
  /// Trainings that started from a neighbouring `C`'s solution.
  public var warmStartedFits: Int
  /// Optimizer iterations summed over every training.
  public var solverIterations: Int

  private enum CodingKeys: String, CodingKey {
    case vectorizerFits = "vectorizer_fits"
    case naiveVectorizerFits = "naive_vectorizer_fits"
    case modelFits = "model_fits"
    case warmStartedFits = "warm_started_fits"
    case solverIterations = "solver_iterations"
  }
}

/// The result of a grid search (the `stance tune` result): every point scored by the same
/// folds, best first.
public struct GridSearchResult: Equatable, Sendable, Codable {
  /// The ranking metric.
  public var metric: SelectionMetric
  /// The cross-validation settings used.
  public var configuration: CrossValidationConfiguration
  /// Every point, sorted by the metric's mean (best first; ties keep grid order).
  public var entries: [GridSearchEntry]
  /// How much work the search did.
  public var work: GridSearchWork

  /// The best entry (the first of ``entries``).
  public var best: GridSearchEntry { entries[0] }

  /// Trains the best setting on all the data.
  ///
  /// The result equals `Pipeline.fit(texts:labels:vectorizer:training:)` with
  /// `best.point`'s settings (it is that call), so a tuned model and a trained model with
  /// the same settings are identical.
  ///
  /// - Parameters:
  ///   - texts: The training texts (normally the texts that were cross-validated).
  ///   - labels: Their labels.
  ///   - progress: Called once per optimizer iteration.
  /// - Returns: The fitted pipeline.
  /// - Throws: `PipelineError` from fitting.
  public func fitBest(texts: [String], labels: [String], progress: ProgressHandler? = nil)
    throws(PipelineError) -> Pipeline
  {
    try Pipeline.fit(
      texts: texts, labels: labels, vectorizer: best.point.vectorizer,
      training: best.point.training, progress: progress)
  }

  /// Trains the best setting on all the data with a calibrated temperature: the same as
  /// `Pipeline.fitCalibrated(texts:labels:vectorizer:training:method:)` with `best.point`'s
  /// settings.
  ///
  /// - Parameters:
  ///   - texts: The training texts.
  ///   - labels: Their labels.
  ///   - calibration: Where the calibration data comes from.
  /// - Returns: The calibrated pipeline and what calibration found.
  /// - Throws: ``ModelSelectionError`` from the split, the fits or the temperature fit.
  public func fitBest(texts: [String], labels: [String], calibration: CalibrationMethod)
    throws(ModelSelectionError) -> (pipeline: Pipeline, calibration: CalibrationReport)
  {
    try Pipeline.fitCalibrated(
      texts: texts, labels: labels, vectorizer: best.point.vectorizer,
      training: best.point.training, method: calibration)
  }

  /// A plain-text table, best first: rank, metric `mean ± sd`, the other mean scores, and
  /// the point's grid values; then the work summary.
  public var text: String {
    var lines = [
      "rank  \(metric) (mean ± sd)   accuracy  macro_f1  log_loss  setting"
    ]
    for (rank, entry) in entries.enumerated() {
      let score = entry.score.description.padding(
        toLength: metric.description.count + 13, withPad: " ", startingAt: 0)
      let means = String(
        format: "%8.4f  %8.4f  %8.4f", entry.result.accuracy.mean, entry.result.macroF1.mean,
        entry.result.logLoss.mean)
      lines.append(String(format: "%4d  ", rank + 1) + score + "   " + means + "  \(entry.point)")
    }
    lines.append("")
    lines.append("best: \(best.point)")
    lines.append(
      "work: \(work.vectorizerFits) vectorizer fits (naive: \(work.naiveVectorizerFits)), "
        + "\(work.modelFits) model fits (\(work.warmStartedFits) warm-started), "
        + "\(work.solverIterations) solver iterations")
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Grid search by cross-validation: the library behind `stance tune`.
///
/// Every point is scored by the same folds (see ``CrossValidation`` for how folds are made
/// and why each fold fits its own vectorizer). Work that does not change between points is
/// shared:
///
/// - the vectorizer (vocabulary, document frequencies, idf and the training and test
///   matrices) is fitted once per (fold, vectorizer setting) and reused for every `C` and
///   class weighting;
/// - for each (fold, vectorizer setting, class weighting) the `C` values are trained in
///   ascending order, each starting from the previous `C`'s solution (warm start, see
///   ``Trainer/train(features:labels:labelNames:sampleWeights:warmStart:progress:)``);
///   turn this off with ``CrossValidationConfiguration/warmStarts``.
///
/// Not shared: tokenisation. Each vectorizer fit tokenizes its fold's training rows and
/// `transform` its test rows, so every document is tokenized once per (fold, vectorizer
/// setting) pair rather than once for the whole grid; sharing it needs a pre-tokenized
/// input to the vectorizer, which `TextFeatures` does not offer yet.
///
/// Measured (release build, 2 shared cores, `threads: 2`, trust-region Newton, tolerance
/// 1e-4): a 5-fold, 20-point grid (C ∈ {0.1, 0.3, 1, 3, 10} × n-grams {1-1, 1-2} × min-df
/// {1, 2}) on the 80,000-row generated corpus took 144 s with 20 vectorizer fits instead of
/// 100 and 344 Newton iterations; without warm starts 158 s and 590 iterations; naive
/// refitting, estimated as one point's 5-fold run (18.1 s) × 20, about 362 s.
///
/// The unit of parallel work is one (fold, vectorizer setting) task with its whole `C` ×
/// class-weighting chain; tasks run on up to `threads` threads. Each task's result depends
/// only on its inputs, so the search gives the same result for any thread count.
public enum GridSearch {
  /// Scores every point of `grid` by cross-validation.
  ///
  /// - Parameters:
  ///   - texts: The texts.
  ///   - labels: One label per text; at least two distinct labels.
  ///   - groups: One group per text (never split across folds), or `nil`.
  ///   - grid: The values to try.
  ///   - vectorizer: Base vectorizer settings for everything not on a grid axis.
  ///   - training: Base training settings for everything not on a grid axis.
  ///   - configuration: Folds, seed, threads and warm starts.
  ///   - metric: The ranking metric; macro-F1 by default.
  /// - Returns: Every point's scores, best first.
  /// - Throws: ``ModelSelectionError``; the first failing task in (fold, setting) order
  ///   decides which.
  /// - Complexity: folds × settings vectorizer fits, folds × points trainings.
  public static func run(
    texts: [String], labels: [String], groups: [String]? = nil, grid: ParameterGrid,
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(),
    configuration: CrossValidationConfiguration = CrossValidationConfiguration(),
    metric: SelectionMetric = .macroF1
  ) throws(ModelSelectionError) -> GridSearchResult {
    guard texts.count == labels.count else {
      throw .labelCountMismatch(texts: texts.count, labels: labels.count)
    }
    guard (1...TrainingConfiguration.maximumThreadCount).contains(configuration.threads) else {
      throw .invalidThreadCount(configuration.threads)
    }
    try grid.validate(vectorizer: vectorizer, training: training)
    let (names, classes) = try CrossValidation.classIndices(labels)
    if case .f1(let chosen) = metric {
      for label in chosen where !names.contains(label) {
        throw .unknownMetricLabel(label, labels: names)
      }
    }
    let folds = try CrossValidation.makeFolds(
      classes: classes, classCount: names.count, groups: groups, configuration)

    let settings = grid.vectorizerSettings(base: vectorizer)
    let points = grid.points(vectorizer: vectorizer, training: training)
    let chainLength = grid.classWeightings.count * grid.c.count
    let tasks = folds.indices.flatMap { fold in settings.indices.map { (fold, $0) } }
    let workers = min(configuration.threads, tasks.count)
    let innerThreads = max(1, configuration.threads / workers)
    let cOrder = grid.c.indices.sorted { grid.c[$0] < grid.c[$1] }

    let outcomes = Parallel.map(tasks.count, threads: workers) { task in
      let (fold, setting) = tasks[task]
      return runTask(
        texts: texts, classes: classes, names: names, fold: folds[fold], foldIndex: fold,
        setting: settings[setting], grid: grid, cOrder: cOrder, training: training,
        threads: innerThreads, warmStarts: configuration.warmStarts)
    }

    // Gather fold scores per point: point = setting · chainLength + chain position.
    var scores = [[FoldScores?]](
      repeating: [FoldScores?](repeating: nil, count: folds.count), count: points.count)
    var work = GridSearchWork(
      vectorizerFits: tasks.count, naiveVectorizerFits: folds.count * points.count,
      modelFits: folds.count * points.count, warmStartedFits: 0, solverIterations: 0)
    for (task, outcome) in outcomes.enumerated() {
      let (fold, setting) = tasks[task]
      switch outcome {
      case .failure(let error): throw error
      case .success(let chain):
        for (position, result) in chain.scores.enumerated() {
          scores[setting * chainLength + position][fold] = result
          work.solverIterations += result.iterations
        }
        work.warmStartedFits += chain.warmStarted
      }
    }
    var entries: [GridSearchEntry] = []
    for (index, point) in points.enumerated() {
      let result = CrossValidationResult(labels: names, folds: scores[index].compactMap { $0 })
      entries.append(
        GridSearchEntry(
          index: index, point: point, result: result, score: try result.score(metric)))
    }
    entries.sort { a, b in
      if a.score.mean != b.score.mean {
        return metric.lowerIsBetter ? a.score.mean < b.score.mean : a.score.mean > b.score.mean
      }
      return a.index < b.index
    }
    return GridSearchResult(
      metric: metric, configuration: configuration, entries: entries, work: work)
  }

  /// The scores of one (fold, vectorizer setting) task, in chain order (class weighting
  /// outer, `C` inner in grid order).
  private struct Chain: Sendable {
    var scores: [FoldScores]
    var warmStarted: Int
  }

  /// Fits the fold's vectorizer once and trains every class weighting × `C` on it.
  private static func runTask(
    texts: [String], classes: [Int], names: [String], fold: StratifiedKFold.Fold,
    foldIndex: Int, setting: VectorizerConfiguration, grid: ParameterGrid, cOrder: [Int],
    training: TrainingConfiguration, threads: Int, warmStarts: Bool
  ) -> Result<Chain, ModelSelectionError> {
    var vectorizerSetting = setting
    vectorizerSetting.threads = threads
    let fitted: (vectorizer: Vectorizer, matrix: SparseMatrix)
    do {
      fitted = try Vectorizer.fitTransform(
        fold.training.map { texts[$0] }, configuration: vectorizerSetting)
    } catch {
      return .failure(.vectorizer(fold: foldIndex, error))
    }
    let testMatrix = fitted.vectorizer.transform(fold.test.map { texts[$0] })
    let trainingClasses = fold.training.map { classes[$0] }
    let testClasses = fold.test.map { classes[$0] }

    var chain = [FoldScores?](repeating: nil, count: grid.classWeightings.count * grid.c.count)
    var warmStarted = 0
    for (weightingIndex, weighting) in grid.classWeightings.enumerated() {
      var previous: LogisticModel?
      for cIndex in cOrder {
        var settings = training
        settings.c = grid.c[cIndex]
        settings.classWeighting = weighting
        settings.threads = threads
        let trained: (model: LogisticModel, report: OptimizationReport)
        do {
          trained = try Trainer(configuration: settings).train(
            features: fitted.matrix, labels: trainingClasses, labelNames: names,
            warmStart: warmStarts ? previous : nil)
        } catch {
          return .failure(.training(fold: foldIndex, error))
        }
        if warmStarts && previous != nil { warmStarted += 1 }
        previous = trained.model
        let probabilities = trained.model.probabilities(testMatrix)
        let report: ClassificationReport
        do {
          report = try ClassificationReport(
            labels: names, truth: testClasses, probabilities: probabilities)
        } catch {
          return .failure(.folds(error))
        }
        chain[weightingIndex * grid.c.count + cIndex] = FoldScores(
          fold: foldIndex, trainingCount: fold.training.count, testCount: fold.test.count,
          accuracy: report.accuracy, macroF1: report.macroF1, weightedF1: report.weightedF1,
          logLoss: report.logLoss ?? .nan, labelF1: report.classes.map(\.f1),
          iterations: trained.report.iterations)
      }
    }
    return .success(Chain(scores: chain.compactMap { $0 }, warmStarted: warmStarted))
  }
}
