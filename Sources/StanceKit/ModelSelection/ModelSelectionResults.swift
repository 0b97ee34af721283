public import Classifier
import Foundation
import TextFeatures

/// A mean over folds and its (population) standard deviation,
/// `sd = √((1/k) Σ (xᵢ − mean)²)`, as NumPy's `std` and scikit-learn reports print.
public struct MeanAndDeviation: Equatable, Sendable, Codable, CustomStringConvertible {
  /// The mean.
  public var mean: Double
  /// The population standard deviation.
  public var standardDeviation: Double

  /// Summarises values.
  ///
  /// - Parameter values: At least one value.
  public init(_ values: [Double]) {
    let n = Double(max(values.count, 1))
    let mean = values.reduce(0, +) / n
    self.mean = mean
    self.standardDeviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n)
      .squareRoot()
  }

  /// `mean ± sd` with four decimals.
  public var description: String {
    String(format: "%.4f ± %.4f", mean, standardDeviation)
  }

  private enum CodingKeys: String, CodingKey {
    case mean
    case standardDeviation = "sd"
  }
}

/// The scores of one cross-validation fold.
public struct FoldScores: Equatable, Sendable, Codable {
  /// The fold index, from 0.
  public var fold: Int
  /// The number of training rows.
  public var trainingCount: Int
  /// The number of test rows.
  public var testCount: Int
  /// The fraction of test rows classified correctly.
  public var accuracy: Double
  /// Macro-averaged F1 on the test rows.
  public var macroF1: Double
  /// Support-weighted F1 on the test rows.
  public var weightedF1: Double
  /// The mean log loss of the test rows.
  public var logLoss: Double
  /// The F1 of every label, in the result's ``CrossValidationResult/labels`` order.
  public var labelF1: [Double]
  /// The optimizer iterations the fold's model took.
  public var iterations: Int
  /// Macro-averaged recall on the test rows; `nil` in results stored before it was kept.
  public var macroRecall: Double?
  /// Whether the fold's optimiser stopped at its iteration limit before converging.
  ///
  /// Not stored (a tuned model's header keeps its bytes): `false` once decoded.
  public var stoppedAtIterationLimit = false

  /// Creates fold scores.
  ///
  /// - Parameters:
  ///   - fold: The fold index.
  ///   - trainingCount: The training rows.
  ///   - testCount: The test rows.
  ///   - accuracy: Test accuracy.
  ///   - macroF1: Test macro-F1.
  ///   - weightedF1: Test weighted F1.
  ///   - logLoss: Test log loss.
  ///   - labelF1: Per-label test F1.
  ///   - iterations: Optimizer iterations.
  ///   - macroRecall: Test macro-averaged recall.
  public init(
    fold: Int, trainingCount: Int, testCount: Int, accuracy: Double, macroF1: Double,
    weightedF1: Double, logLoss: Double, labelF1: [Double], iterations: Int,
    macroRecall: Double? = nil
  ) {
    self.macroRecall = macroRecall
    self.fold = fold
    self.trainingCount = trainingCount
    self.testCount = testCount
    self.accuracy = accuracy
    self.macroF1 = macroF1
    self.weightedF1 = weightedF1
    self.logLoss = logLoss
    self.labelF1 = labelF1
    self.iterations = iterations
  }

  private enum CodingKeys: String, CodingKey {
    case fold, accuracy, iterations
    case trainingCount = "training_count"
    case testCount = "test_count"
    case macroF1 = "macro_f1"
    case weightedF1 = "weighted_f1"
    case logLoss = "log_loss"
    case labelF1 = "label_f1"
    case macroRecall = "macro_recall"
  }
}

