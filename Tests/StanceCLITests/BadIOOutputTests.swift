import Foundation
import StanceTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Rows 1–5 and 10 of the bad-io table and rules 1–3 on the output side: every kind of
/// output path, full and closed streams, and documents that appear only when complete.
///
/// Each test checks the exit code, the exact first line of stderr, the bytes of stdout and
/// what the file system holds afterwards.
@Suite(.tags(.badIO)) struct BadIOOutputTests {
  static let model = Fixtures.data("../models/stance.stance").standardizedFileURL.path
  static let data = Fixtures.data("fixtures/parity/test.csv").path
  static let article = Fixtures.data("articles/2026-03-ceasefire-talks-geneva.txt").path

  /// The report `eval` prints on stdout for the parity test split.
  static let report: String = {
    (try? CLI.run(["eval", "--model", model, "--data", data]).stdout) ?? ""
  }()

  /// `eval` writing its report to `out`.
  static func eval(out: String) -> [String] {
    ["eval", "--model", model, "--data", data, "--out", out]
  }

  // MARK: Row 1: devices are written in place, never replaced

  @Test func aCopyOfDevNullIsWrittenInPlace() throws {
    let folder = try ScratchFolder()
    let device = try folder.makeDevice("nulldev", major: 1, minor: 3)
    let result = try CLI.run(Self.eval(out: device))
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.isEmpty)
    #expect(fileKind(device) == expectedDeviceKind)
    #expect(try folder.names() == ["nulldev"])
  }

  @Test func aCopyOfDevFullFailsWithOneLineAndStaysADevice() throws {
    let folder = try ScratchFolder()
    let device = try folder.makeDevice("fulldev", major: 1, minor: 7)
    let result = try CLI.run(Self.eval(out: device))
    #expect(result.status == 74)
    #expect(
      result.stderr
        == "stance: could not write the report to '\(device)': No space left on device\n")
    #expect(result.stdout.isEmpty)
    #expect(fileKind(device) == expectedDeviceKind)
    #expect(try folder.names() == ["fulldev"])
  }

  @Test func theRealDevFullIsNeverReplaced() throws {
    let result = try CLI.run(Self.eval(out: "/dev/full"))
    #expect(result.status == 74)
    #expect(
      result.firstErrorLine
        == "stance: could not write the report to '/dev/full': No space left on device")
    #expect(fileKind("/dev/full") == "character device")
  }

  @Test func aFIFOGetsTheReportAndStaysAFIFO() throws {
    let folder = try ScratchFolder()
    let fifo = folder.file("pipe")
    #expect(mkfifo(fifo, 0o600) == 0)
    let received = FIFOReader(path: fifo)
    let result = try CLI.run(Self.eval(out: fifo))
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.isEmpty)
    #expect(received.wait() == Self.report)
    #expect(fileKind(fifo) == "fifo")
    #expect(try folder.names() == ["pipe"])
  }

  // MARK: Row 2: links are followed, their targets replaced, the links kept

  @Test func aSymlinkIsFollowedAndKept() throws {
    let folder = try ScratchFolder()
    try folder.write("target.txt", "an older report\n")
    #expect(symlink("target.txt", folder.file("link.txt")) == 0)
    let result = try CLI.run(Self.eval(out: folder.file("link.txt")))
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.isEmpty)
    #expect(fileKind(folder.file("link.txt")) == "symbolic link")
    #expect(try folder.linkTarget("link.txt") == "target.txt")
    #expect(try folder.read("target.txt") == Self.report)
    #expect(try folder.names() == ["link.txt", "target.txt"])
  }

  @Test func aLinkInAnotherFolderAndALinkToALinkReachTheFinalTarget() throws {
    let folder = try ScratchFolder()
    try FileManager.default.createDirectory(
      atPath: folder.file("sub"), withIntermediateDirectories: false)
    try folder.write("target.txt", "old\n")
    #expect(symlink("../target.txt", folder.file("sub/first")) == 0)
    #expect(symlink("sub/first", folder.file("second")) == 0)
    let result = try CLI.run(Self.eval(out: folder.file("second")))
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(try folder.read("target.txt") == Self.report)
    #expect(fileKind(folder.file("second")) == "symbolic link")
    #expect(fileKind(folder.file("sub/first")) == "symbolic link")
    #expect(try folder.names() == ["second", "sub", "target.txt"])
  }

  @Test func aDanglingLinkCreatesItsTarget() throws {
    let folder = try ScratchFolder()
    #expect(symlink("new.txt", folder.file("link.txt")) == 0)
    let result = try CLI.run(Self.eval(out: folder.file("link.txt")))
    #expect(result.status == 0)
    #expect(try folder.read("new.txt") == Self.report)
    #expect(fileKind(folder.file("link.txt")) == "symbolic link")
    #expect(try folder.names() == ["link.txt", "new.txt"])
  }

  @Test func aLoopOfLinksIsRefused() throws {
    let folder = try ScratchFolder()
    #expect(symlink("b", folder.file("a")) == 0)
    #expect(symlink("a", folder.file("b")) == 0)
    let result = try CLI.run(Self.eval(out: folder.file("a")))
    #expect(result.status == 73)
    #expect(
      result.stderr
        == "stance: cannot create '\(folder.file("a"))': Too many levels of symbolic links; "
        + "a symbolic link on the path points back at itself\n")
    #expect(try folder.names() == ["a", "b"])
  }

  // MARK: Row 3: links to standard output, and its descriptor paths

  @Test(arguments: ["/proc/self/fd/1", "/dev/stdout", "/dev/fd/1", "-"])
  func aDescriptorPathIsStandardOutput(path: String) throws {
    let result = try CLI.run(Self.eval(out: path))
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout == Self.report)
  }

  @Test func aLinkToProcSelfFdOneIsStandardOutputAndStaysALink() throws {
    let folder = try ScratchFolder()
    #expect(symlink("/proc/self/fd/1", folder.file("mystdout")) == 0)
    let result = try CLI.run(Self.eval(out: folder.file("mystdout")))
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout == Self.report)
    #expect(try folder.linkTarget("mystdout") == "/proc/self/fd/1")
    #expect(try folder.names() == ["mystdout"])
  }

  @Test func devStderrGetsTheReportOnStandardError() throws {
    let result = try CLI.run(Self.eval(out: "/dev/stderr"))
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == Self.report)
  }

  // MARK: Row 4: one-character names are files in the current folder; '-' is stdout

  @Test(arguments: ["eval", "predict", "quotes", "train"])
  func aOneCharacterNameIsAFileInTheCurrentFolder(command: String) throws {
    let folder = try ScratchFolder()
    let arguments: [String]
    switch command {
    case "eval": arguments = Self.eval(out: "x")
    case "predict":
      arguments = ["predict", "--model", Self.model, "--text", "we talk", "--out", "m"]
    case "quotes": arguments = ["quotes", Self.article, "--out", "q"]
    default: arguments = ["train", "--c", "1", "--data", Self.data, "--out", "t", "--quiet"]
    }
    let result = try CLI.run(arguments, in: URL(fileURLWithPath: folder.path))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.isEmpty)
    #expect(try folder.names().count == 1)
    #expect(try folder.names().allSatisfy { $0.count == 1 })
  }

  @Test func dashIsStandardOutputForPredictAndQuotes() throws {
    let predicted = try CLI.run([
      "predict", "--model", Self.model, "--text", "we talk", "--out", "-",
    ])
    let plain = try CLI.run(["predict", "--model", Self.model, "--text", "we talk"])
    #expect(predicted.status == 0)
    #expect(predicted.stdout == plain.stdout)
    #expect(!plain.stdout.isEmpty)
    let quoted = try CLI.run(["quotes", Self.article, "--out", "-"])
    #expect(quoted.status == 0)
    #expect(quoted.stdout == (try CLI.run(["quotes", Self.article])).stdout)
  }

  // MARK: Row 5: a full stdout or stderr is one line and exit 74

  static let fullOutputCases: [(arguments: [String], contents: String)] = [
    (["predict", "--model", model, "--text", "we talk"], "the predictions"),
    (["predict", "--model", model, "--text", "we talk", "--format", "json"], "the predictions"),
    (["eval", "--model", model, "--data", data], "the report"),
    (["eval", "--model", model, "--data", data, "--format", "json"], "the report"),
    (["inspect", "--model", model], "the model summary"),
    (["quotes", article], "the quotes"),
    (["quotes", article, "--format", "json"], "the quotes"),
    (["score", article], "the scores"),
    (["cv", "--data", data, "--folds", "2"], "the cross-validation results"),
  ]

  @Test(arguments: fullOutputCases.indices)
  func aFullStandardOutputIsOneLineAndExit74(index: Int) throws {
    let (arguments, contents) = Self.fullOutputCases[index]
    let result = try CLI.run(arguments, redirections: ">/dev/full")
    #expect(result.status == 74, "\(arguments): \(result.stderr)")
    #expect(
      result.stderr
        == "stance: could not write \(contents) to standard output: No space left on device\n")
  }

  @Test func aClosedStandardOutputIsOneLineAndExit74() throws {
    let result = try CLI.run(
      ["eval", "--model", Self.model, "--data", Self.data], redirections: ">&-")
    #expect(result.status == 74)
    #expect(
      result.stderr
        == "stance: could not write the report to standard output: Bad file descriptor\n")
  }

  @Test func aFullStandardErrorExits74AndLeavesNoTemporaryFile() throws {
    let folder = try ScratchFolder()
    let result = try CLI.run(
      ["train", "--c", "1", "--data", Self.data, "--out", folder.file("m.stance"), "--progress"],
      redirections: "2>/dev/full")
    #expect(result.status == 74)
    #expect(result.stdout.isEmpty)
    #expect(try folder.names() == [])
  }

  // MARK: Rule 2: a closed pipe is a quiet exit, and leaves no temporary file

  @Test func aClosedPipeOnStandardOutputEndsQuietlyAsSIGPIPE() throws {
    let lines = (0..<20_000).map { "line number \($0) of a long input" }.joined(separator: "\n")
    let result = try CLI.run(
      ["predict", "--model", Self.model], redirections: "| head -c 1 >/dev/null",
      input: Array(lines.utf8), pipeline: true)
    #expect(result.status == 128 + SIGPIPE)
    #expect(result.stderr.isEmpty)
  }

  @Test func aClosedPipeOnStandardErrorRemovesTheUnfinishedModel() throws {
    let folder = try ScratchFolder()
    // The stance corpus, so training is still running when `head` has closed the pipe (on
    // the small parity file an optimised build can finish, and commit the model, first).
    let corpus = Fixtures.data("stance/quotes.csv").path
    let result = try CLI.run(
      ["train", "--c", "1", "--data", corpus, "--out", folder.file("m.stance"), "--progress"],
      redirections: "2>&1 | head -c 1 >/dev/null", pipeline: true)
    #expect(result.status == 128 + SIGPIPE)
    #expect(try folder.names() == [])
  }

  // MARK: Rule 3: a JSON document appears only when it is complete

  @Test func predictJSONOnStandardOutputIsAllOrNothing() throws {
    var input = Array((0..<30_000).map { "good line \($0)\n" }.joined().utf8)
    input += [0x63, 0x61, 0x66, 0xE9, 0x0A]  // "café" in Latin-1
    let result = try CLI.run(
      ["predict", "--model", Self.model, "--format", "json"], redirections: "", input: input)
    #expect(result.status == 65)
    #expect(result.stdout.isEmpty)
    #expect(result.firstErrorLine.hasPrefix("stance: <stdin>:30001: "))
  }

  @Test func quotesJSONOnStandardOutputIsAllOrNothing() throws {
    let folder = try ScratchFolder()
    try folder.write(
      "batch.jsonl",
      "{\"id\": \"a\", \"text\": \"\\\"We will talk,\\\" she said.\"}\n{\"id\": \"b\", \"text\": 7}\n"
    )
    let result = try CLI.run(["quotes", folder.file("batch.jsonl"), "--format", "json"])
    #expect(result.status == 65)
    #expect(result.stdout.isEmpty)
    #expect(result.firstErrorLine.hasPrefix("stance: \(folder.file("batch.jsonl")):2: "))
  }

  @Test func aFailedRunLeavesNoPartialOutputFile() throws {
    let folder = try ScratchFolder()
    try folder.write("old.jsonl", "earlier predictions\n")
    var input = Array((0..<2_000).map { "good line \($0)\n" }.joined().utf8)
    input += [0xFF, 0x0A]
    let result = try CLI.run(
      ["predict", "--model", Self.model, "--format", "jsonl", "--out", folder.file("old.jsonl")],
      redirections: "", input: input)
    #expect(result.status == 65)
    #expect(result.stdout.isEmpty)
    #expect(try folder.read("old.jsonl") == "earlier predictions\n")
    #expect(try folder.names() == ["old.jsonl"])
  }

  // MARK: Row 10 and rule 1: refusals up front, with the system's reason

  @Test func aFileInProcIsRefusedWithTheSystemsReason() throws {
    let result = try CLI.run(Self.eval(out: "/proc/m.stance"))
    let probe = open("/proc/.stance-probe", O_WRONLY | O_CREAT | O_EXCL, 0o600)
    let code = errno
    if probe >= 0 { close(probe) }
    #expect(result.status == 73)
    #expect(result.stdout.isEmpty)
    #expect(
      result.firstErrorLine
        .hasPrefix("stance: cannot create '/proc/m.stance': \(String(cString: strerror(code)))"))
    #expect(!FileManager.default.fileExists(atPath: "/proc/m.stance"))
  }

  @Test func aFolderIsRefused() throws {
    let folder = try ScratchFolder()
    let result = try CLI.run(Self.eval(out: folder.path))
    #expect(result.status == 73)
    #expect(
      result.stderr
        == "stance: cannot create '\(folder.path)': it is a folder; give the name of a file "
        + "inside it\n")
    #expect(try folder.names() == [])
  }

  @Test func aMissingFolderIsRefusedBeforeTraining() throws {
    let folder = try ScratchFolder()
    let out = folder.file("missing/m.stance")
    let result = try CLI.run(["train", "--c", "1", "--data", Self.data, "--out", out])
    #expect(result.status == 73)
    #expect(
      result.stderr
        == "stance: cannot create '\(out)': the folder '\(folder.file("missing"))' does not "
        + "exist; create it first or choose another path\n")
    #expect(try folder.names() == [])
  }

  @Test func aPathThroughAFileIsRefused() throws {
    let folder = try ScratchFolder()
    try folder.write("plain", "I am a file\n")
    let out = folder.file("plain/report.txt")
    let result = try CLI.run(Self.eval(out: out))
    #expect(result.status == 73)
    #expect(
      result.stderr
        == "stance: cannot create '\(out)': Not a directory; a part of the path is a file, "
        + "not a folder\n")
    #expect(try folder.read("plain") == "I am a file\n")
  }

  @Test func anExistingFileKeepsItsPermissions() throws {
    let folder = try ScratchFolder()
    try folder.write("report.txt", "old\n")
    #expect(chmod(folder.file("report.txt"), 0o640) == 0)
    let result = try CLI.run(Self.eval(out: folder.file("report.txt")))
    #expect(result.status == 0)
    #expect(try folder.read("report.txt") == Self.report)
    var status = stat()
    #expect(stat(folder.file("report.txt"), &status) == 0)
    #expect(status.st_mode & 0o7777 == 0o640)
    #expect(try folder.names() == ["report.txt"])
  }
}

