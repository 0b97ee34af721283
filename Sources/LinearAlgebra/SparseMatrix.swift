import StanceSupport

/// A sparse matrix in compressed sparse row (CSR) form: `Float` values, `Int32` columns.
///
/// Row `i` holds the entries `rowStarts[i] ..< rowStarts[i + 1]` of `columnIndices` and
/// `values`. Invariants, checked on construction:
/// - `rowStarts` has `rowCount + 1` non-decreasing elements, from 0 to `nonzeroCount`;
/// - within each row, column indices are strictly increasing and in `0 ..< columnCount`
///   (so there are no duplicates);
/// - `columnIndices.count == values.count`.
///
/// Explicit zeros are allowed (they keep the pattern stable) and cost only storage.
/// Build rows incrementally with ``SparseMatrix/Builder``.
public struct SparseMatrix: Equatable, Sendable {
  /// The number of rows (documents).
  public let rowCount: Int
  /// The number of columns (features).
  public let columnCount: Int
  /// Where each row starts in ``columnIndices`` and ``values``; `rowCount + 1` elements.
  public private(set) var rowStarts: [Int]
  /// The column of each stored entry, strictly increasing within a row.
  public let columnIndices: [Int32]
  /// The value of each stored entry.
  public private(set) var values: [Float]

  /// The number of stored entries.
  public var nonzeroCount: Int { values.count }

  /// Creates a matrix from its CSR arrays, checking every invariant.
  ///
  /// - Parameters:
  ///   - rowCount: The number of rows.
  ///   - columnCount: The number of columns; must fit in `Int32`.
  ///   - rowStarts: `rowCount + 1` offsets into the entry arrays.
  ///   - columnIndices: The column of each entry.
  ///   - values: The value of each entry.
  /// - Complexity: O(rowCount + nonzeroCount).
  public init(
    rowCount: Int, columnCount: Int, rowStarts: [Int], columnIndices: [Int32], values: [Float]
  ) {
    precondition(rowCount >= 0 && columnCount >= 0 && columnCount <= Int(Int32.max))
    precondition(
      rowStarts.count == rowCount + 1 && rowStarts.first == 0
        && rowStarts.last == values.count && columnIndices.count == values.count,
      "SparseMatrix: inconsistent CSR arrays")
    for row in 0..<rowCount {
      let start = rowStarts[row]
      let end = rowStarts[row + 1]
      precondition(start <= end, "SparseMatrix: row \(row) ends before it starts")
      var previous = Int32(-1)
      for entry in start..<end {
        let column = columnIndices[entry]
        precondition(
          column > previous && Int(column) < columnCount,
          "SparseMatrix: row \(row) has column \(column) out of order or out of range")
        previous = column
      }
    }
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.rowStarts = rowStarts
    self.columnIndices = columnIndices
    self.values = values
  }

  /// The range of entry positions that belong to row `row`.
  ///
  /// - Parameter row: The row index.
  /// - Returns: Positions into ``columnIndices`` and ``values``.
  public func entryRange(ofRow row: Int) -> Range<Int> {
    rowStarts[row]..<rowStarts[row + 1]
  }

  /// The stored entries of row `row` as `(column, value)` pairs, in column order.
  ///
  /// Convenient for tests and small inputs; hot loops should read the CSR arrays directly.
  ///
  /// - Parameter row: The row index.
  /// - Returns: The row's entries.
  public func entries(ofRow row: Int) -> [(column: Int, value: Float)] {
    entryRange(ofRow: row).map { (Int(columnIndices[$0]), values[$0]) }
  }

  /// The element at `(row, column)`, zero when it is not stored.
  ///
  /// - Complexity: O(log(entries in the row)).
  public subscript(row: Int, column: Int) -> Float {
    precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount)
    var low = rowStarts[row]
    var high = rowStarts[row + 1]
    let target = Int32(column)
    while low < high {
      let middle = (low + high) / 2
      if columnIndices[middle] < target { low = middle + 1 } else { high = middle }
    }
    return low < rowStarts[row + 1] && columnIndices[low] == target ? values[low] : 0
  }

  /// The rows `rows`, in the given order, as a new matrix with the same columns.
  ///
  /// - Parameter rows: Row indices; may repeat and need not be sorted.
  /// - Returns: A matrix with `rows.count` rows.
  /// - Complexity: O(entries in the selected rows).
  public func selectingRows(_ rows: [Int]) -> SparseMatrix {
    var starts = [0]
    starts.reserveCapacity(rows.count + 1)
    var columns: [Int32] = []
    var newValues: [Float] = []
    for row in rows {
      let range = entryRange(ofRow: row)
      columns.append(contentsOf: columnIndices[range])
      newValues.append(contentsOf: values[range])
      starts.append(newValues.count)
    }
    return SparseMatrix(
      rowCount: rows.count, columnCount: columnCount, rowStarts: starts, columnIndices: columns,
      values: newValues)
  }

  /// A dense copy, for tests and small matrices.
  ///
  /// - Returns: A `rowCount × columnCount` dense matrix.
  /// - Complexity: O(rowCount·columnCount).
  public func dense() -> DenseMatrix {
    var result = DenseMatrix(rows: rowCount, columns: columnCount)
    for row in 0..<rowCount {
      for entry in entryRange(ofRow: row) {
        result[row, Int(columnIndices[entry])] = Double(values[entry])
      }
    }
    return result
  }

  /// Calls `body` with the three CSR arrays, to enter unsafe code once per kernel.
  ///
  /// - Parameter body: A closure receiving row starts, column indices and values.
  /// - Returns: What `body` returns.
  public func withUnsafeBuffers<R>(
    _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>)
      throws -> R
  ) rethrows -> R {
    try rowStarts.withUnsafeBufferPointer { starts in
      try columnIndices.withUnsafeBufferPointer { columns in
        try values.withUnsafeBufferPointer { values in try body(starts, columns, values) }
      }
    }
  }

  /// Calls `body` with mutable access to the values (the pattern stays fixed).
  ///
  /// - Parameter body: A closure receiving row starts, column indices and mutable values.
  /// - Returns: What `body` returns.
  mutating func withUnsafeMutableValues<R>(
    _ body: (
      UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>, inout UnsafeMutableBufferPointer<Float>
    ) throws -> R
  ) rethrows -> R {
    let starts = rowStarts
    let columns = columnIndices
    return try starts.withUnsafeBufferPointer { starts in
      try columns.withUnsafeBufferPointer { columns in
        try values.withUnsafeMutableBufferPointer { try body(starts, columns, &$0) }
      }
    }
  }
}

