import LinearAlgebra

/// The ten-sample, three-class example most tests share.
///
/// ```
/// labels    = against, favor, neutral
/// truth     = 0 0 0 0 1 1 1 2 2 2
/// predicted = 0 0 1 2 1 1 0 2 2 1
/// ```
/// Confusion matrix (rows true, columns predicted):
/// ```
///            against favor neutral | support
/// against        2     1     1     |   4
/// favor          1     2     0     |   3
/// neutral        0     1     2     |   3
/// predicted      3     4     3
/// ```
enum Example {
  static let labels = ["against", "favor", "neutral"]
  static let truth = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]
  static let predicted = [0, 0, 1, 2, 1, 1, 0, 2, 2, 1]
  /// Probabilities whose row-wise argmax is `predicted`, with many tied scores.
  static let probabilityRows: [[Double]] = [
    [0.7, 0.2, 0.1], [0.5, 0.3, 0.2], [0.3, 0.5, 0.2], [0.2, 0.2, 0.6], [0.2, 0.6, 0.2],
    [0.1, 0.8, 0.1], [0.5, 0.3, 0.2], [0.1, 0.2, 0.7], [0.2, 0.2, 0.6], [0.3, 0.5, 0.2],
  ]
  static let weights = [1, 2, 1, 0.5, 1, 3, 1, 1, 2, 0.5]

  static var probabilities: DenseMatrix { matrix(probabilityRows) }
}

/// A dense matrix from nested rows.
func matrix(_ rows: [[Double]]) -> DenseMatrix {
  DenseMatrix(
    rows: rows.count, columns: rows.first?.count ?? 0, storage: rows.flatMap { $0 })
}

/// Applies a permutation: element `i` of the result is `values[order[i]]`.
func permuted<T>(_ values: [T], by order: [Int]) -> [T] {
  order.map { values[$0] }
}
