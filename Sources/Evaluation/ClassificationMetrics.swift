/// Precision, recall, F1 and support of one class.
public struct ClassMetrics: Equatable, Sendable {
  /// The class label.
  public let label: String
  /// `tp / (tp + fp)`: of the samples predicted as this class, the fraction that are.
  public let precision: Double
  /// `tp / (tp + fn)`: of the samples of this class, the fraction predicted as it.
  public let recall: Double
  /// `2·tp / (2·tp + fp + fn)`, the harmonic mean of precision and recall.
  public let f1: Double
  /// How many samples truly belong to the class (their total weight if weighted).
  public let support: Double
}

/// Precision, recall and F1 averaged over classes in one way.
public struct AveragedMetrics: Equatable, Sendable {
  /// The averaged precision.
  public let precision: Double
  /// The averaged recall.
  public let recall: Double
  /// The averaged F1.
  public let f1: Double
}

/// The label-based metrics of a confusion matrix: per class, and averaged.
///
/// With `tpₖ = C[k][k]`, `fpₖ = Σᵢ C[i][k] − tpₖ`, `fnₖ = Σⱼ C[k][j] − tpₖ` and
/// `supportₖ = tpₖ + fnₖ`:
///
/// ```
/// precisionₖ = tpₖ / (tpₖ + fpₖ)
/// recallₖ    = tpₖ / (tpₖ + fnₖ)
/// f1ₖ        = 2·tpₖ / (2·tpₖ + fpₖ + fnₖ)      (= harmonic mean when both are defined)
/// accuracy   = Σₖ tpₖ / Σᵢⱼ C[i][j]
/// macro m    = (1/K) Σₖ mₖ
/// weighted m = Σₖ supportₖ · mₖ / Σₖ supportₖ
/// micro P    = Σₖ tpₖ / Σₖ (tpₖ + fpₖ),  micro R = Σₖ tpₖ / Σₖ (tpₖ + fnₖ),
/// micro F1   = 2·Σtp / (2·Σtp + Σfp + Σfn)    (all equal accuracy for single-label data)
/// ```
///
/// Every division goes through ``ZeroDivision/divide(_:by:)`` with one rule, so a 0/0 is
/// treated the same way everywhere. F1 is computed from the counts rather than from the
/// rounded precision and recall, so it is defined (0) when tp = 0 and fp + fn > 0, even if
/// precision is 0/0 — the same convention as scikit-learn 1.3 and later. The macro average
/// runs over all K caller-given labels, including a class that occurs nowhere, whose
/// metrics are then the 0/0 value.
public struct ClassificationMetrics: Equatable, Sendable {
  /// Per-class results, in the confusion matrix's label order.
  public let perClass: [ClassMetrics]
  /// The fraction of samples (or of the total weight) classified correctly.
  public let accuracy: Double
  /// Unweighted means over classes.
  public let macro: AveragedMetrics
  /// Means over classes weighted by support.
  public let weighted: AveragedMetrics
  /// Metrics from counts pooled over classes.
  public let micro: AveragedMetrics
  /// The rule that was applied to every 0/0.
  public let zeroDivision: ZeroDivision

  /// The micro-averaged F1 (equal to ``accuracy`` for single-label classification).
  public var microF1: Double { micro.f1 }

  /// Computes every label-based metric of `confusion`.
  ///
  /// - Parameters:
  ///   - confusion: The counts to summarise.
  ///   - zeroDivision: The value of an undefined ratio; `.zero` by default.
  /// - Complexity: O(K²).
  public init(confusion: ConfusionMatrix, zeroDivision: ZeroDivision = .zero) {
    let rule = zeroDivision
    var perClass: [ClassMetrics] = []
    perClass.reserveCapacity(confusion.classCount)
    var truePositiveSum = 0.0
    var predictedSum = 0.0
    var supportSum = 0.0
    for k in 0..<confusion.classCount {
      let truePositives = confusion.truePositives(of: k)
      let predicted = confusion.predictedCount(of: k)
      let support = confusion.support(of: k)
      let falsePositives = predicted - truePositives
      let falseNegatives = support - truePositives
      perClass.append(
        ClassMetrics(
          label: confusion.labels[k],
          precision: rule.divide(truePositives, by: predicted),
          recall: rule.divide(truePositives, by: support),
          f1: rule.divide(
            2 * truePositives, by: 2 * truePositives + falsePositives + falseNegatives),
          support: support))
      truePositiveSum += truePositives
      predictedSum += predicted
      supportSum += support
    }
    self.perClass = perClass
    self.zeroDivision = rule
    self.accuracy = rule.divide(truePositiveSum, by: confusion.total)
    let microPrecision = rule.divide(truePositiveSum, by: predictedSum)
    let microRecall = rule.divide(truePositiveSum, by: supportSum)
    let microF1 = rule.divide(
      2 * truePositiveSum,
      by: 2 * truePositiveSum + (predictedSum - truePositiveSum)
        + (supportSum - truePositiveSum))
    self.micro = AveragedMetrics(precision: microPrecision, recall: microRecall, f1: microF1)
    let supports = perClass.map(\.support)
    func averages(weights: [Double]?) -> AveragedMetrics {
      AveragedMetrics(
        precision: Self.average(perClass.map(\.precision), weights: weights, rule: rule),
        recall: Self.average(perClass.map(\.recall), weights: weights, rule: rule),
        f1: Self.average(perClass.map(\.f1), weights: weights, rule: rule))
    }
    self.macro = averages(weights: nil)
    self.weighted = averages(weights: supports)
  }

  /// A (weighted) mean that skips NaN entries; `Σ wₖ·vₖ / Σ wₖ` over the non-NaN entries,
  /// with the zero-weight case resolved by `rule`.
  private static func average(
    _ values: [Double], weights: [Double]?, rule: ZeroDivision
  ) -> Double {
    var numerator = 0.0
    var denominator = 0.0
    for (index, value) in values.enumerated() where !value.isNaN {
      let weight = weights?[index] ?? 1
      numerator += weight * value
      denominator += weight
    }
    if denominator == 0 && !values.contains(where: { !$0.isNaN }) {
      return .nan
    }
    return rule.divide(numerator, by: denominator)
  }
}
