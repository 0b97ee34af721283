import Classifier
import Dispatch
import Foundation
import StanceTestSupport
import Testing

@testable import StanceKit

/// With hashing features the training cache is built from the data read again on every
/// pass, never holding the texts: the same files, byte for byte, as the in-memory build,
/// and the same model.
@Suite struct StreamedCacheBuildTests {
  private static func corpus() throws -> (texts: [String], labels: [String]) {
    let dataset = try Dataset.read(path: Fixtures.data("fixtures/parity/train.csv").path)
    return (dataset.texts, dataset.labels)
  }

  /// Hands out the corpus on every call, counting the calls.
  private final class Source {
    let texts: [String]
    let labels: [String]
    var readings = 0
    /// The examples the second and later readings stop after (to fake a changed file).
    var laterLimit: Int?

    init() throws { (texts, labels) = try StreamedCacheBuildTests.corpus() }

    func examples(_ body: (String, String) throws -> Void) throws {
      readings += 1
      let count = readings > 1 ? min(laterLimit ?? texts.count, texts.count) : texts.count
      for index in 0..<count { try body(texts[index], labels[index]) }
    }
  }

  private static func bytes(_ path: String) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// One, two and three threads; chunks of one row, seven rows and the whole corpus.
  @Test(arguments: [(1, 1), (2, 7), (3, 7), (3, 100_000)])
  func sameFilesAsTheInMemoryBuild(threads: Int, chunkRows: Int) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let key = TrainingCache.Key(
      files: [], reading: "test",
      vectorizer: VectorizerConfiguration(hashBits: 12, threads: threads))
    let source = try Source()
    let memory = try TrainingCache.build(
      folder: folder.file("memory"), key: key, fingerprint: 0x5EED,
      read: { (source.texts, source.labels) }, files: ["train.csv"], threads: threads,
      progress: { _ in })
    let streamed = try TrainingCache.buildStreaming(
      folder: folder.file("streamed"), key: key, fingerprint: 0x5EED, examples: source.examples,
      files: ["train.csv"], threads: threads, chunkRows: chunkRows, progress: { _ in })
    // Labels, frequencies and count; then the writer's three passes.
    #expect(source.readings == 4)
    #expect(streamed == memory)
    for name in [TrainingCache.designName, TrainingCache.featuresName, TrainingCache.manifestName] {
      let memoryBytes = try Self.bytes(folder.file("memory/" + name))
      let streamedBytes = try Self.bytes(folder.file("streamed/" + name))
      #expect(streamedBytes == memoryBytes, "\(name)")
    }
  }

  /// Through `train`: hashing streams (the texts are never asked for whole) and trains the
  /// in-memory model; a vocabulary still reads the texts whole.
  @Test(arguments: [Optional(12), nil])
  func trainStreamsOnlyWithHashing(hashBits: Int?) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let vectorizer = VectorizerConfiguration(hashBits: hashBits, threads: 2)
    let training = TrainingConfiguration(c: 1, threads: 2)
    let source = try Source()
    let memory = try Pipeline.fit(
      texts: source.texts, labels: source.labels, vectorizer: vectorizer, training: training)
    var wholeReads = 0
    let outcome = try TrainingCache.train(
      folder: folder.file("cache"),
      key: TrainingCache.Key(files: [], reading: "test", vectorizer: vectorizer),
      read: {
        wholeReads += 1
        return (source.texts, source.labels)
      }, examples: source.examples, files: ["train.csv"], training: training,
      writingTo: folder.file("model.stance"), started: .now(), progress: { _ in }, fitted: {})
    #expect(wholeReads == (hashBits == nil ? 1 : 0))
    #expect(source.readings == (hashBits == nil ? 0 : 4))
    let cached = outcome.pipeline
    #expect(cached.vectorizer == memory.vectorizer)
    let difference = maxAbsoluteDifference(
      cached.model.weights.storage, memory.model.weights.storage)
    #expect(difference <= 1e-6)
    #expect(maxAbsoluteDifference(cached.model.intercepts, memory.model.intercepts) <= 1e-6)
  }

  /// Data that gives fewer examples on a later reading stops the build with a message
  /// naming the files and both counts, and leaves no manifest.
  @Test func dataChangedBetweenReadingsIsReported() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let key = TrainingCache.Key(
      files: [], reading: "test", vectorizer: VectorizerConfiguration(hashBits: 12))
    let source = try Source()
    source.laterLimit = 10
    #expect(
      throws: TrainingCacheError.dataChanged(
        files: ["train.csv"], expected: source.texts.count, found: 10)
    ) {
      try TrainingCache.buildStreaming(
        folder: folder.file("cache"), key: key, fingerprint: 1, examples: source.examples,
        files: ["train.csv"], threads: 1, chunkRows: 7, progress: { _ in })
    }
    #expect(
      !FileManager.default.fileExists(atPath: folder.file("cache/" + TrainingCache.manifestName)))
    #expect(
      TrainingCacheError.dataChanged(files: ["a.csv", "b.csv"], expected: 5, found: 4).description
        == "a.csv, b.csv: the data changed while the training cache was built (5 examples, "
        + "then 4); leave the files alone and run again")
  }
}
