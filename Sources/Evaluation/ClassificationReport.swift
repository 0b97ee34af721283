import LinearAlgebra

/// The evaluation of a classifier on labelled data, as plain data: the `stance eval` result.
///
/// Its JSON form is the contract of DESIGN.md §3; these keys are always present, in
/// snake_case:
///
/// ```
/// { "n", "accuracy", "macro_f1", "weighted_f1", "log_loss",
///   "classes": [{"label", "precision", "recall", "f1", "support", "roc_auc"}],
///   "confusion": {"labels": [...], "matrix": [[...]]},
///   "macro_precision", "macro_recall", "weighted_precision", "weighted_recall",
///   "micro_f1", "brier", "roc_auc_macro", "zero_division", "calibration" }
/// ```
/// `calibration` is `{"bins": [{"lower", "upper", "count", "mean_confidence",
/// "accuracy"}], "expected_calibration_error"}`. A value that is absent (no probabilities
/// were given, an undefined AUC, an empty bin) or not finite (a NaN from
/// ``ZeroDivision/notANumber``) is written as JSON `null`, never as a misleading number;
/// decoding turns `null` back into `nil`, or into NaN for a non-optional number. Counts
/// are numbers (whole numbers print without a fraction). JSON numbers do not depend on the
/// locale.
public struct ClassificationReport: Equatable, Sendable, Codable {
  /// One row of the per-class table.
  public struct ClassRow: Equatable, Sendable, Codable {
    /// The class label.
    public var label: String
    /// The class's precision.
    public var precision: Double
    /// The class's recall.
    public var recall: Double
    /// The class's F1.
    public var f1: Double
    /// How many samples truly belong to the class (their weight if weighted).
    public var support: Double
    /// The class's one-vs-rest ROC-AUC; `nil` without probabilities or when undefined.
    public var rocAUC: Double?

    /// Creates a row.
    ///
    /// - Parameters:
    ///   - label: The class label.
    ///   - precision: The class's precision.
    ///   - recall: The class's recall.
    ///   - f1: The class's F1.
    ///   - support: The class's support.
    ///   - rocAUC: The class's one-vs-rest ROC-AUC, if known.
    public init(
      label: String, precision: Double, recall: Double, f1: Double, support: Double,
      rocAUC: Double? = nil
    ) {
      self.label = label
      self.precision = precision
      self.recall = recall
      self.f1 = f1
      self.support = support
      self.rocAUC = rocAUC
    }

    private enum CodingKeys: String, CodingKey {
      case label, precision, recall, f1, support
      case rocAUC = "roc_auc"
    }

    /// Decodes a row; `null` numbers become NaN (or `nil` for `roc_auc`).
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: When a key is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      label = try container.decode(String.self, forKey: .label)
      precision = try container.decodeNumber(forKey: .precision)
      recall = try container.decodeNumber(forKey: .recall)
      f1 = try container.decodeNumber(forKey: .f1)
      support = try container.decodeNumber(forKey: .support)
      rocAUC = try container.decodeIfPresent(Double.self, forKey: .rocAUC)
    }

