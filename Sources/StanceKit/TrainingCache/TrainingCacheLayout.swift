import Classifier
import DataFiles
import LinearAlgebra
import StanceSupport

/// The binary file of an out-of-core training cache, `design.bin`: the prepared training
/// matrix exactly as the solver reads it, ready to be memory-mapped.
///
/// Layout (little-endian; every section starts at a multiple of 8 bytes, zero padding
/// between sections; documented with the rest of the cache in docs/out-of-core.md):
///
/// ```
/// header (128 bytes)
///   0  magic "STKCACHE"           8 bytes
///   8  format version              u32 (1)
///  12  header length               u32 (128)
///  16  rows n (documents)          u64      24  folded features d'  u64
///  32  entries nnz                 u64      40  classes K           u64
///  48  row blocks B                u64      56  cuts                u64   (max(B − 2, 0)·d')
///  64  features d                  u64      72  kept features       u64
///  80  folding targets t (0 or d)  u64      88  folded columns f    u64
///  96  data fingerprint            u64     104  reserved (0)        16 bytes
/// 120  CRC-32C of every byte after the header   u32,   124 reserved u32
/// sections
///   feature starts    i64 × (d' + 1)   Xᵀ's row pointers, from 0 to nnz
///   documents         i32 × nnz        Xᵀ's columns: increasing within a feature
///   values            f32 × nnz
///   labels            i32 × n          class index of every document
///   block ends        i64 × B          the row partition of X
///   cuts              u32 × cuts       PartitionedTranspose's interior cuts
///   targets           i32 × t          singleton folding: each feature's folded column or −1
///   singleton values  f32 × t
///   folded squares    f64 × f
/// ```
///
/// The row pointers, columns and values are mapped and read in place; the small sections
/// (labels, partition, cuts, folding) are copied out. The checksum is verified once when
/// the file is opened (one sequential pass), so a damaged file is refused before training.
public enum TrainingCacheLayout {
  /// The first eight bytes.
  static let magic: [UInt8] = Array("STKCACHE".utf8)
  /// The format version this StanceKit writes and reads.
  public static let version = 1
  /// The header's length.
  static let headerLength = 128

  /// The header's counts.
  struct Counts: Equatable {
    var rows = 0
    var foldedFeatures = 0
    var entries = 0
    var classes = 0
    var blocks = 0
    var cuts = 0
    var features = 0
    var keptFeatures = 0
    var targets = 0
    var foldedColumns = 0
    var fingerprint: UInt64 = 0

    /// The byte length of each section, in file order.
    var sectionLengths: [Int] {
      [
        (foldedFeatures + 1) * 8, entries * 4, entries * 4, rows * 4, blocks * 8, cuts * 4,
        targets * 4, targets * 4, foldedColumns * 8,
      ]
    }

    /// Where each section starts, and the file's total length.
    var offsets: (starts: [Int], total: Int) {
      var offset = TrainingCacheLayout.headerLength
      var starts: [Int] = []
      for length in sectionLengths {
        starts.append(offset)
        offset += (length + 7) / 8 * 8
      }
      return (starts, offset)
    }
  }

  /// Writes `design` and `labels` to `path` atomically.
  ///
  /// - Parameters:
  ///   - design: The prepared matrix.
  ///   - labels: The class index of every row.
  ///   - classes: `K`.
  ///   - fingerprint: The data fingerprint recorded in the header.
  ///   - path: The file to write.
  /// - Throws: ``OutputError`` when the file cannot be written.
  /// - Complexity: O(nnz + n + d): one checksum pass and one write.
  static func write(
    _ design: TrainingDesign, labels: [Int], classes: Int, fingerprint: UInt64, to path: String
  ) throws(OutputError) {
    let folding = design.foldingState
    let partition = design.design.partition
    let cuts = design.design.blockCuts
    let labels32 = labels.map { Int32(truncatingIfNeeded: $0) }
    let blockEnds = partition.blocks.map { Int64($0.upperBound) }
    let writer = try AtomicFileWriter(path: path)
    let result = design.design.withTransposed { view in
      Result { () throws(OutputError) in
        var counts = Counts()
        counts.rows = design.rowCount
        counts.foldedFeatures = view.rowCount
        counts.entries = view.nonzeroCount
        counts.classes = classes
        counts.blocks = partition.blocks.count
        counts.cuts = cuts.count
        counts.features = folding.originalColumnCount
        counts.keptFeatures = folding.keptColumnCount
        counts.targets = folding.targets.count
        counts.foldedColumns = folding.foldedSquares.count
        counts.fingerprint = fingerprint
        // The small sections are copied to bytes; the matrix is written from where it is.
        let small = [
          bytes(of: labels32), bytes(of: blockEnds), bytes(of: cuts), bytes(of: folding.targets),
          bytes(of: folding.singletonValues), bytes(of: folding.foldedSquares),
        ]
        let matrix = [
          UnsafeRawBufferPointer(view.starts), UnsafeRawBufferPointer(view.columns),
          UnsafeRawBufferPointer(view.values),
        ]
        try writeSections(matrix: matrix, small: small, counts: counts, to: writer)
      }
    }
    do {
      try result.get()
      try writer.commit()
    } catch {
      writer.discard()
      throw error
    }
  }

  /// The bytes of `values` as stored (little-endian on every platform StanceKit runs on).
  private static func bytes<T>(of values: [T]) -> [UInt8] {
    values.withUnsafeBytes { Array($0) }
  }

  /// The 128 header bytes for `counts` and the checksum of every byte after the header.
  static func header(counts: Counts, checksum: UInt32) -> [UInt8] {
    var header = magic
    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { header.append(contentsOf: $0) }
    }
    append(UInt32(version))
    append(UInt32(headerLength))
    for value in [
      counts.rows, counts.foldedFeatures, counts.entries, counts.classes, counts.blocks,
      counts.cuts, counts.features, counts.keptFeatures, counts.targets, counts.foldedColumns,
    ] {
      append(UInt64(value))
    }
    append(counts.fingerprint)
    header += [UInt8](repeating: 0, count: 16)
    append(checksum)
    append(UInt32(0))
    return header
  }

  /// Writes the header (with the checksum of the padded sections) and the sections.
  private static func writeSections(
    matrix: [UnsafeRawBufferPointer], small: [[UInt8]], counts: Counts,
    to writer: AtomicFileWriter
  ) throws(OutputError) {
    var crc = CRC32C()
    let zeros = [UInt8](repeating: 0, count: 8)
    func padding(_ length: Int) -> [UInt8] { Array(zeros[0..<((8 - length % 8) % 8)]) }
    for section in matrix {
      crc.update(section)
      crc.update(padding(section.count))
    }
    for section in small {
      crc.update(section)
      crc.update(padding(section.count))
    }
    try writer.write(header(counts: counts, checksum: crc.checksum))
    for section in matrix {
      try writer.write(section)
      try writer.write(padding(section.count))
    }
    for section in small {
      try writer.write(section)
      try writer.write(padding(section.count))
    }
  }
}
