import LinearAlgebra

/// Counts of (true class, predicted class) pairs over a fixed, caller-given label order.
///
/// Row `i` is the true class `labels[i]`, column `j` the predicted class `labels[j]`:
///
/// ```
/// C[i][j] = Σₛ wₛ · 1[truthₛ = i] · 1[predictedₛ = j]      (wₛ = 1 without weights)
/// ```
///
/// Every metric in this module derives from these counts. The label order is whatever the
/// caller passes (usually the model's label list); it is never sorted or inferred, so a
/// class that occurs in neither the truth nor the predictions still has its row and column.
public struct ConfusionMatrix: Equatable, Sendable {
  /// The class labels; index `k` names row `k` and column `k`.
  public let labels: [String]
  /// The K×K counts, rows = true class, columns = predicted class (weighted sums if the
  /// matrix was built with weights).
  public let counts: DenseMatrix
  /// The number of samples counted (not their total weight).
  public let sampleCount: Int

  /// The number of classes K.
  public var classCount: Int { labels.count }

  /// Counts truth/prediction pairs, optionally weighting each sample.
  ///
  /// - Parameters:
  ///   - labels: The K class labels, distinct, in the order rows and columns should have.
  ///   - truth: The true class index of each sample, in `0..<K`.
  ///   - predicted: The predicted class index of each sample, in `0..<K`.
  ///   - weights: An optional finite, non-negative weight per sample; `nil` counts each
  ///     sample once.
  /// - Throws: ``EvaluationError`` when the labels are empty or repeated, the lengths
  ///   differ, an index is out of range, or a weight is negative or not finite.
  /// - Complexity: O(n + K²) for n samples.
  public init(
    labels: [String], truth: [Int], predicted: [Int], weights: [Double]? = nil
  ) throws(EvaluationError) {
    try Self.validate(labels: labels)
    let classCount = labels.count
    try Self.validate(classIndices: truth, what: "the true class", classCount: classCount)
    guard predicted.count == truth.count else {
      throw .lengthMismatch(
        what: "predicted", expected: truth.count, actual: predicted.count)
    }
    try Self.validate(
      classIndices: predicted, what: "the predicted class", classCount: classCount)
    if let weights {
      try Self.validate(weights: weights, sampleCount: truth.count)
    }
    var matrix = DenseMatrix(rows: classCount, columns: classCount)
    matrix.withUnsafeMutableBufferPointer { cells in
      for sample in truth.indices {
        let weight = weights?[sample] ?? 1
        cells[truth[sample] * classCount + predicted[sample]] += weight
      }
    }
    self.labels = labels
    self.counts = matrix
    self.sampleCount = truth.count
  }

  /// Wraps counts that were tallied elsewhere.
  ///
  /// - Parameters:
  ///   - labels: The K class labels, distinct.
  ///   - counts: A K×K matrix of finite, non-negative counts (rows true, columns predicted).
  ///   - sampleCount: How many samples the counts describe; `nil` takes the rounded total.
  /// - Throws: ``EvaluationError`` when the labels are empty or repeated, the matrix is not
  ///   K×K, or a count is negative or not finite (reported as an invalid weight at the
  ///   cell's row-major position).
  public init(
    labels: [String], counts: DenseMatrix, sampleCount: Int? = nil
  ) throws(EvaluationError) {
    try Self.validate(labels: labels)
    guard counts.rows == labels.count && counts.columns == labels.count else {
      throw .lengthMismatch(
        what: "the count matrix (rows × columns)", expected: labels.count * labels.count,
        actual: counts.rows * counts.columns)
    }
    try Self.validate(weights: counts.storage, sampleCount: counts.storage.count)
    self.labels = labels
    self.counts = counts
    self.sampleCount = sampleCount ?? Int(exactly: counts.storage.reduce(0, +).rounded()) ?? .max
  }

  /// The count of samples whose true class is `truth` and predicted class is `predicted`.
  public subscript(truth: Int, predicted: Int) -> Double {
    counts[truth, predicted]
  }

  /// The counts as nested arrays, one array per true class.
  public var rows: [[Double]] {
    (0..<classCount).map { counts.row($0) }
  }

