public import Classifier
import Evaluation
import Foundation
import LinearAlgebra
import StanceSupport
public import TextFeatures

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
/// What sharing and warm starts save is measured in
/// `Benchmarks/results/2026-12-07-doc-comment-figures.md`.
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
  ///   - progress: Called after each (fold, vectorizer setting) task, one call at a time,
  ///     from whichever thread finished it; `nil` (the default) for none.
  /// - Returns: Every point's scores, best first.
  /// - Throws: ``ModelSelectionError``; the first failing task in (fold, setting) order
  ///   decides which.
  /// - Complexity: folds × settings vectorizer fits, folds × points trainings.
  public static func run(
    texts: [String], labels: [String], groups: [String]? = nil, grid: ParameterGrid,
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(),
    configuration: CrossValidationConfiguration = CrossValidationConfiguration(),
    metric: SelectionMetric = .macroF1,
    progress: (@Sendable (GridSearchProgress) -> Void)? = nil
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
    let counter = GridSearchProgressCounter(
      totalTasks: tasks.count, fitsPerTask: chainLength, handler: progress)

    let outcomes = Parallel.map(tasks.count, threads: workers) { task in
      let (fold, setting) = tasks[task]
      let outcome = runTask(
        texts: texts, classes: classes, names: names, fold: folds[fold], foldIndex: fold,
        setting: settings[setting], grid: grid, cOrder: cOrder, training: training,
        threads: innerThreads, warmStarts: configuration.warmStarts)
      counter.taskFinished()
      return outcome
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
          iterations: trained.report.iterations, macroRecall: report.macroRecall)
        chain[weightingIndex * grid.c.count + cIndex]?.stoppedAtIterationLimit =
          trained.report.stopReason == .maximumIterations
      }
    }
    return .success(Chain(scores: chain.compactMap { $0 }, warmStarted: warmStarted))
  }
}
