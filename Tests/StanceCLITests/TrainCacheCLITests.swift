import Foundation
import StanceKit
import StanceTestSupport
import Testing

/// `stance train --cache` through the binary: the same model as in-memory training (CSV and
/// JSON Lines, vocabulary and hashing), the cache reused by a second run, rebuilt when the
/// settings or the data change, and refused with a one-line message when it is not a cache
/// or its files do not belong together.
@Suite struct TrainCacheCLITests {
  /// A copy of the parity training fixture in `folder`, as CSV or as JSON Lines.
  private static func fixture(in folder: URL, jsonLines: Bool) throws -> String {
    let dataset = try Dataset.read(path: Fixtures.data("fixtures/parity/train.csv").path)
    let path = folder.appendingPathComponent(jsonLines ? "train.jsonl" : "train.csv").path
    if jsonLines {
      var text = ""
      for (body, label) in zip(dataset.texts, dataset.labels) {
        let object = try JSONSerialization.data(
          withJSONObject: ["text": body, "label": label], options: [.sortedKeys])
        text += String(decoding: object, as: UTF8.self) + "\n"
      }
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } else {
      try FileManager.default.copyItem(
        atPath: Fixtures.data("fixtures/parity/train.csv").path, toPath: path)
    }
    return path
  }

  /// Trains `data` into `model` with `--c 1` and `options`, requiring success.
  @discardableResult
  private static func train(_ data: String, _ model: String, _ options: [String] = [])
    throws -> CLIResult
  {
    let result = try CLI.run(
      ["train", "--data", data, "--c", "1", "--out", model, "--threads", "2"] + options)
    try #require(result.status == 0, "\(result.stderr)")
    return result
  }

  /// The largest difference between the weights and intercepts of two model files.
  private static func weightDifference(_ left: String, _ right: String) throws -> Double {
    let a = try ModelFile.read(path: left).pipeline.model
    let b = try ModelFile.read(path: right).pipeline.model
    try #require(a.labels == b.labels)
    try #require(a.weights.storage.count == b.weights.storage.count)
    return max(
      maxAbsoluteDifference(a.weights.storage, b.weights.storage),
      maxAbsoluteDifference(a.intercepts, b.intercepts))
  }

  /// The predictions of `model` on the parity test fixture, as CSV.
  private static func predictions(_ model: String) throws -> String {
    let test = Fixtures.data("fixtures/parity/test.csv").path
    let result = try CLI.run(["predict", "--model", model, test, "--format", "csv"])
    try #require(result.status == 0, "\(result.stderr)")
    return result.stdout
  }

  @Test(arguments: [false, true], [[], ["--hash-bits", "14"]])
  func sameModelWithAndWithoutTheCacheThenReused(jsonLines: Bool, features: [String]) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = try Self.fixture(in: folder, jsonLines: jsonLines)
    let cache = folder.appendingPathComponent("cache").path
    let memory = folder.appendingPathComponent("memory.stance").path
    let first = folder.appendingPathComponent("first.stance").path
    let second = folder.appendingPathComponent("second.stance").path
    try Self.train(data, memory, features)
    let built = try Self.train(data, first, features + ["--cache", cache, "--progress"])
    #expect(built.stderr.contains("building the training cache in \(cache)"))
    #expect(try Self.weightDifference(first, memory) <= 1e-6)
    #expect(try Self.predictions(first) == (try Self.predictions(memory)))
    let reused = try Self.train(data, second, features + ["--cache", cache, "--progress"])
    #expect(reused.stderr.contains("reusing the training cache in \(cache)"))
    #expect(!reused.stderr.contains("building the training cache"))
    #expect(try Self.weightDifference(second, memory) <= 1e-6)
    let names = try FileManager.default.contentsOfDirectory(atPath: cache).sorted()
    #expect(names == ["cache.json", "design.bin", "features.stance"])
  }

  /// Other feature settings, then other data, rebuild the cache in place: each run says so
  /// and gives the in-memory model for what it was asked.
  @Test func otherSettingsOrDataRebuildTheCache() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = try Self.fixture(in: folder, jsonLines: false)
    let cache = folder.appendingPathComponent("cache").path
    let model = folder.appendingPathComponent("cached.stance").path
    let memory = folder.appendingPathComponent("memory.stance").path
    try Self.train(data, model, ["--cache", cache, "--quiet"])
    let rebuilding = "the data or feature settings changed: rebuilding the cache in \(cache)"

    let pruned = ["--min-df", "2", "--max-features", "200"]
    let settings = try Self.train(data, model, pruned + ["--cache", cache, "--progress"])
    #expect(settings.stderr.contains(rebuilding))
    try Self.train(data, memory, pruned)
    #expect(try Self.weightDifference(model, memory) <= 1e-6)
    #expect(try ModelFile.read(path: model).pipeline.vectorizer.featureCount == 200)

    // Drop the last line (one example): another size, so another fingerprint.
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: data)))
    bytes.removeLast()
    while let last = bytes.last, last != UInt8(ascii: "\n") { bytes.removeLast() }
    try Data(bytes).write(to: URL(fileURLWithPath: data))
    let changed = try Self.train(data, model, pruned + ["--cache", cache, "--progress"])
    #expect(changed.stderr.contains(rebuilding))
    try Self.train(data, memory, pruned)
    #expect(try Self.weightDifference(model, memory) <= 1e-6)
    let summary = try ModelFile.read(path: model).metadata.data
    #expect(summary.documentCount == (try Dataset.read(path: data)).texts.count)
    #expect(summary.documentCount == 341)
  }

  /// A folder that is not a cache is never written into (exit 64), and a cache whose matrix
  /// was built from other data is refused (exit 65), each with one line naming the path.
  @Test func foreignFolderAndMismatchedMatrixAreRefused() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = try Self.fixture(in: folder, jsonLines: false)
    let model = folder.appendingPathComponent("m.stance").path
    let foreign = folder.appendingPathComponent("notes")
    try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
    try Data("keep me".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
    let refused = try CLI.run(
      ["train", "--data", data, "--c", "1", "--out", model, "--cache", foreign.path])
    #expect(refused.status == 64)
    #expect(
      refused.stderr
        == "stance: \(foreign.path): not a training cache (the folder is not empty and has no "
        + "cache.json); pass an empty or new folder to --cache\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: foreign.path) == ["notes.txt"])

    // Two caches of the same data with other settings; one gets the other's matrix.
    let unigrams = folder.appendingPathComponent("unigrams").path
    let bigrams = folder.appendingPathComponent("bigrams").path
    try Self.train(data, model, ["--cache", unigrams, "--ngram", "1-1", "--quiet"])
    try Self.train(data, model, ["--cache", bigrams, "--quiet"])
    let design = unigrams + "/design.bin"
    try FileManager.default.removeItem(atPath: design)
    try FileManager.default.copyItem(atPath: bigrams + "/design.bin", toPath: design)
    let mixed = try CLI.run(
      ["train", "--data", data, "--c", "1", "--out", model, "--cache", unigrams, "--ngram", "1-1"])
    #expect(mixed.status == 65)
    #expect(
      mixed.stderr
        == "stance: \(design): damaged training cache (does not match cache.json); delete the "
        + "cache folder and run again to rebuild it\n")
  }
}
