import Foundation
import StanceTestSupport
import Testing

@testable import DataFiles

/// The atomic writer replaces a file completely or not at all, and never leaves its
/// temporary file behind.
@Suite struct AtomicFileWriterTests {
  private static func contents(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  private static func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  @Test func writesANewFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try AtomicFileWriter.write([1, 2, 3], to: folder.file("out.bin"))
    #expect(try Self.contents(folder.file("out.bin")) == [1, 2, 3])
    #expect(try folder.names() == ["out.bin"])
  }

  @Test func replacesAnExistingFileKeepingItsPermissions() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("out.txt")
    try AtomicFileWriter.write("old content that is longer", to: path)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    try AtomicFileWriter.write("new", to: path)
    #expect(try Self.contents(path) == Array("new".utf8))
    #expect(try Self.permissions(path) == 0o600)
    #expect(try folder.names() == ["out.txt"])
  }

  @Test func pathIsSplitIntoFolderAndName() {
    #expect(AtomicFileWriter.split("out.txt") == (".", "out.txt"))
    #expect(AtomicFileWriter.split("/out.txt") == ("/", "out.txt"))
    #expect(AtomicFileWriter.split("a/b/out.txt") == ("a/b", "out.txt"))
    #expect(AtomicFileWriter.split("a/b/") == ("a/b", ""))
  }

  @Test func streamShowsNothingUnderTheFinalNameUntilCommit() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("predictions.jsonl")
    let writer = try AtomicFileWriter(path: path)
    var expected: [UInt8] = []
    for line in 0..<1000 {
      let text = "{\"line\":\(line)}\n"
      try writer.write(text)
      expected += Array(text.utf8)
    }
    // A block larger than the buffer goes straight to the file.
    let block = [UInt8](repeating: 0x41, count: 3 * AtomicFileWriter.bufferSize + 5)
    try writer.write(block)
    expected += block
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try folder.names().count == 1 && folder.names()[0].hasPrefix(".predictions.jsonl."))
    try writer.commit()
    #expect(try Self.contents(path) == expected)
    #expect(try folder.names() == ["predictions.jsonl"])
  }

  @Test func discardLeavesTheOldFileAndNoTemporaryFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("model.stance")
    try AtomicFileWriter.write("old", to: path)
    let writer = try AtomicFileWriter(path: path)
    try writer.write("half of a new")
    writer.discard()
    writer.discard()
    #expect(try Self.contents(path) == Array("old".utf8))
    #expect(try folder.names() == ["model.stance"])
  }

  @Test func releasingAnUncommittedWriterRemovesItsTemporaryFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("out.csv")
    try AtomicFileWriter.write("old", to: path)
    func abandon() throws {
      let writer = try AtomicFileWriter(path: path)
      try writer.write("id,label\n")
    }
    try abandon()
    #expect(try Self.contents(path) == Array("old".utf8))
    #expect(try folder.names() == ["out.csv"])
  }

  @Test(arguments: [0, 10, AtomicFileWriter.bufferSize + 7])
  func failureMidStreamKeepsTheOldFile(capacity: Int) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("model.stance")
    try AtomicFileWriter.write("old model", to: path)
    let writer = try AtomicFileWriter(path: path, simulatedCapacity: capacity)
    let chunk = [UInt8](repeating: 7, count: 4096)
    #expect {
      for _ in 0..<600 { try writer.write(chunk) }
      try writer.commit()
    } throws: { error in
      guard case .writeFailed(let failedPath, let reason) = error as? OutputError else {
        return false
      }
      return failedPath == path && reason.contains("no space left")
    }
    #expect(try Self.contents(path) == Array("old model".utf8))
    #expect(try folder.names() == ["model.stance"])
  }

  @Test func missingFolderCannotBeCreated() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("no/such/out.json")
    #expect {
      try AtomicFileWriter.write("x", to: path)
    } throws: { error in
      guard case .cannotCreate(let failedPath, let reason) = error as? OutputError else {
        return false
      }
      return failedPath == path && reason.contains("'\(folder.file("no/such"))' does not exist")
    }
    #expect(try folder.names().isEmpty)
  }

  @Test func folderAtThePathCannotBeCreated() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try FileManager.default.createDirectory(
      atPath: folder.file("out"), withIntermediateDirectories: false)
    for path in [folder.file("out"), folder.file("out") + "/"] {
      #expect {
        try AtomicFileWriter.write("x", to: path)
      } throws: { error in
        guard case .cannotCreate(_, let reason) = error as? OutputError else { return false }
        return reason.contains("folder")
      }
    }
    #expect(try folder.names() == ["out"])
  }

  @Test func fileInPlaceOfTheFolderCannotBeCreated() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try AtomicFileWriter.write("I am a file", to: folder.file("plain"))
    #expect {
      try AtomicFileWriter.write("x", to: folder.file("plain/out.txt"))
    } throws: { error in
      guard case .cannotCreate(_, let reason) = error as? OutputError else { return false }
      return reason.contains("not a folder")
    }
  }

  @Test func folderRemovedBeforeCommitFailsCleanly() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let inner = folder.file("inner")
    try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: false)
    let writer = try AtomicFileWriter(path: inner + "/out.txt")
    try writer.write("content")
    try FileManager.default.removeItem(atPath: inner)
    #expect {
      try writer.commit()
    } throws: { error in
      guard case .writeFailed(_, let reason) = error as? OutputError else { return false }
      return reason == "the folder '\(inner)' no longer exists"
    }
    #expect(try folder.names().isEmpty)
  }

  @Test func temporaryFileRemovedBeforeCommitIsNotBlamedOnTheFolder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let target = folder.file("out.txt")
    let writer = try AtomicFileWriter(path: target)
    try writer.write("content")
    #expect(unlink(writer.temporaryPath) == 0)
    #expect {
      try writer.commit()
    } throws: { error in
      guard case .writeFailed(let path, let reason) = error as? OutputError else { return false }
      return path == target
        && reason.hasPrefix("its temporary file in '\(folder.path)' was removed")
    }
    #expect(try folder.names().isEmpty)
  }

  @Test func folderCreatedAtThePathBeforeCommitFailsCleanly() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("out")
    let writer = try AtomicFileWriter(path: path)
    try writer.write("content")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    try AtomicFileWriter.write("keep", to: path + "/inside")
    #expect {
      try writer.commit()
    } throws: { error in
      guard case .writeFailed(_, let reason) = error as? OutputError else { return false }
      return reason.contains("folder now exists")
    }
    #expect(try folder.names() == ["out"])
    #expect(try Self.contents(path + "/inside") == Array("keep".utf8))
  }

  @Test func concurrentWritersUseDistinctTemporaryFiles() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("shared.txt")
    let first = try AtomicFileWriter(path: path)
    let second = try AtomicFileWriter(path: path)
    #expect(first.temporaryPath != second.temporaryPath)
    try first.write("first")
    try second.write("second")
    try first.commit()
    try second.commit()
    #expect(try Self.contents(path) == Array("second".utf8))
    #expect(try folder.names() == ["shared.txt"])
  }

  @Test func messagesSayWhatToDo() {
    let created = OutputError.cannotCreate(path: "out/m.stance", reason: "because")
    #expect(created.description == "cannot create 'out/m.stance': because")
    let failed = OutputError.writeFailed(path: "m.stance", reason: "disk on fire")
    #expect(
      failed.description
        == "could not write 'm.stance': disk on fire; any earlier file at that path is unchanged")
  }
}
