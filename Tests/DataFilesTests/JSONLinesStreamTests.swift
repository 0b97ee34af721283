import DataFiles
import Foundation
import Testing

/// The line-for-line reader behind `--input jsonl --format jsonl`: every line gives one
/// outcome, in order, and a malformed line never stops the reading.
@Suite struct JSONLinesStreamTests {
  private static let columns = ColumnSelection(text: "text", label: nil, speaker: nil)

  /// Every outcome of `bytes`, read in chunks of `chunkSize`.
  private func outcomes(_ bytes: [UInt8], chunkSize: Int = 1 << 20, policy: InvalidUTF8Policy)
    throws -> (all: [StreamedRecord], path: String, repaired: Int)
  {
    let path = try DatasetTestFiles.make(bytes, suffix: ".jsonl")
    defer { DatasetTestFiles.remove(path) }
    var stream = try JSONLinesStream(
      path: path, columns: Self.columns, chunkSize: chunkSize, invalidUTF8: policy)
    var all: [StreamedRecord] = []
    while let next = try stream.next() { all.append(next) }
    return (all, path, stream.invalidUTF8Count)
  }

  private static let lines: [[UInt8]] = [
    Array(#"{"id": 1, "text": "first", "outlet": "Wire", "speaker": "Ana"}"#.utf8),
    Array("not json".utf8),
    Array("   ".utf8),
    Array(#"{"id": "x", "body": "no text"}"#.utf8),
    Array(#"[1, 2]"#.utf8),
    Array(#"{"id": 5, "text": 5}"#.utf8),
    Array(#"{"id": 6, "text": "caf"#.utf8) + [0xE9] + Array(#" au lait"}"#.utf8),
    Array(#"{"id": 7, "id": 8, "text": "twice"}"#.utf8),
    Array(#"{"text": "last", "n": null}"#.utf8),
  ]

  @Test(arguments: [5, 7, 64, 1 << 20])
  func everyLineGivesOneOutcomeInOrder(chunkSize: Int) throws {
    let bytes = Array(Self.lines.joined(separator: [0x0A]))
    let (all, path, repaired) = try outcomes(bytes, chunkSize: chunkSize, policy: .fail)
    #expect(all.map(\.line) == Array(1...9))
    #expect(repaired == 0)
    guard case .record(let first) = all[0], case .record(let last) = all[8] else {
      Issue.record("lines 1 and 9 are records: \(all)")
      return
    }
    #expect(first.text == "first")
    #expect(
      first.otherFields == [
        DataField(name: "id", value: "1", isJSON: true), DataField(name: "outlet", value: "Wire"),
        DataField(name: "speaker", value: "Ana"),
      ])
    #expect(last.text == "last" && last.otherFields.map(\.name) == ["n"])
    let failures = all.compactMap { outcome -> RecordFailure? in
      if case .failure(let failure) = outcome { return failure }
      return nil
    }
    #expect(
      failures.map(\.code) == [
        "invalid_json", "blank_line", "missing_text", "not_an_object", "text_not_a_string",
        "invalid_utf8", "duplicate_key",
      ])
    #expect(
      failures.map { $0.fields.map(\.value) } == [
        [], [], ["x", "no text"], [], ["5"], ["6"],
        [
          "7", "8",
        ],
      ])
    let offset = Self.lines[0..<6].reduce(0) { $0 + $1.count + 1 } + 22
    #expect(
      failures[5].message
        == "\(path):7: the text is not valid UTF-8 at byte offset \(offset) (byte 0xE9); "
        + "convert the file to UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8)")
    #expect(
      failures[1].message
        == "\(path):3: the line is blank; expected one JSON object per line (every line gets "
        + "an answer, so leave blank lines out)")
  }

  @Test func replaceRepairsTheLineAndCountsIt() throws {
    let bytes = Array(Self.lines[6] + [0x0A] + Self.lines[0])
    let (all, _, repaired) = try outcomes(bytes, policy: .replace)
    #expect(repaired == 1)
    guard case .record(let record) = all.first else {
      Issue.record("the repaired line is a record: \(all)")
      return
    }
    #expect(record.text == "caf\u{FFFD} au lait")
    #expect(all.count == 2)
  }

  @Test func skipStillAnswersTheLineWithAFailure() throws {
    let (all, _, repaired) = try outcomes(Self.lines[6], policy: .skip)
    #expect(repaired == 0)
    #expect(all.count == 1)
    if case .failure(let failure) = all.first {
      #expect(failure.code == "invalid_utf8")
    } else {
      Issue.record("expected a failure: \(all)")
    }
  }

  /// A line is buffered when it has been read whole; the last line of a pipe whose writer
  /// has sent nothing more is not, so a caller answers before asking for it.
  @Test func bufferedLinesAreThoseAlreadyRead() throws {
    let pipe = Pipe()
    var stream = JSONLinesStream(
      fileHandle: pipe.fileHandleForReading, name: "<pipe>", columns: Self.columns)
    pipe.fileHandleForWriting.write(Data("{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"te".utf8))
    #expect(try stream.next()?.line == 1)
    #expect(stream.hasBufferedLine)
    #expect(try stream.next()?.line == 2)
    #expect(!stream.hasBufferedLine)
    pipe.fileHandleForWriting.write(Data("xt\": \"c\"}\n".utf8))
    try pipe.fileHandleForWriting.close()
    #expect(try stream.next()?.line == 3)
    #expect(try stream.next() == nil)
  }
}
