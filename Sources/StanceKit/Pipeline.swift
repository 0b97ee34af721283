public import Classifier
import Evaluation
public import LinearAlgebra
import StanceSupport
public import TextFeatures

/// A fitted text classifier: the vectorizer that turns texts into features and the
/// logistic model that turns features into class probabilities.
///
/// ```swift
/// let pipeline = try Pipeline.fit(texts: texts, labels: labels)
/// let labels = pipeline.predict(["We will not back down."])
/// ```
///
/// A pipeline is an immutable value: predicting from several threads at once is safe.
public struct Pipeline: Sendable, Equatable, Codable {
  /// The fitted vectorizer (vocabulary or hashing settings, idf weights).
  public let vectorizer: Vectorizer
  /// The fitted model; its class order is ``labels``.
  public let model: LogisticModel
  /// What the optimiser reported when the model was trained.
  public let report: OptimizationReport
  /// The softmax temperature `T > 0` applied by ``probabilities(_:)``: 1 (the model's own
  /// probabilities) unless the pipeline was calibrated (see ``TemperatureScaling``).
  ///
  /// ```
  /// P(k | x) = softmax(z / T)ₖ,   z = x·W + b
  /// ```
  /// Dividing every score by the same positive `T` keeps their order, so the predicted
  /// label never depends on `T`; only the confidence does (T > 1 softens, T < 1 sharpens).
  public let temperature: Double
  /// Per-class factors `π(k)/pₜ(k)` applied to the probabilities after the temperature
  /// (prior-shift adaptation to a new corpus, see ``PriorShift``), or `nil` for none.
  ///
  /// Never written to a model file as such: an adaptation belongs to the corpus it was
  /// estimated on. A model file may instead record a ``DeploymentPrior``, from which reading
  /// it sets these factors. With factors, the predicted label is the most probable adjusted
  /// class.
  public private(set) var priorFactors: [Double]? = nil
  /// A vector-scaling calibration map (see ``VectorScaling``), or `nil` for none.
  ///
  /// It is applied instead of the temperature; its biases can change the predicted label.
  public private(set) var vectorScaling: VectorScaling.Map? = nil

  /// The class labels in model order (sorted by their UTF-8 bytes).
  public var labels: [String] { model.labels }

  /// Creates a pipeline from fitted parts.
  ///
  /// - Parameters:
  ///   - vectorizer: A fitted vectorizer.
  ///   - model: A model with one weight row per vectorizer feature.
  ///   - report: The training report.
  ///   - temperature: The softmax temperature, finite and positive; 1 by default.
  /// - Throws: `PipelineError.featureCountMismatch` when the parts do not fit together,
  ///   `PipelineError.invalidTemperature` for a temperature that is not finite and positive.
  public init(
    vectorizer: Vectorizer, model: LogisticModel, report: OptimizationReport,
    temperature: Double = 1
  ) throws(PipelineError) {
    guard vectorizer.featureCount == model.featureCount else {
      throw .featureCountMismatch(vectorizer: vectorizer.featureCount, model: model.featureCount)
    }
    guard temperature.isFinite && temperature > 0 else {
      throw .invalidTemperature(temperature)
    }
    self.vectorizer = vectorizer
    self.model = model
    self.report = report
    self.temperature = temperature
  }

  /// This pipeline with another softmax temperature (same vectorizer, model and report).
  ///
  /// - Parameter temperature: The temperature, finite and positive.
  /// - Returns: The recalibrated pipeline; its predicted labels are unchanged.
  /// - Throws: `PipelineError.invalidTemperature` for a temperature that is not finite and
  ///   positive.
  public func withTemperature(_ temperature: Double) throws(PipelineError) -> Pipeline {
    try Pipeline(vectorizer: vectorizer, model: model, report: report, temperature: temperature)
  }

