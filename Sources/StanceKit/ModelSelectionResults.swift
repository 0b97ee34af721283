public import Classifier
public import Evaluation
import Foundation
public import TextFeatures

/// The score a grid search ranks by, named as on the command line (`--metric`).
///
/// Every metric is computed per test fold and then averaged over folds.
public enum SelectionMetric: Equatable, Sendable, Codable, CustomStringConvertible {
  /// Macro-averaged F1 (`macro_f1`), the default; higher is better.
  case macroF1
  /// Accuracy (`accuracy`); higher is better.
  case accuracy
  /// Log loss (`log_loss`); lower is better.
  case logLoss
  /// Support-weighted F1 (`weighted_f1`); higher is better.
  case weightedF1
  /// Macro-averaged recall (`macro_recall`), as TweetEval sentiment reports; higher is
  /// better.
  case macroRecall
  /// The mean F1 of the listed labels (`f1:against,favor`), as stance benchmarks report;
  /// higher is better.
  case f1(labels: [String])

  /// Parses the command-line spelling: `macro_f1`, `accuracy`, `log_loss`, `weighted_f1`,
  /// `macro_recall` or `f1:LABEL,LABEL,…`.
  ///
  /// - Parameter text: The spelling.
  /// - Throws: ``ModelSelectionError/unknownMetric(_:)`` for anything else.
  public init(parsing text: String) throws(ModelSelectionError) {
    switch text {
    case "macro_f1": self = .macroF1
    case "accuracy": self = .accuracy
    case "log_loss": self = .logLoss
    case "weighted_f1": self = .weightedF1
    case "macro_recall": self = .macroRecall
    default:
      guard text.hasPrefix("f1:") else { throw .unknownMetric(text) }
      let labels = text.dropFirst(3).split(separator: ",").map(String.init)
      guard !labels.isEmpty, labels.allSatisfy({ !$0.isEmpty }) else {
        throw .unknownMetric(text)
      }
      self = .f1(labels: labels)
    }
  }

  /// Whether a smaller value is better (only ``logLoss``).
  public var lowerIsBetter: Bool { self == .logLoss }

  /// The command-line spelling, which ``init(parsing:)`` reads back.
  public var description: String {
    switch self {
    case .macroF1: return "macro_f1"
    case .accuracy: return "accuracy"
    case .logLoss: return "log_loss"
    case .weightedF1: return "weighted_f1"
    case .macroRecall: return "macro_recall"
    case .f1(let labels): return "f1:" + labels.joined(separator: ",")
    }
  }

  /// Decodes the command-line spelling.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` for an unknown spelling.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(parsing: text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  /// Encodes the command-line spelling.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

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

/// Why cross-validation or a grid search could not run.
public enum ModelSelectionError: Error, Sendable, CustomStringConvertible {
  /// There is not one label per text.
  case labelCountMismatch(texts: Int, labels: Int)
  /// There is not one group per text.
  case groupCountMismatch(texts: Int, groups: Int)
  /// Fewer than two distinct labels.
  case tooFewLabels([String])
  /// The thread count is below 1 or above ``TrainingConfiguration/maximumThreadCount``.
  case invalidThreadCount(Int)
  /// A grid axis has no values.
  case emptyGridAxis(String)
  /// A vectorizer setting of the grid is out of range.
  case invalidVectorizerSetting(VectorizerError)
  /// A training setting of the grid (a C value, the tolerance, …) is out of range.
  case invalidTrainingSetting(TrainingConfigurationError)
  /// A metric spelling that is not known.
  case unknownMetric(String)
  /// An `f1:` metric names a label the data does not have.
  case unknownMetricLabel(String, labels: [String])
  /// The folds could not be made (too few folds, samples, class members or groups).
  case folds(EvaluationError)
  /// A fold's vectorizer could not be fitted.
  case vectorizer(fold: Int, VectorizerError)
  /// A fold's model could not be trained.
  case training(fold: Int, TrainingError)
  /// The pipeline (for calibration, or the final fit) could not be fitted.
  case pipeline(PipelineError)
  /// The temperature could not be fitted.
  case temperature(TemperatureScalingError)

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .labelCountMismatch(let texts, let labels):
      return "\(texts) texts but \(labels) labels; every text needs exactly one label"
    case .groupCountMismatch(let texts, let groups):
      return "\(texts) texts but \(groups) groups; every text needs a group (for example a "
        + "speaker) when grouping folds"
    case .tooFewLabels(let labels):
      return "the data has \(labels.count) distinct label(s) \(labels); classification needs "
        + "at least 2"
    case .invalidThreadCount(let threads):
      return "the thread count (--threads) must be from 1 to "
        + "\(TrainingConfiguration.maximumThreadCount), got \(threads); omit it to use one "
        + "thread per processor"
    case .emptyGridAxis(let axis):
      return "the grid has no values for \(axis); give at least one"
    case .invalidVectorizerSetting(let error):
      return error.description
    case .invalidTrainingSetting(let error):
      return error.description
    case .unknownMetric(let text):
      return "unknown metric '\(text)'; use macro_f1, accuracy, log_loss, weighted_f1 or "
        + "f1:LABEL,LABEL"
    case .unknownMetricLabel(let label, let labels):
      return "the metric names label '\(label)', which is not in the data; the labels are "
        + labels.joined(separator: ", ")
    case .folds(let error):
      return error.description
    case .vectorizer(let fold, let error):
      return "fold \(fold + 1): \(error.description)"
    case .training(let fold, let error):
      return "fold \(fold + 1): \(error.localizedDescription)"
    case .pipeline(let error):
      return error.description
    case .temperature(let error):
      return error.description
    }
  }
}
