public import Classifier
public import Evaluation
import Foundation
public import TextFeatures

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
  /// The lexicon axis asks for a lexicon but the base settings have none.
  case lexiconAxisWithoutLexicon
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
    case .lexiconAxisWithoutLexicon:
      return "--lexicon-features on needs a lexicon; give --lexicon FILE"
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
