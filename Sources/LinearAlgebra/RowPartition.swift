import StanceSupport

/// A split of a matrix's rows into contiguous blocks of roughly equal work, for running a
/// row-wise kernel on several threads.
///
/// Blocks are balanced by stored entries (plus one per row, for the per-row overhead), so
/// a few long documents do not leave one thread doing most of the work. The partition
/// depends only on the matrix and the block count, so results that are combined block by
/// block in order are deterministic for a given block count. Kernels whose every output
/// element is computed inside one block (such as `multiply` on rows) give the same result
/// for any block count.
public struct RowPartition: Sendable, Equatable {
  /// The row ranges, in order, covering `0 ..< rowCount` without gaps or overlap.
  ///
  /// Empty blocks are dropped, so there may be fewer blocks than requested.
  public let blocks: [Range<Int>]

  /// Splits the rows of `matrix` into at most `blockCount` blocks.
  ///
  /// - Parameters:
  ///   - matrix: The matrix whose rows are split.
  ///   - blockCount: The desired number of blocks, at least 1.
  /// - Complexity: O(rowCount).
  public init(_ matrix: SparseMatrix, blockCount: Int) {
    self = matrix.withRowsView { RowPartition($0, blockCount: blockCount) }
  }

  /// Splits the rows of `matrix` into at most `blockCount` blocks; as
  /// the initializer over a ``SparseMatrix``, for a matrix wherever it lives.
  ///
  /// - Parameters:
  ///   - matrix: The matrix whose rows are split.
  ///   - blockCount: The desired number of blocks, at least 1.
  /// - Complexity: O(rowCount).
  public init(_ matrix: SparseRowsView, blockCount: Int) {
    self.init(rowStarts: matrix.starts, blockCount: blockCount)
  }

  /// Splits rows given only by their starts (`rowCount + 1` prefix sums of the row
  /// lengths, from 0) into at most `blockCount` blocks; as the initializer over a
  /// ``SparseMatrix``, for a matrix whose entries are not at hand (the out-of-core cache
  /// builds its partition before it writes the entries).
  ///
  /// - Parameters:
  ///   - starts: The row starts.
  ///   - blockCount: The desired number of blocks, at least 1.
  /// - Complexity: O(rowCount).
  public init(rowStarts starts: UnsafeBufferPointer<Int>, blockCount: Int) {
    precondition(blockCount >= 1, "RowPartition: blockCount must be at least 1")
    precondition(!starts.isEmpty, "RowPartition: row starts must hold rowCount + 1 values")
    let rows = starts.count - 1
    let total = starts[rows] + rows
    var blocks: [Range<Int>] = []
    var start = 0
    var row = 0
    for block in 1...blockCount where start < rows {
      let target = total * block / blockCount
      while row < rows && starts[row] + row < target { row += 1 }
      if block == blockCount { row = rows }
      if row > start {
        blocks.append(start..<row)
        start = row
      }
    }
    if start < rows { blocks.append(start..<rows) }
    self.blocks = blocks
  }

  /// A partition with the given blocks, as stored with a ``PartitionedTranspose``.
  ///
  /// - Parameter blocks: Contiguous, non-empty row ranges from 0, in order.
  public init(blocks: [Range<Int>]) {
    precondition(
      zip(blocks, blocks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }
        && (blocks.first?.lowerBound ?? 0) == 0 && blocks.allSatisfy { !$0.isEmpty },
      "RowPartition: blocks must be contiguous and non-empty")
    self.blocks = blocks
  }

  /// Runs `body` once per block, concurrently when there is more than one block.
  ///
  /// `body` receives the block's position and its rows; it must only write to memory no
  /// other block writes.
  ///
  /// - Parameter body: The work for one block.
  public func forEachBlock(_ body: (Int, Range<Int>) -> Void) {
    let blocks = self.blocks
    Parallel.forEach(blocks.count) { index in body(index, blocks[index]) }
  }
}
