import LinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fitted multinomial logistic regression model: labels, feature-major weights and
/// intercepts.
///
/// ```
/// zᵢ = xᵢ·W + b,   P(class k | xᵢ) = softmax(zᵢ)ₖ = exp(zᵢₖ − logsumexp(zᵢ))
/// ```
///
/// `W` is `d × K` with row `j` holding the `K` class weights of feature `j`; the intercepts
/// are centred (`Σₖ bₖ = 0`) by ``Trainer``. A row with no stored features (an empty
/// document, or only words the vectorizer did not know) gets the intercept-only
/// prediction `softmax(b)`. Input matrices must not be wider than the model (`columnCount ≤
/// featureCount`); the vectorizer guarantees this, so a wider matrix is a programming error
/// and stops with a precondition.
///
/// The model is an immutable value and safe to share between threads.
public struct LogisticModel: Codable, Equatable, Sendable {
  /// The class names; class index `k` is `labels[k]`.
  public let labels: [String]
  /// `W`, `featureCount × classCount`, feature-major.
  public let weights: DenseMatrix
  /// `b`, one intercept per class.
  public let intercepts: [Double]

  /// Creates a model.
  ///
  /// - Parameters:
  ///   - labels: `K ≥ 2` class names.
  ///   - weights: A `d × K` matrix.
  ///   - intercepts: `K` intercepts.
  public init(labels: [String], weights: DenseMatrix, intercepts: [Double]) {
    precondition(
      labels.count >= 2 && weights.columns == labels.count && intercepts.count == labels.count,
      "LogisticModel: \(labels.count) labels, \(weights.columns) weight columns, "
        + "\(intercepts.count) intercepts")
    self.labels = labels
    self.weights = weights
    self.intercepts = intercepts
  }

  private enum CodingKeys: String, CodingKey {
    case labels
    case weights
    case intercepts
  }

