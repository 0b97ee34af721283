import Classifier
import DataFiles
import Foundation
import LinearAlgebra
import StanceSupport

/// Writes `design.bin` (``TrainingCacheLayout``) from the training matrix's rows delivered
/// chunk by chunk, never holding the matrix, its folded copy or its transpose: the same
/// bytes as ``TrainingCacheLayout/write(_:labels:classes:fingerprint:to:)`` writes for
/// `TrainingDesign(features: X, threads: blockCount)`.
///
/// Three passes over the rows (``Rows`` delivers them again for each):
/// 1. count every column's entries: two or more keep the column (numbered in order), one
///    makes it a singleton, none leaves it empty (``SingletonColumnFolding``'s rule);
/// 2. fold every row: its length after folding, its folded column (numbered in row order),
///    the singleton values and the folded squares; then the row partition from the folded
///    lengths, and `Xᵀ`'s row pointers from the counts (a kept column's entries are its
///    count, a folded column has one);
/// 3. scatter every folded row into `Xᵀ` inside the output file, mapped for writing,
///    recording the interior block cuts as the rows cross the block ends.
///
/// The checksum is then taken over the mapped file and the header written last; the file
/// is renamed into place only when complete.
///
/// Memory: O(d) (column counts, targets, singleton values, cursors), O(n) (folded row
/// starts, labels), the cuts, and one chunk of rows. The O(nnz) sections live in the file's
/// pages, which the kernel writes back and may drop; the scatter writes them in feature
/// order per row, so a matrix much larger than RAM is written at the speed of the disk.
struct ChunkedDesignWriter {
  /// Delivers `X`'s rows in order, as consecutive row chunks with the same column count,
  /// to `body`; called once per pass.
  typealias Rows = (_ body: (SparseMatrix) throws -> Void) throws -> Void

  /// Marks a column with one entry until pass 2 gives it its folded column.
  private static let singletonMark = Int32(-2)

  /// The folding learned in pass 2.
  struct Folding {
    /// `d`.
    var columns: Int
    /// The kept columns, first in the folded matrix.
    var kept: Int
    /// Every original column's folded column, or −1.
    var targets: [Int32]
    /// Every folded original column's value; 0 for the others.
    var singletonValues: [Float]
    /// Every folded column's sum of squares.
    var foldedSquares: [Double]
    /// The folded rows' starts (`n + 1`).
    var rowStarts: [Int]

    /// Whether nothing folds (every column has two entries or more).
    var isIdentity: Bool { kept == columns }
    /// `d'`.
    var foldedColumnCount: Int { kept + foldedSquares.count }
  }

  /// Writes the design of the rows `rows` delivers to `path`.
  ///
  /// - Parameters:
  ///   - rows: `X`, `n × d`, finite values, delivered once per pass.
  ///   - labels: The class index of every row (`n`).
  ///   - classes: `K`.
  ///   - blockCount: The row blocks of the partition (the training threads).
  ///   - fingerprint: The data fingerprint recorded in the header.
  ///   - path: The file to write.
  /// - Throws: ``OutputError`` when the file cannot be written; whatever `rows` throws.
  /// - Complexity: O(n + d + nnz) time in three passes.
  static func write(
    rows: Rows, labels: [Int], classes: Int, blockCount: Int, fingerprint: UInt64,
    to path: String
  ) throws {
    let (counts, columns) = try columnCounts(rows)
    let folding = try fold(rows, counts: counts, columns: columns)
    let partition = folding.rowStarts.withUnsafeBufferPointer {
      RowPartition(rowStarts: $0, blockCount: blockCount)
    }
    var header = TrainingCacheLayout.Counts()
    header.rows = labels.count
    header.foldedFeatures = folding.foldedColumnCount
    header.entries = folding.rowStarts.last ?? 0
    header.classes = classes
    header.blocks = partition.blocks.count
    header.cuts = max(partition.blocks.count - 2, 0) * folding.foldedColumnCount
    header.features = columns
    header.keptFeatures = folding.kept
    header.targets = folding.isIdentity ? 0 : columns
    header.foldedColumns = folding.foldedSquares.count
    header.fingerprint = fingerprint
    let file = try WritableMapping(path: partialPath(path), length: header.offsets.total)
    do {
      try fillSections(
        file, header: header, rows: rows, counts: counts, folding: folding, labels: labels,
        partition: partition)
    } catch {
      file.discard()
      throw error
    }
    try file.finish(renamingTo: path)
  }

