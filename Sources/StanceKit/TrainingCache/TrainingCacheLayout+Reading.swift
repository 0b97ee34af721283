import Classifier
import DataFiles
import LinearAlgebra
import StanceSupport

extension TrainingCacheLayout {
  /// A mapped `design.bin`: the prepared matrix (its transpose read in place from the
  /// mapping) and the class index of every row.
  struct Opened {
    /// The prepared matrix; it keeps the mapping alive.
    var design: TrainingDesign
    /// The class index of every row.
    var labels: [Int]
    /// `K`.
    var classes: Int
    /// The data fingerprint the file was built for.
    var fingerprint: UInt64
  }

  /// Maps `path` and checks it: magic, version, length, checksum, and the invariants the
  /// solver relies on that the checksum does not prove (row pointers, labels, partition).
  ///
  /// - Parameters:
  ///   - path: A `design.bin`.
  ///   - threads: Threads for the checksum pass.
  /// - Returns: The design over the mapping.
  /// - Throws: ``TrainingCacheError`` for a missing, truncated, newer or damaged file.
  /// - Complexity: O(file size) for the checksum, read once sequentially.
  static func open(path: String, threads: Int) throws(TrainingCacheError) -> Opened {
    let file: MappedFile
    do {
      file = try MappedFile(path: path)
    } catch {
      throw .corrupt(file: path, problem: "cannot be read")
    }
    // The bytes stay valid as long as `file` lives: a mapping until its deinit, or an
    // immutable buffer it owns. The design keeps `file` alive with its view.
    let bytes = file.withBytes { $0 }
    let counts = try header(bytes, path: path)
    let (starts, total) = counts.offsets
    guard bytes.count == total else {
      throw .corrupt(file: path, problem: "\(bytes.count) bytes where the header says \(total)")
    }
    let payload = UnsafeRawBufferPointer(rebasing: bytes[headerLength...])
    let stored = bytes.loadUnaligned(fromByteOffset: 120, as: UInt32.self).littleEndian
    guard CRC32C.checksum(concatenating: [payload], threads: threads) == stored else {
      throw .corrupt(file: path, problem: "checksum mismatch")
    }
    func section<T>(_ index: Int, _ count: Int, as type: T.Type) -> UnsafeBufferPointer<T> {
      let start = bytes.baseAddress.map { $0 + starts[index] }
      return UnsafeBufferPointer(start: start?.assumingMemoryBound(to: T.self), count: count)
    }
    let view = SparseRowsView(
      rowCount: counts.foldedFeatures, columnCount: counts.rows,
      starts: section(0, counts.foldedFeatures + 1, as: Int.self),
      columns: section(1, counts.entries, as: Int32.self),
      values: section(2, counts.entries, as: Float.self))
    let labels = section(3, counts.rows, as: Int32.self).map { Int($0) }
    let ends = section(4, counts.blocks, as: Int64.self).map { Int($0) }
    try checkStructure(view, labels: labels, ends: ends, counts: counts, path: path)
    let partition = RowPartition(blocks: zip([0] + ends.dropLast(), ends).map { $0..<$1 })
    let folding = TrainingDesign.FoldingState(
      originalColumnCount: counts.features, keptColumnCount: counts.keptFeatures,
      targets: Array(section(6, counts.targets, as: Int32.self)),
      singletonValues: Array(section(7, counts.targets, as: Float.self)),
      foldedSquares: Array(section(8, counts.foldedColumns, as: Double.self)))
    guard folding.isConsistent(withFoldedColumns: counts.foldedFeatures) else {
      throw .corrupt(file: path, problem: "the feature folding does not fit the matrix")
    }
    let design = PartitionedTranspose(
      mapped: view, owner: file, partition: partition,
      cuts: Array(section(5, counts.cuts, as: UInt32.self)))
    return Opened(
      design: TrainingDesign(design: design, foldingState: folding), labels: labels,
      classes: counts.classes, fingerprint: counts.fingerprint)
  }

  /// Reads and checks the header.
  private static func header(
    _ bytes: UnsafeRawBufferPointer, path: String
  ) throws(TrainingCacheError) -> Counts {
    guard bytes.count >= headerLength, Array(bytes[0..<8]) == magic else {
      throw .corrupt(file: path, problem: "not a training cache file")
    }
    func u32(_ offset: Int) -> Int {
      Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
    }
    func u64(_ offset: Int) -> UInt64 {
      bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }
    guard u32(8) <= version else { throw .newerVersion(file: path, version: u32(8)) }
    guard u32(8) == version, u32(12) == headerLength else {
      throw .corrupt(file: path, problem: "unknown header")
    }
    // Each count is bounded so the section arithmetic cannot overflow.
    let limit = UInt64(1) << 40
    let values = stride(from: 16, through: 88, by: 8).map { u64($0) }
    guard values.allSatisfy({ $0 < limit }) else {
      throw .corrupt(file: path, problem: "a count is out of range")
    }
    var counts = Counts()
    let ints = values.map { Int($0) }
    (counts.rows, counts.foldedFeatures, counts.entries, counts.classes) = (
      ints[0], ints[1], ints[2], ints[3]
    )
    (counts.blocks, counts.cuts, counts.features, counts.keptFeatures) = (
      ints[4], ints[5], ints[6], ints[7]
    )
    (counts.targets, counts.foldedColumns) = (ints[8], ints[9])
    counts.fingerprint = u64(96)
    return counts
  }

  /// Checks what the solver trusts and the checksum cannot prove was written right.
  private static func checkStructure(
    _ view: SparseRowsView, labels: [Int], ends: [Int], counts: Counts, path: String
  ) throws(TrainingCacheError) {
    let starts = view.starts
    var monotone = starts.first == 0 && starts.last == counts.entries
    for index in 1..<starts.count where starts[index] < starts[index - 1] { monotone = false }
    guard monotone else { throw .corrupt(file: path, problem: "row pointers out of order") }
    guard counts.classes >= 2, labels.allSatisfy({ $0 >= 0 && $0 < counts.classes }) else {
      throw .corrupt(file: path, problem: "a label is out of range")
    }
    let blocksFit =
      !ends.isEmpty && ends.last == counts.rows
      && zip([0] + ends.dropLast(), ends).allSatisfy { $0 < $1 }
      && counts.cuts == max(ends.count - 2, 0) * counts.foldedFeatures
    guard blocksFit else { throw .corrupt(file: path, problem: "the row blocks do not fit") }
  }
}
