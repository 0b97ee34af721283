import Foundation
import StanceTestSupport
import Testing

/// The real JSON output of every command, made once for the suite by running the built
/// `stance` on the parity fixtures and a sample article.
struct ContractOutputs: Sendable {
  /// Output name (`eval`, `cv`, … , `predict.jsonl`, `score.json`) → its text.
  let texts: [String: String]

  static let shared: Result<ContractOutputs, any Error> = Result { try make() }

  static let train = Fixtures.data("fixtures/parity/train.csv").path
  static let test = Fixtures.data("fixtures/parity/test.csv").path
  static let article = Fixtures.data("articles/2026-03-ceasefire-talks-geneva.txt").path

  private static func make() throws -> ContractOutputs {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder).path
    let runs: [(String, [String])] = [
      ("eval", ["eval", "--model", model, "--data", test, "--format", "json"]),
      ("cv", ["cv", "--data", train, "--c", "1", "--folds", "3", "--format", "json"]),
      (
        "tune",
        [
          "tune", "--data", train, "--folds", "2", "--c", "1,10", "--class-weight",
          "none,balanced", "--format", "json", "--quiet",
        ]
      ),
      ("inspect", ["inspect", "--model", model, "--top", "3", "--format", "json"]),
      // The shipped stance model has a calibration and a deployment prior.
      ("inspect-shipped", ["inspect", "--model", "models/stance.stance", "--format", "json"]),
      ("prior", ["prior", "--model", model, test, "--format", "json"]),
      (
        "predict.jsonl",
        ["predict", "--model", model, test, "--format", "jsonl", "--explain", "2"]
      ),
      ("predict.json", ["predict", "--model", model, test, "--format", "json"]),
      ("quotes.json", ["quotes", article, "--format", "json"]),
      ("quotes.jsonl", ["quotes", article, "--format", "jsonl"]),
      ("score.json", ["score", "--model", model, "--no-sentiment", article, "--format", "json"]),
      ("score.jsonl", ["score", "--model", model, "--no-sentiment", article, "--format", "jsonl"]),
      // The shipped models: stance and sentiment, so the sentiment objects are checked too.
      ("score-shipped.json", ["score", article, "--format", "json"]),
    ]
    var texts: [String: String] = [:]
    for (name, arguments) in runs {
      let result = try CLI.run(arguments)
      try #require(result.status == 0, "\(name): \(result.stderr)")
      texts[name] = result.stdout
    }
    return ContractOutputs(texts: texts)
  }

  /// The output called `name`.
  func text(_ name: String) throws -> String {
    try #require(texts[name], "no output \(name)")
  }

  /// The output called `name`, parsed.
  func json(_ name: String) throws -> JSONNode {
    try JSONNode.parse(try text(name))
  }

  /// Every line of the JSON Lines output called `name`, parsed.
  func lines(_ name: String) throws -> [JSONNode] {
    try text(name).split(separator: "\n").map { try JSONNode.parse($0) }
  }

  /// Each JSON document with the schema that describes it, and each JSON Lines record with
  /// the schema of one record: (what, schema file, `$defs` entry or nil, value).
  func documents() throws -> [(String, String, String?, JSONNode)] {
    var documents: [(String, String, String?, JSONNode)] = []
    for name in ["eval", "cv", "tune", "inspect", "prior"] {
      documents.append((name, name, nil, try json(name)))
    }
    documents.append(("inspect-shipped", "inspect", nil, try json("inspect-shipped")))
    for name in ["quotes.json", "score.json", "score-shipped.json"] {
      documents.append((name, "articles", nil, try json(name)))
    }
    for name in ["quotes.jsonl", "score.jsonl"] {
      documents += try lines(name).map { (name, "articles", "article", $0) }
    }
    documents += try lines("predict.jsonl").map { ("predict.jsonl", "predict", nil, $0) }
    documents += try json("predict.json").elements.map { ("predict.json", "predict", nil, $0) }
    return documents
  }
}

