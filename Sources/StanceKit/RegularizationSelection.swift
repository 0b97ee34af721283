public import Classifier
import Evaluation
import Foundation
import LinearAlgebra
public import TextFeatures

/// The settings of the automatic choice of `C` and class weighting (`stance train` without
/// `--c`): which values are tried, on how many folds, ranked by what.
public struct RegularizationSearch: Equatable, Sendable, Codable {
  /// The `C` values of the path, ascending, half a decade apart: `0.001, 0.003, …, 1000`.
  public static let defaultPath: [Double] = [
    0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000,
  ]

  /// The `C` values tried, walked in ascending order.
  public var path: [Double]
  /// The class weightings tried, each with its own walk along ``path``.
  public var classWeightings: [ClassWeighting]
  /// The number of folds, at least 2 (3 by default: the choice needs a ranking, not a
  /// precise score, and each fold costs one vectorizer fit).
  public var folds: Int
  /// The seed of the fold shuffle.
  public var seed: UInt64
  /// The ranking metric; the mean out-of-fold log loss by default.
  public var metric: SelectionMetric
  /// Where the first weighting's walk starts: the path value nearest to it (1 by default,
  /// the usual default `C`, so a walk from there usually needs three or four points).
  public var start: Double
  /// The solver's relative gradient tolerance for the cold-started fits along the path
  /// (the first `C` of the first walk).
  ///
  /// `10⁻²` by default (LIBLINEAR's default): the walk needs only to rank half-decade
  /// steps of `C`. Never tighter than the training tolerance; the final model keeps its own.
  /// Warm-started fits stop at the training tolerance: measured from zero, this one is met
  /// by the neighbouring `C`'s solution itself, so they would not move.
  public var tolerance: Double
  /// ``ClassWeighting/balanced`` is tried only when the largest class has at least this
  /// many times the examples of the smallest (1.5 by default): below that, balanced
  /// weights all lie within a factor 1.5 of 1 and change the model little, and skipping
  /// its walk halves the cost.
  public var balancedMinimumImbalance: Double

  /// Creates search settings; every default is here.
  ///
  /// - Parameters:
  ///   - path: The `C` values; ``defaultPath`` by default.
  ///   - classWeightings: The class weightings; none and balanced by default.
  ///   - folds: The fold count; 3 by default.
  ///   - seed: The shuffle seed; 0 by default.
  ///   - metric: The ranking metric; log loss by default.
  ///   - start: Where the first walk starts; 1 by default.
  ///   - tolerance: The solver tolerance along the path; `10⁻²` by default.
  ///   - balancedMinimumImbalance: The class-size ratio from which balanced weights are
  ///     tried; 1.5 by default.
  public init(
    path: [Double] = RegularizationSearch.defaultPath,
    classWeightings: [ClassWeighting] = [.none, .balanced], folds: Int = 3, seed: UInt64 = 0,
    metric: SelectionMetric = .logLoss, start: Double = 1, tolerance: Double = 1e-2,
    balancedMinimumImbalance: Double = 1.5
  ) {
    self.path = path
    self.classWeightings = classWeightings
    self.folds = folds
    self.seed = seed
    self.metric = metric
    self.start = start
    self.tolerance = tolerance
    self.balancedMinimumImbalance = balancedMinimumImbalance
  }
}

/// The outcome of the automatic choice: the chosen `C` and class weighting and every point
/// scored on the way, as stored in a model's header and shown by `stance inspect`.
public struct RegularizationChoice: Equatable, Sendable, Codable {
  /// One scored point of the path.
  public struct Point: Equatable, Sendable, Codable {
    /// The `C` value.
    public var c: Double
    /// The class weighting.
    public var classWeighting: ClassWeighting
    /// The metric over folds.
    public var score: MeanAndDeviation
  }

  /// The settings of the search.
  public var search: RegularizationSearch
  /// The chosen `C`.
  public var c: Double
  /// The chosen class weighting.
  public var classWeighting: ClassWeighting
  /// Whether the folds kept each group (speaker) whole.
  public var grouped: Bool
  /// Every point scored, in the order tried; empty when the search could not run.
  public var points: [Point]
  /// Why the defaults were kept instead (too few examples for the folds); `nil` when the
  /// search ran.
  public var fallback: String?
  /// The features tried beside the given ones, in the order tried (`nil` when none was,
  /// and in models written before the trials existed).
  public var featureTrials: [FeatureTrial]? = nil

  /// The best point of the walks over the given features.
  ///
  /// The first tried wins a tie; `nil` when the search could not run. It is the chosen
  /// point unless a feature trial was kept.
  public var bestPoint: Point? { RegularizationSelection.best(of: points, search.metric) }

