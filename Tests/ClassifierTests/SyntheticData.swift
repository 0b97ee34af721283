import LinearAlgebra
import StanceTestSupport

/// Seeded synthetic classification problems for the classifier tests.
enum SyntheticData {
  /// A random sparse matrix: each entry is stored with probability `density`, with a value
  /// drawn uniformly from [0.1, 1.1); rows listed in `emptyRows` have no entries.
  static func sparseMatrix(
    rows: Int, columns: Int, density: Double, emptyRows: [Int] = [],
    generator: inout SplitMix64
  ) -> SparseMatrix {
    var builder = SparseMatrix.Builder(columnCount: columns)
    for row in 0..<rows {
      var indices: [Int32] = []
      var values: [Float] = []
      for column in 0..<columns where generator.nextUnit() < density {
        indices.append(Int32(column))
        values.append(Float(0.1 + generator.nextUnit()))
      }
      if emptyRows.contains(row) {
        builder.appendEmptyRow()
      } else {
        builder.appendRow(columns: indices, values: values)
      }
    }
    return builder.build()
  }

  /// A learnable problem: labels are the argmax of `X·W* + noise` for a random `W*`, so
  /// the classes overlap (not separable) and every class occurs.
  static func problem(
    rows: Int, columns: Int, classes: Int, density: Double, seed: UInt64
  ) -> (features: SparseMatrix, labels: [Int]) {
    var generator = SplitMix64(seed: seed)
    let features = sparseMatrix(
      rows: rows, columns: columns, density: density, generator: &generator)
    let truth = (0..<(columns * classes)).map { _ in 2 * generator.nextGaussian() }
    var labels: [Int] = []
    for row in 0..<rows {
      var scores = (0..<classes).map { _ in generator.nextGaussian() }
      for (column, value) in features.entries(ofRow: row) {
        for k in 0..<classes { scores[k] += Double(value) * truth[column * classes + k] }
      }
      var best = 0
      for k in 1..<classes where scores[k] > scores[best] { best = k }
      labels.append(best)
    }
    for k in 0..<classes { labels[k] = k }
    return (features, labels)
  }

  /// Random non-uniform sample weights in [0.2, 2.2).
  static func weights(count: Int, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in 0.2 + 2 * generator.nextUnit() }
  }
}
