import Foundation
import StanceTestSupport
import Testing

/// The input side of the bad-io group: closed stdin, invalid UTF-8, a folder as data.
///
/// A closed or unreadable standard input, invalid UTF-8 in every input format under
/// `--invalid-utf8 fail|replace|skip`, and a folder where a data file belongs. Each test
/// checks the exit status, the exact first line of stderr,
/// the exact stdout, and that no output file was left behind.
@Suite(.tags(.badIO)) struct BadIOInputTests {
  /// The Latin-1 "é" of `Café`, the invalid byte used throughout.
  static let latin1: UInt8 = 0xE9
  static let replacement = "\u{FFFD}"
  static let convertHint = "convert the file to UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8)"

  /// The names in `folder`, sorted.
  static func listing(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  /// Writes `bytes` to `folder/name` and returns its path.
  @discardableResult
  static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  // MARK: - Closed or unreadable standard input (row 6, rule 3)

  /// Every way a command reads standard input.
  static let stdinCommands: [[String]] = [
    ["predict"], ["predict", "-"], ["predict", "--input", "csv"], ["predict", "--format", "json"],
    ["quotes"], ["quotes", "-"], ["quotes", "--format", "json"], ["score"], ["score", "-"],
    ["score", "--format", "jsonl"],
  ]

  @Test(arguments: stdinCommands)
  func closedStandardInputIsOneLineAndExit74(command: [String]) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out").path
    let result = try CLI.run(command + ["--out", out], redirections: "<&-")
    #expect(result.status == 74, "\(result.stderr)")
    #expect(result.firstErrorLine == "stance: <stdin>: cannot read: Bad file descriptor")
    #expect(result.stderr == result.firstErrorLine + "\n")
    #expect(result.stdout.isEmpty)
    #expect(try Self.listing(folder).isEmpty)
  }

  @Test(arguments: [["predict"], ["quotes"], ["score"]])
  func unreadableStandardInputNamesTheSystemsReason(command: [String]) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A folder as standard input opens, but reading it fails with EISDIR.
    let result = try CLI.run(command, redirections: "<\(folder.path)")
    #expect(result.status == 74, "\(result.stderr)")
    #expect(result.firstErrorLine == "stance: <stdin>: cannot read: Is a directory")
    #expect(result.stdout.isEmpty)
    #expect(try Self.listing(folder).isEmpty)
  }

  // MARK: - A folder as the data file (row 11)

  @Test(arguments: ["adir", "folder.csv"])
  func aFolderAsDataIsNamedAsSuch(name: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false)
    let out = folder.appendingPathComponent("out").path
    let model = Fixtures.repositoryRoot.appendingPathComponent("models/stance.stance").path
    for arguments in [
      ["train", "--c", "1", "--data", data.path, "--out", out],
      ["eval", "--model", model, "--data", data.path, "--out", out],
      ["cv", "--data", data.path], ["tune", "--data", data.path, "--out", out],
      ["predict", data.path, "--out", out], ["quotes", data.path, "--out", out],
    ] {
      let result = try CLI.run(arguments)
      #expect(result.status == 66, "\(arguments[0]): \(result.stderr)")
      #expect(result.firstErrorLine == "stance: \(data.path): is a folder; give a data file")
      #expect(result.stdout.isEmpty)
      #expect(try Self.listing(folder) == [name])
    }
  }
}