  /// This pipeline with a vector-scaling map (`nil` for none); see ``vectorScaling``.
  ///
  /// - Parameter map: One scale and one bias per label, all finite, or `nil`.
  /// - Returns: The calibrated pipeline.
  /// - Throws: `PipelineError.invalidVectorScaling` for a map of the wrong size or with a
  ///   value that is not finite.
  public func withVectorScaling(_ map: VectorScaling.Map?) throws(PipelineError) -> Pipeline {
    if let map {
      guard map.scales.count == labels.count, map.biases.count == labels.count,
        (map.scales + map.biases).allSatisfy(\.isFinite)
      else { throw .invalidVectorScaling(classes: labels.count) }
    }
    var calibrated = self
    calibrated.vectorScaling = map
    return calibrated
  }

  /// This pipeline with other prior-shift factors (`nil` for none); see ``priorFactors``.
  ///
  /// - Parameter factors: One finite, non-negative factor per label, or `nil`.
  /// - Returns: The adapted pipeline.
  public func withPriorFactors(_ factors: [Double]?) -> Pipeline {
    var adapted = self
    adapted.priorFactors = factors
    return adapted
  }

  private enum CodingKeys: String, CodingKey {
    case vectorizer
    case model
    case report
    case temperature
    case vectorScaling
  }

