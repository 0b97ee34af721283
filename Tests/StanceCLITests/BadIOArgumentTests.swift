import Foundation
import StanceKit
import StanceTestSupport
import Testing

/// Rows 8, 9 and 12 of the bad-io table and rule 4 (the argument side), plus the crash
/// audit of rule 1: negative numbers reach the range checks, every validation error shows
/// the subcommand's usage, and a `--where` filter that keeps nothing says which values the
/// column does take.
///
/// Each test checks the exit code, the exact first line of stderr, that stdout is empty
/// and that no output file was created.
@Suite(.tags(.badIO)) struct BadIOArgumentTests {
  /// A command line refused before any work, with its exact first line of stderr.
  struct Case: CustomStringConvertible, Sendable {
    /// The arguments after `stance`; `$DIR` is the scratch folder holding `d.csv`.
    let arguments: [String]
    /// The first line of stderr, without its line break.
    let message: String
    /// The arguments as typed, which names the case in the test report.
    var description: String { arguments.joined(separator: " ") }
  }

  /// Four labelled records with a `split` column, enough for every command to get as far
  /// as reading them.
  static let records = """
    text,label,split
    we will strike back,hawkish,train
    let us talk,conciliatory,dev
    the border stays closed,hawkish,test
    we welcome the offer,conciliatory,train

    """

  /// The shipped stance model, which `eval`, `predict`, `inspect` and `score` read.
  static let model = Fixtures.repositoryRoot.appendingPathComponent("models/stance.stance").path

  static let threadLimit =
    "the thread count (--threads) must be from 1 to 1024, got -1; omit it to use one "
    + "thread per processor"

  // MARK: Row 8: negative numbers are values, and the range check speaks

  static let negativeNumbers: [Case] = [
    Case(
      arguments: ["train", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--c", "-1"],
      message: "Error: C (--c) must be a finite number greater than 0, got -1; try 1 "
        + "(larger values mean weaker regularisation)"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--threads", "-1",
      ],
      message: "Error: " + threadLimit),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--tol", "-1",
      ],
      message: "Error: the tolerance (--tol) must be between 0 and 1 (exclusive), got -1; "
        + "try 1e-4"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--max-iter", "-3",
      ],
      message: "Error: the iteration limit (--max-iter) must be at least 1, got -3; try 1000"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--seed", "-1",
      ],
      message: "Error: the seed (--seed) must be a whole number from 0 to "
        + "18446744073709551615, got -1"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--ngram", "-2",
      ],
      message: "Error: the word n-gram range (--ngram) must be N or LOW-HIGH with 1 <= LOW "
        + "<= HIGH <= 16, got -2; try 1-2"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--char-ngram",
        "-1-3",
      ],
      message: "Error: the character n-gram range (--char-ngram) must be N or LOW-HIGH with "
        + "1 <= LOW <= HIGH <= 16, got -1-3; try 2-5"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--min-df", "-1",
      ],
      message: "Error: the minimum document frequency (--min-df) must be a count of at least 1 "
        + "or a fraction from 0.0 to 1.0, got -1"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--max-df", "-0.5",
      ],
      message: "Error: the maximum document frequency (--max-df) must be a count of at least 1 "
        + "or a fraction from 0.0 to 1.0, got -0.5"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--max-features",
        "-1",
      ],
      message: "Error: the feature limit (--max-features) must be at least 1, got -1; omit it "
        + "to keep every term"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--hash-bits", "-1",
      ],
      message: "Error: the hash size (--hash-bits) must be from 1 to 30, got -1; try 18 "
        + "(262,144 columns)"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance",
        "--calibration-fraction",
        "-0.2",
      ],
      message: "Error: the held-out share (--calibration-fraction) must be between 0 and 1 "
        + "(exclusive), got -0.2; try 0.2"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance",
        "--calibration-folds", "-5",
      ],
      message: "Error: the number of calibration folds (--calibration-folds) must be at least "
        + "2, got -5"),
    Case(
      arguments: [
        "predict", "--model", model, "--text", "hi", "--out", "$DIR/p.txt", "--explain", "-5",
      ],
      message: "Error: the number of features to explain (--explain) must be at least 1, "
        + "got -5"),
    Case(
      arguments: [
        "predict", "--model", model, "--text", "hi", "--out", "$DIR/p.txt", "--threads", "-1",
      ],
      message: "Error: " + threadLimit),
    Case(
      arguments: ["inspect", "--model", model, "--top", "-5"],
      message: "Error: the number of features per class (--top) must be at least 0, got -5"),
    Case(
      arguments: ["cv", "--data", "$DIR/d.csv", "--folds", "-2"],
      message: "Error: the number of folds (--folds) must be at least 2, got -2"),
    Case(
      arguments: ["cv", "--data", "$DIR/d.csv", "--c", "-1"],
      message: "Error: C (--c) must be a finite number greater than 0, got -1; try 1 "
        + "(larger values mean weaker regularisation)"),
    Case(
      arguments: ["cv", "--data", "$DIR/d.csv", "--threads", "-1"],
      message: "Error: " + threadLimit),
    Case(
      arguments: ["tune", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--c", "-1,1"],
      message: "Error: C (--c) must be a finite number greater than 0, got -1; try 1 "
        + "(larger values mean weaker regularisation)"),
    Case(
      arguments: ["tune", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--tol", "-1"],
      message: "Error: the tolerance (--tol) must be between 0 and 1 (exclusive), got -1; "
        + "try 1e-4"),
    Case(
      arguments: ["tune", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--threads", "-1"],
      message: "Error: " + threadLimit),
    Case(
      arguments: ["tune", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--min-df", "1,-1"],
      message: "Error: the minimum document frequency (--min-df) must be a count of at least 1 "
        + "or a fraction from 0.0 to 1.0, got -1"),
    Case(
      arguments: ["tune", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--ngram", "1-1,-1"],
      message: "Error: the word n-gram range (--ngram) must be N or LOW-HIGH with 1 <= LOW "
        + "<= HIGH <= 16, got -1; try 1-2"),
    Case(
      arguments: ["tune", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--folds", "-1"],
      message: "Error: the number of folds (--folds) must be at least 2, got -1"),
    Case(
      arguments: ["tune", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--seed", "-7"],
      message: "Error: the seed (--seed) must be a whole number from 0 to "
        + "18446744073709551615, got -7"),
  ]

  @Test(arguments: negativeNumbers)
  func negativeNumbersReachTheRangeCheck(_ testCase: Case) throws {
    let result = try refused(testCase)
    #expect(result.status == 64)
  }

  // MARK: Row 8: NaN, infinity and numbers too large are refused

  static let nonFiniteAndHuge: [Case] = [
    Case(
      arguments: ["train", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--c", "nan"],
      message: "Error: C (--c) must be a finite number greater than 0, got nan; try 1 "
        + "(larger values mean weaker regularisation)"),
    Case(
      arguments: ["train", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--c", "inf"],
      message: "Error: C (--c) must be a finite number greater than 0, got inf; try 1 "
        + "(larger values mean weaker regularisation)"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--tol", "nan",
      ],
      message: "Error: the tolerance (--tol) must be between 0 and 1 (exclusive), got nan; "
        + "try 1e-4"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance",
        "--calibration-fraction",
        "nan",
      ],
      message: "Error: the held-out share (--calibration-fraction) must be between 0 and 1 "
        + "(exclusive), got nan; try 0.2"),
    Case(
      arguments: ["tune", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--c", "1,nan"],
      message: "Error: C (--c) must be a finite number greater than 0, got nan; try 1 "
        + "(larger values mean weaker regularisation)"),
    Case(
      arguments: [
        "predict", "--model", model, "--text", "hi", "--out", "$DIR/p.txt", "--threads",
        "9223372036854775807",
      ],
      message: "Error: the thread count (--threads) must be from 1 to 1024, got "
        + "9223372036854775807; omit it to use one thread per processor"),
    Case(
      arguments: [
        "train", "--c", "1", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--threads",
        "1000000000000",
      ],
      message: "Error: the thread count (--threads) must be from 1 to 1024, got "
        + "1000000000000; omit it to use one thread per processor"),
    Case(
      arguments: ["tune", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--threads", "1025"],
      message: "Error: the thread count (--threads) must be from 1 to 1024, got 1025; omit it "
        + "to use one thread per processor"),
  ]

  @Test(arguments: nonFiniteAndHuge)
  func nonFiniteAndHugeNumbersAreRefused(_ testCase: Case) throws {
    let result = try refused(testCase)
    #expect(result.status == 64)
  }

  @Test(arguments: [
    ["train", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--c"],
    ["inspect", "--model", model, "--top"],
    ["predict", "--model", model, "--text", "hi", "--out", "$DIR/p.txt", "--threads"],
  ])
  func aValueMissingAtTheEndIsStillReported(_ arguments: [String]) throws {
    let option = arguments[arguments.count - 1]
    let valueName = ["--c": "C", "--top": "k", "--threads": "n"][option] ?? ""
    let result = try refused(
      Case(arguments: arguments, message: "Error: Missing value for '\(option) <\(valueName)>'"))
    #expect(result.status == 64)
  }

  // MARK: Row 12: every validation error shows the subcommand's usage

  /// A refused command line of each subcommand and the start of its usage line.
  static let usageCases: [(Case, String)] = [
    (
      Case(
        arguments: ["train", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--c", "nan"],
        message: "Error: C (--c) must be a finite number greater than 0, got nan; try 1 "
          + "(larger values mean weaker regularisation)"),
      "Usage: stance train [<options>] --data <file> ... --out <model>"
    ),
    (
      Case(
        arguments: ["cv", "--data", "$DIR/d.csv", "--ngram", "3-1"],
        message: "Error: the word n-gram range (--ngram) must be N or LOW-HIGH with 1 <= LOW "
          + "<= HIGH <= 16, got 3-1; try 1-2"),
      "Usage: stance cv [<options>] --data <file> ..."
    ),
    (
      Case(
        arguments: ["tune", "--data", "$DIR/d.csv", "--out", "$DIR/m.stance", "--c", "0"],
        message: "Error: C (--c) must be a finite number greater than 0, got 0; try 1 "
          + "(larger values mean weaker regularisation)"),
      "Usage: stance tune [<options>] --data <file> ..."
    ),
    (
      Case(
        arguments: ["inspect", "--model", model, "--top", "-1"],
        message: "Error: the number of features per class (--top) must be at least 0, got -1"),
      "Usage: stance inspect --model <model> [--top <k>] [--format <text|json>]"
    ),
    (
      Case(
        arguments: ["predict", "--model", model, "--text", "hi", "--out", "$DIR/p.txt", "x.txt"],
        message: "Error: give texts either with --text or in files, not both"),
      "Usage: stance predict "
    ),
    (
      Case(
        arguments: [
          "eval", "--model", model, "--data", "$DIR/d.csv", "--out", "$DIR/r.txt",
          "--format", "xml",
        ],
        message: "Error: The value 'xml' is invalid for '--format <text|json|html>'. Please "
          + "provide one of 'text', 'json' or 'html'."),
      "Usage: stance eval "
    ),
    (
      Case(
        arguments: ["quotes", "--out", "$DIR/q.txt", "--format", "xml"],
        message: "Error: The value 'xml' is invalid for '--format <text|json|jsonl>'. "
          + "Please provide one of 'text', 'json' or 'jsonl'."),
      "Usage: stance quotes "
    ),
    (
      Case(
        arguments: ["score", "--model", model, "--out", "$DIR/s.txt", "--format", "xml"],
        message: "Error: The value 'xml' is invalid for '--format <text|json|jsonl|html>'. "
          + "Please provide one of 'text', 'json', 'jsonl' or 'html'."),
      "Usage: stance score "
    ),
  ]

  @Test(arguments: usageCases)
  func validationErrorsShowTheSubcommandsUsage(_ testCase: Case, usage: String) throws {
    let result = try refused(testCase)
    #expect(result.status == 64)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    let usageLine = lines.first { $0.hasPrefix("Usage: ") } ?? "(no usage line)"
    #expect(usageLine.hasPrefix(usage), "\(result.stderr)")
    let subcommand = testCase.arguments[0]
    #expect(lines.last == "  See 'stance \(subcommand) --help' for more information.")
  }

  // MARK: Row 9: a --where filter that keeps nothing names the filter, file and values

  @Test(arguments: ["train", "--c", "1", "eval", "cv", "tune"])
  func whereThatKeepsNothingListsTheValues(_ command: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("d.csv").path
    try Self.records.write(toFile: data, atomically: false, encoding: .utf8)
    let out = folder.appendingPathComponent("out").path
    let arguments: [String]
    switch command {
    case "train": arguments = ["train", "--c", "1", "--data", data, "--out", out]
    case "eval": arguments = ["eval", "--model", Self.model, "--data", data, "--out", out]
    case "cv": arguments = ["cv", "--data", data, "--folds", "2"]
    default: arguments = ["tune", "--data", data, "--folds", "2", "--out", out]
    }
    let result = try CLI.run(arguments + ["--where", "split=tarin"])
    #expect(result.status == 65)
    #expect(
      result.firstErrorLine
        == "stance: --where split=tarin matched none of the 4 records of \(data); split takes "
        + "train, dev, test")
    #expect(result.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["d.csv"])
  }

  @Test func whereOnTheShippedCorpusCountsWithSeparators() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("m.stance").path
    let result = try CLI.run([
      "train", "--c", "1", "--data", "data/stance/quotes.csv", "--where", "split=tarin", "--out",
      out,
    ])
    #expect(result.status == 65)
    // The corpus grows; the count is read from it and grouped by thousands here.
    let count = try Dataset.read(path: Fixtures.data("stance/quotes.csv").path).texts.count
    #expect(count > 9_999)
    let grouped = "\(count / 1000),\(String(count % 1000).leftPadded(to: 3))"
    #expect(
      result.firstErrorLine
        == "stance: --where split=tarin matched none of the \(grouped) records of "
        + "data/stance/quotes.csv; split takes train, test, dev")
    #expect(result.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func whereListsAtMostTwentyValues() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("d.csv").path
    let rows = (1...25).map { "text \($0),\($0 % 2 == 0 ? "a" : "b"),\($0)" }
    try (["text,label,id"] + rows + [""]).joined(separator: "\n")
      .write(toFile: data, atomically: false, encoding: .utf8)
    let out = folder.appendingPathComponent("m.stance").path
    let result = try CLI.run([
      "train", "--c", "1", "--data", data, "--where", "id=0,26", "--out", out,
    ])
    #expect(result.status == 65)
    let values = (1...20).map(String.init).joined(separator: ", ")
    #expect(
      result.firstErrorLine
        == "stance: --where id=0,26 matched none of the 25 records of \(data); id takes "
        + "\(values), …")
    #expect(result.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func whereOnALabelColumnTestsTheLabels() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("d.csv").path
    try Self.records.write(toFile: data, atomically: false, encoding: .utf8)
    let out = folder.appendingPathComponent("m.stance").path
    let result = try CLI.run([
      "train", "--c", "1", "--data", data, "--where", "label=dovish", "--out", out,
    ])
    #expect(result.status == 65)
    #expect(
      result.firstErrorLine
        == "stance: --where label=dovish matched none of the 4 records of \(data); label takes "
        + "hawkish, conciliatory")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func whereOnAMissingCSVColumnSuggestsOne() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("d.csv").path
    try Self.records.write(toFile: data, atomically: false, encoding: .utf8)
    let out = folder.appendingPathComponent("m.stance").path
    let result = try CLI.run([
      "train", "--c", "1", "--data", data, "--where", "splt=train", "--out", out,
    ])
    #expect(result.status == 65)
    #expect(
      result.firstErrorLine
        == "stance: \(data):1: no column 'splt' in the header; did you mean 'split'? The "
        + "columns are 'text', 'label', 'split'; choose the filter column with --where")
    #expect(result.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func whereOnAMissingJSONLKeySuggestsOne() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("d.jsonl").path
    try """
    {"text": "we will strike back", "label": "hawkish", "split": "train"}
    {"text": "let us talk", "label": "conciliatory", "split": "dev"}

    """.write(toFile: data, atomically: false, encoding: .utf8)
    let out = folder.appendingPathComponent("m.stance").path
    let result = try CLI.run([
      "train", "--c", "1", "--data", data, "--where", "splt=train", "--out", out,
    ])
    #expect(result.status == 65)
    #expect(
      result.firstErrorLine
        == "stance: \(data): no record has the key 'splt' (--where splt=train); did you mean "
        + "'split'? The keys are 'text', 'label', 'split'")
    #expect(result.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  // MARK: Rule 1: the trap check of `make lint`

  @Test func theTrapCheckPassesOnSourcesAndCatchesAnUnexplainedTrap() throws {
    let script = Fixtures.repositoryRoot.appendingPathComponent("tools/check_no_traps.sh").path
    #expect(try Self.shell(["sh", script, "Sources"]).status == 0)

    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("T.swift").path
    try """
    // Cannot fail: the literal is a valid number.
    let a = try! parse("1")
    let b = try! parse(input)

    """.write(toFile: file, atomically: false, encoding: .utf8)
    let result = try Self.shell(["sh", script, folder.path])
    #expect(result.status == 1)
    #expect(
      result.stdout
        == "\(file):3: a trap without a \"// Cannot fail: <why>\" comment above it\n")
  }

  // MARK: Helpers

  /// Runs `testCase` with `$DIR` set to a scratch folder holding `d.csv`, and checks what
  /// every refusal must show: its first line of stderr, nothing on stdout and no file
  /// beyond `d.csv`.
  private func refused(
    _ testCase: Case, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> CLIResult {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.records.write(
      toFile: folder.appendingPathComponent("d.csv").path, atomically: false, encoding: .utf8)
    let arguments = testCase.arguments.map {
      $0.replacingOccurrences(of: "$DIR", with: folder.path)
    }
    let result = try CLI.run(arguments)
    #expect(result.firstErrorLine == testCase.message, sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["d.csv"],
      sourceLocation: sourceLocation)
    return result
  }

  /// Runs a program found on the `PATH` from the repository root and collects its status
  /// and standard output.
  private static func shell(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = Fixtures.repositoryRoot
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}

extension String {
  /// The string with zeros in front, to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
