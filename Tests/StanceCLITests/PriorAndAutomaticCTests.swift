import Foundation
import StanceKit
import StanceTestSupport
import Testing

/// `train` without `--c`, `stance prior` and `--adapt-prior` through the binary.
@Suite struct PriorAndAutomaticCTests {
  static let train = Fixtures.data("fixtures/parity/train.csv").path
  static let test = Fixtures.data("fixtures/parity/test.csv").path

  @Test func trainWithoutCChoosesItPrintsTheChoiceAndStoresIt() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("auto.stance").path
    let result = try CLI.run(["train", "--data", Self.train, "--out", model])
    #expect(result.status == 0, "\(result.stderr)")
    let chosen = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("chosen") })
    #expect(chosen.contains("log_loss") && chosen.contains("3 stratified folds"))

    let (_, metadata) = try ModelFile.read(path: model)
    let choice = try #require(metadata.regularization)
    #expect(metadata.training.c == choice.c)
    #expect(metadata.training.classWeighting == choice.classWeighting)
    let best = try #require(choice.points.min { $0.score.mean < $1.score.mean })
    // The C of the last feature trial kept, or the best of the given features'.
    #expect(choice.c == (choice.featureTrials?.last(where: \.kept)?.c ?? best.c))

    let inspect = try CLI.run(["inspect", "--model", model])
    #expect(inspect.stdout.contains("chosen      automatically: C = "))

    // --quiet prints nothing; --c fixes C and records no choice.
    let quiet = try CLI.run(["train", "--data", Self.train, "--out", model, "--quiet"])
    #expect(quiet.status == 0 && quiet.stderr.isEmpty)
    let fixed = try CLI.run(["train", "--c", "1", "--data", Self.train, "--out", model])
    #expect(!fixed.stderr.contains("chosen"))
    #expect(try ModelFile.read(path: model).metadata.regularization == nil)
  }

  @Test func trainTriesCharacterNGramsAndTheLexiconOnSmallDataUnlessGivenOrOff() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Every word is new and only its ending tells the class: words alone cannot learn it.
    var random = SplitMix64(seed: 11)
    let letters = Array("bcdfghklmnprstvw")
    var rows = ["text,label"]
    for index in 0..<90 {
      let ending = index % 2 == 0 ? "ation" : "ously"
      let words = (0..<3).map { _ in
        String((0..<5).map { _ in letters[Int(random.next() % UInt64(letters.count))] }) + ending
      }
      rows.append(words.joined(separator: " ") + "," + (index % 2 == 0 ? "noun" : "adverb"))
    }
    let data = folder.appendingPathComponent("endings.csv")
    try (rows.joined(separator: "\n") + "\n").write(to: data, atomically: true, encoding: .utf8)
    let model = folder.appendingPathComponent("endings.stance").path

    let tried = try CLI.run(["train", "--data", data.path, "--out", model])
    #expect(tried.status == 0, "\(tried.stderr)")
    #expect(tried.stderr.contains("; character 2-5 n-grams kept (log_loss "))
    #expect(tried.stderr.contains("; lexicon sentiment "))
    let json = try CLI.run(["inspect", "--model", model, "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let vectorizer = try #require(object["vectorizer"] as? [String: Any])
    #expect(vectorizer["char_ngram"] as? String == "2-5")
    let regularization = try #require(object["regularization"] as? [String: Any])
    let trials = try #require(regularization["feature_trials"] as? [[String: Any]])
    #expect(
      trials.map { $0["feature"] as? String } == ["character 2-5 n-grams", "lexicon sentiment"])
    #expect(trials.first?["kept"] as? Bool == true)

    let noTrials = ["--char-ngram", "off", "--lexicon", "off"]
    for given in [noTrials, ["--char-ngram", "3-4", "--lexicon", "builtin:stance"]] {
      let fixed = try CLI.run(["train", "--data", data.path, "--out", model] + given)
      #expect(fixed.status == 0, "\(fixed.stderr)")
      #expect(fixed.stderr.contains("chosen      C = ") && !fixed.stderr.contains("kept"))
      let (pipeline, metadata) = try ModelFile.read(path: model)
      #expect(metadata.regularization?.featureTrials == nil)
      let configuration = pipeline.vectorizer.configuration
      #expect(configuration.characterNGrams?.description == given[1].nilIfOff)
      #expect(configuration.lexicon?.name == given[3].nilIfOff.map { String($0.dropFirst(8)) })
    }
  }

  @Test func priorReportsTheEstimateAsTextAndJSON() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder).path
    let count = try Dataset.read(path: Self.test).texts.count
    let text = try CLI.run(["prior", "--model", model, Self.test])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.hasPrefix("label          training   estimate  mean prob\n"))
    #expect(text.stdout.contains("\(count) texts,") && text.stdout.contains("converged"))

    let json = try CLI.run(["prior", "--model", model, Self.test, "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let estimate = try #require(object["estimated_priors"] as? [String: Double])
    #expect(Set(estimate.keys) == ["conciliatory", "hawkish", "neutral"])
    #expect(abs(estimate.values.reduce(0, +) - 1) < 1e-9)
    #expect(object["converged"] as? Bool == true)
    #expect(object["texts"] as? Int == count)
  }

  @Test func adaptPriorMatchesTheLibraryAndKeepsEveryRow() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let modelURL = try trainFixtureModel(in: folder)
    let (pipeline, metadata) = try ModelFile.read(path: modelURL.path)
    let texts = try Dataset.read(path: Self.test).texts
    let adapted = try pipeline.adaptedToPrior(
      texts: texts, trainingPriors: metadata.trainingPriors(labels: pipeline.labels))

    let result = try CLI.run([
      "predict", "--model", modelURL.path, Self.test, "--format", "jsonl", "--adapt-prior",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.stdout.split(separator: "\n")
    #expect(rows.count == texts.count)
    let labels = adapted.pipeline.predict(texts)
    let probabilities = adapted.pipeline.probabilities(texts)
    for (row, line) in rows.enumerated() {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object["label"] as? String == labels[row], "row \(row)")
      let shown = try #require(object["probabilities"] as? [String: Double])
      for (index, label) in pipeline.labels.enumerated() {
        #expect(abs((shown[label] ?? .nan) - probabilities[row, index]) < 1e-12)
      }
    }
    // The adaptation moved something: the estimate differs from the training shares.
    #expect(adapted.estimate.factors.contains { abs($0 - 1) > 1e-3 })
  }

  @Test func scoreAdaptPriorAdjustsEveryQuoteByOneEstimate() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder).path
    let article = Fixtures.data("articles/2026-03-ceasefire-talks-geneva.txt").path
    let arguments = ["score", "--model", model, "--no-sentiment", article, "--format", "json"]
    let plain = try CLI.run(arguments)
    let adapted = try CLI.run(arguments + ["--adapt-prior"])
    #expect(plain.status == 0 && adapted.status == 0, "\(adapted.stderr)")
    func quotes(_ output: String) throws -> [[String: Double]] {
      let root = try #require(
        try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
      let articles = try #require(root["articles"] as? [[String: Any]])
      let quotes = try #require(articles.first?["quotes"] as? [[String: Any]])
      return quotes.compactMap { $0["probabilities"] as? [String: Double] }
    }
    let before = try quotes(plain.stdout)
    let after = try quotes(adapted.stdout)
    #expect(!before.isEmpty && before.count == after.count)
    // One set of factors for all quotes: p'ₖ / pₖ ∝ factorₖ, the same ratio in every quote.
    let labels = ["conciliatory", "hawkish", "neutral"]
    func ratios(_ index: Int) -> [Double] {
      let raw = labels.map { (after[index][$0] ?? .nan) / (before[index][$0] ?? .nan) }
      return raw.map { $0 / raw[2] }
    }
    // The factors can span many orders of magnitude (EM may drive a share towards 0 on
    // one short article), so the ratios are compared relatively.
    for index in after.indices.dropFirst() {
      let relative = zip(ratios(index), ratios(0)).map { abs($0 / $1 - 1) }
      #expect((relative.max() ?? .nan) < 1e-9, "quote \(index)")
    }
    #expect(maxAbsoluteDifference(ratios(0), [1, 1, 1]) > 1e-3)
  }

  @Test func trainCalibratesWithVectorScalingOnRequest() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("vector.stance").path
    let result = try CLI.run([
      "train", "--c", "1", "--data", Self.train, "--out", model, "--calibrate", "cv",
      "--calibration-map", "vector",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let (pipeline, metadata) = try ModelFile.read(path: model)
    let vector = try #require(metadata.calibration?.vector)
    #expect(pipeline.vectorScaling == vector.map)
    #expect(vector.logLossAfter <= vector.logLossBefore)
    #expect(result.stderr.contains("calibrated  vector scaling"))
  }
}

extension String {
  /// `nil` for `off`, the string itself otherwise.
  fileprivate var nilIfOff: String? { self == "off" ? nil : self }
}
