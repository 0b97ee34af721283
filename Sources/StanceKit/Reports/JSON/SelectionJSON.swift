public import Classifier
public import TextFeatures

/// What a `cv` or `tune` run was asked to do, recorded in its JSON `settings`.
public struct SelectionSettings: Sendable {
  /// The folds, seed and warm starts.
  public var configuration: CrossValidationConfiguration
  /// The `--group-by` column, or `nil` for ungrouped folds.
  public var groupBy: String?
  /// The vectorizer settings (tune: the base the grid varies).
  public var vectorizer: VectorizerConfiguration
  /// The training settings (tune: the base the grid varies).
  public var training: TrainingConfiguration

  /// Creates the settings record.
  ///
  /// - Parameters:
  ///   - configuration: The folds, seed and warm starts.
  ///   - groupBy: The `--group-by` column, if any.
  ///   - vectorizer: The vectorizer settings.
  ///   - training: The training settings.
  public init(
    configuration: CrossValidationConfiguration, groupBy: String?,
    vectorizer: VectorizerConfiguration, training: TrainingConfiguration
  ) {
    self.configuration = configuration
    self.groupBy = groupBy
    self.vectorizer = vectorizer
    self.training = training
  }

  /// `folds`, `seed`, `group_by`, `warm_starts`, then `extra`, then `vectorizer` and
  /// `training`.
  func jsonValue(extra: [(String, JSONValue)] = []) -> JSONValue {
    .object(
      [
        ("folds", .int(configuration.folds)),
        // A seed above 2⁵³ would lose digits as a JSON number.
        ("seed", .string(String(configuration.seed))),
        ("group_by", .nullable(groupBy)),
        ("warm_starts", .bool(configuration.warmStarts)),
      ] + extra + [
        ("vectorizer", vectorizer.jsonValue),
        ("training", training.jsonValue),
      ])
  }
}

extension RunWarning {
  /// The warnings of cross-validation results: fold fits that stopped at the iteration
  /// limit, and heavy class imbalance when no result weighted the classes.
  ///
  /// - Parameters:
  ///   - results: The cross-validated settings and each one's class weighting.
  ///   - limit: The iteration limit of every fit.
  ///   - labels: The label of every row.
  /// - Returns: The warnings.
  public static func selection(
    _ results: [(result: CrossValidationResult, weighting: ClassWeighting)], limit: Int,
    labels: [String]
  ) -> [RunWarning] {
    var warnings: [RunWarning] = []
    let folds = results.flatMap(\.result.folds)
    let stopped = folds.count(where: \.stoppedAtIterationLimit)
    if stopped > 0 {
      warnings.append(.foldsNotConverged(stopped, of: folds.count, limit: limit))
    }
    if results.allSatisfy({ if case .none = $0.weighting { true } else { false } }),
      let warning = imbalance(LabelCounts(labels).counts, weighting: .none)
    {
      warnings.append(warning)
    }
    return warnings
  }
}

extension CrossValidationResult {
  /// The `stance cv --format json` document (docs/json.md, docs/schema/cv.schema.json):
  /// `labels`, `settings`, `folds` (numbered from 1), the summaries and `warnings`.
  ///
  /// - Parameters:
  ///   - settings: What the run was asked to do.
  ///   - warnings: Its warnings.
  /// - Returns: Pretty-printed JSON ending with a line break.
  public func jsonDocument(settings: SelectionSettings, warnings: [RunWarning]) -> String {
    JSONValue.object(
      [("labels", .array(labels.map { .string($0) })), ("settings", settings.jsonValue())]
        + scoreMembers + [("warnings", RunWarning.json(warnings))]
    ).pretty
  }

  /// `folds`, then `accuracy`, `macro_f1`, `weighted_f1`, `macro_recall`, `log_loss` as
  /// `{"mean", "sd"}` and `label_f1` as `{LABEL: {"mean", "sd"}}`.
  var scoreMembers: [(String, JSONValue)] {
    [
      ("folds", .array(folds.map { fold in foldValue(fold) })),
      ("accuracy", accuracy.jsonValue),
      ("macro_f1", macroF1.jsonValue),
      ("weighted_f1", weightedF1.jsonValue),
      ("macro_recall", macroRecall?.jsonValue ?? .null),
      ("log_loss", logLoss.jsonValue),
      ("label_f1", .object(zip(labels, labelF1).map { ($0, $1.jsonValue) })),
    ]
  }

