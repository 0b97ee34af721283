public import Classifier
public import TextFeatures

/// The character n-grams that `stance train` tries beside the given features when it
/// chooses `C` on its own, and what cross-validation made of them.
///
/// Character n-grams help most on short, noisy or inflected text (misspellings, hashtags,
/// word endings), where words alone are too sparse, and they cost several times the
/// training time of words, so they are tried only on data of at most
/// ``documentLimit`` documents and kept only when the folds prefer them.
public struct CharacterNGramTrial: Equatable, Sendable, Codable {
  /// The most documents for which the trial runs: 20,000.
  ///
  /// Above it character n-grams cost minutes per fold and words are rarely too sparse.
  public static let documentLimit = 20_000

  /// The character n-gram lengths tried.
  public var range: NGramRange
  /// The `C` chosen with them.
  public var c: Double
  /// The class weighting they were tried with (the one chosen for words alone).
  public var classWeighting: ClassWeighting
  /// The metric over folds at ``c``.
  public var score: MeanAndDeviation
  /// Whether they scored better than words alone and are in the model.
  public var kept: Bool

  /// `character 2-5 n-grams kept (log_loss 0.3700 ± 0.0030 at C = 3)`.
  public func text(metric: SelectionMetric) -> String {
    "character \(range) n-grams \(kept ? "kept" : "not kept") (\(metric) \(score) at C = "
      + "\(GridPoint.format(c)))"
  }
}

extension RegularizationSelection {
  /// ``choose(texts:labels:groups:vectorizer:training:search:)``, then, when
  /// `vectorizer` has no character n-grams and there are at most `documentLimit` texts, the same choice with
  /// ``NGramRange/twoToFive`` character n-grams added; whichever scores better wins.
  ///
  /// The second choice uses the same folds (same seed and groups), only the class
  /// weighting chosen first, and starts its walk at the `C` chosen first, so it costs a
  /// few points of the path, each with the heavier features.
  ///
  /// - Parameters:
  ///   - texts: The training texts.
  ///   - labels: One label per text.
  ///   - groups: One group per text (never split across folds), or `nil`.
  ///   - vectorizer: The vectorizer settings given; the trial runs when they have no
  ///     character n-grams.
  ///   - training: The training settings (their `c` and class weighting are ignored).
  ///   - search: The path, weightings, folds, seed and metric.
  ///   - documentLimit: The most texts for which the trial runs;
  ///     ``CharacterNGramTrial/documentLimit`` by default.
  /// - Returns: The choice (with ``RegularizationChoice/characterNGramTrial`` set when the
  ///   trial ran) and the vectorizer settings of the final model.
  /// - Throws: ``ModelSelectionError`` as ``choose(texts:labels:groups:vectorizer:training:search:)``.
  public static func chooseWithCharacterTrial(
    texts: [String], labels: [String], groups: [String]? = nil,
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(),
    search: RegularizationSearch = RegularizationSearch(),
    documentLimit: Int = CharacterNGramTrial.documentLimit
  ) throws(ModelSelectionError) -> (RegularizationChoice, VectorizerConfiguration) {
    var choice = try choose(
      texts: texts, labels: labels, groups: groups, vectorizer: vectorizer,
      training: training, search: search)
    guard vectorizer.characterNGrams == nil, texts.count <= documentLimit,
      choice.fallback == nil, let wordsBest = choice.bestPoint
    else { return (choice, vectorizer) }
    var withCharacters = vectorizer
    withCharacters.characterNGrams = .twoToFive
    var trialSearch = search
    trialSearch.classWeightings = [choice.classWeighting]
    trialSearch.start = choice.c
    let trial = try choose(
      texts: texts, labels: labels, groups: groups, vectorizer: withCharacters,
      training: training, search: trialSearch)
    guard trial.fallback == nil, let trialBest = trial.bestPoint else {
      return (choice, vectorizer)
    }
    let kept = better(trialBest.score.mean, than: wordsBest.score.mean, search.metric)
    choice.characterNGramTrial = CharacterNGramTrial(
      range: .twoToFive, c: trial.c, classWeighting: trial.classWeighting,
      score: trialBest.score, kept: kept)
    guard kept else { return (choice, vectorizer) }
    choice.c = trial.c
    return (choice, withCharacters)
  }
}