  /// One line: `C = 3, class weights none (log_loss 0.4321 ± 0.0100 over 3 grouped folds,
  /// 9 points)`, then the character trial's outcome when it ran.
  public var text: String {
    let weighting = GridPoint.name(classWeighting)
    guard fallback == nil, let best = bestPoint else {
      return "C = \(GridPoint.format(c)), class weights \(weighting) "
        + "(defaults kept: \(fallback ?? "no point scored"))"
    }
    let trials = featureTrials ?? []
    let score = trials.last(where: \.kept)?.score ?? best.score
    let line =
      "C = \(GridPoint.format(c)), class weights \(weighting) (\(search.metric) "
      + "\(score) over \(search.folds) \(grouped ? "grouped" : "stratified") folds, "
      + "\(points.count) points)"
    return ([line] + trials.map { $0.text(metric: search.metric) }).joined(separator: "; ")
  }
}

/// The automatic choice of `C` and class weighting behind `stance train` without `--c`:
/// a fast k-fold cross-validation along a warm-started path of `C` values.
///
/// ```swift
/// let choice = try RegularizationSelection.run(texts: texts, labels: labels, groups: nil)
/// var training = TrainingConfiguration()
/// (training.c, training.classWeighting) = (choice.c, choice.classWeighting)
/// ```
///
/// Folds are those of ``CrossValidation`` (stratified, grouped when `groups` is given, each
/// fold's vectorizer fitted on its training rows only). Every fold is vectorised once and
/// the features are reused along the whole path. For each class weighting the path is
/// walked in lockstep over the folds, from a start value: upwards while the mean score
/// improves and, when the first step up does not, downwards from the start while it does.
/// Each fold's model for a `C` starts from its model for the neighbouring `C` (warm
/// start). The walk stops at the first `C` that is no better than its neighbour, which
/// finds the minimum of a unimodal curve (the out-of-fold log loss falls while weaker
/// regularisation removes bias and rises once the model starts to overfit). The first
/// weighting starts at ``RegularizationSearch/start``, later ones at the best `C` so far.
/// Balanced class weights are tried only for imbalanced classes
/// (``RegularizationSearch/balancedMinimumImbalance``), and a cold-started fit stops at a
/// looser tolerance than the final model's (``RegularizationSearch/tolerance``); a
/// warm-started one at the final model's, from a start that is already near.
/// The chosen point is the best mean score over every walk; ties go to the point tried
/// first. Folds run one after another with every thread inside each fit, so the result
/// does not depend on the thread count.
///
/// - Complexity: `folds` vectorizer fits, then one training per fold and `C` tried; a
///   walk tries the values between its start and the best one plus one or two more. Memory: every fold's
///   training and test matrices are held at once (about `2×` the full training matrix for
///   3 folds).
public enum RegularizationSelection {
  /// Chooses `C` and the class weighting.
  ///
  /// - Parameters:
  ///   - texts: The training texts.
  ///   - labels: One label per text; at least two distinct labels.
  ///   - groups: One group per text (never split across folds), or `nil`.
  ///   - vectorizer: The vectorizer settings of the final model.
  ///   - training: The training settings of the final model (its `c` and class weighting
  ///     are ignored).
  ///   - search: The path, weightings, folds, seed and metric.
  /// - Returns: The choice with every point scored.
  /// - Throws: ``ModelSelectionError``; ``ModelSelectionError/folds(_:)`` when the data has
  ///   too few examples of a class (or too few groups) for the folds.
  public static func run(
    texts: [String], labels: [String], groups: [String]? = nil,
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(),
    search: RegularizationSearch = RegularizationSearch()
  ) throws(ModelSelectionError) -> RegularizationChoice {
    guard texts.count == labels.count else {
      throw .labelCountMismatch(texts: texts.count, labels: labels.count)
    }
    guard !search.path.isEmpty else { throw .emptyGridAxis("C") }
    guard !search.classWeightings.isEmpty else { throw .emptyGridAxis("class weighting") }
    for c in search.path {
      var settings = training
      settings.c = c
      do { try settings.validate() } catch { throw .invalidTrainingSetting(error) }
    }
    let (names, classes) = try CrossValidation.classIndices(labels)
    let configuration = CrossValidationConfiguration(
      folds: search.folds, seed: search.seed, threads: training.threads)
    let folds = try CrossValidation.makeFolds(
      classes: classes, classCount: names.count, groups: groups, configuration)
    var prepared: [PreparedFold] = []
    for (index, fold) in folds.enumerated() {
      prepared.append(
        try PreparedFold(
          texts: texts, classes: classes, fold: fold, index: index, vectorizer: vectorizer))
    }
    let path = search.path.sorted()
    var counts = [Int](repeating: 0, count: names.count)
    for label in classes { counts[label] += 1 }
    let imbalance = Double(counts.max() ?? 1) / Double(max(1, counts.min() ?? 1))
    // A lone weighting is the caller's choice (`--class-weight`) and always tried.
    let weightings =
      search.classWeightings.count == 1
      ? search.classWeightings
      : search.classWeightings.filter {
        $0 != .balanced || imbalance >= search.balancedMinimumImbalance
      }
    var points: [RegularizationChoice.Point] = []
    var best: RegularizationChoice.Point?
    // The fold models of the best point so far: the next weighting's walk starts from them.
    var bestModels: [LogisticModel]?
    for weighting in weightings {
      // The first weighting starts at `search.start`, the others where the best so far is.
      let target = best?.c ?? search.start
      let start =
        path.indices.min { abs(log(path[$0] / target)) < abs(log(path[$1] / target)) } ?? 0
      var pathTraining = training
      pathTraining.tolerance = max(training.tolerance, search.tolerance)
      var walk = Walk(
        folds: prepared, names: names, weighting: weighting, training: pathTraining,
        metric: search.metric, warmTolerance: min(training.tolerance, pathTraining.tolerance))
      let (scored, walkBest) = try walk.run(path: path, start: start, warmStarts: bestModels)
      points += scored
      best = Self.best(of: (best.map { [$0] } ?? []) + scored, search.metric)
      if best?.classWeighting == weighting { bestModels = walkBest }
    }
    // Only a list of balanced weightings alone can leave nothing to try.
    guard let chosen = best else { throw .emptyGridAxis("class weighting") }
    return RegularizationChoice(
      search: search, c: chosen.c, classWeighting: chosen.classWeighting,
      grouped: groups != nil, points: points, fallback: nil)
  }