    /// Encodes every key, writing absent or non-finite numbers as `null`.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(label, forKey: .label)
      try container.encodeNumber(precision, forKey: .precision)
      try container.encodeNumber(recall, forKey: .recall)
      try container.encodeNumber(f1, forKey: .f1)
      try container.encodeNumber(support, forKey: .support)
      try container.encodeNumber(rocAUC, forKey: .rocAUC)
    }
  }

  /// The confusion matrix in its JSON shape.
  public struct Confusion: Equatable, Sendable, Codable {
    /// The labels, naming rows (true class) and columns (predicted class).
    public var labels: [String]
    /// The counts, one array per true class.
    public var matrix: [[Double]]

    /// Creates the JSON shape of a confusion matrix.
    ///
    /// - Parameters:
    ///   - labels: The labels.
    ///   - matrix: The counts, one array per true class.
    public init(labels: [String], matrix: [[Double]]) {
      self.labels = labels
      self.matrix = matrix
    }
  }

  /// One calibration bin in the report's JSON shape.
  public struct CalibrationRow: Equatable, Sendable, Codable {
    /// The bin's lower edge.
    public var lower: Double
    /// The bin's upper edge.
    public var upper: Double
    /// How many samples fell into the bin.
    public var count: Int
    /// Their mean top-class probability; `nil` when the bin is empty.
    public var meanConfidence: Double?
    /// The fraction of them predicted correctly; `nil` when the bin is empty.
    public var accuracy: Double?

    /// Creates a bin row.
    ///
    /// - Parameters:
    ///   - lower: The bin's lower edge.
    ///   - upper: The bin's upper edge.
    ///   - count: How many samples fell into the bin.
    ///   - meanConfidence: Their mean top-class probability.
    ///   - accuracy: The fraction of them predicted correctly.
    public init(
      lower: Double, upper: Double, count: Int, meanConfidence: Double?, accuracy: Double?
    ) {
      self.lower = lower
      self.upper = upper
      self.count = count
      self.meanConfidence = meanConfidence
      self.accuracy = accuracy
    }

    private enum CodingKeys: String, CodingKey {
      case lower, upper, count, accuracy
      case meanConfidence = "mean_confidence"
    }

    /// Encodes every key, writing empty-bin values as `null`.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(lower, forKey: .lower)
      try container.encode(upper, forKey: .upper)
      try container.encode(count, forKey: .count)
      try container.encodeNumber(meanConfidence, forKey: .meanConfidence)
      try container.encodeNumber(accuracy, forKey: .accuracy)
    }
  }

  /// The calibration section: bins and expected calibration error.
  public struct Calibration: Equatable, Sendable, Codable {
    /// The equal-width bins, lowest confidence first.
    public var bins: [CalibrationRow]
    /// The expected calibration error.
    public var expectedCalibrationError: Double

    /// Creates the section from a computed curve.
    ///
    /// - Parameter curve: The curve to describe.
    public init(_ curve: CalibrationCurve) {
      bins = curve.bins.map {
        CalibrationRow(
          lower: $0.lowerBound, upper: $0.upperBound, count: $0.count,
          meanConfidence: $0.meanConfidence, accuracy: $0.accuracy)
      }
      expectedCalibrationError = curve.expectedCalibrationError
    }

    private enum CodingKeys: String, CodingKey {
      case bins
      case expectedCalibrationError = "expected_calibration_error"
    }

    /// Decodes the section; a `null` error becomes NaN.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: When a key is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      bins = try container.decode([CalibrationRow].self, forKey: .bins)
      expectedCalibrationError = try container.decodeNumber(forKey: .expectedCalibrationError)
    }

    /// Encodes both keys, writing a non-finite error as `null`.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(bins, forKey: .bins)
      try container.encodeNumber(expectedCalibrationError, forKey: .expectedCalibrationError)
    }
  }

  /// The number of samples evaluated.
  public var n: Int
  /// The fraction classified correctly.
  public var accuracy: Double
  /// Macro-averaged precision.
  public var macroPrecision: Double
  /// Macro-averaged recall.
  public var macroRecall: Double
  /// Macro-averaged F1.
  public var macroF1: Double
  /// Support-weighted precision.
  public var weightedPrecision: Double
  /// Support-weighted recall.
  public var weightedRecall: Double
  /// Support-weighted F1.
  public var weightedF1: Double
  /// Micro-averaged F1.
  public var microF1: Double
  /// The log loss; `nil` when no probabilities were given.
  public var logLoss: Double?
  /// The multi-class Brier score; `nil` when no probabilities were given.
  public var brier: Double?
  /// The macro one-vs-rest ROC-AUC; `nil` without probabilities or when no class has one.
  public var rocAUCMacro: Double?
  /// The 0/0 rule the metrics were computed with.
  public var zeroDivision: ZeroDivision
  /// Per-class rows in label order.
  public var classes: [ClassRow]
  /// The confusion matrix.
  public var confusion: Confusion
  /// Reliability bins; `nil` when no probabilities were given.
  public var calibration: Calibration?

  /// Builds a report from a confusion matrix and, optionally, probabilistic metrics.
  ///
  /// - Parameters:
  ///   - confusion: The counts; its labels order the rows.
  ///   - zeroDivision: The 0/0 rule for the label-based metrics; `.zero` by default.
  ///   - probabilistic: Metrics of the predicted probabilities for the same samples, in
  ///     the same label order, or `nil`.
  public init(
    confusion: ConfusionMatrix, zeroDivision: ZeroDivision = .zero,
    probabilistic: ProbabilisticMetrics? = nil
  ) {
    let metrics = ClassificationMetrics(confusion: confusion, zeroDivision: zeroDivision)
    n = confusion.sampleCount
    accuracy = metrics.accuracy
    macroPrecision = metrics.macro.precision
    macroRecall = metrics.macro.recall
    macroF1 = metrics.macro.f1
    weightedPrecision = metrics.weighted.precision
    weightedRecall = metrics.weighted.recall
    weightedF1 = metrics.weighted.f1
    microF1 = metrics.microF1
    logLoss = probabilistic?.logLoss
    brier = probabilistic?.brierScore
    rocAUCMacro = probabilistic?.macroROCAUC
    self.zeroDivision = zeroDivision
    classes = metrics.perClass.enumerated().map { index, row in
      ClassRow(
        label: row.label, precision: row.precision, recall: row.recall, f1: row.f1,
        support: row.support, rocAUC: probabilistic?.rocAUC[index] ?? nil)
    }
    self.confusion = Confusion(labels: confusion.labels, matrix: confusion.rows)
    calibration = probabilistic.map { Calibration($0.calibration) }
  }

  /// Evaluates predictions (and optionally probabilities) against the truth.
  ///
  /// - Parameters:
  ///   - labels: The K distinct class labels, in the model's order.
  ///   - truth: The true class index of each sample.
  ///   - predicted: The predicted class index of each sample; `nil` takes the most
  ///     probable class of each row of `probabilities`.
  ///   - probabilities: An optional n×K probability matrix in label order.
  ///   - weights: Optional finite, non-negative sample weights.
  ///   - zeroDivision: The 0/0 rule; `.zero` by default.
  ///   - calibrationBinCount: The number of calibration bins; 10 by default.
  /// - Throws: ``EvaluationError`` for invalid or inconsistent inputs, including when
  ///   both `predicted` and `probabilities` are `nil` (a length mismatch on `predicted`).
  public init(
    labels: [String], truth: [Int], predicted: [Int]? = nil,
    probabilities: DenseMatrix? = nil, weights: [Double]? = nil,
    zeroDivision: ZeroDivision = .zero, calibrationBinCount: Int = 10
  ) throws(EvaluationError) {
    var probabilistic: ProbabilisticMetrics?
    if let probabilities {
      guard probabilities.rows == truth.count && probabilities.columns == labels.count else {
        throw .probabilityShapeMismatch(
          rows: probabilities.rows, columns: probabilities.columns,
          expectedRows: truth.count, expectedColumns: labels.count)
      }
      probabilistic = try ProbabilisticMetrics(
        probabilities: probabilities, truth: truth, weights: weights,
        calibrationBinCount: calibrationBinCount)
    }
    let predictions =
      predicted ?? probabilities.map { ProbabilisticMetrics.predictedClasses(probabilities: $0) }
      ?? []
    let confusion = try ConfusionMatrix(
      labels: labels, truth: truth, predicted: predictions, weights: weights)
    self.init(confusion: confusion, zeroDivision: zeroDivision, probabilistic: probabilistic)
  }

  private enum CodingKeys: String, CodingKey {
    case n, accuracy, classes, confusion, brier, calibration
    case macroPrecision = "macro_precision"
    case macroRecall = "macro_recall"
    case macroF1 = "macro_f1"
    case weightedPrecision = "weighted_precision"
    case weightedRecall = "weighted_recall"
    case weightedF1 = "weighted_f1"
    case microF1 = "micro_f1"
    case logLoss = "log_loss"
    case rocAUCMacro = "roc_auc_macro"
    case zeroDivision = "zero_division"
  }

  /// Decodes a report; `null` numbers become NaN, or `nil` for optional ones.
  ///
  /// - Parameter decoder: The decoder to read from.
  /// - Throws: When a key is missing or has the wrong type.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    n = try container.decode(Int.self, forKey: .n)
    accuracy = try container.decodeNumber(forKey: .accuracy)
    macroPrecision = try container.decodeNumber(forKey: .macroPrecision)
    macroRecall = try container.decodeNumber(forKey: .macroRecall)
    macroF1 = try container.decodeNumber(forKey: .macroF1)
    weightedPrecision = try container.decodeNumber(forKey: .weightedPrecision)
    weightedRecall = try container.decodeNumber(forKey: .weightedRecall)
    weightedF1 = try container.decodeNumber(forKey: .weightedF1)
    microF1 = try container.decodeNumber(forKey: .microF1)
    logLoss = try container.decodeIfPresent(Double.self, forKey: .logLoss)
    brier = try container.decodeIfPresent(Double.self, forKey: .brier)
    rocAUCMacro = try container.decodeIfPresent(Double.self, forKey: .rocAUCMacro)
    zeroDivision = try container.decode(ZeroDivision.self, forKey: .zeroDivision)
    classes = try container.decode([ClassRow].self, forKey: .classes)
    confusion = try container.decode(Confusion.self, forKey: .confusion)
    calibration = try container.decodeIfPresent(Calibration.self, forKey: .calibration)
  }

  /// Encodes every key, writing absent or non-finite numbers as `null`.
  ///
  /// - Parameter encoder: The encoder to write to.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(n, forKey: .n)
    try container.encodeNumber(accuracy, forKey: .accuracy)
    try container.encodeNumber(macroPrecision, forKey: .macroPrecision)
    try container.encodeNumber(macroRecall, forKey: .macroRecall)
    try container.encodeNumber(macroF1, forKey: .macroF1)
    try container.encodeNumber(weightedPrecision, forKey: .weightedPrecision)
    try container.encodeNumber(weightedRecall, forKey: .weightedRecall)
    try container.encodeNumber(weightedF1, forKey: .weightedF1)
    try container.encodeNumber(microF1, forKey: .microF1)
    try container.encodeNumber(logLoss, forKey: .logLoss)
    try container.encodeNumber(brier, forKey: .brier)
    try container.encodeNumber(rocAUCMacro, forKey: .rocAUCMacro)
    try container.encode(zeroDivision, forKey: .zeroDivision)
    try container.encode(classes, forKey: .classes)
    try container.encode(confusion, forKey: .confusion)
    if let calibration {
      try container.encode(calibration, forKey: .calibration)
    } else {
      try container.encodeNil(forKey: .calibration)
    }
  }
}

extension KeyedEncodingContainer {
  /// Writes a finite number, or `null` for `nil`, NaN and ±∞.
  fileprivate mutating func encodeNumber(_ value: Double?, forKey key: Key) throws {
    if let value, value.isFinite {
      try encode(value, forKey: key)
    } else {
      try encodeNil(forKey: key)
    }
  }
}

extension KeyedDecodingContainer {
  /// Reads a number, turning `null` into NaN.
  fileprivate func decodeNumber(forKey key: Key) throws -> Double {
    try decodeIfPresent(Double.self, forKey: key) ?? .nan
  }
}