extension SparseMatrix {
  /// The transpose, in CSR form (so the columns of this matrix become rows).
  ///
  /// Kernels that need `Xᵀ·G` can run `transposed().multiply(G, …)` over blocks of the
  /// transpose's rows: each output element is then summed by one thread in a fixed order,
  /// so the result does not depend on how the work is split.
  ///
  /// - Returns: A `columnCount × rowCount` matrix.
  /// - Complexity: O(rowCount + columnCount + nonzeroCount) time (a counting sort) and a
  ///   second copy of the entries.
  public func transposed() -> SparseMatrix {
    transposed(blockCount: 1)
  }

  /// The transpose, in CSR form, built by up to `blockCount` threads; the result is the
  /// same for any block count.
  ///
  /// A parallel counting sort: each block of rows (a ``RowPartition``) counts its entries
  /// per column, the counts give every (column, block) pair its own output range, with
  /// blocks in row order inside each column, and each block then scatters its entries
  /// into its ranges. Within a transposed row the entries stay in increasing column
  /// (original row) order.
  ///
  /// - Parameter blockCount: The number of threads, at least 1.
  /// - Returns: A `columnCount × rowCount` matrix.
  /// - Complexity: O(rowCount + blockCount · columnCount + nonzeroCount) time;
  ///   `blockCount` count arrays of `columnCount` elements while it runs.
  public func transposed(blockCount: Int) -> SparseMatrix {
    precondition(blockCount >= 1, "SparseMatrix: blockCount must be at least 1")
    return transposed(partition: RowPartition(self, blockCount: blockCount)) { _, _ in }
  }

  /// The transpose built over the row blocks of `partition` (see
  /// ``transposed(blockCount:)``); before returning, `blockEnds` receives the transpose's
  /// row starts and, for every block `b` and column `j`, the end of the block's entries in
  /// transposed row `j` at `ends[b · columnCount + j]` (absolute entry positions).
  ///
  /// - Parameters:
  ///   - partition: A partition of this matrix's rows.
  ///   - blockEnds: Reads the `columnCount + 1` starts and `blocks × columnCount` ends.
  /// - Returns: A `columnCount × rowCount` matrix.
  func transposed(
    partition: RowPartition,
    blockEnds: (_ starts: UnsafeBufferPointer<Int>, _ ends: UnsafeBufferPointer<Int>) -> Void
  ) -> SparseMatrix {
    let columnCount = self.columnCount
    let blocks = partition.blocks.count
    // next[block * columnCount + column]: first the block's count of the column, then the
    // block's next output position in it.
    var next = [Int](repeating: 0, count: blocks * columnCount)
    var starts = [Int](repeating: 0, count: columnCount + 1)
    var rows = [Int32](repeating: 0, count: nonzeroCount)
    var transposedValues = [Float](repeating: 0, count: nonzeroCount)
    next.withUnsafeMutableBufferPointer { next in
      rows.withUnsafeMutableBufferPointer { rows in
        transposedValues.withUnsafeMutableBufferPointer { outValues in
          let output = UncheckedSendable(value: (next, rows, outValues))
          withUnsafeBuffers { rowStarts, columns, values in
            partition.forEachBlock { block, range in
              let next = output.value.0
              let base = block * columnCount
              for entry in rowStarts[range.lowerBound]..<rowStarts[range.upperBound] {
                next[base + Int(columns[entry])] += 1
              }
            }
            var total = 0
            for column in 0..<columnCount {
              for block in 0..<blocks {
                let count = next[block * columnCount + column]
                next[block * columnCount + column] = total
                total += count
              }
              starts[column + 1] = total
            }
            partition.forEachBlock { block, range in
              let (next, rows, outValues) = output.value
              let base = block * columnCount
              for row in range {
                for entry in rowStarts[row]..<rowStarts[row + 1] {
                  let slot = base + Int(columns[entry])
                  let position = next[slot]
                  rows[position] = Int32(truncatingIfNeeded: row)
                  outValues[position] = values[entry]
                  next[slot] = position + 1
                }
              }
            }
          }
        }
      }
    }
    next.withUnsafeBufferPointer { ends in
      starts.withUnsafeBufferPointer { starts in blockEnds(starts, ends) }
    }
    return SparseMatrix(
      rowCount: columnCount, columnCount: rowCount, rowStarts: starts, columnIndices: rows,
      values: transposedValues)
  }
}
