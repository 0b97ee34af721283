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

  /// The features compared: hashing, a vocabulary, and a pruned vocabulary (min-df, max-df
  /// and max-features, which cuts inside a group of equal document frequencies).
  private static func features(_ number: Int, threads: Int) -> VectorizerConfiguration {
    switch number {
    case 0: return VectorizerConfiguration(hashBits: 12, threads: threads)
    case 1: return VectorizerConfiguration(threads: threads)
    default:
      return VectorizerConfiguration(
        minDocumentFrequency: .count(2), maxDocumentFrequency: .fraction(0.5), maxFeatures: 300,
        threads: threads)
    }
  }

  /// One, two and three threads; chunks of one row, seven rows and the whole corpus;
  /// hashing and vocabularies.
  @Test(arguments: [(1, 1), (2, 7), (3, 7), (3, 100_000)], 0..<3)
  func sameFilesAsTheInMemoryBuild(threadsAndChunkRows: (Int, Int), features: Int) throws {
    let (threads, chunkRows) = threadsAndChunkRows
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let key = TrainingCache.Key(
      files: [], reading: "test", vectorizer: Self.features(features, threads: threads))
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
    // The spill files of a vocabulary are gone.
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.file("streamed"))
    #expect(
      left.sorted()
        == [TrainingCache.manifestName, TrainingCache.designName, TrainingCache.featuresName]
        .sorted())
    for name in [TrainingCache.designName, TrainingCache.featuresName, TrainingCache.manifestName] {
      let memoryBytes = try Self.bytes(folder.file("memory/" + name))
      let streamedBytes = try Self.bytes(folder.file("streamed/" + name))
      #expect(streamedBytes == memoryBytes, "\(name)")
    }
  }

  /// Through `train`: hashing and a vocabulary both stream (the texts are never asked for
  /// whole) and train the in-memory model.
  @Test(arguments: [Optional(12), nil])
  func trainStreams(hashBits: Int?) throws {
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
    #expect(wholeReads == 0)
    #expect(source.readings == 4)
    let cached = outcome.pipeline
    #expect(cached.vectorizer == memory.vectorizer)
    let difference = maxAbsoluteDifference(
      cached.model.weights.storage, memory.model.weights.storage)
    #expect(difference <= 1e-6)
    #expect(maxAbsoluteDifference(cached.model.intercepts, memory.model.intercepts) <= 1e-6)
  }

  /// Many spill files merged a few at a time (a fan-in of 2 over chunks of three
  /// documents) give the in-memory vocabulary, and the spill folder is removed.
  @Test(arguments: [2, 3, 64])
  func spilledFitMergesInStages(fanIn: Int) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let source = try Source()
    let configuration = Self.features(2, threads: 2)
    var fit = try SpilledVocabularyFit(
      configuration: configuration, folder: folder.file("spill"), fanIn: fanIn)
    var start = 0
    while start < source.texts.count {
      let end = min(start + 3, source.texts.count)
      try fit.add(Array(source.texts[start..<end]))
      start = end
    }
    let spilled = try FileManager.default.contentsOfDirectory(atPath: folder.file("spill"))
    #expect(spilled.count < fanIn)
    #expect(spilled.count >= 1)
    let vectorizer = try fit.vectorizer()
    #expect(vectorizer == (try Vectorizer.fit(source.texts, configuration: configuration)))
    #expect(!FileManager.default.fileExists(atPath: folder.file("spill")))
  }

  /// A spill file cut inside a record is reported as a damaged cache, naming the file.
  @Test func truncatedSpillFileIsReported() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("spill.bin")
    let writer = try TermSpill.Writer(path: path)
    try Array("stance".utf8).withUnsafeBufferPointer { try writer.append($0, 300) }
    try writer.finish()
    var bytes = try Self.bytes(path)
    #expect(bytes == [6] + Array("stance".utf8) + [0xAC, 0x02])
    bytes.removeLast()
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let reader = try TermSpill.Reader(path: path)
    #expect(
      throws: TrainingCacheError.corrupt(
        file: path, problem: "a term-count spill file ends inside a record")
    ) { try reader.advance() }
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
