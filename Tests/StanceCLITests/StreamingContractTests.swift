import Foundation
import StanceTestSupport
import Testing

/// `predict` and `score` with `--input jsonl --format jsonl`: one line out per line in, in
/// order, id first, every other field carried through, malformed lines answered with an
/// error object, and each answer written before the next line is read.
@Suite struct StreamingContractTests {
  /// A predict input whose ids come first, as in the file-mode output it is compared with.
  static let predictInput = [
    #"{"id": 1, "text": "We will respond with force.", "outlet": "Wire"}"#,
    #"{"id": "b", "text": 42}"#,
    "not json",
    "",
    #"{"id": 3, "text": "Both sides agreed to talk.", "rank": [1, {"a": null}]}"#,
    #"{"text": "No id here.", "error": "mine", "label": "x", "speaker": "Ana"}"#,
  ]

  @Test func predictAnswersEveryLineInOrder() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder).path
    let input = Self.predictInput.joined(separator: "\n") + "\n"
    let result = try CLI.run(
      ["predict", "--model", model, "--input", "jsonl", "--format", "jsonl"], input: input)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    try #require(lines.count == 7 && lines[6].isEmpty, "\(result.stdout)")
    // Good records: the file-mode line of the same record, with "error": null added.
    let good = folder.appendingPathComponent("good.jsonl")
    try Data((Self.predictInput[0] + "\n" + Self.predictInput[4] + "\n").utf8).write(to: good)
    let plain = try CLI.run(["predict", "--model", model, good.path, "--format", "jsonl"])
    let expected = plain.stdout.split(separator: "\n").map { $0.dropLast() + #", "error": null}"# }
    #expect(lines[0] == expected[0])
    #expect(lines[4] == expected[1])
    #expect(lines[0].hasPrefix(#"{"id": 1, "outlet": "Wire", "text": "We will respond"#))
    #expect(lines[4].hasPrefix(#"{"id": 3, "rank": [1, {"a": null}], "text": "Both"#))
    #expect(
      lines[1]
        == #"{"id": "b", "error": {"code": "text_not_a_string", "line": 2, "message": "#
        + #""<stdin>:2: the value of 'text' is a number (42); expected a string in double "#
        + #"quotes"}}"#)
    #expect(
      lines[2]
        == #"{"id": null, "error": {"code": "invalid_json", "line": 3, "message": "<stdin>:3: "#
        + #"not valid JSON at column 1: expected true, false or null"}}"#)
    #expect(
      lines[3]
        == #"{"id": null, "error": {"code": "blank_line", "line": 4, "message": "<stdin>:4: "#
        + #"the line is blank; expected one JSON object per line (every line gets an answer, "#
        + #"so leave blank lines out)"}}"#)
    // No id: null first; fields named like answer keys are renamed; the speaker stays.
    #expect(
      lines[5].hasPrefix(
        #"{"id": null, "input_error": "mine", "input_label": "x", "speaker": "Ana", "#
          + #""text": "No id here.", "label": ""#))
    #expect(lines[5].hasSuffix(#", "error": null}"#))
  }

  @Test func invalidUTF8IsAnErrorLineOrRepaired() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder).path
    var bytes = Data(#"{"id": 9, "text": "caf"#.utf8)
    bytes.append(0xE9)
    bytes.append(Data("\"}\n{\"id\": 10, \"text\": \"fine\"}\n".utf8))
    let path = folder.appendingPathComponent("in.jsonl")
    try bytes.write(to: path)
    let arguments = ["predict", "--model", model, "--input", "jsonl", "--format", "jsonl"]
    let failed = try CLI.run(arguments + [path.path])
    #expect(failed.status == 0, "\(failed.stderr)")
    let lines = failed.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    let message =
      "\(path.path):1: the text is not valid UTF-8 at byte offset 22 (byte 0xE9); convert "
      + "the file to UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8)"
    #expect(
      lines.first.map(String.init)
        == #"{"id": 9, "error": {"code": "invalid_utf8", "line": 1, "message": ""#
        + message + #""}}"#)
    #expect(lines.last?.hasPrefix(#"{"id": 10, "text": "fine", "label": "#) == true)
    let repaired = try CLI.run(arguments + [path.path, "--invalid-utf8", "replace"])
    #expect(repaired.status == 0)
    #expect(repaired.stderr == "stance: \(path.path): replaced invalid UTF-8 in 1 record\n")
    #expect(repaired.stdout.hasPrefix("{\"id\": 9, \"text\": \"caf\u{FFFD}\", \"label\": "))
  }

  /// The article's answer is the file-mode article object, with the record's fields (not
  /// its text) first and "error": null last.
  @Test func scoreAnswersEveryLineInOrder() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder).path
    let articles = [
      #"{"id": "a1", "text": "\u201CWe will not retreat,\u201D said General Amara Diallo.", "#
        + #""outlet": "Harbour Wire"}"#,
      #"{"id": 2, "body": "no text"}"#,
      #"{"text": "Minister Lena Park said the talks would resume.", "source": "mine"}"#,
    ]
    let path = folder.appendingPathComponent("batch.jsonl")
    try Data((articles.joined(separator: "\n") + "\n").utf8).write(to: path)
    let common = ["score", "--model", model, "--no-sentiment", "--format", "jsonl", path.path]
    let result = try CLI.run(common + ["--input", "jsonl"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    try #require(lines.count == 3, "\(result.stdout)")
    #expect(lines[0].hasPrefix(#"{"id":"a1","outlet":"Harbour Wire","#))
    #expect(lines[2].hasPrefix(#"{"id":null,"input_source":"mine","#))
    #expect(
      lines[1]
        == #"{"id":2,"body":"no text","error":{"code":"missing_text","line":2,"message":""#
        + "\(path.path):2: no key 'text' in this object; the keys are 'id', 'body'; choose "
        + #"the text key with --text-column"}}"#)
    // The same articles through the batch reader (the bad line mended, so lines keep
    // their numbers and a line without an id its source).
    let mended = [articles[0], #"{"id": 2, "text": "Calm."}"#, articles[2]]
    try Data((mended.joined(separator: "\n") + "\n").utf8).write(to: path)
    let batch = try CLI.run(common).stdout.split(separator: "\n").map(String.init)
    try #require(batch.count == 3)
    for (streamed, plain, fields) in [
      (lines[0], batch[0], ["id": "a1", "outlet": "Harbour Wire"]),
      (lines[2], batch[2], ["id": NSNull(), "input_source": "mine"] as [String: Any]),
    ] {
      var object = try Self.object(streamed)
      var expected = try Self.object(plain)
      #expect(object.removeValue(forKey: "error") is NSNull)
      expected["input"] = nil
      object["input"] = nil
      for key in fields.keys { #expect(object.removeValue(forKey: key) != nil) }
      #expect(NSDictionary(dictionary: object).isEqual(to: expected), "\(streamed)")
    }
  }

  @Test func optionsThatCannotStreamAreUsageErrors() throws {
    let score = try CLI.run(["score", "--input", "jsonl", "--format", "table"])
    #expect(score.status == 64)
    #expect(score.stderr.hasPrefix("Error: --input jsonl answers every line with one JSON line"))
    let predict = try CLI.run([
      "predict", "--input", "jsonl", "--format", "jsonl", "--adapt-prior",
    ])
    #expect(predict.status == 64)
    #expect(predict.stderr.hasPrefix("Error: --adapt-prior reads the whole input"))
  }

  private static func object(_ line: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(object as? [String: Any])
  }
}

/// An answer reaches the reader while stdin is still open: a program can write one line and
/// wait for its result (as Spark's pipe does at the end of a partition).
@Suite struct StreamingFlushTests {
  @Test(arguments: [
    ["predict", "--input", "jsonl", "--format", "jsonl"],
    ["score", "--no-sentiment", "--input", "jsonl", "--format", "jsonl"],
  ])
  func eachAnswerArrivesBeforeStdinCloses(command: [String]) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder).path
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = command + ["--model", model]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    let reader = LineReader(stdout.fileHandleForReading)
    for id in 1...2 {
      let text = "\\u201CWe will talk,\\u201D said Minister Lena Park."
      stdin.fileHandleForWriting.write(Data("{\"id\": \(id), \"text\": \"\(text)\"}\n".utf8))
      // Bounded only so a broken build fails instead of hanging; nothing is timed.
      let answer = reader.nextLine(within: 300)
      let line = try #require(answer, "no answer to line \(id)")
      #expect(line.hasPrefix(command[0] == "score" ? "{\"id\":\(id)," : "{\"id\": \(id), "))
      #expect(line.hasSuffix("null}"))
    }
    try stdin.fileHandleForWriting.close()
    #expect(reader.nextLine(within: 300) == nil)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }
}
