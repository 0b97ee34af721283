/// `Xᵀ` in CSR form together with, for every feature, where its entries cross the
/// boundaries of a ``RowPartition`` of `X`'s rows, so that both `X·W` and `Xᵀ·G` can be
/// formed from this one copy and `X` itself need not be kept.
///
/// Each feature's entries (its transposed row) are in increasing document order, so the
/// entries that belong to one row block of `X` are a contiguous run; the cuts record where
/// the runs meet. Rows `block` of `X·W` are then formed by walking every feature's run for
/// that block and *scattering* `X[i, j]·W[j, ·]` into output row `i`:
/// - every output row is summed over its features in increasing feature order, exactly as a
///   gather over `X`'s CSR row is, so the result is bit-identical to
///   ``SparseMatrix/multiply(_:classes:rows:into:squaringValues:)`` on `X`, for any
///   partition;
/// - `W` is read front to back and the random accesses land in the block's own `rows × K`
///   output (a few MB) rather than in the `d × K` weights; in exchange every block visits
///   every feature. The scatter takes about as long as the gather (figures in
///   `Benchmarks/results/2026-12-07-doc-comment-figures.md`), so what it buys is memory:
///   `X` need not be kept.
///
/// A single-precision variant accumulates in `Float` (same order), for products that
/// tolerate it: half the bytes for the random writes.
///
/// Memory: the entries of `Xᵀ` (8 bytes each), `d + 1` row starts and `(blocks − 2) · d`
/// four-byte cuts (none for two blocks), instead of all that plus a second copy of the
/// entries for `X`. The entries and row starts may also live in a memory-mapped file
/// (``init(mapped:owner:partition:cuts:)``, the out-of-core training cache): the products
/// read them through the same ``SparseRowsView`` either way.
public struct PartitionedTranspose: Sendable {
  /// Where `Xᵀ` lives.
  private enum Storage: Sendable {
    /// In this process's memory.
    case memory(SparseMatrix)
    /// In memory someone else owns (a mapped file); `owner` keeps it alive.
    case mapped(SparseRowsView, owner: any AnyObject & Sendable)
  }

  /// `Xᵀ`, `d × n`, in CSR form.
  private let storage: Storage
  /// `Xᵀ`, `d × n`, in CSR form, when it is in memory; `nil` when it is mapped.
  public var transposed: SparseMatrix? {
    if case .memory(let matrix) = storage { return matrix }
    return nil
  }
  /// The row blocks of `X` that the cuts follow.
  public let partition: RowPartition
  /// Where the interior blocks' runs meet: `cuts[b · d + j]`, for `b < blocks − 2`.
  ///
  /// Each is how many of feature `j`'s entries lie in blocks `0 ... b`. The boundary before the last block is not stored: the last block
  /// finds its run by scanning back from the feature's end, the one before it by scanning
  /// forward, both while the document index stays on their side (so two blocks, the usual
  /// case, need no cuts at all).
  private let cuts: [UInt32]

  /// Transposes `matrix` along the blocks of `partition`.
  ///
  /// - Parameters:
  ///   - matrix: `X`, `n × d`, with fewer than 2³² entries in each column.
  ///   - partition: A partition of `matrix`'s rows; its blocks also run the transpose on as
  ///     many threads.
  /// - Complexity: O(n + blocks · d + nnz) time, as ``SparseMatrix/transposed(blockCount:)``.
  public init(_ matrix: SparseMatrix, partition: RowPartition) {
    let columns = matrix.columnCount
    let interior = Swift.max(partition.blocks.count - 2, 0)
    var cuts = [UInt32](repeating: 0, count: interior * columns)
    let transposed = cuts.withUnsafeMutableBufferPointer { cuts in
      matrix.transposed(partition: partition) { starts, ends in
        for block in 0..<interior {
          let base = block * columns
          for column in 0..<columns {
            cuts[base + column] = UInt32(ends[base + column] - starts[column])
          }
        }
      }
    }
    self.storage = .memory(transposed)
    self.partition = partition
    self.cuts = cuts
  }

  /// Wraps a transpose that lives in memory `owner` keeps alive (a mapped file), with the
  /// partition and cuts it was built with (``blockCuts``).
  ///
  /// - Parameters:
  ///   - view: `Xᵀ`, `d × n`, satisfying ``SparseMatrix``'s invariants (checked by whoever
  ///     wrote and mapped it).
  ///   - owner: Keeps the view's memory alive as long as this value (and its copies) live.
  ///   - partition: The row blocks of `X` the cuts follow.
  ///   - cuts: `(blocks − 2) · d` cuts, as ``blockCuts`` returned them.
  public init(
    mapped view: SparseRowsView, owner: any AnyObject & Sendable, partition: RowPartition,
    cuts: [UInt32]
  ) {
    precondition(
      cuts.count == Swift.max(partition.blocks.count - 2, 0) * view.rowCount
        && (partition.blocks.last?.upperBound ?? 0) == view.columnCount,
      "PartitionedTranspose: cuts or partition do not fit the matrix")
    self.storage = .mapped(view, owner: owner)
    self.partition = partition
    self.cuts = cuts
  }

  /// The cuts between the interior row blocks, for storing this transpose with its
  /// partition (see ``init(mapped:owner:partition:cuts:)``).
  public var blockCuts: [UInt32] { cuts }

  /// Calls `body` with `Xᵀ`, wherever it lives; the view is valid only during the call.
  ///
  /// - Parameter body: Receives `Xᵀ`, `d × n`.
  /// - Returns: What `body` returns.
  public func withTransposed<R>(_ body: (SparseRowsView) throws -> R) rethrows -> R {
    switch storage {
    case .memory(let matrix): return try matrix.withRowsView(body)
    case .mapped(let view, _): return try body(view)
    }
  }

