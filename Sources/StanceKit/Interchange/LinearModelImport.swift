import Classifier
import DataFiles
import LinearAlgebra
import TextFeatures

/// A linear model trained elsewhere on features that `stance vectorize` wrote, read from
/// LIBLINEAR's model file format and turned back into a StanceKit ``Pipeline``.
///
/// The format (what LIBLINEAR's `train` and `save_model` write, and what a few lines of
/// Python can write for Spark MLlib's or Vowpal Wabbit's coefficients; docs/libsvm.md):
///
/// ```
/// solver_type L2R_LR        any solver name; only linear decision values are used
/// nr_class K
/// label l₁ … l_K            the integer labels of the feature file, in the model's column order
/// nr_feature d              the highest feature index seen (≤ the vectorizer's features)
/// bias B                    B < 0: no intercept; otherwise the intercept feature's value
/// w
/// one line per feature (d lines, and one more for the intercept when B ≥ 0), each with
/// m numbers: m = 1 when K = 2 (the weight of l₁ against l₂), m = K otherwise (one
/// column per label, one-vs-rest)
/// ```
///
/// Mapping to StanceKit's softmax model: label `lⱼ` is class `lⱼ` of the feature file
/// (its `.labels` map); with `m = K`, class `lⱼ` gets column `j` as its weights and `B·wⱼ`
/// (the intercept feature's row) as its intercept; with `m = 1`, class `l₁` gets the
/// column and `l₂` zero. The predicted label (the largest decision value) is then
/// LIBLINEAR's. Probabilities are the softmax of the decision values: for two classes
/// that is LIBLINEAR's logistic probability; for more, LIBLINEAR normalises one-vs-rest
/// sigmoids instead, so the probabilities differ while the labels agree.
public struct LinearModelImport: Sendable {
  /// The integer labels, in the model's column order.
  public var labels: [Int]
  /// The weight columns per feature line.
  public var columns: Int
  /// The features with a weight line (without the intercept line).
  public var featureCount: Int
  /// The intercept feature's value, or `nil` without one.
  public var bias: Double?
  /// `featureCount × columns` weights, feature-major.
  public var weights: [Double]
  /// The intercept line's `columns` weights (zeros without a bias).
  public var interceptWeights: [Double]

  /// Parses a LIBLINEAR model file's text.
  ///
  /// - Parameters:
  ///   - text: The file's content.
  ///   - path: The file, for messages.
  /// - Throws: ``InterchangeError/malformedModel(path:line:problem:)`` naming the line.
  public init(parsing text: String, path: String) throws(InterchangeError) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    var header: [String: [Substring]] = [:]
    var row = 0
    while row < lines.count, lines[row].first != "w" {
      if let key = lines[row].first { header[String(key)] = Array(lines[row].dropFirst()) }
      row += 1
    }
    func fail(_ line: Int, _ problem: String) -> InterchangeError {
      .malformedModel(path: path, line: line, problem: problem)
    }
    guard row < lines.count else { throw fail(lines.count, "no 'w' line before the weights") }
    guard let classes = header["nr_class"]?.first.flatMap({ Int($0) }), classes >= 2 else {
      throw fail(1, "'nr_class K' with K ≥ 2 is missing")
    }
    let labels = (header["label"] ?? []).compactMap { Int($0) }
    guard labels.count == classes, Set(labels).count == classes else {
      throw fail(1, "'label' must list \(classes) distinct integers")
    }
    guard let features = header["nr_feature"]?.first.flatMap({ Int($0) }), features >= 0 else {
      throw fail(1, "'nr_feature d' is missing")
    }
    guard let bias = header["bias"]?.first.flatMap({ Double($0) }) else {
      throw fail(1, "'bias B' is missing")
    }
    let columns = classes == 2 && header["solver_type"]?.first != "MCSVM_CS" ? 1 : classes
    let weightLines = features + (bias >= 0 ? 1 : 0)
    guard lines.count - row - 1 == weightLines else {
      throw fail(
        lines.count,
        "expected \(weightLines) weight lines after 'w', found \(lines.count - row - 1)")
    }
    var weights: [Double] = []
    weights.reserveCapacity(weightLines * columns)
    for line in (row + 1)..<lines.count {
      let values = lines[line].compactMap { Double($0) }
      guard values.count == columns, lines[line].count == columns, values.allSatisfy(\.isFinite)
      else {
        throw fail(line + 1, "expected \(columns) finite numbers")
      }
      weights += values
    }
    self.labels = labels
    self.columns = columns
    self.featureCount = features
    self.bias = bias >= 0 ? bias : nil
    self.interceptWeights =
      bias >= 0 ? Array(weights[(features * columns)...]) : [Double](repeating: 0, count: columns)
    self.weights = Array(weights[0..<(features * columns)])
  }

  /// The pipeline of `features`' vectorizer with these weights.
  ///
  /// - Parameters:
  ///   - features: The vectorizer and labels `stance vectorize` wrote (``FeatureFile``).
  ///   - path: The model file, for messages.
  /// - Returns: A pipeline that predicts this model's labels on new texts.
  /// - Throws: ``InterchangeError/mismatch(path:problem:)`` when the model's labels or
  ///   features do not fit the vectorizer's.
  public func pipeline(features: Pipeline, path: String) throws(InterchangeError) -> Pipeline {
    let vectorizer = features.vectorizer
    let classCount = features.labels.count
    guard labels.count == classCount, labels.allSatisfy({ $0 >= 0 && $0 < classCount }) else {
      throw .mismatch(
        path: path,
        problem: "labels \(labels) are not the feature file's 0 … \(classCount - 1); train on "
          + "the libsvm file stance vectorize wrote")
    }
    guard featureCount <= vectorizer.featureCount else {
      throw .mismatch(
        path: path,
        problem: "\(featureCount) features, more than the vectorizer's "
          + "\(vectorizer.featureCount); was it trained on another feature file?")
    }
    var matrix = [Double](repeating: 0, count: vectorizer.featureCount * classCount)
    var intercepts = [Double](repeating: 0, count: classCount)
    for column in 0..<columns {
      let target = labels[column]
      for feature in 0..<featureCount {
        matrix[feature * classCount + target] = weights[feature * columns + column]
      }
      intercepts[target] = (bias ?? 0) * interceptWeights[column]
    }
    let model = LogisticModel(
      labels: features.labels,
      weights: DenseMatrix(rows: vectorizer.featureCount, columns: classCount, storage: matrix),
      intercepts: intercepts)
    do {
      return try FeatureFile.pipeline(vectorizer: vectorizer, model: model)
    } catch {
      throw .mismatch(path: path, problem: "\(error)")
    }
  }
}

/// Why features could not be exported or a model trained elsewhere not imported.
public enum InterchangeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The model file does not follow LIBLINEAR's format.
  case malformedModel(path: String, line: Int, problem: String)
  /// The model does not fit the feature file's labels or vectorizer.
  case mismatch(path: String, problem: String)
  /// Data vectorised with an existing vectorizer has a label it was not fitted with.
  case unknownLabel(label: String, known: [String])

  /// A one-line message naming the file (and line) and the problem.
  public var description: String {
    switch self {
    case .malformedModel(let path, let line, let problem):
      return "\(path):\(line): not a LIBLINEAR model file: \(problem)"
    case .mismatch(let path, let problem):
      return "\(path): the model does not fit the features: \(problem)"
    case .unknownLabel(let label, let known):
      return "label '\(label)' is not one of the vectorizer's labels "
        + "(\(known.joined(separator: ", "))); vectorise data with these labels only"
    }
  }
}
