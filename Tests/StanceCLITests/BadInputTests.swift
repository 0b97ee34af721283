import Foundation
import StanceTestSupport
import Testing

/// Every bad input of the CLI issue: the sysexits code, a message naming the file and line
/// (or option) and what was expected, and no output or model file created or changed.
@Suite struct BadInputTests {
  /// A case: files to create, the arguments (with `$DIR` for the temporary folder), the
  /// expected exit code and fragments the stderr message must contain.
  struct Case: CustomStringConvertible, Sendable {
    let name: String
    let files: [String: [UInt8]]
    let arguments: [String]
    let status: Int32
    let message: [String]
    var description: String { name }
  }

  private static func text(_ string: String) -> [UInt8] { Array(string.utf8) }

  static let good = text("text,label\nwe will strike back,hawkish\nlet us talk,conciliatory\n")

  static let trainingCases: [Case] = [
    Case(
      name: "missing file", files: [:],
      arguments: ["train", "--c", "1", "--data", "$DIR/nope.csv"],
      status: 66, message: ["nope.csv", "no such file"]),
    Case(
      name: "a directory as the data file", files: ["folder.csv/x": good],
      arguments: ["train", "--c", "1", "--data", "$DIR/folder.csv"], status: 66,
      message: ["folder.csv", "is a folder; give a data file"]),
    Case(
      name: "empty file", files: ["d.csv": []],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv"],
      status: 65, message: ["d.csv", "empty", "header"]),
    Case(
      name: "header only", files: ["d.csv": text("text,label\n")],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv"], status: 65,
      message: ["d.csv", "no records"]),
    Case(
      name: "no label column, with a suggestion", files: ["d.csv": text("text,lable\na,b\n")],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv"], status: 65,
      message: ["d.csv:1", "no column 'label'", "did you mean 'lable'"]),
    Case(
      name: "no text column, with a suggestion", files: ["d.csv": text("txt,label\na,b\n")],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv"], status: 65,
      message: ["d.csv:1", "no column 'text'", "did you mean 'txt'"]),
    Case(
      name: "ragged row", files: ["d.csv": text("text,label\na,b\nc,d,e\n")],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv"], status: 65,
      message: ["d.csv:3", "expected 2 fields", "found 3"]),
    Case(
      name: "unterminated quote at end of file",
      files: ["d.csv": text("text,label\na,b\n\"never closed,c\n")],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv"], status: 65,
      message: ["d.csv:3", "never closed"]),
    Case(
      name: "invalid UTF-8", files: ["d.csv": text("text,label\nab") + [0xFF] + text(",c\n")],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv"], status: 65,
      message: ["d.csv:2", "not valid UTF-8", "byte offset 13"]),
    Case(
      name: "JSONL line that is not an object",
      files: ["d.jsonl": text("{\"text\": \"a\", \"label\": \"b\"}\n[1, 2]\n")],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.jsonl"], status: 65,
      message: ["d.jsonl:2", "expected a JSON object"]),
    Case(
      name: "JSONL line without the label key",
      files: ["d.jsonl": text("{\"text\": \"a\", \"label\": \"b\"}\n{\"text\": \"c\"}\n")],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.jsonl"], status: 65,
      message: ["d.jsonl:2", "no key 'label'"]),
    Case(
      name: "JSONL text that is not a string",
      files: ["d.jsonl": text("{\"text\": 42, \"label\": \"b\"}\n")],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.jsonl"], status: 65,
      message: ["d.jsonl:1", "'text'", "a number", "expected a string"]),
    Case(
      name: "training data with one class",
      files: ["d.csv": text("text,label\nwe attack,hawkish\nwe strike,hawkish\n")],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv"], status: 65,
      message: ["d.csv", "'hawkish'", "at least two labels"]),
    Case(
      name: "--ngram 3-1", files: ["d.csv": good],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv", "--ngram", "3-1"], status: 64,
      message: ["--ngram", "3-1"]),
    Case(
      name: "--c 0", files: ["d.csv": good],
      arguments: ["train", "--data", "$DIR/d.csv", "--c", "0"], status: 64,
      message: ["--c", "greater than 0"]),
    Case(
      name: "--c -1", files: ["d.csv": good],
      arguments: ["train", "--data", "$DIR/d.csv", "--c", "-1"], status: 64,
      message: ["--c"]),
    Case(
      name: "--hash-bits 40", files: ["d.csv": good],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv", "--hash-bits", "40"], status: 64,
      message: ["hash", "40"]),
    Case(
      name: "output path in a missing folder", files: ["d.csv": good],
      arguments: ["train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/missing/m.stance"],
      status: 73,
      message: ["missing/m.stance", "does not exist"]),
  ]

