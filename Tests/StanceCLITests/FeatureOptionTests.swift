import Foundation
import StanceKit
import StanceTestSupport
import Testing
import TextFeatures

/// `--negation`, `--stop-words`, `--explain-all` and the new `tune` lists through the binary.
@Suite struct FeatureOptionTests {
  private static let train = Fixtures.data("fixtures/parity/train.csv").path

  @Test func trainStoresNegationAndInspectShowsIt() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("negation.stance").path
    let trained = try CLI.run([
      "train", "--c", "1", "--data", Self.train, "--out", model, "--negation", "--stop-words",
      "english",
      "--quiet",
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    let (pipeline, _) = try ModelFile.read(path: model)
    #expect(pipeline.vectorizer.configuration.marksNegation)
    #expect(pipeline.vectorizer.configuration.stopWords == .english)
    let inspected = try CLI.run(["inspect", "--model", model])
    #expect(inspected.stdout.contains("tokens      negation marking on, stop words english\n"))
    let plainModel = folder.appendingPathComponent("plain.stance").path
    let plainTrained = try CLI.run([
      "train", "--c", "1", "--data", Self.train, "--out", plainModel, "--quiet",
    ])
    #expect(plainTrained.status == 0, "\(plainTrained.stderr)")
    let plain = try CLI.run(["inspect", "--model", plainModel])
    #expect(plain.stdout.contains("tokens      negation marking off, stop words kept\n"))
  }

  @Test func explainHidesFunctionWordsUnlessAskedForAll() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("plain.stance").path
    let trained = try CLI.run([
      "train", "--c", "1", "--data", Self.train, "--out", model, "--quiet",
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    let text = "We will go to the talks for a lot of reasons, and the army will not."
    let hidden = try CLI.run(["predict", "--model", model, "--explain", "60", "--text", text])
    let all = try CLI.run([
      "predict", "--model", model, "--explain", "60", "--explain-all", "--text", text,
    ])
    #expect(hidden.status == 0 && all.status == 0, "\(hidden.stderr)\(all.stderr)")
    func features(_ output: String) -> [String] {
      output.split(separator: "\n").dropFirst().compactMap { line in
        line.split(separator: "\t").last.map(String.init)
      }
    }
    let shown = features(hidden.stdout)
    let every = features(all.stdout)
    let functionWords = every.filter { StopWordList.english.isFunctionWordFeature(Term($0)) }
    #expect(functionWords.contains("the") && functionWords.contains("to"))
    #expect(shown == every.filter { !functionWords.contains($0) })
    #expect(shown.contains("talks") && shown.contains("not"))
  }

  @Test func tuneSearchesNegationSublinearAndMaxDFWithProgress() throws {
    let result = try CLI.run([
      "tune", "--data", Self.train, "--c", "1", "--folds", "2", "--negation", "off,on",
      "--sublinear-tf", "off,on", "--max-df", "1.0,0.9", "--metric", "macro_recall",
      "--format", "json", "--threads", "1", "--progress",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect((object["entries"] as? [[String: Any]])?.count == 8)
    #expect(object["metric"] as? String == "macro_recall")
    // With --progress off a terminal: one line per (fold, feature setting) task, 2 folds ×
    // 8 settings of one fit each, then the closing line.
    let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("tune: ") }
    #expect(lines.count == 17)
    #expect(lines.first?.hasPrefix("tune: 1/16 fits, ") == true)
    #expect(lines.dropLast().last?.hasPrefix("tune: 16/16 fits, ") == true)
    #expect(
      lines.last?.wholeMatch(of: /tune: 16\/16 fits, [\d.]+ fits\/s, done in \d+:\d\d/) != nil)
    let silent = try CLI.run([
      "tune", "--data", Self.train, "--c", "1", "--folds", "2", "--threads", "1",
    ])
    #expect(silent.status == 0 && !silent.stderr.contains("tune: "), "\(silent.stderr)")
    let quiet = try CLI.run([
      "tune", "--data", Self.train, "--c", "1", "--folds", "2", "--quiet", "--threads", "1",
    ])
    #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    let bad = try CLI.run(["tune", "--data", Self.train, "--negation", "off,maybe"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("'maybe' in 'off,maybe' is not a valid value"))
  }
}
