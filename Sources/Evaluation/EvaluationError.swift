/// A problem with the inputs handed to an evaluation routine.
///
/// Every case carries what was found and where (the sample, the class, the lengths), and
/// its ``description`` says what to change. Evaluation never stops the program on bad
/// input; it throws one of these.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The label list is empty; at least one class is needed.
  case noLabels
  /// The same label appears twice in the label list, at both positions.
  case duplicateLabel(String, firstIndex: Int, secondIndex: Int)
  /// Two inputs that must describe the same samples have different lengths.
  case lengthMismatch(what: String, expected: Int, actual: Int)
  /// A class index given for a sample is outside `0..<classCount`.
  case classIndexOutOfRange(what: String, sample: Int, index: Int, classCount: Int)
  /// A sample weight is negative, infinite or NaN.
  case invalidWeight(sample: Int, value: Double)
  /// The probability matrix does not have one row per sample and one column per class.
  case probabilityShapeMismatch(rows: Int, columns: Int, expectedRows: Int, expectedColumns: Int)
  /// A probability is outside `[0, 1]` or not finite.
  case invalidProbability(sample: Int, classIndex: Int, value: Double)
  /// A row of probabilities does not sum to 1 within the documented tolerance.
  case probabilitiesDoNotSumToOne(sample: Int, sum: Double)
  /// A calibration needs at least one bin.
  case invalidBinCount(Int)
  /// Stratified k-fold needs at least two folds.
  case tooFewFolds(Int)
  /// There are fewer samples than folds, so some test fold would be empty.
  case fewerSamplesThanFolds(samples: Int, folds: Int)
  /// A class has members, but fewer than the number of folds, and the policy rejects that.
  case classSmallerThanFolds(classIndex: Int, members: Int, folds: Int)
  /// Grouped k-fold has fewer distinct groups than folds, so some test fold would be empty.
  case fewerGroupsThanFolds(groups: Int, folds: Int)
  /// A hold-out fraction is not strictly between 0 and 1.
  case invalidHoldOutFraction(Double)
  /// A hold-out split would leave the held-out part or the training part empty.
  case holdOutTooSmall(samples: Int, fraction: Double)

  /// A human-readable explanation of what was wrong and what to do about it.
  public var description: String {
    switch self {
    case .noLabels:
      return "no class labels were given; pass the model's label list (at least one label)"
    case .duplicateLabel(let label, let first, let second):
      return
        "label '\(label)' appears twice in the label list (positions \(first) and \(second));"
        + " every class needs a distinct label"
    case .lengthMismatch(let what, let expected, let actual):
      return
        "\(what) has \(actual) entries but \(expected) were expected (one per sample);"
        + " pass equally long inputs"
    case .classIndexOutOfRange(let what, let sample, let index, let classCount):
      return
        "\(what) of sample \(sample) is class index \(index), outside 0..<\(classCount);"
        + " map every label to its position in the label list"
    case .invalidWeight(let sample, let value):
      return
        "sample \(sample) has weight \(value); weights must be finite and non-negative"
    case .probabilityShapeMismatch(let rows, let columns, let expectedRows, let expectedColumns):
      return
        "the probability matrix is \(rows)×\(columns) but \(expectedRows)×\(expectedColumns)"
        + " was expected (one row per sample, one column per label, in label order)"
    case .invalidProbability(let sample, let classIndex, let value):
      return
        "sample \(sample) has probability \(value) for class \(classIndex);"
        + " probabilities must be finite and within [0, 1]"
    case .probabilitiesDoNotSumToOne(let sample, let sum):
      return
        "the probabilities of sample \(sample) sum to \(sum), not 1;"
        + " pass normalised class probabilities (for example a softmax output)"
    case .invalidBinCount(let count):
      return "calibration needs at least one bin, not \(count); try 10"
    case .tooFewFolds(let folds):
      return "stratified k-fold needs at least 2 folds, not \(folds); try 5"
    case .fewerSamplesThanFolds(let samples, let folds):
      return
        "\(samples) samples cannot fill \(folds) folds; use at most \(samples) folds"
        + " or add data"
    case .classSmallerThanFolds(let classIndex, let members, let folds):
      return
        "class \(classIndex) has only \(members) member(s) for \(folds) folds, so some"
        + " test folds would not contain it; use at most \(members) folds, add examples,"
        + " or choose the .spread policy for small classes"
    case .fewerGroupsThanFolds(let groups, let folds):
      return
        "only \(groups) distinct group(s) for \(folds) folds; a group is never split, so use"
        + " at most \(groups) folds or group by a column with more distinct values"
    case .invalidHoldOutFraction(let fraction):
      return "the hold-out fraction must be between 0 and 1 (exclusive), got \(fraction); try 0.2"
    case .holdOutTooSmall(let samples, let fraction):
      return
        "holding out \(fraction) of \(samples) samples leaves an empty part; add data or"
        + " choose a fraction nearer 0.5"
    }
  }
}
