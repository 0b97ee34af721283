import Foundation
import StanceKit
import StanceTestSupport
import Testing
import TextFeatures

/// `--lexicon FILE` on train, and `--lexicon`/`--lexicon-features` on tune, through the
/// binary: the lexicon is stored in the model, explanations name its features, and a bad
/// file is refused with its line.
@Suite struct LexiconOptionTests {
  private static let train = Fixtures.data("fixtures/parity/train.csv").path

  private func write(_ text: String, to folder: URL, name: String) throws -> String {
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func trainStoresTheLexiconAndExplainNamesItsFeatures() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let lexicon = try write(
      "term,valence\nCalm,-2\ntalks,-1\nstrike,3\n", to: folder, name: "cues.csv")
    let model = folder.appendingPathComponent("lexicon.stance").path
    let trained = try CLI.run([
      "train", "--c", "1", "--data", Self.train, "--out", model, "--lexicon", lexicon,
      "--quiet",
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    let (pipeline, _) = try ModelFile.read(path: model)
    let stored = try #require(pipeline.vectorizer.configuration.lexicon)
    #expect(stored.name == "cues")
    // Terms are case-folded as the tokenizer folds tokens.
    #expect(stored.entries.map(\.term) == ["calm", "strike", "talks"])
    let inspected = try CLI.run(["inspect", "--model", model])
    #expect(inspected.stdout.contains("lexicon     cues, 3 words (4 features)\n"))
    let explained = try CLI.run([
      "predict", "--model", model, "--explain", "200", "--explain-all", "--text",
      "strike strike now",
    ])
    #expect(explained.status == 0, "\(explained.stderr)")
    #expect(explained.stdout.contains("\tlexicon:positive\n"))
  }

  @Test func badLexiconFilesNameTheLine() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("never.stance").path
    let cases: [(String, String)] = [
      ("word,score\ngood,1\n", ":1: a lexicon file starts with the header `term,valence`"),
      ("term,valence\ngood,1\nbad,strong\n", ":3: the valence of 'bad' must be a whole number"),
      ("term,valence\ngood,1\nbad,-5\n", ":3: the valence of 'bad' must be a non-zero whole"),
      ("term,valence\ngood,1\nGood,2\n", ":3: 'good' is already listed on line 2"),
      ("term,valence\nvery good,1\n", ":2: the lexicon term 'very good' is empty or holds"),
    ]
    for (index, (text, message)) in cases.enumerated() {
      let path = try write(text, to: folder, name: "bad\(index).csv")
      let result = try CLI.run([
        "train", "--data", Self.train, "--out", model, "--lexicon", path, "--quiet",
      ])
      #expect(result.status == 65, "\(text)")
      #expect(result.stderr.contains(path + message), "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
    let missing = try CLI.run([
      "train", "--data", Self.train, "--out", model, "--lexicon", folder.path + "/none.csv",
    ])
    #expect(missing.status == 66, "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: model))
    let unknown = try CLI.run([
      "train", "--data", Self.train, "--out", model, "--lexicon", "builtin:emotion",
    ])
    #expect(unknown.status == 64, "\(unknown.stderr)")
    #expect(
      unknown.stderr
        == "stance: there is no built-in lexicon 'emotion'; use builtin:sentiment or "
        + "builtin:stance or the path of a `term,valence` CSV file\n")
    #expect(!FileManager.default.fileExists(atPath: model))
  }

  @Test func builtInLexiconsNeedNoFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("builtin.stance").path
    let trained = try CLI.run([
      "train", "--c", "1", "--data", Self.train, "--out", model, "--lexicon", "builtin:stance",
      "--quiet",
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    let inspect = try CLI.run(["inspect", "--model", model])
    #expect(inspect.stdout.contains("lexicon     stance, 2074 words (4 features)"))
  }

  @Test func tuneTriesTheLexiconOffAndOn() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let lexicon = try write("term,valence\ncalm,-2\nstrike,3\n", to: folder, name: "cues.csv")
    let tuned = try CLI.run([
      "tune", "--data", Self.train, "--c", "1", "--folds", "2", "--lexicon", lexicon,
      "--lexicon-features", "off,on", "--format", "json",
    ])
    #expect(tuned.status == 0, "\(tuned.stderr)")
    #expect(tuned.stdout.contains("\"lexicon\": [false, true]"))
    #expect(tuned.stdout.contains("\"lexicon\": \"cues\""))
    #expect(tuned.stdout.contains("\"lexicon\": null"))
    let orphan = try CLI.run([
      "tune", "--data", Self.train, "--lexicon-features", "on",
    ])
    #expect(orphan.status == 64)
    #expect(orphan.stderr.contains("--lexicon-features on needs a lexicon; give --lexicon FILE"))
  }
}