  /// Where `path` is written until it is complete: a hidden file beside it, which
  /// ``TrainingCache`` tolerates in a folder without a manifest (an interrupted build).
  static func partialPath(_ path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    return folder + "." + name + ".partial"
  }

  /// Pass 1: every column's entry count, and `d`.
  private static func columnCounts(_ rows: Rows) throws -> (counts: [Int], columns: Int) {
    var counts: [Int] = []
    try rows { chunk in
      if counts.isEmpty { counts = [Int](repeating: 0, count: chunk.columnCount) }
      precondition(chunk.columnCount == counts.count, "ChunkedDesignWriter: column counts differ")
      for column in chunk.columnIndices { counts[Int(column)] += 1 }
    }
    return (counts, counts.count)
  }

  /// Pass 2: numbers the kept columns, then folds every row as
  /// ``SingletonColumnFolding`` does (same numbering, same sums in the same order).
  private static func fold(_ rows: Rows, counts: [Int], columns: Int) throws -> Folding {
    var targets = [Int32](repeating: -1, count: columns)
    var kept = 0
    for column in 0..<columns {
      if counts[column] >= 2 {
        targets[column] = Int32(kept)
        kept += 1
      } else if counts[column] == 1 {
        targets[column] = singletonMark
      }
    }
    var folding = Folding(
      columns: columns, kept: kept, targets: targets, singletonValues: [], foldedSquares: [],
      rowStarts: [0])
    if folding.isIdentity {
      try rows { chunk in
        chunk.withUnsafeBuffers { starts, _, _ in
          for row in 0..<chunk.rowCount {
            folding.rowStarts.append(
              folding.rowStarts[folding.rowStarts.count - 1] + starts[row + 1] - starts[row])
          }
        }
      }
      folding.targets = []
      return folding
    }
    folding.singletonValues = [Float](repeating: 0, count: columns)
    try rows { chunk in foldRows(chunk, into: &folding) }
    // Singletons stored as explicit zeros have weight 0, like empty columns.
    for column in 0..<columns where folding.targets[column] == singletonMark {
      folding.targets[column] = -1
    }
    return folding
  }

  /// Folds the rows of one chunk: appends their folded starts, numbers their folded
  /// columns and records their singleton values and squares.
  private static func foldRows(_ chunk: SparseMatrix, into folding: inout Folding) {
    chunk.withUnsafeBuffers { starts, indices, values in
      for row in 0..<chunk.rowCount {
        var length = 0
        var sum = 0.0
        var folds = false
        let entries = starts[row]..<starts[row + 1]
        for entry in entries {
          let target = folding.targets[Int(indices[entry])]
          if target >= 0 {
            length += 1
          } else if target == singletonMark && values[entry] != 0 {
            sum += Double(values[entry]) * Double(values[entry])
            folds = true
          }
        }
        if folds {
          let folded = Int32(folding.foldedColumnCount)
          folding.foldedSquares.append(sum)
          length += 1
          for entry in entries where values[entry] != 0 {
            let column = Int(indices[entry])
            if folding.targets[column] == singletonMark {
              folding.targets[column] = folded
              folding.singletonValues[column] = values[entry]
            }
          }
        }
        folding.rowStarts.append(folding.rowStarts[folding.rowStarts.count - 1] + length)
      }
    }
  }
}
