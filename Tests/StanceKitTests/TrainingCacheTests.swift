import Classifier
import Dispatch
import Foundation
import StanceKit
import StanceTestSupport
import Testing

/// Out-of-core training (`train --cache`): the cached run reaches the in-memory model, the
/// cache is reused, rebuilt when the data or settings change, and refused when damaged.
@Suite struct TrainingCacheTests {
  private static func corpus() throws -> (texts: [String], labels: [String]) {
    let dataset = try Dataset.read(path: Fixtures.data("fixtures/parity/train.csv").path)
    return (dataset.texts, dataset.labels)
  }

  private static func cached(
    folder: String, vectorizer: VectorizerConfiguration, training: TrainingConfiguration,
    model: String, reads: inout Int
  ) throws -> Pipeline {
    let key = TrainingCache.Key(
      files: [Fixtures.data("fixtures/parity/train.csv").path], reading: "test",
      vectorizer: vectorizer)
    var count = 0
    let outcome = try TrainingCache.train(
      folder: folder, key: key,
      read: {
        count += 1
        return try corpus()
      }, files: ["train.csv"], training: training, writingTo: model, started: .now(),
      progress: { _ in }, fitted: {})
    reads += count
    return outcome.pipeline
  }

  /// Vocabulary and hashing, one block (no cuts), two and three blocks (interior cuts
  /// stored in the cache).
  @Test(arguments: [(nil, 1), (nil, 2), (nil, 3), (Optional(12), 2), (Optional(12), 3)])
  func sameWeightsInMemoryAndOutOfCore(hashBits: Int?, threads: Int) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let vectorizer = VectorizerConfiguration(hashBits: hashBits, threads: threads)
    let training = TrainingConfiguration(c: 1, threads: threads)
    let (texts, labels) = try Self.corpus()
    let memory = try Pipeline.fit(
      texts: texts, labels: labels, vectorizer: vectorizer, training: training)
    var reads = 0
    let cached = try Self.cached(
      folder: folder.file("cache"), vectorizer: vectorizer, training: training,
      model: folder.file("model.stance"), reads: &reads)
    #expect(reads == 1)
    #expect(cached.labels == memory.labels)
    #expect(cached.vectorizer == memory.vectorizer)
    // The same numbers through the same solver: identical, asserted to the 1e-6 the
    // contract promises.
    let difference = maxAbsoluteDifference(
      cached.model.weights.storage, memory.model.weights.storage)
    #expect(difference <= 1e-6)
    #expect(maxAbsoluteDifference(cached.model.intercepts, memory.model.intercepts) <= 1e-6)
    #expect(cached.report.iterations == memory.report.iterations)
    let read = try ModelFile.read(path: folder.file("model.stance")).pipeline
    #expect(read.predict(texts) == memory.predict(texts))
  }

  @Test func reusedWhenUnchangedAndRebuiltWhenSettingsChange() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let training = TrainingConfiguration(c: 1, threads: 2)
    var reads = 0
    let first = try Self.cached(
      folder: folder.file("cache"), vectorizer: VectorizerConfiguration(), training: training,
      model: folder.file("a.stance"), reads: &reads)
    let second = try Self.cached(
      folder: folder.file("cache"), vectorizer: VectorizerConfiguration(), training: training,
      model: folder.file("b.stance"), reads: &reads)
    #expect(reads == 1)
    #expect(second.model == first.model)
    let unigrams = VectorizerConfiguration(wordNGrams: .unigrams)
    let third = try Self.cached(
      folder: folder.file("cache"), vectorizer: unigrams, training: training,
      model: folder.file("c.stance"), reads: &reads)
    #expect(reads == 2)
    #expect(third.vectorizer.featureCount < first.vectorizer.featureCount)
  }

  @Test func damagedMatrixIsRefused() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let training = TrainingConfiguration(c: 1, threads: 2)
    var reads = 0
    _ = try Self.cached(
      folder: folder.file("cache"), vectorizer: VectorizerConfiguration(), training: training,
      model: folder.file("a.stance"), reads: &reads)
    let path = folder.file("cache/\(TrainingCache.designName)")
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[bytes.count / 2] ^= 0x40
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(
      throws: TrainingCacheError.corrupt(file: path, problem: "checksum mismatch")
    ) {
      _ = try Self.cached(
        folder: folder.file("cache"), vectorizer: VectorizerConfiguration(), training: training,
        model: folder.file("b.stance"), reads: &reads)
    }
    #expect(reads == 1)
  }

  @Test func folderWithOtherFilesIsNotWrittenInto() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try Data("keep me".utf8).write(to: URL(fileURLWithPath: folder.file("notes.txt")))
    var reads = 0
    #expect(throws: TrainingCacheError.notACache(folder: folder.path)) {
      _ = try Self.cached(
        folder: folder.path, vectorizer: VectorizerConfiguration(),
        training: TrainingConfiguration(c: 1), model: folder.file("a.stance"), reads: &reads)
    }
    #expect(reads == 0)
    #expect(try folder.names() == ["notes.txt"])
  }
}