/// The JSON contracts of docs/json.md: every command's real output against its schema in
/// docs/schema/, and the rules (every key present, folds from 1, settings recorded, the
/// scikit-learn report).
@Suite struct JSONContractTests {
  static let schemaFolder = Fixtures.repositoryRoot.appendingPathComponent("docs/schema")
  static let schemaNames = ["eval", "cv", "tune", "inspect", "prior", "predict", "articles"]

  static func schema(_ name: String) throws -> JSONNode {
    try JSONNode.parse(
      String(
        decoding: try Data(
          contentsOf: schemaFolder.appendingPathComponent("\(name).schema.json")),
        as: UTF8.self))
  }

  @Test func everyOutputMatchesItsSchema() throws {
    let outputs = try ContractOutputs.shared.get()
    let documents = try outputs.documents()
    // 6 documents, 3 article documents, 1 + 1 JSONL articles, 98 test rows twice.
    #expect(documents.count == 207)
    for (what, name, definition, value) in documents {
      let root = try Self.schema(name)
      let validator = SchemaSubset(root: root)
      let schema = try definition.map { try #require(root["$defs"]?[$0]) }
      let problems = validator.errors(value, against: schema)
      #expect(problems.isEmpty, "\(what) against \(name).schema.json: \(problems.prefix(5))")
    }
  }

  @Test func theSchemasAreDraft2020AndTheirRulesAreChecked() throws {
    let present = try FileManager.default.contentsOfDirectory(atPath: Self.schemaFolder.path)
    #expect(Set(present) == Set(Self.schemaNames.map { "\($0).schema.json" }))
    for name in Self.schemaNames {
      let root = try Self.schema(name)
      #expect(root["$schema"]?.string == "https://json-schema.org/draft/2020-12/schema")
      // Every subschema uses only keywords the validator checks.
      var pending = [root]
      while let schema = pending.popLast() {
        guard case .object(let rules) = schema else { continue }
        let unknown = Set(rules.keys).subtracting(SchemaSubset.keywords)
          .subtracting(SchemaSubset.annotations)
        #expect(unknown.isEmpty, "\(name).schema.json uses \(unknown.sorted())")
        for key in ["properties", "$defs"] {
          if case .object(let members) = rules[key] ?? .null { pending += members.values }
        }
        pending += [rules["items"], rules["additionalProperties"]].compactMap { $0 }
        pending += rules["anyOf"]?.elements ?? []
      }
    }
  }

  @Test func theValidatorRejectsWhatTheSchemasForbid() throws {
    let validator = SchemaSubset(root: try Self.schema("prior"))
    let good = try ContractOutputs.shared.get().json("prior")
    #expect(validator.errors(good).isEmpty)
    guard case .object(var members) = good else {
      Issue.record("prior is not an object")
      return
    }
    members["texts"] = nil
    members["extra"] = .number(1)
    members["converged"] = .string("yes")
    #expect(
      validator.errors(.object(members)) == [
        "$: missing required key texts", "$.converged: \"yes\" is not of type \"boolean\"",
        "$: unexpected key extra",
      ])
  }

  @Test(
    .enabled(
      if: Python.imports("jsonschema"),
      "python3-jsonschema is not installed (make test installs it): the Swift check above ran"))
  func theJSONSchemaLibraryAgrees() throws {
    let outputs = try ContractOutputs.shared.get()
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in outputs.texts {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    let script = """
      import json, pathlib, sys
      from jsonschema import Draft202012Validator as V
      folder, schemas = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
      def schema(name, definition=None):
          s = json.loads((schemas / f"{name}.schema.json").read_text())
          V.check_schema(s)
          return {"$ref": f"#/$defs/{definition}", "$defs": s["$defs"]} if definition else s
      checks = [(n, schema(n), json.loads((folder / n).read_text()))
                for n in ["eval", "cv", "tune", "inspect", "prior"]]
      checks.append(("inspect-shipped", schema("inspect"),
                     json.loads((folder / "inspect-shipped").read_text())))
      checks += [(n, schema("articles"), json.loads((folder / n).read_text()))
                 for n in ["quotes.json", "score.json", "score-shipped.json"]]
      for n, s, d in [("quotes.jsonl", schema("articles", "article"), None),
                      ("score.jsonl", schema("articles", "article"), None),
                      ("predict.jsonl", schema("predict"), None)]:
          checks += [(n, s, json.loads(line)) for line in (folder / n).read_text().splitlines()]
      checks += [("predict.json", schema("predict"), r)
                 for r in json.loads((folder / "predict.json").read_text())]
      bad = [(n, e.message) for n, s, d in checks for e in V(s).iter_errors(d)]
      print(len(checks), "checked;", bad[:5] if bad else "all valid")
      sys.exit(1 if bad else 0)
      """
    let result = try Python.run(script, arguments: [folder.path, Self.schemaFolder.path])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.hasSuffix("checked; all valid\n"), "\(result.stdout)")
  }