  /// One class weighting's walk along the path.
  ///
  /// Up from the start while the score improves, then, if the first step up did not
  /// improve, down from the start while it does. Each fold's model for a `C` starts from
  /// its model for the neighbouring `C`; the first from the given models (the previous
  /// weighting's best, whose `C` it starts at), which saves the fits' first iterations.
  private struct Walk {
    let folds: [PreparedFold]
    let names: [String]
    let weighting: ClassWeighting
    let training: TrainingConfiguration
    let metric: SelectionMetric
    /// The tolerance of warm-started fits: the final model's.
    let warmTolerance: Double

    /// The points scored, in the order tried, and the fold models of the walk's best point.
    mutating func run(path: [Double], start: Int, warmStarts: [LogisticModel]?)
      throws(ModelSelectionError) -> ([RegularizationChoice.Point], [LogisticModel])
    {
      var (first, startModels) = try score(c: path[start], warmStarts: warmStarts)
      var points = [first]
      var models = startModels
      var index = start + 1
      var bestMean = first.score.mean
      var improvedUp = false
      while index < path.count {
        let (point, next) = try score(c: path[index], warmStarts: models)
        points.append(point)
        guard RegularizationSelection.better(point.score.mean, than: bestMean, metric) else {
          break
        }
        (bestMean, models, improvedUp) = (point.score.mean, next, true)
        index += 1
      }
      guard !improvedUp, start > 0 else { return (points, improvedUp ? models : startModels) }
      // The first step up was no better (or there was none): walk down instead.
      index = start - 1
      while index >= 0 {
        let (point, next) = try score(c: path[index], warmStarts: startModels)
        points.append(point)
        guard RegularizationSelection.better(point.score.mean, than: first.score.mean, metric)
        else { break }
        (first, startModels) = (point, next)
        index -= 1
      }
      return (points, startModels)
    }

    /// Trains every fold at `c` (from `warmStarts` when given) and scores the test rows.
    private func score(c: Double, warmStarts: [LogisticModel]?) throws(ModelSelectionError)
      -> (RegularizationChoice.Point, [LogisticModel])
    {
      var settings = training
      settings.c = c
      settings.classWeighting = weighting
      // A warm start stops where a cold start would (‖g‖ ≤ tol·‖g(0)‖, see `Trainer`); at
      // the path's loose tolerance the neighbouring C's solution already meets that, so
      // the fit would not move and neighbouring C's would score alike. Warm-started fits
      // stop at the final model's tolerance instead: a few Newton steps from a near start.
      if warmStarts != nil { settings.tolerance = warmTolerance }
      var scores: [FoldScores] = []
      var models: [LogisticModel] = []
      for (index, fold) in folds.enumerated() {
        let (model, fitted) = try fold.train(
          settings, names: names, warmStart: warmStarts?[index])
        models.append(model)
        scores.append(fitted)
      }
      let score = try CrossValidationResult(labels: names, folds: scores).score(metric)
      return (RegularizationChoice.Point(c: c, classWeighting: weighting, score: score), models)
    }
  }

