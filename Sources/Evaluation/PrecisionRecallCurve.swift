import LinearAlgebra

/// The one-vs-rest precision–recall curve of one class, and its average precision.
///
/// The samples are sorted by the class's probability, highest first; each distinct
/// probability t is a threshold, and the point at t counts every sample scored ≥ t as
/// predicted positive:
///
/// ```
/// precision(t) = TP(t) / (TP(t) + FP(t))      recall(t) = TP(t) / P
/// AP = Σₖ (recallₖ − recallₖ₋₁) · precisionₖ   (recall₀ = 0)
/// ```
///
/// This is scikit-learn's `precision_recall_curve` read from the highest threshold down
/// (without its final (recall 0, precision 1) point) and its `average_precision_score`
/// (the step-wise sum, not the trapezoid). A class with no positive sample has no curve.
public struct PrecisionRecallCurve: Equatable, Sendable {
  /// One point of the curve.
  public struct Point: Equatable, Sendable {
    /// The threshold: the lowest probability counted as positive.
    public var threshold: Double
    /// The precision at that threshold.
    public var precision: Double
    /// The recall at that threshold.
    public var recall: Double
  }

  /// The points, highest threshold (lowest recall) first; empty when the class has no
  /// positive sample.
  public let points: [Point]
  /// The average precision; `nil` when the class has no positive sample.
  public let averagePrecision: Double?
  /// The share of positive samples: the precision of a classifier that guesses.
  public let prevalence: Double

  /// Computes the curve of class `classIndex`.
  ///
  /// - Parameters:
  ///   - probabilities: n×K probabilities in label order.
  ///   - truth: The true class index of each sample.
  ///   - classIndex: The class, as a column of `probabilities`.
  /// - Complexity: O(n log n).
  public init(probabilities: DenseMatrix, truth: [Int], classIndex: Int) {
    let count = min(probabilities.rows, truth.count)
    var scored: [(score: Double, positive: Bool)] = []
    scored.reserveCapacity(count)
    for row in 0..<count where (0..<probabilities.columns).contains(classIndex) {
      scored.append((probabilities[row, classIndex], truth[row] == classIndex))
    }
    scored.sort { $0.score > $1.score }
    let positives = scored.filter(\.positive).count
    prevalence = count == 0 ? 0 : Double(positives) / Double(count)
    guard positives > 0 else {
      points = []
      averagePrecision = nil
      return
    }
    var points: [Point] = []
    var truePositives = 0
    var falsePositives = 0
    var sum = 0.0
    var previousRecall = 0.0
    for (index, sample) in scored.enumerated() {
      if sample.positive { truePositives += 1 } else { falsePositives += 1 }
      // A point only after the last sample of a run of equal scores.
      if index + 1 < scored.count && scored[index + 1].score == sample.score { continue }
      let precision = Double(truePositives) / Double(truePositives + falsePositives)
      let recall = Double(truePositives) / Double(positives)
      sum += (recall - previousRecall) * precision
      previousRecall = recall
      points.append(Point(threshold: sample.score, precision: precision, recall: recall))
    }
    self.points = points
    averagePrecision = sum
  }
}
