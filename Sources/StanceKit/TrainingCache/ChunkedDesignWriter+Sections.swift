import Classifier
import DataFiles
import LinearAlgebra
import StanceSupport

extension ChunkedDesignWriter {
  /// Writes every section into `file` (pass 3 scatters the matrix), then the checksum and
  /// the header.
  static func fillSections(
    _ file: WritableMapping, header: TrainingCacheLayout.Counts, rows: Rows, counts: [Int],
    folding: Folding, labels: [Int], partition: RowPartition
  ) throws {
    let offsets = header.offsets.starts
    let featureStarts = transposedStarts(counts: counts, folding: folding)
    file.store(featureStarts.map { Int64($0) }, at: offsets[0])
    let cuts = file.elements(UInt32.self, at: offsets[5], count: header.cuts)
    try scatter(
      rows, folding: folding, partition: partition, featureStarts: featureStarts,
      documents: file.elements(Int32.self, at: offsets[1], count: header.entries),
      values: file.elements(Float.self, at: offsets[2], count: header.entries), cuts: cuts)
    file.store(labels.map { Int32(truncatingIfNeeded: $0) }, at: offsets[3])
    file.store(partition.blocks.map { Int64($0.upperBound) }, at: offsets[4])
    if !folding.isIdentity {
      file.store(folding.targets, at: offsets[6])
      file.store(folding.singletonValues, at: offsets[7])
      file.store(folding.foldedSquares, at: offsets[8])
    }
    let headerLength = TrainingCacheLayout.headerLength
    var crc = CRC32C()
    crc.update(UnsafeRawBufferPointer(rebasing: file.bytes[headerLength...]))
    file.store(TrainingCacheLayout.header(counts: header, checksum: crc.checksum), at: 0)
  }

  /// `Xᵀ`'s row pointers: a kept column holds its count of entries, a folded column one.
  private static func transposedStarts(counts: [Int], folding: Folding) -> [Int] {
    var lengths = [Int](repeating: 1, count: folding.foldedColumnCount)
    for column in 0..<folding.columns {
      let target = folding.isIdentity ? column : Int(folding.targets[column])
      if target >= 0 && target < folding.kept { lengths[target] = counts[column] }
    }
    var starts = [0]
    starts.reserveCapacity(lengths.count + 1)
    for length in lengths { starts.append(starts[starts.count - 1] + length) }
    return starts
  }

  /// Pass 3: scatters every folded row, in row order, into its features' runs of `Xᵀ`;
  /// as each interior block of the partition ends, records how many of each feature's
  /// entries lie in the blocks so far.
  private static func scatter(
    _ rows: Rows, folding: Folding, partition: RowPartition, featureStarts: [Int],
    documents: UnsafeMutableBufferPointer<Int32>, values: UnsafeMutableBufferPointer<Float>,
    cuts: UnsafeMutableBufferPointer<UInt32>
  ) throws {
    let features = folding.foldedColumnCount
    let interior = max(partition.blocks.count - 2, 0)
    var cursors = Array(featureStarts.dropLast())
    var row = 0
    var block = 0
    func put(_ feature: Int, _ value: Float) {
      documents[cursors[feature]] = Int32(truncatingIfNeeded: row)
      values[cursors[feature]] = value
      cursors[feature] += 1
    }
    try rows { chunk in
      chunk.withUnsafeBuffers { starts, indices, entries in
        for local in 0..<chunk.rowCount {
          var foldedColumn = -1
          for entry in starts[local]..<starts[local + 1] {
            let column = Int(indices[entry])
            let target = folding.isIdentity ? column : Int(folding.targets[column])
            if target >= 0 && target < folding.kept {
              put(target, entries[entry])
            } else if target >= folding.kept {
              foldedColumn = target
            }
          }
          if foldedColumn >= 0 {
            // The value the folded column stores: Float(a), a² summed in pass 2.
            put(
              foldedColumn, Float(folding.foldedSquares[foldedColumn - folding.kept].squareRoot()))
          }
          row += 1
          while block < interior && row == partition.blocks[block].upperBound {
            for feature in 0..<features {
              cuts[block * features + feature] = UInt32(
                truncatingIfNeeded: cursors[feature] - featureStarts[feature])
            }
            block += 1
          }
        }
      }
    }
  }
}
