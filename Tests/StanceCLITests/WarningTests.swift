import Foundation
import StanceTestSupport
import Testing

/// Warnings that speak: one line each on stderr with the remedy, and the same in the JSON
/// `warnings` array (docs/json.md).
@Suite struct WarningTests {
  /// The `code`s of a JSON document's `warnings`.
  private func codes(_ stdout: String) throws -> [String] {
    try JSONNode.parse(stdout)["warnings"]?.elements.compactMap { $0["code"]?.string } ?? []
  }

  /// The warning lines of stderr.
  private func warningLines(_ stderr: String) -> [String] {
    stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("stance: warning: ") }
  }

  @Test func evalWarnsOfMissingClassesUnpredictedClassesAndUnknownText() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder).path
    let data = folder.appendingPathComponent("d.csv")
    try Data(
      "text,label\nWe will respond with overwhelming force.,hawkish\nqqzx vvkw,neutral\n".utf8
    ).write(to: data)
    let result = try CLI.run(["eval", "--model", model, "--data", data.path, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    // Both rows are predicted hawkish: the unknown words leave the intercepts, whose
    // largest is hawkish (the largest training class).
    #expect(try codes(result.stdout) == ["zero_support", "never_predicted", "no_features"])
    #expect(
      warningLines(result.stderr) == [
        "stance: warning: class 'conciliatory' has no example in the data: its recall and F1 "
          + "are 0 by the zero_division rule and still count in the macro averages; evaluate "
          + "on data that holds it, or read the weighted averages",
        "stance: warning: class 'neutral' is never predicted: its precision is 0 by the "
          + "zero_division rule; retrain with --class-weight balanced or more examples of it",
        "stance: warning: 1 of 2 documents has no feature the model knows: such documents "
          + "get the intercept-only prediction (the training class shares); train on text "
          + "closer to this data or with a lower --min-df",
      ])
    // The text report warns the same way, and a clean evaluation warns of nothing.
    let text = try CLI.run(["eval", "--model", model, "--data", data.path])
    #expect(warningLines(text.stderr).count == 3)
    let clean = try CLI.run([
      "eval", "--model", model, "--data", ContractOutputs.test, "--format", "json",
    ])
    #expect(try codes(clean.stdout) == [])
    #expect(clean.stderr.isEmpty)
  }

  /// 12 hawkish rows against 4 neutral ones (one made only of words seen once).
  private func imbalancedData(in folder: URL) throws -> String {
    var rows = ["text,label"]
    rows += (0..<12).map { "We will strike back hard number \($0) today.,hawkish" }
    rows += (0..<3).map { "The committee meets on day \($0) to review figures.,neutral" }
    rows.append("zebra quokka,neutral")
    let path = folder.appendingPathComponent("imbalanced.csv")
    try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: path)
    return path.path
  }

  @Test func trainAndInspectWarnOfImbalanceAndOfDocumentsPrunedBare() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = try imbalancedData(in: folder)
    let model = folder.appendingPathComponent("m.stance").path
    let train = try CLI.run([
      "train", "--data", data, "--c", "1", "--min-df", "2", "--out", model, "--quiet",
    ])
    #expect(train.status == 0)
    #expect(
      warningLines(train.stderr) == [
        "stance: warning: 1 of 16 documents has no feature left after pruning (every term "
          + "fell under --min-df or over --max-df or --max-features): such documents teach "
          + "only the intercepts; lower --min-df, raise --max-df or --max-features, or widen "
          + "--ngram",
        "stance: warning: the classes are heavily imbalanced ('hawkish' 12 examples, "
          + "'neutral' 4) and no class weighting is used: the small classes will be "
          + "under-predicted; use --class-weight balanced",
      ])
    let inspect = try CLI.run(["inspect", "--model", model, "--format", "json"])
    #expect(try codes(inspect.stdout) == ["class_imbalance"])
    #expect(warningLines(inspect.stderr).count == 1)

    // Balanced weights, or an automatic choice that weighed them, are not warned about.
    for options in [["--c", "1", "--class-weight", "balanced"], []] {
      let quiet = try CLI.run(["train", "--data", data, "--out", model, "--quiet"] + options)
      #expect(quiet.status == 0)
      #expect(warningLines(quiet.stderr).isEmpty, "\(options): \(quiet.stderr)")
      let clean = try CLI.run(["inspect", "--model", model, "--format", "json"])
      #expect(try codes(clean.stdout) == [])
    }
  }

  @Test func cvAndTuneWarnWhenFoldsStopAtTheIterationLimit() throws {
    let cv = try CLI.run([
      "cv", "--data", ContractOutputs.train, "--c", "100", "--max-iter", "1", "--folds", "3",
      "--format", "json",
    ])
    #expect(cv.status == 0, "\(cv.stderr)")
    #expect(try codes(cv.stdout) == ["not_converged"])
    let folds = try JSONNode.parse(cv.stdout)["folds"]?.elements ?? []
    #expect(
      folds.map { $0["stopped_at_iteration_limit"] } == Array(repeating: .bool(true), count: 3))
    #expect(
      warningLines(cv.stderr) == [
        "stance: warning: 3 of 3 fold fits stopped at the iteration limit (1) before "
          + "converging, so their scores are of models short of the optimum: raise --max-iter, "
          + "loosen --tol or lower --c"
      ])
    let tune = try CLI.run([
      "tune", "--data", ContractOutputs.train, "--c", "0.001,100", "--max-iter", "1",
      "--folds", "2", "--format", "json", "--quiet",
    ])
    #expect(tune.status == 0, "\(tune.stderr)")
    #expect(try codes(tune.stdout) == ["not_converged"])
    #expect(warningLines(tune.stderr).count == 1)
  }

  @Test func predictTextKeepsTheInputsIDs() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder).path
    let input = folder.appendingPathComponent("in.csv")
    try Data("id,text\n7,We will respond with force.\n8,Talks resume Monday.\n".utf8).write(
      to: input)
    let result = try CLI.run(["predict", "--model", model, input.path])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.map { $0.split(separator: "\t").first } == ["7", "8"])
    #expect(
      lines.map { $0.split(separator: "\t").last } == [
        "We will respond with force.", "Talks resume Monday.",
      ])
  }
}