  /// Decodes a model, refusing inconsistent shapes.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` when the labels, weight columns and intercepts
  ///   disagree, or a value is not finite.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let labels = try container.decode([String].self, forKey: .labels)
    let weights = try container.decode(DenseMatrix.self, forKey: .weights)
    let intercepts = try container.decode([Double].self, forKey: .intercepts)
    guard
      labels.count >= 2, weights.columns == labels.count, intercepts.count == labels.count,
      weights.storage.count == weights.rows * weights.columns,
      weights.storage.allSatisfy(\.isFinite), intercepts.allSatisfy(\.isFinite)
    else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: container.codingPath,
          debugDescription: "inconsistent logistic model: \(labels.count) labels, "
            + "\(weights.columns) weight columns, \(intercepts.count) intercepts, "
            + "or a non-finite value"))
    }
    self.init(labels: labels, weights: weights, intercepts: intercepts)
  }

  /// Encodes the labels, weights and intercepts.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: Whatever the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(labels, forKey: .labels)
    try container.encode(weights, forKey: .weights)
    try container.encode(intercepts, forKey: .intercepts)
  }

  /// `d`, the number of features.
  public var featureCount: Int { weights.rows }

  /// `K`, the number of classes.
  public var classCount: Int { labels.count }

  /// The scores `Z = X·W + b`, one row per input row.
  ///
  /// - Parameter features: Rows to score, at most ``featureCount`` columns wide.
  /// - Returns: An `n × K` matrix.
  /// - Complexity: O(K·(nnz + n)).
  public func decisionValues(_ features: SparseMatrix) -> DenseMatrix {
    precondition(
      features.columnCount <= featureCount,
      "LogisticModel: input has \(features.columnCount) features, the model \(featureCount)")
    let classes = classCount
    var scores = DenseMatrix(rows: features.rowCount, columns: classes)
    weights.withUnsafeBufferPointer { w in
      scores.withUnsafeMutableBufferPointer { z in
        features.multiply(w, classes: classes, rows: 0..<features.rowCount, into: z)
        for row in 0..<features.rowCount {
          for k in 0..<classes { z[row * classes + k] += intercepts[k] }
        }
      }
    }
    return scores
  }

  /// The class probabilities, each row a stable (max-shifted) softmax of the scores.
  ///
  /// - Parameter features: Rows to score.
  /// - Returns: An `n × K` matrix whose rows sum to 1.
  /// - Complexity: O(K·(nnz + n)).
  public func probabilities(_ features: SparseMatrix) -> DenseMatrix {
    probabilities(decisionValues: decisionValues(features))
  }

  /// The class probabilities of scores from ``decisionValues(_:)``, each row a stable
  /// (max-shifted) softmax; with ``predictions(decisionValues:)`` a caller that needs both
  /// scores the rows once.
  ///
  /// ```
  /// P(k | xᵢ) = exp(zᵢₖ − maxⱼ zᵢⱼ) / Σₗ exp(zᵢₗ − maxⱼ zᵢⱼ)
  /// ```
  ///
  /// - Parameter scores: An `n × K` matrix of scores.
  /// - Returns: An `n × K` matrix whose rows sum to 1.
  /// - Complexity: O(K·n).
  public func probabilities(decisionValues scores: DenseMatrix) -> DenseMatrix {
    precondition(scores.columns == classCount, "LogisticModel: scores need \(classCount) columns")
    var result = scores
    let classes = classCount
    let rows = result.rows
    result.withUnsafeMutableBufferPointer { z in
      for row in 0..<rows {
        let base = row * classes
        var largest = -Double.infinity
        for k in 0..<classes { largest = Swift.max(largest, z[base + k]) }
        var total = 0.0
        for k in 0..<classes {
          let e = exp(z[base + k] - largest)
          z[base + k] = e
          total += e
        }
        for k in 0..<classes { z[base + k] /= total }
      }
    }
    return result
  }

  /// The most probable class of every row (the largest score; the lowest class index on
  /// ties).
  ///
  /// - Parameter features: Rows to classify.
  /// - Returns: `n` class indices.
  /// - Complexity: O(K·(nnz + n)).
  public func predictions(_ features: SparseMatrix) -> [Int] {
    predictions(decisionValues: decisionValues(features))
  }

  /// The class of every row of scores from ``decisionValues(_:)``: the largest score, the
  /// lowest class index on ties.
  ///
  /// - Parameter scores: An `n × K` matrix of scores.
  /// - Returns: `n` class indices.
  /// - Complexity: O(K·n).
  public func predictions(decisionValues scores: DenseMatrix) -> [Int] {
    precondition(scores.columns == classCount, "LogisticModel: scores need \(classCount) columns")
    let classes = classCount
    return scores.withUnsafeBufferPointer { z in
      (0..<scores.rows).map { row in
        var best = 0
        for k in 1..<classes where z[row * classes + k] > z[row * classes + best] { best = k }
        return best
      }
    }
  }

  /// The features with the largest weights for class `classIndex`.
  ///
  /// - Parameters:
  ///   - classIndex: A class index in `0 ..< classCount`.
  ///   - count: The most features to return.
  /// - Returns: Up to `count` pairs, by weight descending, ties by feature index ascending.
  /// - Complexity: O(d log d).
  public func topFeatures(forClass classIndex: Int, count: Int) -> [(feature: Int, weight: Double)]
  {
    precondition(classIndex >= 0 && classIndex < classCount && count >= 0)
    let all = (0..<featureCount).map { (feature: $0, weight: weights[$0, classIndex]) }
    let sorted = all.sorted { a, b in
      a.weight != b.weight ? a.weight > b.weight : a.feature < b.feature
    }
    return Array(sorted.prefix(count))
  }

  /// How each stored feature of one row contributes to a class's score.
  ///
  /// ```
  /// contribution(j) = X[row, j] · W[j, k],   Σⱼ contribution(j) + bₖ = zₖ
  /// ```
  ///
  /// - Parameters:
  ///   - row: A row of `features`.
  ///   - features: The matrix holding the row.
  ///   - classIndex: The class `k`.
  /// - Returns: One pair per stored entry of the row, in feature order.
  /// - Complexity: O(entries in the row).
  public func contributions(ofRow row: Int, in features: SparseMatrix, forClass classIndex: Int)
    -> [(feature: Int, contribution: Double)]
  {
    precondition(features.columnCount <= featureCount && row >= 0 && row < features.rowCount)
    precondition(classIndex >= 0 && classIndex < classCount)
    return features.entries(ofRow: row).map { entry in
      (entry.column, Double(entry.value) * weights[entry.column, classIndex])
    }
  }
}