  /// The sum of all counts (the total weight; the sample count when unweighted).
  public var total: Double {
    counts.storage.reduce(0, +)
  }

  /// The sum of the diagonal: correctly classified samples (or their weight).
  public var correct: Double {
    (0..<classCount).reduce(0) { $0 + counts[$1, $1] }
  }

  /// True positives of class `k`: `C[k][k]`.
  ///
  /// - Parameter classIndex: The class index k.
  /// - Returns: The diagonal count.
  public func truePositives(of classIndex: Int) -> Double {
    counts[classIndex, classIndex]
  }

  /// The support of class `k`: how many samples truly belong to it, `Σⱼ C[k][j]`.
  ///
  /// - Parameter classIndex: The class index k.
  /// - Returns: The row sum.
  public func support(of classIndex: Int) -> Double {
    counts.row(classIndex).reduce(0, +)
  }

  /// How many samples were predicted as class `k`, `Σᵢ C[i][k]`.
  ///
  /// - Parameter classIndex: The class index k.
  /// - Returns: The column sum.
  public func predictedCount(of classIndex: Int) -> Double {
    (0..<classCount).reduce(0) { $0 + counts[$1, classIndex] }
  }

  /// Whether every count is a whole number (always true without weights).
  public var hasIntegralCounts: Bool {
    counts.storage.allSatisfy { $0 == $0.rounded() }
  }

  /// The same counts under another order of the same labels.
  ///
  /// - Parameter newOrder: A permutation of ``labels``.
  /// - Returns: The matrix with rows and columns rearranged to follow `newOrder`.
  /// - Throws: ``EvaluationError/lengthMismatch(what:expected:actual:)`` when `newOrder`
  ///   has another length, ``EvaluationError/duplicateLabel(_:firstIndex:secondIndex:)``
  ///   when it repeats a label, and
  ///   ``EvaluationError/classIndexOutOfRange(what:sample:index:classCount:)``
  ///   (with index −1) when it names a label this matrix does not have.
  public func reordered(as newOrder: [String]) throws(EvaluationError) -> ConfusionMatrix {
    guard newOrder.count == classCount else {
      throw .lengthMismatch(
        what: "the new label order", expected: classCount, actual: newOrder.count)
    }
    try Self.validate(labels: newOrder)
    var oldIndex = [Int](repeating: 0, count: classCount)
    for (position, label) in newOrder.enumerated() {
      guard let index = labels.firstIndex(of: label) else {
        throw .classIndexOutOfRange(
          what: "label '\(label)' of the new order", sample: position, index: -1,
          classCount: classCount)
      }
      oldIndex[position] = index
    }
    var matrix = DenseMatrix(rows: classCount, columns: classCount)
    for row in 0..<classCount {
      for column in 0..<classCount {
        matrix[row, column] = counts[oldIndex[row], oldIndex[column]]
      }
    }
    return try ConfusionMatrix(labels: newOrder, counts: matrix, sampleCount: sampleCount)
  }

  // MARK: - Validation shared across the module

  static func validate(labels: [String]) throws(EvaluationError) {
    guard !labels.isEmpty else { throw .noLabels }
    var firstSeen: [String: Int] = [:]
    for (index, label) in labels.enumerated() {
      if let first = firstSeen[label] {
        throw .duplicateLabel(label, firstIndex: first, secondIndex: index)
      }
      firstSeen[label] = index
    }
  }

  static func validate(
    classIndices: [Int], what: String, classCount: Int
  ) throws(EvaluationError) {
    for (sample, index) in classIndices.enumerated() where index < 0 || index >= classCount {
      throw .classIndexOutOfRange(
        what: what, sample: sample, index: index, classCount: classCount)
    }
  }

  static func validate(weights: [Double], sampleCount: Int) throws(EvaluationError) {
    guard weights.count == sampleCount else {
      throw .lengthMismatch(what: "weights", expected: sampleCount, actual: weights.count)
    }
    for (sample, weight) in weights.enumerated() where !(weight.isFinite && weight >= 0) {
      throw .invalidWeight(sample: sample, value: weight)
    }
  }
}