  @Test(arguments: trainingCases)
  func trainingRefusesBadInput(_ testCase: Case) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, bytes) in testCase.files {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
    var arguments = testCase.arguments.map {
      $0.replacingOccurrences(of: "$DIR", with: folder.path)
    }
    if !arguments.contains("--out") {
      arguments += ["--out", folder.appendingPathComponent("m.stance").path]
    }
    let before = try snapshot(folder)
    let result = try CLI.run(arguments)
    #expect(result.status == testCase.status, "\(result.stderr)")
    for fragment in testCase.message {
      #expect(result.stderr.contains(fragment), "missing '\(fragment)' in: \(result.stderr)")
    }
    #expect(result.stdout.isEmpty)
    #expect(try snapshot(folder) == before, "files were created or changed")
  }

  @Test func evalWithAnUnknownLabelIsReported() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let data = folder.appendingPathComponent("eval.csv")
    try Data("text,label\nwe talk,conciliatory\nno idea,favour\n".utf8).write(to: data)
    let out = folder.appendingPathComponent("report.json")
    let result = try CLI.run([
      "eval", "--model", model.path, "--data", data.path, "--out", out.path,
    ])
    #expect(result.status == 65)
    #expect(result.stderr.contains("eval.csv:3"))
    #expect(result.stderr.contains("'favour' is not one the model was trained on"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// A damaged model: how to damage it and a fragment of the expected message.
  static let damagedModels: [(String, String)] = [
    ("truncated", "truncated"), ("bit flipped", "corrupted"), ("newer version", "format version 2"),
    ("not a model", "not a StanceKit model"),
  ]

  @Test(arguments: damagedModels)
  func damagedModelsAreRefused(damage: String, message: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    var bytes = try [UInt8](Data(contentsOf: model))
    switch damage {
    case "truncated": bytes.removeLast(bytes.count / 3)
    case "bit flipped": bytes[bytes.count / 2] ^= 0x10
    case "newer version": bytes[8] = 2
    default: bytes = Array("text,label\na,b\n".utf8)
    }
    try Data(bytes).write(to: model)
    let out = folder.appendingPathComponent("p.json")
    let result = try CLI.run([
      "predict", "--model", model.path, "--text", "hello", "--out", out.path,
    ])
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.contains(model.lastPathComponent))
    #expect(result.stderr.lowercased().contains(message.lowercased()), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func killedTrainingLeavesTheEarlierModelIntact() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let original = try Data(contentsOf: model)
    // A run long enough to be killed while training (character n-grams, tight tolerance),
    // killed once its first solver iteration is reported: a fixed delay is too long for an
    // optimised build, which can finish the fixture in less.
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = [
      "train", "--data", Fixtures.data("stance/quotes.csv").path, "--out", model.path,
      "--char-ngram", "2-5", "--tol", "1e-14", "--max-iter", "100000", "--c", "1000",
      "--progress",
    ]
    let progress = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = progress
    try process.run()
    let lines = LineReader(progress.fileHandleForReading)
    while let line = lines.nextLine(within: 120), !line.hasPrefix("iteration ") {}
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(try Data(contentsOf: model) == original)
    // The earlier model still loads.
    let check = try CLI.run(["inspect", "--model", model.path, "--top", "1"])
    #expect(check.status == 0)
  }

  /// The names and contents of every file below `folder`.
  private func snapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        files[url.path] = try Data(contentsOf: url)
      }
    }
    return files
  }
}

/// Trains a small model on the parity fixture into `folder/m.stance`.
func trainFixtureModel(in folder: URL) throws -> URL {
  let model = folder.appendingPathComponent("m.stance")
  let result = try CLI.run([
    "train", "--c", "1", "--data", Fixtures.data("fixtures/parity/train.csv").path, "--out",
    model.path,
    "--quiet",
  ])
  try #require(result.status == 0, "\(result.stderr)")
  return model
}