  /// The number of rows of `X`.
  public var rowCount: Int {
    switch storage {
    case .memory(let matrix): return matrix.columnCount
    case .mapped(let view, _): return view.columnCount
    }
  }
  /// The number of columns (features) of `X`.
  public var columnCount: Int {
    switch storage {
    case .memory(let matrix): return matrix.rowCount
    case .mapped(let view, _): return view.rowCount
    }
  }

  /// Computes the rows of block `block` of `X·W` into `output`:
  /// `output[i·K + k] = Σⱼ X[i, j]·W[j, k]` for `i` in `partition.blocks[block]`.
  ///
  /// The output is indexed by absolute row, so the blocks can fill one buffer from several
  /// threads; rows outside the block are not touched.
  ///
  /// - Parameters:
  ///   - weights: `W`, `d × classes`, row-major (feature-major).
  ///   - classes: `K`.
  ///   - block: A block of ``partition``.
  ///   - output: At least `n × classes` elements.
  /// - Complexity: O(d + K · entries in the block).
  public func multiply(
    _ weights: UnsafeBufferPointer<Double>, classes: Int, block: Int,
    into output: UnsafeMutableBufferPointer<Double>
  ) {
    precondition(weights.count >= columnCount * classes)
    multiply(
      classes: classes, block: block, into: output, value: { Double($0) },
      weight: { weights[$0] })
  }

  /// As ``multiply(_:classes:block:into:)`` entirely in single precision: `Float` weights
  /// and a `Float` output, each output element accumulated in `Float` over its row's
  /// features in increasing feature order.
  ///
  /// For products that tolerate a relative error of about `√m·6·10⁻⁸` (`m` the row's
  /// entries), such as the Hessian products inside Newton's conjugate gradients: the random
  /// read-modify-writes land in `rows × K` floats instead of doubles, half the cache (the
  /// gain is measured in `Benchmarks/results/2026-12-07-doc-comment-figures.md`).
  ///
  /// - Complexity: O(d + K · entries in the block).
  public func multiply(
    _ weights: UnsafeBufferPointer<Float>, classes: Int, block: Int,
    into output: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(weights.count >= columnCount * classes)
    multiply(
      classes: classes, block: block, into: output, value: { $0 }, weight: { weights[$0] })
  }

  /// The scatter kernel, specialised per precision and way of reading the weights.
  ///
  /// One piece on purpose: the three class-count loops share the inlined `forEachEntry`
  /// over the block's buffers, entered once; split into functions, that closure would
  /// cross a call boundary inside the solver's hottest loop.
  @inline(__always)
  private func multiply<Scalar: BinaryFloatingPoint>(
    classes: Int, block: Int, into output: UnsafeMutableBufferPointer<Scalar>,
    value widen: (Float) -> Scalar, weight weights: (Int) -> Scalar
  ) {
    let features = columnCount
    precondition(output.count >= rowCount * classes)
    let rows = partition.blocks[block]
    for entry in (rows.lowerBound * classes)..<(rows.upperBound * classes) { output[entry] = 0 }
    let blocks = partition.blocks.count
    let lowBase = (block - 1) * features
    let highBase = block * features
    // How the block finds a feature's run: between two stored cuts (or the feature's ends),
    // forward from its start until the next block's documents, or back from the feature's
    // end while the documents are the block's own.
    let scansForward = block == blocks - 2
    let scansBack = block == blocks - 1 && blocks > 1
    let (firstRow, nextRow) = (Int32(rows.lowerBound), Int32(rows.upperBound))
    cuts.withUnsafeBufferPointer { cuts in
      withTransposed { view in
        let (starts, documents, values) = (view.starts, view.columns, view.values)
        // Calls `body` with each of feature j's entries inside the block.
        @inline(__always) func forEachEntry(_ feature: Int, _ body: (Int) -> Void) {
          let start = starts[feature]
          if scansBack {
            var entry = starts[feature &+ 1] &- 1
            while entry >= start && documents[entry] >= firstRow {
              body(entry)
              entry &-= 1
            }
            return
          }
          var entry = block == 0 ? start : start &+ Int(cuts[lowBase &+ feature])
          if scansForward {
            let end = starts[feature &+ 1]
            while entry < end && documents[entry] < nextRow {
              body(entry)
              entry &+= 1
            }
            return
          }
          let end = blocks == 1 ? starts[feature &+ 1] : start &+ Int(cuts[highBase &+ feature])
          while entry < end {
            body(entry)
            entry &+= 1
          }
        }
        // Each output element gets its terms in increasing feature order, as the CSR
        // gather forms them, so both give the same bits.
        switch classes {
        case 3:
          for feature in 0..<features {
            let w = feature &* 3
            let (w0, w1, w2) = (weights(w), weights(w &+ 1), weights(w &+ 2))
            forEachEntry(feature) { entry in
              let value = widen(values[entry])
              let out = Int(documents[entry]) &* 3
              output[out] += value * w0
              output[out &+ 1] += value * w1
              output[out &+ 2] += value * w2
            }
          }
        case 2:
          for feature in 0..<features {
            let (w0, w1) = (weights(feature &* 2), weights(feature &* 2 &+ 1))
            forEachEntry(feature) { entry in
              let value = widen(values[entry])
              let out = Int(documents[entry]) &* 2
              output[out] += value * w0
              output[out &+ 1] += value * w1
            }
          }
        default:
          for feature in 0..<features {
            let w = feature * classes
            forEachEntry(feature) { entry in
              let value = widen(values[entry])
              let out = Int(documents[entry]) * classes
              for k in 0..<classes { output[out + k] += value * weights(w + k) }
            }
          }
        }
      }
    }
  }
}