/// The result of cross-validating one setting: every fold's scores and their summaries
/// (the `stance cv` result).
///
/// JSON keys: `labels`, `folds` (each `fold`, `training_count`, `test_count`, `accuracy`,
/// `macro_f1`, `weighted_f1`, `log_loss`, `label_f1`, `iterations`), and `accuracy`,
/// `macro_f1`, `weighted_f1`, `log_loss` and `label_f1` as `{"mean", "sd"}`.
public struct CrossValidationResult: Equatable, Sendable, Codable {
  /// The class labels (sorted by UTF-8 bytes); ``FoldScores/labelF1`` follows this order.
  public var labels: [String]
  /// Every fold, fold 0 first.
  public var folds: [FoldScores]
  /// Accuracy over folds.
  public var accuracy: MeanAndDeviation
  /// Macro-F1 over folds.
  public var macroF1: MeanAndDeviation
  /// Weighted F1 over folds.
  public var weightedF1: MeanAndDeviation
  /// Log loss over folds.
  public var logLoss: MeanAndDeviation
  /// Each label's F1 over folds, in ``labels`` order.
  public var labelF1: [MeanAndDeviation]
  /// Macro-averaged recall over folds; `nil` when a fold lacks it (results stored before
  /// it was kept).
  public var macroRecall: MeanAndDeviation?

  /// Summarises fold scores.
  ///
  /// - Parameters:
  ///   - labels: The class labels.
  ///   - folds: The fold scores, fold 0 first.
  public init(labels: [String], folds: [FoldScores]) {
    self.labels = labels
    self.folds = folds
    accuracy = MeanAndDeviation(folds.map(\.accuracy))
    macroF1 = MeanAndDeviation(folds.map(\.macroF1))
    weightedF1 = MeanAndDeviation(folds.map(\.weightedF1))
    logLoss = MeanAndDeviation(folds.map(\.logLoss))
    labelF1 = labels.indices.map { k in MeanAndDeviation(folds.map { $0.labelF1[k] }) }
    let recalls = folds.compactMap(\.macroRecall)
    macroRecall = recalls.count == folds.count ? MeanAndDeviation(recalls) : nil
  }

  /// The value of `metric` on each fold.
  ///
  /// - Parameter metric: The metric.
  /// - Returns: One value per fold.
  /// - Throws: ``ModelSelectionError/unknownMetricLabel(_:labels:)`` when an
  ///   ``SelectionMetric/f1(labels:)`` label is not one of ``labels``.
  public func foldValues(_ metric: SelectionMetric) throws(ModelSelectionError) -> [Double] {
    switch metric {
    case .macroF1: return folds.map(\.macroF1)
    case .accuracy: return folds.map(\.accuracy)
    case .logLoss: return folds.map(\.logLoss)
    case .weightedF1: return folds.map(\.weightedF1)
    case .macroRecall: return folds.map { $0.macroRecall ?? .nan }
    case .f1(let chosen):
      var positions: [Int] = []
      for label in chosen {
        guard let position = labels.firstIndex(of: label) else {
          throw .unknownMetricLabel(label, labels: labels)
        }
        positions.append(position)
      }
      return folds.map { fold in
        positions.reduce(0) { $0 + fold.labelF1[$1] } / Double(positions.count)
      }
    }
  }

  /// The mean and standard deviation of `metric` over folds.
  ///
  /// - Parameter metric: The metric.
  /// - Returns: Its summary.
  /// - Throws: As ``foldValues(_:)``.
  public func score(_ metric: SelectionMetric) throws(ModelSelectionError) -> MeanAndDeviation {
    MeanAndDeviation(try foldValues(metric))
  }