  @Test func evalReportHasScikitLearnsShape() throws {
    let eval = try ContractOutputs.shared.get().json("eval")
    let report = try #require(eval["report"])
    let labels = ["conciliatory", "hawkish", "neutral"]
    guard case .object(let members) = report else {
      Issue.record("report is not an object")
      return
    }
    #expect(Set(members.keys) == Set(labels + ["accuracy", "macro avg", "weighted avg"]))
    for (row, label) in zip(eval["classes"]?.elements ?? [], labels) {
      #expect(row["label"]?.string == label)
      #expect(report[label]?["f1-score"] == row["f1"])
      #expect(report[label]?["support"] == row["support"])
    }
    #expect(report["accuracy"] == eval["accuracy"])
    #expect(report["macro avg"]?["f1-score"] == eval["macro_f1"])
    #expect(report["weighted avg"]?["recall"] == eval["weighted_recall"])
    #expect(report["macro avg"]?["support"]?.number == 98)
    #expect(report["weighted avg"]?["support"]?.number == 98)
  }

  @Test(
    .enabled(
      if: Python.imports("sklearn"),
      "scikit-learn is not installed (python3-sklearn): the report's shape was still checked"))
  func evalReportEqualsScikitLearnsOnTheSamePredictions() throws {
    let outputs = try ContractOutputs.shared.get()
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(try outputs.text("eval").utf8).write(to: folder.appendingPathComponent("eval"))
    try Data(try outputs.text("predict.jsonl").utf8).write(
      to: folder.appendingPathComponent("predict.jsonl"))
    // predict passes the file's label column through as input_label: the truth.
    let script = """
      import json, math, pathlib, sys
      from sklearn.metrics import classification_report
      folder = pathlib.Path(sys.argv[1])
      ours = json.loads((folder / "eval").read_text())["report"]
      rows = [json.loads(l) for l in (folder / "predict.jsonl").read_text().splitlines()]
      theirs = classification_report([r["input_label"] for r in rows],
                                     [r["label"] for r in rows], output_dict=True)
      def flat(d, p=""):
          return {p + k: v for key, x in d.items()
                  for k, v in (flat(x, key + "/").items() if isinstance(x, dict) else [(key, x)])}
      a, b = flat(ours), flat(theirs)
      assert a.keys() == b.keys(), (sorted(a), sorted(b))
      worst = max(abs(a[k] - b[k]) for k in a)
      print(len(a), "values, largest difference", worst)
      sys.exit(0 if worst <= 1e-12 else 1)
      """
    let result = try Python.run(script, arguments: [folder.path])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.hasPrefix("21 values, largest difference"), "\(result.stdout)")
  }

  @Test func foldsCountFromOneAndSettingsAreRecorded() throws {
    let outputs = try ContractOutputs.shared.get()
    let cv = try outputs.json("cv")
    #expect(cv["folds"]?.elements.compactMap { $0["fold"]?.number } == [1, 2, 3])
    let settings = try #require(cv["settings"])
    #expect(settings["folds"]?.number == 3)
    #expect(settings["seed"]?.string == "0")
    #expect(settings["group_by"] == .null)
    #expect(settings["training"]?["c"]?.number == 1)
    #expect(settings["training"]?["class_weight"]?.string == "none")
    #expect(settings["vectorizer"]?["ngram"]?.string == "1-2")
    #expect(settings["vectorizer"]?["min_df"]?.string == "1")
    #expect(cv["label_f1"]?["hawkish"]?["mean"]?.number != nil)

    let tune = try outputs.json("tune")
    let entries = tune["entries"]?.elements ?? []
    #expect(entries.compactMap { $0["rank"]?.number } == [1, 2, 3, 4])
    #expect(Set(entries.compactMap { $0["point"]?.number }) == [1, 2, 3, 4])
    #expect(tune["best"] == entries.first)
    #expect(tune["settings"]?["grid"]?["c"] == .array([.number(1), .number(10)]))
    #expect(
      tune["settings"]?["grid"]?["class_weight"] == .array([.string("none"), .string("balanced")]))
    for entry in entries {
      #expect(entry["cv"]?["folds"]?.elements.compactMap { $0["fold"]?.number } == [1, 2])
    }
  }

  @Test func everyKeyIsPresentAndSpeakersGetAClass() throws {
    let outputs = try ContractOutputs.shared.get()
    let quoteKeys: Set<String> = [
      "speaker", "text", "start", "end", "kind", "cue", "attribution", "speaker_start",
      "speaker_end", "label", "probabilities", "sentiment",
    ]
    let speakerKeys: Set<String> = [
      "name", "kind", "role", "quotes", "words", "label", "probabilities", "confidence",
      "interval", "evidence", "sentiment",
    ]
    for name in ["quotes.json", "score.json"] {
      let article = try #require(try outputs.json(name)["articles"]?.elements.first)
      #expect(Set(keys(article)) == ["source", "input", "quotes", "speakers"])
      for quote in article["quotes"]?.elements ?? [] { #expect(Set(keys(quote)) == quoteKeys) }
      for speaker in article["speakers"]?.elements ?? [] {
        #expect(Set(keys(speaker)) == speakerKeys)
      }
    }
    let extracted = try outputs.json("quotes.json")["articles"]?.elements.first
    #expect(extracted?["quotes"]?.elements.allSatisfy { $0["label"] == .null } == true)
    let scored = try outputs.json("score-shipped.json")["articles"]?.elements.first
    for speaker in scored?["speakers"]?.elements ?? [] where speaker["kind"]?.string != "document" {
      #expect(["conciliatory", "hawkish", "neutral"].contains(speaker["label"]?.string))
      #expect(["strong", "weak"].contains(speaker["evidence"]?.string))
      #expect(["negative", "neutral", "positive"].contains(speaker["sentiment"]?["label"]?.string))
      #expect(["strong", "weak"].contains(speaker["sentiment"]?["evidence"]?.string))
    }
  }

  @Test func jsonLinesHoldTheSameRecordsAsTheJSONDocument() throws {
    let outputs = try ContractOutputs.shared.get()
    for command in ["quotes", "score"] {
      let document = try outputs.json("\(command).json")["articles"]?.elements
      #expect(try outputs.lines("\(command).jsonl") == document)
    }
    #expect(try outputs.lines("predict.jsonl").count == 98)
    #expect(try outputs.lines("predict.jsonl")[0]["explanation"]?.elements.count == 2)
    #expect(try outputs.json("predict.json").elements.allSatisfy { $0["explanation"] == .null })
  }

  private func keys(_ node: JSONNode) -> [String] {
    if case .object(let members) = node { return Array(members.keys) }
    return []
  }
}

/// `python3` for the optional checks against the reference libraries.
enum Python {
  /// Whether `python3` can import `module`.
  static func imports(_ module: String) -> Bool {
    (try? run("import \(module)", arguments: []).status) == 0
  }

  /// Runs `python3 -c script arguments…`.
  static func run(_ script: String, arguments: [String]) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let (stdout, stderr) = try CLI.collect(process, input: Data())
    return CLIResult(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}