  /// Decodes a pipeline, refusing a vectorizer and a model of different widths.
  ///
  /// Mismatched parts would otherwise fail only at prediction time. An absent
  /// `temperature` (a pipeline written before calibration existed) decodes as 1.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` when the parts do not fit together, or
  ///   whatever decoding the parts throws.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let vectorizer = try container.decode(Vectorizer.self, forKey: .vectorizer)
    let model = try container.decode(LogisticModel.self, forKey: .model)
    let report = try container.decode(OptimizationReport.self, forKey: .report)
    let temperature = try container.decodeIfPresent(Double.self, forKey: .temperature) ?? 1
    let map = try container.decodeIfPresent(VectorScaling.Map.self, forKey: .vectorScaling)
    do {
      try self.init(
        vectorizer: vectorizer, model: model, report: report, temperature: temperature)
      self = try withVectorScaling(map)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: container.codingPath, debugDescription: error.description)
      )
    }
  }

  /// Fits a vectorizer and a model on labelled texts.
  ///
  /// The classes are the distinct labels, sorted by their UTF-8 bytes; column `k` of every
  /// probability matrix belongs to `labels[k]`.
  ///
  /// - Parameters:
  ///   - texts: The training texts; released as soon as they are featurised.
  ///   - labels: One label per text; at least two distinct labels.
  ///   - vectorizer: Tokenisation, n-gram, vocabulary and weighting settings.
  ///   - training: Regularisation, solver, class weights and stopping settings.
  ///   - sampleWeights: Optional per-text weights.
  ///   - featuresReady: Called once, when the training matrix is built and before the
  ///     solver starts (for stage timings and sizes).
  ///   - progress: Called once per optimiser iteration.
  /// - Returns: The fitted pipeline.
  /// - Throws: `PipelineError` wrapping the vectorizer's or the trainer's error.
  /// - Complexity: One tokenisation pass over the texts, then the solver's iterations.
  public static func fit(
    texts: consuming [String], labels: consuming [String],
    vectorizer: VectorizerConfiguration = VectorizerConfiguration(),
    training: TrainingConfiguration = TrainingConfiguration(), sampleWeights: [Double]? = nil,
    featuresReady: ((SparseMatrix) -> Void)? = nil, progress: ProgressHandler? = nil
  ) throws(PipelineError) -> Pipeline {
    guard texts.count == labels.count else {
      throw .labelCountMismatch(texts: texts.count, labels: labels.count)
    }
    let classNames = Array(Set(copy labels)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var classIndex: [String: Int] = [:]
    for (index, name) in classNames.enumerated() { classIndex[name] = index }
    let classes = labels.map { classIndex[$0] ?? 0 }
    _ = consume labels

    var fitted: Vectorizer
    var matrix: SparseMatrix
    do {
      // Nothing is looked up while the model trains: the vocabulary's lookup table is not
      // built until the solver's vectors are freed.
      (fitted, matrix) = try Vectorizer.fitTransform(
        texts, configuration: vectorizer, buildsLookups: false)
    } catch {
      throw .vectorizer(error)
    }
    // The texts are not needed once featurised; a caller that hands them over (its last
    // use) gets their memory back before the solver's vectors are allocated.
    _ = consume texts
    FreeMemory.returnToSystem()
    featuresReady?(matrix)
    let trained: (model: LogisticModel, report: OptimizationReport)
    do {
      // Handed over: the loss keeps only the transpose, so this copy is freed.
      trained = try Trainer(configuration: training).train(
        features: consume matrix, labels: classes, labelNames: classNames,
        sampleWeights: sampleWeights, progress: progress)
    } catch {
      throw .training(error)
    }
    fitted.restoreLookups()
    return try Pipeline(vectorizer: fitted, model: trained.model, report: trained.report)
  }

  /// The feature matrix of `texts` (one row per text; unknown terms are ignored).
  ///
  /// - Parameter texts: The texts.
  /// - Returns: The sparse features.
  public func features(_ texts: [String]) -> SparseMatrix {
    vectorizer.transform(texts)
  }

  /// The probability of every class for every text, `softmax(z / T)` with
  /// ``temperature`` `T`.
  ///
  /// - Parameter texts: The texts.
  /// - Returns: A `texts.count × labels.count` matrix whose rows sum to 1.
  public func probabilities(_ texts: [String]) -> DenseMatrix {
    probabilities(features: features(texts))
  }

  /// The probability of every class for rows already turned into features by
  /// ``features(_:)`` (so callers that also need the features vectorise only once),
  /// `softmax(z / T)` with ``temperature`` `T`.
  ///
  /// - Parameter features: Rows from this pipeline's vectorizer.
  /// - Returns: A `rows × labels.count` matrix whose rows sum to 1.
  public func probabilities(features: SparseMatrix) -> DenseMatrix {
    probabilities(decisionValues: model.decisionValues(features))
  }

  /// The probabilities of every class for scores from the model's
  /// ``LogisticModel/decisionValues(_:)``, `softmax(z / T)` with ``temperature`` `T`; with
  /// ``LogisticModel/predictions(decisionValues:)`` a caller that needs labels and
  /// probabilities scores the rows once.
  ///
  /// - Parameter scores: An `n × labels.count` matrix of scores.
  /// - Returns: An `n × labels.count` matrix whose rows sum to 1, equal to
  ///   ``probabilities(features:)`` of the rows scored.
  public func probabilities(decisionValues scores: DenseMatrix) -> DenseMatrix {
    let calibrated =
      if let vectorScaling {
        VectorScaling.probabilities(decisionValues: scores, map: vectorScaling)
      } else if temperature == 1 {
        model.probabilities(decisionValues: scores)
      } else {
        TemperatureScaling.probabilities(decisionValues: scores, temperature: temperature)
      }
    guard let priorFactors else { return calibrated }
    return PriorShift.adjust(calibrated, factors: priorFactors)
  }

  /// The predicted class of every row: the largest score, or with ``priorFactors`` the
  /// largest adjusted probability (the first in ``labels`` order on a tie).
  ///
  /// - Parameters:
  ///   - scores: The rows' scores from ``LogisticModel/decisionValues(_:)``.
  ///   - probabilities: ``probabilities(decisionValues:)`` of the same scores.
  /// - Returns: One class index per row.
  public func predictions(decisionValues scores: DenseMatrix, probabilities: DenseMatrix)
    -> [Int]
  {
    guard priorFactors != nil || vectorScaling != nil else {
      return model.predictions(decisionValues: scores)
    }
    return (0..<probabilities.rows).map { row in
      var best = 0
      for k in 1..<probabilities.columns where probabilities[row, k] > probabilities[row, best] {
        best = k
      }
      return best
    }
  }

  /// The most probable label of every text (the first in ``labels`` order on a tie).
  ///
  /// - Parameter texts: The texts.
  /// - Returns: One label per text.
  public func predict(_ texts: [String]) -> [String] {
    guard priorFactors != nil || vectorScaling != nil else {
      return model.predictions(features(texts)).map { model.labels[$0] }
    }
    let scores = model.decisionValues(features(texts))
    return predictions(decisionValues: scores, probabilities: probabilities(decisionValues: scores))
      .map { model.labels[$0] }
  }

  /// The features of `text` that pushed class `classIndex` most: weight × feature value,
  /// largest first (ties by feature name).
  ///
  /// - Parameters:
  ///   - text: The text to explain.
  ///   - classIndex: The class, as a position in ``labels``.
  ///   - count: How many features to return at most.
  ///   - functionWords: Features made only of these words are left out
  ///     (``StopWordList/isFunctionWordFeature(_:)``; hashed features are always kept);
  ///   `nil` (the default) keeps every feature.
  /// - Returns: Feature names and their contributions to the class score.
  public func explain(
    _ text: String, forClass classIndex: Int, count: Int, hiding functionWords: StopWordList? = nil
  ) -> [(feature: String, contribution: Double)] {
    let row = features([text])
    return model.contributions(ofRow: 0, in: row, forClass: classIndex)
      .filter { item in
        guard let functionWords, let vocabulary = vectorizer.vocabulary else { return true }
        return !functionWords.isFunctionWordFeature(vocabulary.term(at: item.feature))
      }
      .map { (feature: vectorizer.featureName(at: $0.feature), contribution: $0.contribution) }
      .sorted {
        $0.contribution != $1.contribution
          ? $0.contribution > $1.contribution
          : $0.feature.utf8.lexicographicallyPrecedes($1.feature.utf8)
      }
      .prefix(count)
      .map { $0 }
  }
}

