// The hand-written sparse hot loops. Each kernel enters unsafe code once and walks the
// CSR arrays directly; values are widened from Float to Double before multiplying so the
// optimiser sees double-precision sums.
//
// Dense weight matrices are feature-major (d × K, row-major): one stored entry X[i, j]
// touches the K contiguous class weights of feature j.

/// What a product adds to each output element: a constant, or a vector's element.
///
/// A single-precision output gets it added in `Double` before its one rounding. The loss
/// uses it for its penalty term.
public enum ProductAddend {
  /// The same value everywhere.
  case constant(Double)
  /// `values[index]`.
  case vector(UnsafeBufferPointer<Double>)
  /// `values[index]`, widened.
  case singleVector(UnsafeBufferPointer<Float>)
}

extension SparseMatrix {
  /// Computes rows `rows` of `X·W` into `output`; see
  /// ``SparseRowsView/multiply(_:classes:rows:into:squaringValues:)``.
  ///
  /// - Parameters:
  ///   - weights: `W`, `columnCount × classes` in row-major order.
  ///   - classes: K, the number of columns of `W`.
  ///   - rows: The rows of X to multiply.
  ///   - output: A buffer of at least `rowCount × classes` elements.
  ///   - squaringValues: Use `X[i, j]²` in place of `X[i, j]`.
  /// - Complexity: O(K · entries in `rows`).
  public func multiply(
    _ weights: UnsafeBufferPointer<Double>, classes: Int, rows: Range<Int>,
    into output: UnsafeMutableBufferPointer<Double>, squaringValues: Bool = false
  ) {
    withRowsView {
      $0.multiply(
        weights, classes: classes, rows: rows, into: output, squaringValues: squaringValues)
    }
  }

  /// Computes rows `rows` of `X·W + A` into a single-precision `output`; see
  /// ``SparseRowsView/multiply(_:classes:rows:into:adding:squaringValues:)``.
  ///
  /// - Parameters:
  ///   - weights: `W`, `columnCount × classes` in row-major order.
  ///   - classes: K, the number of columns of `W`.
  ///   - rows: The rows of X to multiply.
  ///   - output: A buffer of at least `rowCount × classes` elements.
  ///   - addend: `A`, indexed like `output`.
  ///   - squaringValues: Use `X[i, j]²` in place of `X[i, j]`.
  /// - Complexity: O(K · entries in `rows`).
  public func multiply(
    _ weights: UnsafeBufferPointer<Double>, classes: Int, rows: Range<Int>,
    into output: UnsafeMutableBufferPointer<Float>, adding addend: ProductAddend,
    squaringValues: Bool = false
  ) {
    withRowsView {
      $0.multiply(
        weights, classes: classes, rows: rows, into: output, adding: addend,
        squaringValues: squaringValues)
    }
  }

  /// Computes rows `rows` of `X·W + A` into a single-precision `output` from
  /// single-precision `W`; see
  /// ``SparseRowsView/multiply(_:classes:rows:into:adding:squaringValues:)``.
  ///
  /// - Parameters:
  ///   - weights: `W`, `columnCount × classes` in row-major order.
  ///   - classes: K, the number of columns of `W`.
  ///   - rows: The rows of X to multiply.
  ///   - output: A buffer of at least `rowCount × classes` elements.
  ///   - addend: `A`, indexed like `output`.
  ///   - squaringValues: Use `X[i, j]²` in place of `X[i, j]`.
  /// - Complexity: O(K · entries in `rows`).
  public func multiply(
    _ weights: UnsafeBufferPointer<Float>, classes: Int, rows: Range<Int>,
    into output: UnsafeMutableBufferPointer<Float>, adding addend: ProductAddend,
    squaringValues: Bool = false
  ) {
    withRowsView {
      $0.multiply(
        weights, classes: classes, rows: rows, into: output, adding: addend,
        squaringValues: squaringValues)
    }
  }

  /// `X·W` for a dense feature-major `W`.
  ///
  /// - Parameter weights: A `columnCount × K` matrix.
  /// - Returns: The `rowCount × K` product.
  /// - Complexity: O(K · nonzeroCount).
  public func multiply(_ weights: DenseMatrix) -> DenseMatrix {
    precondition(weights.rows == columnCount, "SparseMatrix.multiply: W has \(weights.rows) rows")
    var result = DenseMatrix(rows: rowCount, columns: weights.columns)
    weights.withUnsafeBufferPointer { w in
      result.withUnsafeMutableBufferPointer { out in
        multiply(w, classes: weights.columns, rows: 0..<rowCount, into: out)
      }
    }
    return result
  }

