/// A read-only CSR matrix whose three arrays live elsewhere: a ``SparseMatrix``'s arrays
/// for the length of a call (``SparseMatrix/withRowsView(_:)``), or the sections of a
/// memory-mapped file that the caller keeps mapped.
///
/// It is the one door through which the solver's sparse products read a matrix, so the
/// same kernels run over memory and over a mapped training cache. The invariants are
/// those of ``SparseMatrix`` (row starts from 0 to the entry count, columns strictly
/// increasing within a row and below ``columnCount``); a view of a mapped file is checked
/// by whoever maps it, not here.
///
/// The view holds no reference to its memory: it is valid only while the owner keeps that
/// memory alive.
public struct SparseRowsView: @unchecked Sendable {
  /// The number of rows.
  public let rowCount: Int
  /// The number of columns.
  public let columnCount: Int
  /// Where each row starts in ``columns`` and ``values``; `rowCount + 1` elements.
  public let starts: UnsafeBufferPointer<Int>
  /// The column of each stored entry.
  public let columns: UnsafeBufferPointer<Int32>
  /// The value of each stored entry.
  public let values: UnsafeBufferPointer<Float>

  /// Creates a view of CSR arrays.
  ///
  /// - Parameters:
  ///   - rowCount: The number of rows; `starts` has one more element.
  ///   - columnCount: The number of columns.
  ///   - starts: The row starts.
  ///   - columns: The column of each entry.
  ///   - values: The value of each entry, as many as `columns`.
  public init(
    rowCount: Int, columnCount: Int, starts: UnsafeBufferPointer<Int>,
    columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>
  ) {
    precondition(starts.count == rowCount + 1 && columns.count == values.count)
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.starts = starts
    self.columns = columns
    self.values = values
  }

  /// The number of stored entries.
  public var nonzeroCount: Int { values.count }
}

extension SparseMatrix {
  /// Calls `body` with a view of this matrix's arrays, valid only during the call.
  ///
  /// - Parameter body: Receives the view.
  /// - Returns: What `body` returns.
  public func withRowsView<R>(_ body: (SparseRowsView) throws -> R) rethrows -> R {
    try withUnsafeBuffers { starts, columns, values in
      try body(
        SparseRowsView(
          rowCount: rowCount, columnCount: columnCount, starts: starts, columns: columns,
          values: values))
    }
  }
}

// The solver's products, one copy for matrices in memory and mapped ones.
extension SparseRowsView {
  /// Computes rows `rows` of `X·W` into `output`: `output[i·K + k] = Σⱼ X[i, j]·W[j, k]`.
  ///
  /// The output is indexed by absolute row so disjoint row blocks can fill one buffer from
  /// several threads. Rows outside `rows` are not touched.
  ///
  /// - Parameters:
  ///   - weights: `W`, `columnCount × classes` in row-major order.
  ///   - classes: K, the number of columns of `W`.
  ///   - rows: The rows of X to multiply.
  ///   - output: A buffer of at least `rowCount × classes` elements.
  ///   - squaringValues: Use `X[i, j]²` in place of `X[i, j]` (for Hessian diagonals),
  ///     without storing a squared copy of the matrix.
  /// - Complexity: O(K · entries in `rows`).
  public func multiply(
    _ weights: UnsafeBufferPointer<Double>, classes: Int, rows: Range<Int>,
    into output: UnsafeMutableBufferPointer<Double>, squaringValues: Bool = false
  ) {
    precondition(output.count >= rowCount * classes)
    precondition(weights.count >= columnCount * classes)
    multiply(
      classes: classes, rows: rows, squaringValues: squaringValues, weight: { weights[$0] },
      store: { output[$0] = $1 })
  }

