import Foundation
import StanceTestSupport
import Testing

@testable import DataFiles

#if canImport(Glibc)
import Glibc
#endif

/// Where output paths lead, and how each destination is written.
@Suite struct OutputFileTests {
  private static func contents(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  // MARK: OutputDestination

  @Test func descriptorPathsAreRecognisedByName() {
    #expect(OutputDestination.descriptorNumber("/dev/stdout") == 1)
    #expect(OutputDestination.descriptorNumber("/dev/stderr") == 2)
    #expect(OutputDestination.descriptorNumber("/dev/fd/7") == 7)
    #expect(OutputDestination.descriptorNumber("/proc/self/fd/1") == 1)
    #expect(OutputDestination.descriptorNumber("/proc/\(getpid())/fd/3") == 3)
    #expect(OutputDestination.descriptorNumber("/proc/self/fd/") == nil)
    #expect(OutputDestination.descriptorNumber("/proc/self/fd/1x") == nil)
    #expect(OutputDestination.descriptorNumber("/proc/self/fd/12345678901") == nil)
    #expect(OutputDestination.descriptorNumber("/dev/fd/-1") == nil)
    #expect(OutputDestination.descriptorNumber("out.txt") == nil)
  }

  @Test func everyKindOfPathLeadsWhereItShould() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try AtomicFileWriter.write("x", to: folder.file("plain"))
    #expect(symlink("plain", folder.file("link")) == 0)
    #expect(symlink("/dev/stdout", folder.file("out")) == 0)
    #expect(mkfifo(folder.file("fifo"), 0o600) == 0)
    #expect(try OutputDestination.resolve("-") == .standardOutput)
    #expect(try OutputDestination.resolve("/dev/stdout") == .standardOutput)
    #expect(try OutputDestination.resolve(folder.file("out")) == .standardOutput)
    #expect(try OutputDestination.resolve("/dev/stderr") == .descriptor(2))
    #expect(try OutputDestination.resolve("/dev/null") == .special("/dev/null"))
    #expect(try OutputDestination.resolve(folder.file("fifo")) == .special(folder.file("fifo")))
    #expect(try OutputDestination.resolve(folder.file("plain")) == .file(folder.file("plain")))
    #expect(try OutputDestination.resolve(folder.file("link")) == .file(folder.file("plain")))
    #expect(try OutputDestination.resolve(folder.file("new")) == .file(folder.file("new")))
    #expect(try OutputDestination.resolve("x") == .file("x"))
  }

  @Test(arguments: ["", "/", ".", "..", "/tmp", "/no/such/folder/x", "/dev/null/x"])
  func pathsThatCannotBeWrittenAreRefused(path: String) {
    #expect(throws: OutputError.self) { try OutputDestination.resolve(path) }
  }

  @Test func oneCharacterAndTrailingSlashNamesAreSplitWithoutTrapping() {
    #expect(OutputDestination.split("x") == (".", "x"))
    #expect(OutputDestination.split("-") == (".", "-"))
    #expect(OutputDestination.split("/x") == ("/", "x"))
    #expect(OutputDestination.split("a/") == ("a", ""))
    #expect(OutputDestination.split("") == (".", ""))
  }

  @Test func aLoopOfLinksIsRefusedAfterFortyLinks() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect(symlink("b", folder.file("a")) == 0)
    #expect(symlink("a", folder.file("b")) == 0)
    #expect {
      try OutputDestination.resolve(folder.file("a"))
    } throws: { error in
      guard case .cannotCreate(_, let reason) = error as? OutputError else { return false }
      return reason.hasPrefix("Too many levels of symbolic links")
    }
  }

  // MARK: OutputFile

  @Test func aLinkedFileIsReplacedAndTheLinkKept() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try AtomicFileWriter.write("old", to: folder.file("target"))
    #expect(symlink("target", folder.file("link")) == 0)
    try OutputFile.write("new", to: folder.file("link"))
    #expect(try Self.contents(folder.file("target")) == Array("new".utf8))
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link")) == "target")
    #expect(try folder.names() == ["link", "target"])
  }

  @Test func aFIFOIsWrittenInPlace() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let fifo = folder.file("fifo")
    #expect(mkfifo(fifo, 0o600) == 0)
    let received = Received()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      received.bytes = Array(FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data())
      done.signal()
    }
    let output = try OutputFile(path: fifo, wholeDocument: true)
    try output.write("[1,")
    try output.write("2]")
    try output.commit()
    done.wait()
    #expect(received.bytes == Array("[1,2]".utf8))
    #expect(try folder.names() == ["fifo"])
  }

  @Test func aDeviceFailureNamesTheDeviceAndWhatWasWritten() throws {
    let output = try OutputFile(path: "/dev/full", contents: "the report")
    #expect(output.destination == .special("/dev/full"))
    #expect {
      try output.write("some bytes")
    } throws: { error in
      error as? OutputError
        == .streamFailed(
          what: "the report", target: "'/dev/full'", reason: "No space left on device")
    }
  }

  @Test func aWholeDocumentReachesTheDeviceOnlyOnCommit() throws {
    let output = try OutputFile(path: "/dev/full", contents: "the report", wholeDocument: true)
    try output.write("held back, so this cannot fail yet")
    #expect(throws: OutputError.self) { try output.commit() }
  }

  @Test func aDiscardedWholeDocumentIsNeverWritten() throws {
    let output = try OutputFile(path: "/dev/full", wholeDocument: true)
    try output.write([UInt8](repeating: 65, count: 3 << 20))
    output.discard()
    output.discard()
  }

  @Test func checkCreatesNothing() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try OutputFile.check(folder.file("m.stance"))
    try OutputFile.check("-")
    try OutputFile.check("/dev/null")
    #expect(try folder.names() == [])
    #expect(throws: OutputError.self) { try OutputFile.check(folder.file("no/m.stance")) }
    #expect(throws: OutputError.self) { try OutputFile.check("/dev/fd/987") }
  }

  @Test func anUncommittedFileIsRemovedByPendingOutputs() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let output = try OutputFile(path: folder.file("m.stance"))
    try output.write("half")
    #expect(try folder.names().count == 1)
    // Only this test's files: other tests of this process may be writing at the same time.
    PendingOutputs.removeAll { $0.hasPrefix(folder.path + "/") }
    #expect(try folder.names() == [])
    output.discard()
  }

  @Test func messagesNameTheTargetAndTheReason() {
    #expect(
      OutputError.streamFailed(what: "the report", target: "standard output", reason: "Broken")
        .description == "could not write the report to standard output: Broken")
    #expect(
      OutputError.readerGone(target: "standard output").description
        == "could not write to standard output: the reader closed the pipe")
  }
}

/// Bytes handed over from a reader thread.
private final class Received: @unchecked Sendable {
  var bytes: [UInt8] = []
}