  /// A plain-text table: one line per fold, then `mean ± sd`, then per-label F1.
  public var text: String {
    var lines = ["fold   train    test  accuracy  macro_f1  weighted_f1  log_loss"]
    for fold in folds {
      lines.append(
        String(
          format: "%4d %7d %7d %9.4f %9.4f %12.4f %9.4f", fold.fold + 1, fold.trainingCount,
          fold.testCount, fold.accuracy, fold.macroF1, fold.weightedF1, fold.logLoss))
    }
    lines.append("")
    lines.append("accuracy     \(accuracy)")
    lines.append("macro_f1     \(macroF1)")
    lines.append("weighted_f1  \(weightedF1)")
    lines.append("log_loss     \(logLoss)")
    if let macroRecall { lines.append("macro_recall \(macroRecall)") }
    lines.append("")
    lines.append("per-label F1:")
    let width = labels.map(\.count).max() ?? 0
    for (label, summary) in zip(labels, labelF1) {
      lines.append(
        "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(summary)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private enum CodingKeys: String, CodingKey {
    case labels, folds, accuracy
    case macroF1 = "macro_f1"
    case weightedF1 = "weighted_f1"
    case logLoss = "log_loss"
    case labelF1 = "label_f1"
    case macroRecall = "macro_recall"
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

  /// Creates a result.
  ///
  /// - Parameters:
  ///   - metric: The ranking metric.
  ///   - configuration: The cross-validation settings used.
  ///   - entries: Every point, best first.
  ///   - work: How much work the search did.
  public init(
    metric: SelectionMetric, configuration: CrossValidationConfiguration,
    entries: [GridSearchEntry], work: GridSearchWork
  ) {
    self.metric = metric
    self.configuration = configuration
    self.entries = entries
    self.work = work
  }

  private enum CodingKeys: String, CodingKey {
    case metric
    case configuration
    case entries
    case work
    case lexicons
    case entryLexicons
  }

  /// Encodes the result with each distinct lexicon written once.
  ///
  /// `lexicons` holds the distinct lexicons and `entryLexicons` each entry's index into it
  /// (or `null`); the entries' own settings are written without their lexicon. Every point
  /// of a grid shares the same word list, so a model file would otherwise hold a copy of it
  /// per grid point.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(metric, forKey: .metric)
    try container.encode(configuration, forKey: .configuration)
    try container.encode(work, forKey: .work)
    var lexicons: [Lexicon] = []
    var indices: [Int?] = []
    var stripped = entries
    for position in stripped.indices {
      guard let lexicon = stripped[position].point.vectorizer.lexicon else {
        indices.append(nil)
        continue
      }
      if let index = lexicons.firstIndex(of: lexicon) {
        indices.append(index)
      } else {
        indices.append(lexicons.count)
        lexicons.append(lexicon)
      }
      stripped[position].point.vectorizer.lexicon = nil
    }
    try container.encode(stripped, forKey: .entries)
    if !lexicons.isEmpty {
      try container.encode(lexicons, forKey: .lexicons)
      try container.encode(indices, forKey: .entryLexicons)
    }
  }

  /// Decodes a result written by ``encode(to:)`` (or before lexicons existed), giving each
  /// entry its lexicon back.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` when the lexicon indices do not fit.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    metric = try container.decode(SelectionMetric.self, forKey: .metric)
    configuration = try container.decode(CrossValidationConfiguration.self, forKey: .configuration)
    work = try container.decode(GridSearchWork.self, forKey: .work)
    entries = try container.decode([GridSearchEntry].self, forKey: .entries)
    let lexicons = try container.decodeIfPresent([Lexicon].self, forKey: .lexicons) ?? []
    guard let indices = try container.decodeIfPresent([Int?].self, forKey: .entryLexicons) else {
      return
    }
    guard indices.count == entries.count,
      indices.allSatisfy({ $0.map { lexicons.indices.contains($0) } ?? true })
    else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "the grid entries' lexicon indices do not match the lexicons stored"))
    }
    for (position, index) in indices.enumerated() {
      entries[position].point.vectorizer.lexicon = index.map { lexicons[$0] }
    }
  }

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
  ///   - map: The calibration map; a temperature by default.
  /// - Returns: The calibrated pipeline and what calibration found.
  /// - Throws: ``ModelSelectionError`` from the split, the fits or the temperature fit.
  public func fitBest(
    texts: [String], labels: [String], calibration: CalibrationMethod,
    map: CalibrationMap = .temperature
  ) throws(ModelSelectionError) -> (pipeline: Pipeline, calibration: CalibrationReport) {
    try Pipeline.fitCalibrated(
      texts: texts, labels: labels, vectorizer: best.point.vectorizer,
      training: best.point.training, method: calibration, map: map)
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
