public import Classifier
import Foundation
public import TextFeatures

/// What `stance inspect` shows about a model.
///
/// Its labels, settings, training summary and the strongest features of every class; data
/// first (Codable), text second.
public struct ModelSummary: Codable, Sendable {
  /// One feature and its weight for a class.
  public struct WeightedFeature: Codable, Sendable, Equatable {
    /// The feature's name (a word n-gram, `char:"…"`, or a hash bucket).
    public var feature: String
    /// Its weight for the class.
    public var weight: Double
  }

  /// The strongest features of one class.
  public struct ClassFeatures: Codable, Sendable, Equatable {
    /// The class label.
    public var label: String
    /// Its training examples.
    public var count: Int
    /// The features with the largest weights, largest first.
    public var topFeatures: [WeightedFeature]

    private enum CodingKeys: String, CodingKey {
      case label
      case count
      case topFeatures = "top_features"
    }
  }

  /// The StanceKit version that wrote the model.
  public var toolVersion: String
  /// The class labels in model order.
  public var labels: [String]
  /// The number of features (vocabulary size or hash buckets).
  public var featureCount: Int
  /// Whether features are hashed rather than kept in a vocabulary.
  public var hashed: Bool
  /// The vectorizer settings.
  public var vectorizer: VectorizerConfiguration
  /// The training settings.
  public var training: TrainingConfiguration
  /// The training data: documents, per-class counts and fingerprint.
  public var data: TrainingDataSummary
  /// What the optimiser reported.
  public var optimization: OptimizationReport
  /// The strongest features of every class.
  public var classes: [ClassFeatures]
  /// The fitted softmax temperature and its log losses, for a calibrated model.
  public var calibration: CalibrationReport?
  /// The automatic choice of `C` and class weighting, when `train` made it.
  public var regularization: RegularizationChoice?
  /// Whether balanced class weights were weighed and not chosen: by `train`'s automatic
  /// choice or by `tune`'s grid (not part of the JSON; it silences the imbalance warning).
  public var balancedWeightsWereWeighed = false
  /// The class shares the model's probabilities are adjusted to, when it has one.
  public var deploymentPrior: DeploymentPrior?

  private enum CodingKeys: String, CodingKey {
    case toolVersion = "tool_version"
    case labels
    case featureCount = "feature_count"
    case hashed
    case vectorizer
    case training
    case data
    case optimization
    case classes
    case calibration
    case regularization
    case deploymentPrior = "deployment_prior"
  }

  /// Summarises a model read from a file.
  ///
  /// - Parameters:
  ///   - pipeline: The model.
  ///   - metadata: Its stored metadata.
  ///   - top: How many features to list per class.
  public init(pipeline: Pipeline, metadata: ModelMetadata, top: Int) {
    toolVersion = metadata.toolVersion
    labels = pipeline.labels
    featureCount = pipeline.vectorizer.featureCount
    hashed = pipeline.vectorizer.hasher != nil
    vectorizer = pipeline.vectorizer.configuration
    training = metadata.training
    data = metadata.data
    optimization = pipeline.report
    calibration = metadata.calibration
    regularization = metadata.regularization
    let tried =
      (metadata.regularization.map { $0.fallback == nil ? $0.search.classWeightings : [] } ?? [])
      + (metadata.selection?.entries.map(\.point.training.classWeighting) ?? [])
    balancedWeightsWereWeighed = tried.contains(.balanced)
    deploymentPrior = metadata.deploymentPrior
    classes = pipeline.labels.enumerated().map { index, label in
      ClassFeatures(
        label: label, count: metadata.data.classCounts[label] ?? 0,
        topFeatures: pipeline.model.topFeatures(forClass: index, count: top).map {
          WeightedFeature(
            feature: pipeline.vectorizer.featureName(at: $0.feature), weight: $0.weight)
        })
    }
  }

  /// The summary as the JSON of `stance inspect` (``jsonDocument()``) without its final
  /// line break; the same bytes for the same model.
  ///
  /// - Returns: The JSON text.
  public func json() -> String {
    String(jsonDocument().dropLast())
  }

  /// The summary as an aligned text report.
  ///
  /// - Parameter path: The model file's path, shown in the first line.
  /// - Returns: The report, ending with a line break.
  public func text(path: String) -> String {
    var lines: [String] = []
    let word = vectorizer.wordNGrams.map { "\($0)" } ?? "off"
    let characters = vectorizer.characterNGrams.map { "\($0)" } ?? "off"
    lines.append("model       \(path) (StanceKit \(toolVersion))")
    lines.append("labels      \(labels.joined(separator: ", "))")
    lines.append(
      "features    \(featureCount) \(hashed ? "hash buckets" : "terms")"
        + " (word n-grams \(word), character n-grams \(characters))")
    lines.append(
      "weighting   \(vectorizer.weighting.scheme.rawValue)"
        + (vectorizer.weighting.sublinearTermFrequency ? ", sublinear tf" : "")
        + ", min-df \(vectorizer.minDocumentFrequency), max-df \(vectorizer.maxDocumentFrequency)"
        + (vectorizer.maxFeatures.map { ", max-features \($0)" } ?? ""))
    lines.append(
      "tokens      negation marking \(vectorizer.marksNegation ? "on" : "off"), stop words "
        + (vectorizer.stopWords?.rawValue ?? "kept"))
    if let lexicon = vectorizer.lexicon {
      lines.append("lexicon     \(lexicon.name), \(lexicon.entries.count) words (4 features)")
    }
    lines.append(
      "training    \(training.solver.rawValue), C = \(training.c), tol \(training.tolerance), "
        + "class weights \(training.classWeighting)")
    if let regularization { lines.append("chosen      automatically: \(regularization.text)") }
    let counts = labels.map { "\($0) \(data.classCounts[$0] ?? 0)" }.joined(separator: ", ")
    lines.append("data        \(data.documentCount) documents (\(counts))")
    lines.append("fingerprint \(String(data.fingerprint, radix: 16))")
    lines.append(
      "optimiser   \(optimization.iterations) iterations, objective "
        + "\(optimization.finalObjective), stopped: \(optimization.stopReason.rawValue)")
    if let calibration { lines.append("calibrated  \(calibration.text)") }
    if let deploymentPrior { lines.append("prior       \(deploymentPrior.text(labels: labels))") }
    for entry in classes {
      lines.append("")
      lines.append("top features for \(entry.label)")
      let width = entry.topFeatures.map(\.feature.count).max() ?? 0
      for item in entry.topFeatures {
        let padding = String(repeating: " ", count: max(0, width - item.feature.count))
        lines.append("  \(item.feature)\(padding)  \(formatted(item.weight))")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func formatted(_ value: Double) -> String {
    String(format: "%+.4f", locale: Locale(identifier: "en_US_POSIX"), value)
  }
}
