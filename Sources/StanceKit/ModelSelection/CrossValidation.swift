public import Classifier
import Dispatch
public import Evaluation
import Foundation
import LinearAlgebra
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
  ///   - progress: Called after each fold with the folds done so far, one call at a time,
  ///     from whichever thread finished it; `nil` (the default) for none.
  /// - Returns: Per-fold scores and their means and standard deviations.
  /// - Throws: ``ModelSelectionError``.
  /// - Complexity: k vectorizer fits and k trainings on `(k−1)/k` of the rows.
  public static func run(
    texts: [String], labels: [String], groups: [String]? = nil,
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(),
    configuration: CrossValidationConfiguration = CrossValidationConfiguration(),
    progress: (@Sendable (_ foldsDone: Int) -> Void)? = nil
  ) throws(ModelSelectionError) -> CrossValidationResult {
    let grid = ParameterGrid(
      c: [training.c], wordNGrams: [vectorizer.wordNGrams],
      minDocumentFrequencies: [vectorizer.minDocumentFrequency],
      weightings: [vectorizer.weighting], classWeightings: [training.classWeighting],
      characterNGrams: [vectorizer.characterNGrams])
    let search = try GridSearch.run(
      texts: texts, labels: labels, groups: groups, grid: grid, vectorizer: vectorizer,
      training: training, configuration: configuration,
      progress: progress.map { report in
        { @Sendable (done: GridSearchProgress) in report(done.completedTasks) }
      })
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
