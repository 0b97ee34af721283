/// One weight per class, resolved from a ``ClassWeighting`` against the training labels, and
/// the per-row weights that follow from it.
///
/// ```
/// none      wₖ = 1
/// balanced  wₖ = Σᵢ uᵢ / (K_present · Σ_{i: yᵢ = k} uᵢ)   (uᵢ = 1 without sample weights)
/// explicit  wₖ = the given weight, or 1 for labels not listed
/// sᵢ = uᵢ · w_{yᵢ}
/// ```
///
/// `balanced` is scikit-learn's `compute_class_weight("balanced")`: `K_present` counts the
/// classes that occur (with positive total weight). A class with no examples gets weight 0
/// under `balanced`; it has no rows, so the value is never used.
public struct ClassWeights: Equatable, Sendable {
  /// The weight of each class, indexed like the label names.
  public let values: [Double]

  /// Resolves `weighting` against the training labels.
  ///
  /// - Parameters:
  ///   - weighting: The weighting scheme.
  ///   - labels: The class index of every row, each in `0 ..< labelNames.count`.
  ///   - labelNames: The class names; their positions are the class indices.
  ///   - sampleWeights: Optional per-row weights (finite, at least 0).
  /// - Throws: ``TrainingError/labelOutOfRange(row:label:classCount:)``,
  ///   ``TrainingError/sampleWeightCountMismatch(weights:rows:)``,
  ///   ``TrainingError/invalidSampleWeight(row:weight:)``,
  ///   ``TrainingError/unknownClassWeightLabel(_:known:)`` or
  ///   ``TrainingError/invalidConfiguration(_:)`` for a non-positive explicit weight.
  /// - Complexity: O(n + K).
  public init(
    _ weighting: ClassWeighting, labels: [Int], labelNames: [String],
    sampleWeights: [Double]? = nil
  ) throws(TrainingError) {
    let classCount = labelNames.count
    for (row, label) in labels.enumerated() where label < 0 || label >= classCount {
      throw .labelOutOfRange(row: row, label: label, classCount: classCount)
    }
    if let sampleWeights {
      guard sampleWeights.count == labels.count else {
        throw .sampleWeightCountMismatch(weights: sampleWeights.count, rows: labels.count)
      }
      for (row, weight) in sampleWeights.enumerated() where !(weight.isFinite && weight >= 0) {
        throw .invalidSampleWeight(row: row, weight: weight)
      }
    }
    switch weighting {
    case .none:
      values = [Double](repeating: 1, count: classCount)
    case .balanced:
      var totals = [Double](repeating: 0, count: classCount)
      for (row, label) in labels.enumerated() { totals[label] += sampleWeights?[row] ?? 1 }
      let present = Double(totals.filter { $0 > 0 }.count)
      let total = totals.reduce(0, +)
      values = totals.map { $0 > 0 ? total / (present * $0) : 0 }
    case .explicit(let weights):
      var resolved = [Double](repeating: 1, count: classCount)
      for label in weights.keys.sorted() {
        guard let index = labelNames.firstIndex(of: label) else {
          throw .unknownClassWeightLabel(label, known: labelNames)
        }
        let weight = weights[label] ?? 1
        guard weight.isFinite && weight > 0 else {
          throw .invalidConfiguration(.invalidClassWeight(label: label, weight: weight))
        }
        resolved[index] = weight
      }
      values = resolved
    }
  }

  /// The weight of every row: its sample weight (1 when absent) times its class weight.
  ///
  /// - Parameters:
  ///   - labels: The class index of every row.
  ///   - sampleWeights: Optional per-row weights, as many as `labels`.
  /// - Returns: `sᵢ = uᵢ · w_{yᵢ}` per row.
  /// - Complexity: O(n).
  public func sampleWeights(labels: [Int], sampleWeights: [Double]? = nil) -> [Double] {
    precondition(sampleWeights == nil || sampleWeights?.count == labels.count)
    return labels.enumerated().map { row, label in (sampleWeights?[row] ?? 1) * values[label] }
  }
}
