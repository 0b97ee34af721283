import Classifier
import Foundation
import LinearAlgebra
import StanceTestSupport
import Testing

@testable import StanceKit

/// Building the training cache in chunks (``ChunkedDesignWriter``) writes the same
/// `design.bin`, byte for byte, as preparing the whole matrix in memory.
@Suite struct ChunkedDesignWriterTests {
  /// The parity fixture's texts and class indices.
  private static func corpus() throws -> (texts: [String], classes: [Int], count: Int) {
    let dataset = try Dataset.read(path: Fixtures.data("fixtures/parity/train.csv").path)
    let names = Array(Set(dataset.labels)).sorted()
    let classes = dataset.labels.map { names.firstIndex(of: $0) ?? -1 }
    return (dataset.texts, classes, names.count)
  }

  /// The first byte offset where `a` and `b` differ, `nil` when they are equal (a short
  /// message instead of two whole files when a test fails).
  private static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
    if let offset = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) { return offset }
    return a.count == b.count ? nil : min(a.count, b.count)
  }

  /// `design.bin` as the whole-matrix writer writes it.
  private static func wholeDesign(
    _ matrix: SparseMatrix, classes: [Int], classCount: Int, threads: Int, folder: TemporaryFolder
  ) throws -> [UInt8] {
    let path = folder.file("whole.bin")
    try TrainingCacheLayout.write(
      TrainingDesign(features: matrix, threads: threads), labels: classes, classes: classCount,
      fingerprint: 0x5EED, to: path)
    return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// `design.bin` written from `matrix` delivered `chunkRows` rows at a time.
  private static func chunkedDesign(
    _ matrix: SparseMatrix, chunkRows: Int, classes: [Int], classCount: Int, threads: Int,
    folder: TemporaryFolder
  ) throws -> [UInt8] {
    let path = folder.file("chunked.bin")
    try ChunkedDesignWriter.write(
      rows: { body in
        for start in stride(from: 0, to: matrix.rowCount, by: chunkRows) {
          let end = min(start + chunkRows, matrix.rowCount)
          try body(matrix.selectingRows(Array(start..<end)))
        }
      }, labels: classes, classes: classCount, blockCount: threads, fingerprint: 0x5EED,
      to: path)
    return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// Vocabulary and hashing; one, two and three row blocks (three stores interior cuts);
  /// chunks of one row, seven rows and the whole matrix.
  @Test(arguments: [
    (nil, 1, 1), (nil, 2, 7), (nil, 3, 1), (nil, 3, 7), (nil, 3, 100_000), (Optional(12), 3, 7),
  ])
  func sameBytesAsTheWholeMatrix(hashBits: Int?, threads: Int, chunkRows: Int) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let (texts, classes, classCount) = try Self.corpus()
    let configuration = VectorizerConfiguration(hashBits: hashBits, threads: threads)
    let matrix = try Vectorizer.fitTransform(texts, configuration: configuration).matrix
    let whole = try Self.wholeDesign(
      matrix, classes: classes, classCount: classCount, threads: threads, folder: folder)
    let chunked = try Self.chunkedDesign(
      matrix, chunkRows: chunkRows, classes: classes, classCount: classCount, threads: threads,
      folder: folder)
    #expect(chunked.count == whole.count)
    #expect(Self.firstDifference(chunked, whole) == nil)
  }

  /// Through the cache build: the texts vectorised three at a time give the same file as
  /// fitting and transforming them at once.
  @Test func cacheBuiltInTinyChunksEqualsTheWholeBuild() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let (texts, classes, classCount) = try Self.corpus()
    let configuration = VectorizerConfiguration(threads: 3)
    let matrix = try Vectorizer.fitTransform(texts, configuration: configuration).matrix
    let whole = try Self.wholeDesign(
      matrix, classes: classes, classCount: classCount, threads: 3, folder: folder)
    let key = TrainingCache.Key(files: [], reading: "test", vectorizer: configuration)
    let path = folder.file("tiny.bin")
    _ = try TrainingCache.writeDesign(
      texts: texts, classes: classes, classCount: classCount, key: key, fingerprint: 0x5EED,
      threads: 3, chunkRows: 3, to: path)
    let tiny = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(tiny.count == whole.count)
    #expect(Self.firstDifference(tiny, whole) == nil)
  }

  /// Hand-made edge cases: nothing folds (every column twice), and singletons, one of them
  /// stored as an explicit zero (weight 0, no folded column for its row).
  @Test(arguments: [
    (
      rowStarts: [0, 2, 4, 5, 6], columns: [Int32(0), 1, 0, 1, 1, 0],
      values: [Float(1), 2, 3, 4, 5, 6]
    ),
    (
      rowStarts: [0, 2, 4, 5, 7], columns: [Int32(0), 2, 0, 1, 3, 0, 4],
      values: [Float(1), 0, 3, 4, 5, 6, 7]
    ),
  ])
  func edgeCasesMatchTheWholeMatrix(rowStarts: [Int], columns: [Int32], values: [Float]) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let matrix = SparseMatrix(
      rowCount: 4, columnCount: 5, rowStarts: rowStarts, columnIndices: columns, values: values)
    let classes = [0, 1, 0, 1]
    for threads in 1...3 {
      let whole = try Self.wholeDesign(
        matrix, classes: classes, classCount: 2, threads: threads, folder: folder)
      let chunked = try Self.chunkedDesign(
        matrix, chunkRows: 1, classes: classes, classCount: 2, threads: threads, folder: folder)
      #expect(chunked.count == whole.count)
      #expect(Self.firstDifference(chunked, whole) == nil, "threads \(threads)")
    }
  }

  /// The unfinished file is hidden beside the target (an interrupted build leaves a folder
  /// the cache still recognises) and gone once the file is written.
  @Test func unfinishedFileIsHiddenAndRemoved() throws {
    #expect(ChunkedDesignWriter.partialPath("/cache/design.bin") == "/cache/.design.bin.partial")
    #expect(ChunkedDesignWriter.partialPath("design.bin") == ".design.bin.partial")
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let matrix = SparseMatrix(
      rowCount: 2, columnCount: 2, rowStarts: [0, 2, 4], columnIndices: [0, 1, 0, 1],
      values: [1, 2, 3, 4])
    _ = try Self.chunkedDesign(
      matrix, chunkRows: 1, classes: [0, 1], classCount: 2, threads: 2, folder: folder)
    #expect(try folder.names() == ["chunked.bin"])
  }
}
