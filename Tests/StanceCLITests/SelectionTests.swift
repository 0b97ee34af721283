import Foundation
import StanceKit
import StanceTestSupport
import Testing

/// `stance cv`, `stance tune` and `train --calibrate` through the binary.
@Suite struct SelectionTests {
  private static let train = Fixtures.data("fixtures/parity/train.csv").path
  private static let test = Fixtures.data("fixtures/parity/test.csv").path

  @Test func cvJSONHasEveryFoldAndTheMeans() throws {
    let result = try CLI.run(["cv", "--data", Self.train, "--folds", "4", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let folds = try #require(object["folds"] as? [[String: Any]])
    #expect(folds.count == 4)
    // Every row is tested exactly once.
    #expect(folds.compactMap { $0["test_count"] as? Int }.reduce(0, +) == 342)
    for key in ["accuracy", "macro_f1", "weighted_f1", "log_loss"] {
      let summary = try #require(object[key] as? [String: Double], "missing \(key)")
      #expect(summary["mean"] != nil && summary["sd"] != nil)
    }
    // Same seed, same folds, same numbers; another thread count too.
    let again = try CLI.run([
      "cv", "--data", Self.train, "--folds", "4", "--format", "json", "--threads", "1",
    ])
    #expect(again.stdout == result.stdout)
  }

  @Test func cvRefusesOneFold() throws {
    let result = try CLI.run(["cv", "--data", Self.train, "--folds", "1"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("the number of folds (--folds) must be at least 2, got 1"))
    #expect(result.stdout.isEmpty)
  }

  @Test func groupedCVNeedsTheGroupColumn() throws {
    let result = try CLI.run(["cv", "--data", Self.train, "--group-by", "speaker"])
    #expect(result.status == 65)
    #expect(result.stderr.contains("train.csv:2"))
    #expect(result.stderr.contains("'speaker'"))
  }

  @Test func tuneOutEqualsTrainWithTheChosenSettings() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let tuned = folder.appendingPathComponent("tuned.stance")
    let result = try CLI.run([
      "tune", "--data", Self.train, "--c", "0.3,3", "--ngram", "1-1,1-2", "--folds", "3",
      "--out", tuned.path, "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let entries = try #require(object["entries"] as? [[String: Any]])
    #expect(entries.count == 4)

    let (tunedPipeline, metadata) = try ModelFile.read(path: tuned.path)
    let selection = try #require(metadata.selection)
    #expect(selection.entries.count == 4)
    let best = selection.best.point
    // Train the chosen setting directly with the CLI and compare the models.
    let direct = folder.appendingPathComponent("direct.stance")
    let ngram = best.vectorizer.wordNGrams.map { "\($0)" } ?? "1-2"
    let trained = try CLI.run([
      "train", "--data", Self.train, "--out", direct.path, "--c", "\(best.training.c)",
      "--ngram", ngram, "--quiet",
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    let (directPipeline, _) = try ModelFile.read(path: direct.path)
    #expect(tunedPipeline == directPipeline)
  }

  @Test func calibrationLowersLogLossAndKeepsLabels() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let plain = try trainFixtureModel(in: folder)
    let calibrated = folder.appendingPathComponent("calibrated.stance")
    let result = try CLI.run([
      "train", "--c", "1", "--data", Self.train, "--out", calibrated.path, "--calibrate", "cv",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("calibrated  temperature"))
    let (before, _) = try ModelFile.read(path: plain.path)
    let (after, metadata) = try ModelFile.read(path: calibrated.path)
    #expect(metadata.calibration != nil)
    #expect(after.temperature != 1)
    let texts = try Dataset.read(path: Self.test).texts
    // Cross-validated calibration trains the final model on all rows: same labels.
    #expect(after.predict(texts) == before.predict(texts))
    let logLoss = { (model: URL) throws -> Double in
      let report = try CLI.run([
        "eval", "--model", model.path, "--data", Self.test, "--format", "json",
      ])
      let object =
        try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
      return object?["log_loss"] as? Double ?? .nan
    }
    #expect(try logLoss(calibrated) < logLoss(plain))
  }
}
