import Foundation
import StanceKit
import StanceTestSupport
import Testing

/// train → inspect → eval → predict through the binary, checked against the library and
/// against the JSON contract of DESIGN.md §3.
@Suite struct RoundTripTests {
  /// Training that stops at its iteration limit warns on stderr, under `--quiet` too, and
  /// still writes the model; training that converges says nothing.
  @Test func stoppingAtTheIterationLimitWarns() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let train = Fixtures.data("fixtures/parity/train.csv").path
    let model = folder.appendingPathComponent("m.stance").path
    let stopped = try CLI.run([
      "train", "--data", train, "--c", "100", "--max-iter", "2", "--out", model, "--quiet",
    ])
    #expect(stopped.status == 0)
    #expect(
      stopped.stderr.hasPrefix("stance: warning: training stopped at the iteration limit (2) "))
    #expect(stopped.stderr.hasSuffix("raise --max-iter, loosen --tol or lower --c\n"))
    #expect(FileManager.default.fileExists(atPath: model))
    let converged = try CLI.run([
      "train", "--data", train, "--c", "1", "--out", model, "--quiet",
    ])
    #expect(converged.status == 0)
    #expect(converged.stderr.isEmpty)
  }

  @Test func cliAndLibraryGiveTheSameProbabilities() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let test = Fixtures.data("fixtures/parity/test.csv").path
    let texts = try Dataset.read(path: test).texts

    // The library, trained with the CLI's defaults, on the same file.
    let train = try Dataset.read(path: Fixtures.data("fixtures/parity/train.csv").path)
    let library = try Pipeline.fit(texts: train.texts, labels: train.labels)
    let expected = library.probabilities(texts)

    // CSV numbers are Swift's shortest round-trip form, read back with Double(_:), so the
    // comparison is exact. (JSON would go through Foundation's number parser, which is not
    // always correctly rounded on Linux.)
    let result = try CLI.run(["predict", "--model", model.path, test, "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let path = folder.appendingPathComponent("predictions.csv").path
    try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: path))
    var reader = try DelimitedTextReader(path: path)
    let records = try reader.readAll()
    #expect(
      records.first?.fields == [
        "input_label", "text", "label", "p_conciliatory", "p_hawkish", "p_neutral",
      ])
    let rows = Array(records.dropFirst())
    #expect(rows.count == texts.count)
    for (row, record) in rows.enumerated() {
      let fields = record.fields
      #expect(fields[1] == texts[row])
      #expect(fields[2] == library.predict([texts[row]]).first)
      let probabilities = fields[3...].map { Double($0) ?? .nan }
      #expect(probabilities == expected.row(row), "row \(row)")
    }
  }

  @Test func jsonLinesFromStdinHaveTheContractKeys() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let result = try CLI.run(
      ["predict", "--model", model.path, "--format", "jsonl"],
      input: "We will not back down.\nThe talks resume on Monday.\n")
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    for line in lines {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(Set(object.keys) == ["text", "label", "probabilities", "explanation"])
      #expect(object["explanation"] is NSNull)
      let probabilities = try #require(object["probabilities"] as? [String: Double])
      #expect(Set(probabilities.keys) == ["conciliatory", "hawkish", "neutral"])
      #expect(abs(probabilities.values.reduce(0, +) - 1) <= 1e-12)
    }
  }

  @Test func evalJSONHasTheContractKeys() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let out = folder.appendingPathComponent("eval.json")
    let result = try CLI.run([
      "eval", "--model", model.path, "--data", Fixtures.data("fixtures/parity/test.csv").path,
      "--format", "json", "--out", out.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
    for key in ["n", "accuracy", "macro_f1", "weighted_f1", "log_loss", "classes", "confusion"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect(object["n"] as? Int == 98)
    let classes = try #require(object["classes"] as? [[String: Any]])
    #expect(classes.map { $0["label"] as? String } == ["conciliatory", "hawkish", "neutral"])
    for entry in classes {
      for key in ["label", "precision", "recall", "f1", "support"] {
        #expect(entry[key] != nil, "missing classes[].\(key)")
      }
    }
    let confusion = try #require(object["confusion"] as? [String: Any])
    #expect(confusion["labels"] as? [String] == ["conciliatory", "hawkish", "neutral"])
    let matrix = try #require(confusion["matrix"] as? [[Double]])
    #expect(matrix.flatMap { $0 }.reduce(0, +) == 98)
  }

  @Test func predictPassesColumnsThroughAndExplains() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let input = folder.appendingPathComponent("in.csv")
    try Data(
      "id,text,source\n7,\"We will not back down, whatever it costs.\",wire\n8,Talks resume Monday.,tv\n"
        .utf8
    ).write(to: input)

    let json = try CLI.run([
      "predict", "--model", model.path, input.path, "--format", "json", "--explain", "2",
    ])
    #expect(json.status == 0, "\(json.stderr)")
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(array.count == 2)
    #expect(array.map { $0["id"] as? String } == ["7", "8"])
    #expect(array.map { $0["source"] as? String } == ["wire", "tv"])
    for object in array {
      let explanation = try #require(object["explanation"] as? [[String: Any]])
      #expect(explanation.count == 2)
      #expect(explanation.allSatisfy { $0["feature"] is String && $0["weight"] is Double })
    }

    let csv = try CLI.run(["predict", "--model", model.path, input.path, "--format", "csv"])
    #expect(csv.status == 0, "\(csv.stderr)")
    let rows = csv.stdout.split(separator: "\r\n")
    #expect(
      rows.first == "id,source,text,label,p_conciliatory,p_hawkish,p_neutral")
    #expect(rows.count == 3)
    #expect(rows[1].hasPrefix("7,wire,\"We will not back down, whatever it costs.\","))
  }

  @Test func inspectListsLabelsAndTopFeatures() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let result = try CLI.run(["inspect", "--model", model.path, "--top", "3", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["labels"] as? [String] == ["conciliatory", "hawkish", "neutral"])
    #expect(object["feature_count"] as? Int == 5807)
    let classes = try #require(object["classes"] as? [[String: Any]])
    #expect(classes.map { ($0["top_features"] as? [Any])?.count } == [3, 3, 3])
    let data = try #require(object["data"] as? [String: Any])
    #expect(data["document_count"] as? Int == 342)
    #expect(
      data["class_counts"] as? [String: Int] == [
        "conciliatory": 118, "hawkish": 122, "neutral": 102,
      ])
  }

  @Test func trainingTwiceGivesTheSameBytes() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try trainFixtureModel(in: folder)
    let bytes = try Data(contentsOf: first)
    let second = try trainFixtureModel(in: folder)
    #expect(try Data(contentsOf: second) == bytes)
    // A different thread count gives the same model too.
    let other = folder.appendingPathComponent("threads1.stance")
    let result = try CLI.run([
      "train", "--c", "1", "--data", Fixtures.data("fixtures/parity/train.csv").path, "--out",
      other.path,
      "--threads", "1", "--quiet",
    ])
    #expect(result.status == 0)
    #expect(try Data(contentsOf: other) == bytes)
  }

  @Test func progressAndSummaryStayOffStdout() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("m.stance")
    let result = try CLI.run([
      "train", "--c", "1", "--data", Fixtures.data("fixtures/parity/train.csv").path, "--out",
      model.path,
      "--progress",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("iteration 1 "))
    for field in [
      "documents", "features", "classes", "solver", "iterations", "objective",
      "stopped", "seconds",
    ] {
      #expect(result.stderr.contains(field), "summary lacks \(field)")
    }
    // Benchmarks/peers/bench_peers.py reads these two lines; keep their shape.
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines.contains { $0.wholeMatch(of: /features\s+\d+ \(\d+ non-zeros\)/) != nil },
      "no 'features N (M non-zeros)' line")
    #expect(
      lines.contains {
        $0.wholeMatch(
          of: /seconds\s+[\d.]+ \(read [\d.]+, features [\d.]+, solver [\d.]+, write [\d.]+\)/)
          != nil
      }, "no 'seconds T (read a, features b, solver c, write d)' line")
    let quiet = try CLI.run([
      "train", "--c", "1", "--data", Fixtures.data("fixtures/parity/train.csv").path, "--out",
      model.path,
      "--quiet",
    ])
    #expect(quiet.status == 0)
    #expect(quiet.stderr.isEmpty && quiet.stdout.isEmpty)
  }
}
