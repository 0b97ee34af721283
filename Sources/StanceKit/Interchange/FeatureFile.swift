import Classifier
import LinearAlgebra
public import TextFeatures

/// A fitted vectorizer and its labels without a trained model, stored in the model file
/// format (`.stance`) with zero weights: what `stance vectorize` writes beside its feature
/// file and the training cache keeps, and what `stance import-weights` completes with
/// weights trained elsewhere.
///
/// Zero weights make the file a valid model that predicts the first label for every text
/// (every score ties); it is marked as features only by its optimizer report (0 iterations)
/// and must not be used as a model.
public enum FeatureFile {
  /// Writes `vectorizer` and `labels` to `path` atomically.
  ///
  /// - Parameters:
  ///   - vectorizer: The fitted vectorizer, with its lookups (see `Vectorizer.restoreLookups()`).
  ///   - labels: The class labels in model order (sorted by their UTF-8 bytes).
  ///   - data: The summary of the data the vectorizer was fitted on.
  ///   - path: The file to write.
  /// - Throws: `PipelineError` or ``ModelFileError`` when it cannot be written.
  public static func write(
    vectorizer: Vectorizer, labels: [String], data: TrainingDataSummary, to path: String
  ) throws {
    try ModelFile.write(
      try pipeline(vectorizer: vectorizer, model: placeholder(vectorizer, labels: labels)),
      metadata: ModelMetadata(training: TrainingConfiguration(), data: data), to: path)
  }

  /// A pipeline of `vectorizer` and `model`, with an empty optimizer report (no iterations
  /// were run here).
  ///
  /// - Throws: `PipelineError.featureCountMismatch` when the parts do not fit.
  static func pipeline(vectorizer: Vectorizer, model: LogisticModel) throws(PipelineError)
    -> Pipeline
  {
    let report = OptimizationReport(
      iterations: 0, innerIterations: 0, functionEvaluations: 0, finalObjective: 0,
      finalGradientNorm: 0, initialGradientNorm: 0, stopReason: .converged)
    return try Pipeline(vectorizer: vectorizer, model: model, report: report)
  }

  /// Zero weights and intercepts for `labels` over `vectorizer`'s features.
  private static func placeholder(_ vectorizer: Vectorizer, labels: [String]) -> LogisticModel {
    LogisticModel(
      labels: labels, weights: DenseMatrix(rows: vectorizer.featureCount, columns: labels.count),
      intercepts: [Double](repeating: 0, count: labels.count))
  }
}