  private func foldValue(_ fold: FoldScores) -> JSONValue {
    .object([
      ("fold", .int(fold.fold + 1)),
      ("training_count", .int(fold.trainingCount)),
      ("test_count", .int(fold.testCount)),
      ("accuracy", .number(fold.accuracy)),
      ("macro_f1", .number(fold.macroF1)),
      ("weighted_f1", .number(fold.weightedF1)),
      ("macro_recall", .nullable(fold.macroRecall)),
      ("log_loss", .number(fold.logLoss)),
      ("label_f1", .byLabel(labels, fold.labelF1)),
      ("iterations", .int(fold.iterations)),
      ("stopped_at_iteration_limit", .bool(fold.stoppedAtIterationLimit)),
    ])
  }
}

extension MeanAndDeviation {
  /// `{"mean", "sd"}`.
  var jsonValue: JSONValue {
    .object([("mean", .number(mean)), ("sd", .number(standardDeviation))])
  }
}

extension GridSearchResult {
  /// The `stance tune --format json` document (docs/json.md,
  /// docs/schema/tune.schema.json): `metric`, `labels`, `settings` (with the `grid`),
  /// `entries` best first, `best` (the first entry), `work` and `warnings`.
  ///
  /// - Parameters:
  ///   - settings: The base settings the grid varies.
  ///   - grid: The grid.
  ///   - warnings: The run's warnings.
  /// - Returns: Pretty-printed JSON ending with a line break.
  public func jsonDocument(
    settings: SelectionSettings, grid: ParameterGrid, warnings: [RunWarning]
  ) -> String {
    let ranked = entries.enumerated().map { rank, entry in entryValue(entry, rank: rank + 1) }
    return JSONValue.object([
      ("metric", .string(metric.description)),
      ("labels", .array((entries.first?.result.labels ?? []).map { .string($0) })),
      ("settings", settings.jsonValue(extra: [("grid", grid.jsonValue(base: settings))])),
      ("entries", .array(ranked)),
      ("best", ranked.first ?? .null),
      (
        "work",
        .object([
          ("vectorizer_fits", .int(work.vectorizerFits)),
          ("naive_vectorizer_fits", .int(work.naiveVectorizerFits)),
          ("model_fits", .int(work.modelFits)),
          ("warm_started_fits", .int(work.warmStartedFits)),
          ("solver_iterations", .int(work.solverIterations)),
        ])
      ),
      ("warnings", RunWarning.json(warnings)),
    ]).pretty
  }

  private func entryValue(_ entry: GridSearchEntry, rank: Int) -> JSONValue {
    .object([
      ("rank", .int(rank)),
      ("point", .int(entry.index + 1)),
      ("score", entry.score.jsonValue),
      (
        "setting",
        .object([
          ("vectorizer", entry.point.vectorizer.jsonValue),
          ("training", entry.point.training.jsonValue),
        ])
      ),
      ("cv", .object(entry.result.scoreMembers)),
    ])
  }
}

extension ParameterGrid {
  /// Every axis as the list of values tried, named after `tune`'s options.
  func jsonValue(base: SelectionSettings) -> JSONValue {
    let range: (NGramRange?) -> JSONValue = { .nullable($0?.description) }
    return .object([
      ("c", .array(c.map { .number($0) })),
      ("ngram", .array(wordNGrams.map(range))),
      ("min_df", .array(minDocumentFrequencies.map { .string($0.description) })),
      (
        "max_df",
        .array(
          (maxDocumentFrequencies ?? [base.vectorizer.maxDocumentFrequency]).map {
            .string($0.description)
          })
      ),
      // The grid's weightings are every scheme with every sublinear-tf switch.
      ("weighting", .array(distinct(weightings.map(\.scheme.rawValue)).map { .string($0) })),
      (
        "sublinear_tf", .array(distinct(weightings.map(\.sublinearTermFrequency)).map { .bool($0) })
      ),
      ("negation", .array((negations ?? [base.vectorizer.marksNegation]).map { .bool($0) })),
      (
        "lexicon",
        .array((lexiconUses ?? [base.vectorizer.lexicon != nil]).map { .bool($0) })
      ),
      ("class_weight", .array(classWeightings.map(\.jsonValue))),
      ("char_ngram", .array(characterNGrams.map(range))),
    ])
  }

  /// `values` without repeats, in first-seen order.
  private func distinct<T: Hashable>(_ values: [T]) -> [T] {
    var seen: Set<T> = []
    return values.filter { seen.insert($0).inserted }
  }
}