/// `--invalid-utf8` on every input format and every command that reads text.
@Suite(.tags(.badIO)) struct BadIOInvalidUTF8Tests {
  typealias Support = BadIOInputTests
  static let r = BadIOInputTests.replacement

  /// An input format: the file name, the bytes with one invalid record (the second of
  /// three), the same bytes with U+FFFD in its place, and without that record.
  struct Format: CustomStringConvertible, Sendable {
    let name: String
    let invalid: [UInt8]
    let repaired: [UInt8]
    let withoutIt: [UInt8]
    /// The line holding the invalid byte and its byte offset.
    let line: Int
    let offset: Int
    var description: String { name }

    /// Builds the three versions from the text before and after the invalid byte.
    init(_ name: String, _ head: String, _ bad: (String, String), _ tail: String, line: Int) {
      self.name = name
      let before = Array(head.utf8) + Array(bad.0.utf8)
      invalid = before + [Support.latin1] + Array(bad.1.utf8) + Array(tail.utf8)
      repaired = Array((head + bad.0 + r + bad.1 + tail).utf8)
      withoutIt = Array((head + tail).utf8)
      self.line = line
      offset = before.count
    }
  }

  /// The prediction inputs: lines, CSV, TSV, JSONL.
  static let predictionFormats: [Format] = [
    Format("in.txt", "we will talk\n", ("caf", " owners talk\n"), "peace now\n", line: 2),
    Format(
      "in.csv", "id,text\n1,we will talk\n", ("2,caf", " owners talk\n"), "3,peace now\n",
      line: 3),
    Format(
      "in.tsv", "id\ttext\n1\twe will talk\n", ("2\tcaf", " owners talk\n"), "3\tpeace now\n",
      line: 3),
    Format(
      "in.jsonl", "{\"id\": 1, \"text\": \"we will talk\"}\n",
      ("{\"id\": 2, \"text\": \"caf", " owners talk\"}\n"),
      "{\"id\": 3, \"text\": \"peace now\"}\n",
      line: 2),
  ]

  @Test(arguments: predictionFormats)
  func predictFailsWithFileLineAndOffset(format: Format) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = try Support.write(format.invalid, format.name, in: folder)
    let out = folder.appendingPathComponent("p.csv").path
    let result = try CLI.run(["predict", input, "--format", "csv", "--out", out])
    #expect(result.status == 65, "\(result.stderr)")
    #expect(
      result.firstErrorLine
        == "stance: \(input):\(format.line): the text is not valid UTF-8 at byte offset "
        + "\(format.offset) (byte 0xE9); \(Support.convertHint)")
    #expect(result.stdout.isEmpty)
    #expect(try Support.listing(folder) == [format.name])
  }

  @Test(arguments: predictionFormats)
  func predictReplacesOrSkipsAndCountsOnStderr(format: Format) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = try Support.write(format.invalid, format.name, in: folder)
    let arguments = ["predict", input, "--format", "jsonl"]
    let replaced = try CLI.run(arguments + ["--invalid-utf8", "replace"])
    let skipped = try CLI.run(arguments + ["--invalid-utf8", "skip"])
    #expect(replaced.status == 0, "\(replaced.stderr)")
    #expect(replaced.stderr == "stance: \(input): replaced invalid UTF-8 in 1 record\n")
    #expect(skipped.status == 0, "\(skipped.stderr)")
    #expect(skipped.stderr == "stance: \(input): skipped 1 record with invalid UTF-8\n")
    // The same bytes as for the file repaired by hand, or without the record.
    try Support.write(format.repaired, format.name, in: folder)
    let repairedRun = try CLI.run(arguments)
    try Support.write(format.withoutIt, format.name, in: folder)
    let withoutRun = try CLI.run(arguments)
    #expect(replaced.stdout == repairedRun.stdout)
    #expect(replaced.stdout.contains("caf\(Self.r) owners talk"))
    #expect(skipped.stdout == withoutRun.stdout)
    #expect(try Support.listing(folder) == [format.name])
  }

  @Test(arguments: ["fail", "replace", "skip"])
  func linesOnStandardInput(policy: String) throws {
    let format = Self.predictionFormats[0]
    let result = try CLI.run(
      ["predict", "--invalid-utf8", policy], redirections: "", input: format.invalid)
    switch policy {
    case "fail":
      #expect(result.status == 65)
      #expect(
        result.firstErrorLine
          == "stance: <stdin>:2: the text is not valid UTF-8 at byte offset 16 (byte 0xE9); "
          + Support.convertHint)
      #expect(result.stdout.isEmpty)
    case "replace":
      #expect(result.status == 0)
      #expect(result.firstErrorLine == "stance: <stdin>: replaced invalid UTF-8 in 1 record")
      let expected = try CLI.run(["predict"], redirections: "", input: format.repaired)
      #expect(result.stdout == expected.stdout)
    default:
      #expect(result.status == 0)
      #expect(result.firstErrorLine == "stance: <stdin>: skipped 1 record with invalid UTF-8")
      let expected = try CLI.run(["predict"], redirections: "", input: format.withoutIt)
      #expect(result.stdout == expected.stdout)
    }
  }

  /// Labelled data with one invalid record among the fixture's: the records of the parity
  /// training file and `caf<E9> owners talk` labelled `neutral` after them.
  static func labelledData(in folder: URL, name: String = "d.csv") throws -> String {
    let fixture = try Data(contentsOf: Fixtures.data("fixtures/parity/train.csv"))
    var bytes = [UInt8](fixture)
    if bytes.last != 0x0A { bytes.append(0x0A) }
    bytes += Support.bytes("caf") + [Support.latin1] + Support.bytes(" owners talk,neutral\n")
    return try Support.write(bytes, name, in: folder)
  }

  /// Every command that reads labelled data, with the arguments it needs besides `--data`;
  /// `train` and `tune` write a model with `--out`, the others print a report.
  static let dataCommands: [[String]] = [
    ["train", "--c", "1", "--quiet", "--out"], ["eval", "--model", "models/stance.stance"],
    ["cv", "--folds", "2"], ["tune", "--folds", "2", "--c", "1", "--quiet", "--out"],
  ]

  /// `command` with `--data data`, the model path after a final `--out`.
  static func arguments(_ command: [String], data: String, folder: URL) -> [String] {
    var arguments = [command[0], "--data", data] + command.dropFirst()
    if command.last == "--out" { arguments.append(folder.appendingPathComponent("out").path) }
    return arguments
  }

  @Test(arguments: dataCommands)
  func labelledDataFailsByDefault(command: [String]) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = try Self.labelledData(in: folder)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: data))
    let offset = bytes.firstIndex(of: Support.latin1) ?? -1
    let line = bytes.prefix(offset).filter { $0 == 0x0A }.count + 1
    let result = try CLI.run(Self.arguments(command, data: data, folder: folder))
    #expect(result.status == 65, "\(result.stderr)")
    #expect(
      result.firstErrorLine
        == "stance: \(data):\(line): the text is not valid UTF-8 at byte offset "
        + "\(offset) (byte 0xE9); \(Support.convertHint)")
    #expect(result.stdout.isEmpty)
    #expect(try Support.listing(folder) == ["d.csv"])
  }

  @Test(arguments: dataCommands, ["replace", "skip"])
  func labelledDataIsRepairedOrSkipped(command: [String], policy: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = try Self.labelledData(in: folder)
    let arguments = Self.arguments(command, data: data, folder: folder)
    let result = try CLI.run(arguments + ["--invalid-utf8", policy])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.firstErrorLine
        == (policy == "replace"
          ? "stance: \(data): replaced invalid UTF-8 in 1 record"
          : "stance: \(data): skipped 1 record with invalid UTF-8"))
    let writesModel = command.last == "--out"
    #expect(try Support.listing(folder) == (writesModel ? ["d.csv", "out"] : ["d.csv"]))
    // The same report as for the file repaired by hand, or without the record.
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: data)))
    let start = (bytes.lastIndex(of: 0x0A, before: bytes.count - 1) ?? -1) + 1
    let fixed = policy == "replace" ? Support.bytes("caf\(Self.r) owners talk,neutral\n") : []
    bytes.replaceSubrange(start..<bytes.count, with: fixed)
    try Support.write(bytes, "d.csv", in: folder)
    let expected = try CLI.run(arguments)
    #expect(result.stdout == expected.stdout)
    if writesModel { #expect(result.stdout.isEmpty || command[0] == "tune") }
  }

  /// TSV and JSONL labelled data through `train`.
  @Test(arguments: ["d.tsv", "d.jsonl"], ["fail", "replace", "skip"])
  func trainingReadsEveryFormatUnderThePolicy(name: String, policy: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = [("we will respond with force", "hawkish"), ("peace now", "conciliatory")]
    var bytes = name == "d.tsv" ? Support.bytes("text\tlabel\n") : []
    for (text, label) in good {
      bytes += Support.bytes(
        name == "d.tsv"
          ? "\(text)\t\(label)\n" : "{\"text\": \"\(text)\", \"label\": \"\(label)\"}\n")
    }
    let offset = bytes.count + (name == "d.tsv" ? 3 : 13)
    bytes +=
      name == "d.tsv"
      ? Support.bytes("caf") + [Support.latin1] + Support.bytes("\tneutral\n")
      : Support.bytes("{\"text\": \"caf") + [Support.latin1]
        + Support.bytes("\", \"label\": \"neutral\"}\n")
    let data = try Support.write(bytes, name, in: folder)
    let out = folder.appendingPathComponent("m.stance").path
    let result = try CLI.run(
      ["train", "--c", "1", "--data", data, "--out", out, "--quiet", "--invalid-utf8", policy])
    let line = name == "d.tsv" ? 4 : 3
    switch policy {
    case "fail":
      #expect(result.status == 65)
      #expect(
        result.firstErrorLine
          == "stance: \(data):\(line): the text is not valid UTF-8 at byte offset \(offset) "
          + "(byte 0xE9); \(Support.convertHint)")
      #expect(try Support.listing(folder) == [name])
    case "replace":
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.firstErrorLine == "stance: \(data): replaced invalid UTF-8 in 1 record")
      #expect(try Support.listing(folder) == [name, "m.stance"].sorted())
    default:
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.firstErrorLine == "stance: \(data): skipped 1 record with invalid UTF-8")
      #expect(try Support.listing(folder) == [name, "m.stance"].sorted())
    }
    #expect(result.stdout.isEmpty)
  }

  @Test func skippingAHeaderIsRefused() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = try Support.write(
      Support.bytes("text,lab") + [Support.latin1] + Support.bytes("l\na,b\n"), "d.csv",
      in: folder)
    let out = folder.appendingPathComponent("m.stance").path
    let result = try CLI.run([
      "train", "--c", "1", "--data", data, "--out", out, "--invalid-utf8", "skip",
    ])
    #expect(result.status == 65)
    #expect(
      result.firstErrorLine
        == "stance: \(data):1: the header is not valid UTF-8 at byte offset 8 (byte 0xE9) and "
        + "a header cannot be skipped; convert the file to UTF-8 or use --invalid-utf8 replace")
    #expect(result.stdout.isEmpty)
    #expect(try Support.listing(folder) == ["d.csv"])
  }

  // MARK: - Articles

  /// An article with a Latin-1 byte on its second line, as plain text or HTML.
  static func article(html: Bool, invalid: Bool) -> [UInt8] {
    let head = "\u{201C}We will not retreat,\u{201D} the minister said.\nThe caf"
    let tail = " owners said talks should resume.\n"
    let middle = invalid ? [Support.latin1] : Support.bytes(r)
    let body = Support.bytes(head) + middle + Support.bytes(tail)
    return html ? Support.bytes("<p>") + body + Support.bytes("</p>\n") : body
  }

  @Test(arguments: ["a.txt", "a.html"], ["fail", "replace", "skip"])
  func articleFilesUnderEachPolicy(name: String, policy: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let html = name.hasSuffix(".html")
    let bad = Self.article(html: html, invalid: true)
    let path = try Support.write(bad, name, in: folder)
    let other = try Support.write(
      Support.bytes("\u{201C}Calm,\u{201D} she said.\n"), "b.txt", in: folder)
    let out = folder.appendingPathComponent("q.json").path
    let result = try CLI.run(
      ["quotes", path, other, "--format", "json", "--invalid-utf8", policy, "--out", out])
    switch policy {
    case "fail":
      #expect(result.status == 65)
      #expect(
        result.firstErrorLine
          == "stance: \(path):2: the text is not valid UTF-8 at byte offset "
          + "\((bad.firstIndex(of: Support.latin1) ?? 0)) (byte 0xE9); \(Support.convertHint)")
      #expect(try Support.listing(folder) == ["b.txt", name].sorted())
    case "replace":
      #expect(result.status == 0)
      #expect(result.firstErrorLine == "stance: \(path): replaced invalid UTF-8 in 1 article")
      try Support.write(Self.article(html: html, invalid: false), name, in: folder)
      let expected = try CLI.run(["quotes", path, other, "--format", "json"])
      #expect(try String(contentsOfFile: out, encoding: .utf8) == expected.stdout)
    default:
      #expect(result.status == 0)
      #expect(result.firstErrorLine == "stance: \(path): skipped 1 article with invalid UTF-8")
      let expected = try CLI.run(["quotes", other, "--format", "json"])
      #expect(try String(contentsOfFile: out, encoding: .utf8) == expected.stdout)
    }
    #expect(result.stdout.isEmpty)
  }

  @Test(arguments: ["fail", "replace", "skip"])
  func articleOnStandardInput(policy: String) throws {
    let bad = Self.article(html: false, invalid: true)
    let result = try CLI.run(
      ["quotes", "--invalid-utf8", policy], redirections: "", input: bad)
    switch policy {
    case "fail":
      #expect(result.status == 65)
      #expect(
        result.firstErrorLine
          == "stance: <stdin>:2: the text is not valid UTF-8 at byte offset "
          + "\((bad.firstIndex(of: Support.latin1) ?? 0)) (byte 0xE9); \(Support.convertHint)")
      #expect(result.stdout.isEmpty)
    case "replace":
      #expect(result.status == 0)
      #expect(result.firstErrorLine == "stance: <stdin>: replaced invalid UTF-8 in 1 article")
      let expected = try CLI.run(
        ["quotes"], redirections: "", input: Self.article(html: false, invalid: false))
      #expect(result.stdout == expected.stdout)
    default:
      #expect(result.status == 0)
      #expect(result.firstErrorLine == "stance: <stdin>: skipped 1 article with invalid UTF-8")
      #expect(result.stdout.isEmpty)
    }
  }

  @Test(arguments: ["fail", "replace", "skip"])
  func jsonlArticleBatches(policy: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    func batch(_ middle: [UInt8]) -> [UInt8] {
      Support.bytes("{\"id\": \"a1\", \"text\": \"\\u201CCalm,\\u201D she said.\"}\n")
        + Support.bytes("{\"id\": \"a2\", \"text\": \"\\u201CNo caf") + middle
        + Support.bytes(" deal,\\u201D he said.\"}\n")
        + Support.bytes("{\"id\": \"a3\", \"text\": \"\\u201CTalks,\\u201D they said.\"}\n")
    }
    let bad = batch([Support.latin1])
    let path = try Support.write(bad, "b.jsonl", in: folder)
    let arguments = ["score", "--no-sentiment", path, "--format", "jsonl"]
    // Under fail the output goes to a file, which must not appear: the article before the
    // bad one is already scored when reading stops.
    let out = folder.appendingPathComponent("s.jsonl").path
    let result = try CLI.run(
      arguments + ["--invalid-utf8", policy] + (policy == "fail" ? ["--out", out] : []))
    switch policy {
    case "fail":
      #expect(result.status == 65)
      #expect(
        result.firstErrorLine
          == "stance: \(path):2: the text is not valid UTF-8 at byte offset "
          + "\((bad.firstIndex(of: Support.latin1) ?? 0)) (byte 0xE9); \(Support.convertHint)")
      #expect(result.stdout.isEmpty)
    case "replace":
      #expect(result.status == 0)
      #expect(result.firstErrorLine == "stance: \(path): replaced invalid UTF-8 in 1 article")
      try Support.write(batch(Support.bytes(Self.r)), "b.jsonl", in: folder)
      #expect(result.stdout == (try CLI.run(arguments)).stdout)
    default:
      #expect(result.status == 0)
      #expect(result.firstErrorLine == "stance: \(path): skipped 1 article with invalid UTF-8")
      let lines = bad.split(separator: 0x0A, omittingEmptySubsequences: false)
      try Support.write(Array(lines[0] + [0x0A] + lines[2] + [0x0A]), "b.jsonl", in: folder)
      #expect(result.stdout == (try CLI.run(arguments)).stdout)
      #expect(result.stdout.split(separator: "\n").count == 2)
    }
    #expect(try Support.listing(folder) == ["b.jsonl"])
  }
}

extension Array where Element == UInt8 {
  /// The index of the last `byte` before `end`, if any.
  fileprivate func lastIndex(of byte: UInt8, before end: Int) -> Int? {
    self[..<end].lastIndex(of: byte)
  }
}
