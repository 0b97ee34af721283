import Foundation

/// A problem with the training inputs or the optimization; the message says what to do.
///
/// Rows are 0-based positions in the training matrix.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
  /// The configuration failed ``TrainingConfiguration/validate()``.
  case invalidConfiguration(TrainingConfigurationError)
  /// The training matrix has no rows.
  case noRows
  /// The number of labels differs from the number of rows.
  case labelCountMismatch(labels: Int, rows: Int)
  /// The number of sample weights differs from the number of rows.
  case sampleWeightCountMismatch(weights: Int, rows: Int)
  /// Fewer than two label names were given.
  case tooFewLabelNames(Int)
  /// A label name occurs twice.
  case duplicateLabelName(String)
  /// A row's class index is not a position in the label names.
  case labelOutOfRange(row: Int, label: Int, classCount: Int)
  /// Only one class has examples (with positive weight).
  case fewerThanTwoClassesPresent(present: [String])
  /// A stored feature value is NaN or infinite.
  case nonFiniteFeatureValue(row: Int, column: Int)
  /// A sample weight is negative, NaN or infinite.
  case invalidSampleWeight(row: Int, weight: Double)
  /// An explicit class weight names a label that is not among the training labels.
  case unknownClassWeightLabel(String, known: [String])
  /// The objective became NaN or infinite during optimization.
  case nonFiniteObjective(iteration: Int)
  /// `(features + 1) × classes` parameters exceed what the 32-bit BLAS interface can index.
  case tooManyParameters(features: Int, classes: Int)

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .invalidConfiguration(let error):
      return error.description
    case .noRows:
      return "there are no training examples; check that the data file has rows after the header"
    case .labelCountMismatch(let labels, let rows):
      return "there are \(labels) labels for \(rows) feature rows; give exactly one label per row"
    case .sampleWeightCountMismatch(let weights, let rows):
      return "there are \(weights) sample weights for \(rows) rows; give exactly one per row"
    case .tooFewLabelNames(let count):
      return "a classifier needs at least 2 labels, got \(count); add examples of another class"
    case .duplicateLabelName(let name):
      return "the label '\(name)' is listed twice; label names must be distinct"
    case .labelOutOfRange(let row, let label, let classCount):
      return "row \(row) has class index \(label), outside 0..<\(classCount); "
        + "class indices must be positions in the label list"
    case .fewerThanTwoClassesPresent(let present):
      let names = present.isEmpty ? "none" : present.joined(separator: ", ")
      return "only one class has training examples (\(names)); "
        + "a classifier needs examples of at least 2 classes"
    case .nonFiniteFeatureValue(let row, let column):
      return "row \(row), feature \(column) is NaN or infinite; check the feature pipeline"
    case .invalidSampleWeight(let row, let weight):
      return "row \(row) has sample weight \(weight); weights must be finite and at least 0"
    case .unknownClassWeightLabel(let label, let known):
      return "a class weight is given for '\(label)', which is not a training label; "
        + "use one of: \(known.joined(separator: ", "))"
    case .tooManyParameters(let features, let classes):
      return "\(features) features × \(classes) classes is too many parameters for the 32-bit "
        + "BLAS interface (at most \(Int32.max)); use fewer --hash-bits or a --max-features limit"
    case .nonFiniteObjective(let iteration):
      return "the objective became NaN or infinite at iteration \(iteration); "
        + "try a smaller C (--c) or check the feature values"
    }
  }

  /// The same text as ``description``, for `LocalizedError` consumers.
  public var errorDescription: String? { description }
}