  /// ``run(texts:labels:groups:vectorizer:training:search:)`` with the fallbacks `stance
  /// train` needs: when the groups cannot be kept whole in the folds (fewer groups than
  /// folds in a class), ungrouped folds; when even those cannot be made (a class with fewer
  /// examples than folds), `training`'s own `C` and class weighting, with the reason in
  /// ``RegularizationChoice/fallback``.
  ///
  /// - Parameters: As ``run(texts:labels:groups:vectorizer:training:search:)``.
  /// - Returns: The choice, or the kept defaults with the reason.
  /// - Throws: ``ModelSelectionError`` for anything but folds that cannot be made.
  public static func choose(
    texts: [String], labels: [String], groups: [String]? = nil,
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(),
    search: RegularizationSearch = RegularizationSearch()
  ) throws(ModelSelectionError) -> RegularizationChoice {
    if let groups {
      do {
        return try run(
          texts: texts, labels: labels, groups: groups, vectorizer: vectorizer,
          training: training, search: search)
      } catch .folds {
        // Too few groups for the folds: fall through to ungrouped folds.
      }
    }
    do {
      return try run(
        texts: texts, labels: labels, groups: nil, vectorizer: vectorizer, training: training,
        search: search)
    } catch .folds(let error) {
      return RegularizationChoice(
        search: search, c: training.c, classWeighting: training.classWeighting,
        grouped: false, points: [], fallback: error.description)
    }
  }

  /// The point with the best mean score under `metric`, the earliest on a tie; `nil` for
  /// no points.
  static func best(of points: [RegularizationChoice.Point], _ metric: SelectionMetric)
    -> RegularizationChoice.Point?
  {
    var best: RegularizationChoice.Point?
    for point in points
    where best.map({ better(point.score.mean, than: $0.score.mean, metric) }) ?? true {
      best = point
    }
    return best
  }

  /// Whether `value` is strictly better than `reference` under `metric`.
  static func better(_ value: Double, than reference: Double, _ metric: SelectionMetric) -> Bool {
    metric.lowerIsBetter ? value < reference : value > reference
  }

  /// One fold vectorised once: its training and test matrices and classes.
  private struct PreparedFold {
    var training: SparseMatrix
    var test: SparseMatrix
    var trainingClasses: [Int]
    var testClasses: [Int]
    var index: Int

    init(
      texts: [String], classes: [Int], fold: StratifiedKFold.Fold, index: Int,
      vectorizer: VectorizerConfiguration
    ) throws(ModelSelectionError) {
      let fitted: (vectorizer: Vectorizer, matrix: SparseMatrix)
      do {
        fitted = try Vectorizer.fitTransform(
          fold.training.map { texts[$0] }, configuration: vectorizer)
      } catch {
        throw .vectorizer(fold: index, error)
      }
      training = fitted.matrix
      test = fitted.vectorizer.transform(fold.test.map { texts[$0] })
      trainingClasses = fold.training.map { classes[$0] }
      testClasses = fold.test.map { classes[$0] }
      self.index = index
    }

    /// Trains on the fold's training rows and scores its test rows.
    func train(_ settings: TrainingConfiguration, names: [String], warmStart: LogisticModel?)
      throws(ModelSelectionError) -> (LogisticModel, FoldScores)
    {
      let trained: (model: LogisticModel, report: OptimizationReport)
      do {
        trained = try Trainer(configuration: settings).train(
          features: training, labels: trainingClasses, labelNames: names, warmStart: warmStart)
      } catch {
        throw .training(fold: index, error)
      }
      let report: ClassificationReport
      do {
        report = try ClassificationReport(
          labels: names, truth: testClasses, probabilities: trained.model.probabilities(test))
      } catch {
        throw .folds(error)
      }
      let scores = FoldScores(
        fold: index, trainingCount: trainingClasses.count, testCount: testClasses.count,
        accuracy: report.accuracy, macroF1: report.macroF1, weightedF1: report.weightedF1,
        logLoss: report.logLoss ?? .nan, labelF1: report.classes.map(\.f1),
        iterations: trained.report.iterations)
      return (trained.model, scores)
    }
  }
}