  /// Adds rows `rows` of `Xᵀ·G` into `output`: `output[j·K + k] += Σᵢ X[i, j]·G[i, k]`.
  ///
  /// Accumulating (rather than overwriting) lets each thread sum its own row block into
  /// its own buffer; the caller then adds the buffers in a fixed order, which keeps the
  /// result deterministic for a given partition.
  ///
  /// - Parameters:
  ///   - gradient: `G`, `rowCount × classes` in row-major order.
  ///   - classes: K, the number of columns of `G`.
  ///   - rows: The rows of X (and G) to include.
  ///   - output: A `columnCount × classes` buffer to add into.
  /// - Complexity: O(K · entries in `rows`).
  public func transposeMultiply(
    _ gradient: UnsafeBufferPointer<Double>, classes: Int, rows: Range<Int>,
    accumulatingInto output: UnsafeMutableBufferPointer<Double>
  ) {
    precondition(gradient.count >= rowCount * classes && output.count >= columnCount * classes)
    precondition(rows.lowerBound >= 0 && rows.upperBound <= rowCount)
    withUnsafeBuffers { starts, columns, values in
      for row in rows {
        let g = row * classes
        for entry in starts[row]..<starts[row + 1] {
          let value = Double(values[entry])
          let base = Int(columns[entry]) * classes
          for k in 0..<classes { output[base + k] += value * gradient[g + k] }
        }
      }
    }
  }

  /// `Xᵀ·G` for a dense `G`.
  ///
  /// - Parameter gradient: A `rowCount × K` matrix.
  /// - Returns: The `columnCount × K` product.
  /// - Complexity: O(K · nonzeroCount + columnCount · K).
  public func transposeMultiply(_ gradient: DenseMatrix) -> DenseMatrix {
    precondition(
      gradient.rows == rowCount, "SparseMatrix.transposeMultiply: G has \(gradient.rows) rows")
    var result = DenseMatrix(rows: columnCount, columns: gradient.columns)
    gradient.withUnsafeBufferPointer { g in
      result.withUnsafeMutableBufferPointer { out in
        transposeMultiply(g, classes: gradient.columns, rows: 0..<rowCount, accumulatingInto: out)
      }
    }
    return result
  }

  /// The Euclidean norm of every row, accumulated in `Double`.
  ///
  /// - Returns: `rowCount` norms; 0 for empty rows.
  /// - Complexity: O(rowCount + nonzeroCount).
  public func rowNorms() -> [Double] {
    withUnsafeBuffers { starts, _, values in
      (0..<rowCount).map { row in
        var sum = 0.0
        for entry in starts[row]..<starts[row + 1] {
          let value = Double(values[entry])
          sum += value * value
        }
        return sum.squareRoot()
      }
    }
  }

  /// Multiplies every stored value of row `i` by `factors[i]`.
  ///
  /// - Parameter factors: One factor per row.
  /// - Complexity: O(rowCount + nonzeroCount).
  public mutating func scaleRows(by factors: [Double]) {
    precondition(factors.count == rowCount, "SparseMatrix.scaleRows: \(factors.count) factors")
    let rows = rowCount
    withUnsafeMutableValues { starts, _, values in
      for row in 0..<rows {
        let factor = factors[row]
        for entry in starts[row]..<starts[row + 1] {
          values[entry] = Float(Double(values[entry]) * factor)
        }
      }
    }
  }

  /// Multiplies every stored value in column `j` by `factors[j]` (for example idf weights).
  ///
  /// - Parameter factors: One factor per column.
  /// - Complexity: O(nonzeroCount).
  public mutating func scaleColumns(by factors: [Double]) {
    precondition(factors.count == columnCount, "SparseMatrix.scaleColumns: \(factors.count)")
    factors.withUnsafeBufferPointer { factors in
      withUnsafeMutableValues { _, columns, values in
        for entry in 0..<values.count {
          values[entry] = Float(Double(values[entry]) * factors[Int(columns[entry])])
        }
      }
    }
  }

  /// Scales every non-empty row to unit Euclidean norm; empty and all-zero rows stay zero.
  ///
  /// The norm is computed in `Double` from the stored `Float` values.
  ///
  /// - Complexity: O(rowCount + nonzeroCount).
  public mutating func normalizeRows() {
    scaleRows(by: rowNorms().map { $0 > 0 ? 1 / $0 : 1 })
  }

  /// Applies `transform` to every stored value (for example `1 + log(tf)`).
  ///
  /// - Parameter transform: The function applied to each stored value.
  /// - Complexity: O(nonzeroCount).
  public mutating func transformValues(_ transform: (Float) -> Float) {
    withUnsafeMutableValues { _, _, values in
      for entry in 0..<values.count { values[entry] = transform(values[entry]) }
    }
  }

  /// The number of rows in which each column has a stored non-zero value.
  ///
  /// - Returns: `columnCount` counts (document frequencies when rows are documents).
  /// - Complexity: O(columnCount + nonzeroCount).
  public func columnNonzeroCounts() -> [Int] {
    var counts = [Int](repeating: 0, count: columnCount)
    withUnsafeBuffers { _, columns, values in
      for entry in 0..<values.count where values[entry] != 0 {
        counts[Int(columns[entry])] += 1
      }
    }
    return counts
  }
}