/// Why a pipeline could not be fitted or assembled.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
  /// The vectorizer settings are invalid or the corpus leaves no features; the message is
  /// the vectorizer's.
  case vectorizer(VectorizerError)
  /// The training settings or inputs are invalid, or training diverged.
  case training(TrainingError)
  /// There is not one label per text.
  case labelCountMismatch(texts: Int, labels: Int)
  /// A vectorizer and a model of different widths were put together.
  case featureCountMismatch(vectorizer: Int, model: Int)
  /// A softmax temperature that is not finite and positive.
  case invalidTemperature(Double)
  /// A vector-scaling map without one finite scale and bias per class.
  case invalidVectorScaling(classes: Int)
  /// Training data whose examples all have one label (see ``LabelCounts``); `files` are
  /// the data files read.
  case oneClass(files: [String], label: String)
  /// Evaluation data with a label the model was not trained on.
  case unknownLabel(file: String, line: Int, label: String, known: [String])

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .vectorizer(let error):
      return error.description
    case .training(let error):
      return error.localizedDescription
    case .labelCountMismatch(let texts, let labels):
      return "\(texts) texts but \(labels) labels; every text needs exactly one label"
    case .featureCountMismatch(let vectorizer, let model):
      return "the vectorizer makes \(vectorizer) features but the model expects \(model); "
        + "they come from different trainings"
    case .invalidTemperature(let value):
      return "the softmax temperature must be a finite number greater than 0, got \(value); "
        + "use 1 for the model's own probabilities"
    case .invalidVectorScaling(let classes):
      return "a vector-scaling map needs one finite scale and one finite bias for each of the "
        + "\(classes) classes; recalibrate the model"
    case .oneClass(let files, let label):
      return "\(files.joined(separator: ", ")): every example has the label '\(label)'; "
        + "a classifier needs examples of at least two labels"
    case .unknownLabel(let file, let line, let label, let known):
      let choices = known.map { "'\($0)'" }.joined(separator: ", ")
      return "\(file):\(line): the label '\(label)' is not one the model was trained on "
        + "(its labels are \(choices)); evaluate with data labelled the same way"
    }
  }
}