  /// Computes rows `rows` of `X·W + A` into a single-precision `output`: each element is
  /// summed in `Double`, has its addend `A` added in `Double`, and is rounded once (so an
  /// addend that nearly cancels the product, as a penalty does near an optimum, loses
  /// nothing); otherwise as ``multiply(_:classes:rows:into:squaringValues:)``.
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
    precondition(weights.count >= columnCount * classes)
    multiply(
      classes: classes, rows: rows, into: output, adding: addend, squaringValues: squaringValues
    ) { weights[$0] }
  }

  /// Computes rows `rows` of `X·W + A` into a single-precision `output` from
  /// single-precision `W`, widened as it is read; otherwise as
  /// ``multiply(_:classes:rows:into:adding:squaringValues:)`` (every element summed in
  /// `Double`, its addend added in `Double`, rounded once).
  ///
  /// Half the bytes of a `Double` `W` means fewer cache misses where the product reads `W`
  /// at random, as `Xᵀ·Q` reads the `n × K` rows `Q` when they do not stay in the cache
  /// (the gain is measured in `Benchmarks/results/2026-12-07-doc-comment-figures.md`).
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
    precondition(weights.count >= columnCount * classes)
    multiply(
      classes: classes, rows: rows, into: output, adding: addend, squaringValues: squaringValues
    ) { Double(weights[$0]) }
  }

  /// Picks the store for the addend, then runs the kernel.
  @inline(__always)
  private func multiply(
    classes: Int, rows: Range<Int>, into output: UnsafeMutableBufferPointer<Float>,
    adding addend: ProductAddend, squaringValues: Bool, weight: (Int) -> Double
  ) {
    precondition(output.count >= rowCount * classes)
    switch addend {
    case .constant(let value):
      multiply(classes: classes, rows: rows, squaringValues: squaringValues, weight: weight) {
        output[$0] = Float($1 + value)
      }
    case .vector(let values):
      precondition(values.count >= rowCount * classes)
      multiply(classes: classes, rows: rows, squaringValues: squaringValues, weight: weight) {
        output[$0] = Float($1 + values[$0])
      }
    case .singleVector(let values):
      precondition(values.count >= rowCount * classes)
      multiply(classes: classes, rows: rows, squaringValues: squaringValues, weight: weight) {
        output[$0] = Float($1 + Double(values[$0]))
      }
    }
  }

  /// Picks the map from a stored value to the factor used, then runs the kernel.
  @inline(__always)
  private func multiply(
    classes: Int, rows: Range<Int>, squaringValues: Bool, weight: (Int) -> Double,
    store: (Int, Double) -> Void
  ) {
    precondition(rows.lowerBound >= 0 && rows.upperBound <= rowCount)
    if squaringValues {
      multiply(
        classes: classes, rows: rows, store: store,
        entryValue: { value in
          let widened = Double(value)
          return widened * widened
        }, weight: weight)
    } else {
      multiply(
        classes: classes, rows: rows, store: store, entryValue: { Double($0) }, weight: weight)
    }
  }

  /// The body of the `multiply` kernels, specialised per way of reading a weight, map from
  /// a stored value to the factor used, and output store.
  @inline(__always)
  private func multiply(
    classes: Int, rows: Range<Int>, store: (Int, Double) -> Void,
    entryValue: (Float) -> Double, weight weights: (Int) -> Double
  ) {
    let (starts, columns, values) = (self.starts, self.columns, self.values)
    // Two and three classes keep the row's sums in registers; the sums are formed in the
    // same order as the general loop, so every path gives the same bits.
    if classes == 3 {
      for row in rows {
        var (s0, s1, s2) = (0.0, 0.0, 0.0)
        for entry in starts[row]..<starts[row + 1] {
          let value = entryValue(values[entry])
          let base = Int(columns[entry]) &* 3
          s0 += value * weights(base)
          s1 += value * weights(base &+ 1)
          s2 += value * weights(base &+ 2)
        }
        let out = row &* 3
        store(out, s0)
        store(out &+ 1, s1)
        store(out &+ 2, s2)
      }
      return
    }
    if classes == 2 {
      for row in rows {
        var (s0, s1) = (0.0, 0.0)
        for entry in starts[row]..<starts[row + 1] {
          let value = entryValue(values[entry])
          let base = Int(columns[entry]) &* 2
          s0 += value * weights(base)
          s1 += value * weights(base &+ 1)
        }
        store(row &* 2, s0)
        store(row &* 2 &+ 1, s1)
      }
      return
    }
    for row in rows {
      let out = row * classes
      for k in 0..<classes {
        var sum = 0.0
        for entry in starts[row]..<starts[row + 1] {
          sum += entryValue(values[entry]) * weights(Int(columns[entry]) * classes + k)
        }
        store(out + k, sum)
      }
    }
  }
}