// MARK: - Support

/// `character device` (a real device node made with mknod, as root) or `fifo` (the
/// stand-in used when mknod is not permitted).
private let expectedDeviceKind = geteuid() == 0 ? "character device" : "fifo"

/// What kind of file system entry is at `path`, without following a final link.
func fileKind(_ path: String) -> String {
  var status = stat()
  guard lstat(path, &status) == 0 else { return "missing" }
  switch status.st_mode & S_IFMT {
  case S_IFREG: return "regular file"
  case S_IFDIR: return "folder"
  case S_IFLNK: return "symbolic link"
  case S_IFCHR: return "character device"
  case S_IFBLK: return "block device"
  case S_IFIFO: return "fifo"
  case S_IFSOCK: return "socket"
  default: return "other"
  }
}

/// A fresh temporary folder that removes itself.
final class ScratchFolder {
  /// The folder's path.
  let path: String

  init() throws {
    path = try temporaryFolder().path
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// The path of `name` inside the folder.
  func file(_ name: String) -> String { path + "/" + name }

  /// The names in the folder, sorted, hidden temporary files included.
  func names() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }

  /// Writes `text` to `name`.
  func write(_ name: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
  }

  /// The text of `name`.
  func read(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: file(name))), as: UTF8.self)
  }

  /// Where the link `name` points.
  func linkTarget(_ name: String) throws -> String {
    try FileManager.default.destinationOfSymbolicLink(atPath: file(name))
  }

  /// A character device node with the given numbers (as root), or a FIFO otherwise.
  func makeDevice(_ name: String, major: UInt32, minor: UInt32) throws -> String {
    let path = file(name)
    if geteuid() == 0 {
      // Linux's device number for major < 4096 and minor < 256 (glibc's makedev is a macro).
      let device = dev_t(major) << 8 | dev_t(minor)
      #expect(mknod(path, S_IFCHR | 0o666, device) == 0)
    } else {
      #expect(mkfifo(path, 0o666) == 0)
      _ = FIFOReader(path: path)
    }
    return path
  }
}

/// Reads a FIFO to its end on a background thread.
final class FIFOReader: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var text = ""

  /// Starts reading; the open blocks until a writer opens the FIFO.
  init(path: String) {
    DispatchQueue.global().async {
      let data = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() ?? Data()
      self.text = String(decoding: data, as: UTF8.self)
      self.done.signal()
    }
  }

  /// Everything read, once the writer has closed the FIFO; `nil` when no writer came and
  /// went within 30 seconds (the reading thread is then left blocked).
  func wait() -> String? {
    guard done.wait(timeout: .now() + 30) == .success else { return nil }
    return text
  }
}
