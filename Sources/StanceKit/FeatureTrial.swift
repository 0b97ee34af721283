public import Classifier
public import TextFeatures

/// A feature that `stance train` tries beside the given ones when it chooses `C` on its
/// own, and what cross-validation made of it.
///
/// Two are tried, on data of at most ``documentLimit`` documents: character 2–5 n-grams,
/// which help most on short, noisy or inflected text (misspellings, hashtags, word endings)
/// where words alone are too sparse, and the built-in sentiment lexicon, whose four
/// features carry the polarity of words the training data has never seen. Each is kept
/// only when the folds prefer it.
public struct FeatureTrial: Equatable, Sendable, Codable {
  /// The most documents for which the trials run: 20,000.
  ///
  /// Above it character n-grams cost minutes per fold and words are rarely too sparse.
  public static let documentLimit = 20_000

  /// What was added: `character 2-5 n-grams` or `lexicon sentiment`.
  public var feature: String
  /// The `C` chosen with it.
  public var c: Double
  /// The class weighting it was tried with (the one chosen for the given features).
  public var classWeighting: ClassWeighting
  /// The metric over folds at ``c``.
  public var score: MeanAndDeviation
  /// Whether it scored better than the features before it and is in the model.
  public var kept: Bool

  /// `character 2-5 n-grams kept (log_loss 0.3700 ± 0.0030 at C = 3)`.
  public func text(metric: SelectionMetric) -> String {
    "\(feature) \(kept ? "kept" : "not kept") (\(metric) \(score) at C = "
      + "\(GridPoint.format(c)))"
  }
}

extension RegularizationSelection {
  /// ``choose(texts:labels:groups:vectorizer:training:search:)``, then, on at most
  /// `documentLimit` texts, the same choice again with each trial feature added in turn
  /// (character n-grams first, then the lexicon), each kept when it scores better than the
  /// features before it.
  ///
  /// A trial uses the same folds (same seed and groups), only the class weighting chosen
  /// first, and starts its walk at the best `C` so far, so it costs a few points of the
  /// path, each with its heavier features. A feature the given vectorizer already has is
  /// not tried.
  ///
  /// - Parameters:
  ///   - texts: The training texts.
  ///   - labels: One label per text.
  ///   - groups: One group per text (never split across folds), or `nil`.
  ///   - vectorizer: The vectorizer settings given.
  ///   - training: The training settings (their `c` and class weighting are ignored).
  ///   - search: The path, weightings, folds, seed and metric.
  ///   - characterNGrams: The character n-grams to try, or `nil` for none.
  ///   - lexicon: The lexicon to try, or `nil` for none.
  ///   - documentLimit: The most texts for which the trials run;
  ///     ``FeatureTrial/documentLimit`` by default.
  /// - Returns: The choice (with ``RegularizationChoice/featureTrials`` set when a trial
  ///   ran) and the vectorizer settings of the final model.
  /// - Throws: ``ModelSelectionError`` as ``choose(texts:labels:groups:vectorizer:training:search:)``.
  public static func chooseWithFeatureTrials(
    texts: [String], labels: [String], groups: [String]? = nil,
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(),
    search: RegularizationSearch = RegularizationSearch(),
    characterNGrams: NGramRange? = .twoToFive, lexicon: Lexicon? = nil,
    documentLimit: Int = FeatureTrial.documentLimit
  ) throws(ModelSelectionError) -> (RegularizationChoice, VectorizerConfiguration) {
    var choice = try choose(
      texts: texts, labels: labels, groups: groups, vectorizer: vectorizer,
      training: training, search: search)
    guard texts.count <= documentLimit, choice.fallback == nil, let given = choice.bestPoint
    else { return (choice, vectorizer) }
    // Each trial adds its feature to the features kept so far.
    var candidates: [(feature: String, add: (inout VectorizerConfiguration) -> Void)] = []
    if let characterNGrams, vectorizer.characterNGrams == nil {
      candidates.append(
        ("character \(characterNGrams) n-grams", { $0.characterNGrams = characterNGrams }))
    }
    if let lexicon, vectorizer.lexicon == nil {
      candidates.append(("lexicon \(lexicon.name)", { $0.lexicon = lexicon }))
    }
    var current = vectorizer
    var (bestScore, bestC) = (given.score.mean, choice.c)
    var trials: [FeatureTrial] = []
    for (feature, add) in candidates {
      var candidate = current
      add(&candidate)
      var trialSearch = search
      trialSearch.classWeightings = [choice.classWeighting]
      trialSearch.start = bestC
      let trial = try choose(
        texts: texts, labels: labels, groups: groups, vectorizer: candidate,
        training: training, search: trialSearch)
      guard trial.fallback == nil, let point = trial.bestPoint else { continue }
      let kept = better(point.score.mean, than: bestScore, search.metric)
      trials.append(
        FeatureTrial(
          feature: feature, c: trial.c, classWeighting: trial.classWeighting,
          score: point.score, kept: kept))
      if kept { (current, bestScore, bestC) = (candidate, point.score.mean, trial.c) }
    }
    choice.featureTrials = trials.isEmpty ? nil : trials
    choice.c = bestC
    return (choice, current)
  }
}
