import DataFiles
import Foundation
import StanceTestSupport
import Testing

/// RFC 4180 edge cases, line numbers and byte offsets in errors, and streaming across
/// chunk boundaries.
@Suite struct DelimitedTextReaderTests {
  private static let chunkSizes = [4, 5, 7, 1 << 20]

  private func records(
    _ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = 1 << 20
  ) throws -> [DelimitedTextReader.Record] {
    let path = try DatasetTestFiles.make(bytes)
    defer { DatasetTestFiles.remove(path) }
    var reader = try DelimitedTextReader(path: path, delimiter: delimiter, chunkSize: chunkSize)
    return try reader.readAll()
  }

  private func fields(_ text: String, chunkSize: Int = 1 << 20) throws -> [[String]] {
    try records(Array(text.utf8), chunkSize: chunkSize).map(\.fields)
  }

  /// The error reading `bytes` throws, with the path replaced by `F`.
  private func error(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> DataError? {
    let path = try DatasetTestFiles.make(bytes)
    defer { DatasetTestFiles.remove(path) }
    var reader = try DelimitedTextReader(path: path, chunkSize: chunkSize)
    do {
      _ = try reader.readAll()
      return nil
    } catch {
      return error.replacingFile(path, with: "F")
    }
  }

  @Test(arguments: chunkSizes)
  func quotedFieldsCommasQuotesAndNewlines(chunkSize: Int) throws {
    let text = "text,label\r\n\"a, b\",x\r\n\"say \"\"no\"\"\",y\r\n\"two\nlines\",z\r\nplain,w"
    let expected = [
      ["text", "label"], ["a, b", "x"], ["say \"no\"", "y"], ["two\nlines", "z"], ["plain", "w"],
    ]
    #expect(try fields(text, chunkSize: chunkSize) == expected)
  }

  @Test(arguments: chunkSizes)
  func multibyteCharactersSurviveChunkBoundaries(chunkSize: Int) throws {
    let text = "text,label\n\"Schöne Grüße 😀, 中文\",ü\nnaïve,€\n"
    #expect(
      try fields(text, chunkSize: chunkSize)
        == [["text", "label"], ["Schöne Grüße 😀, 中文", "ü"], ["naïve", "€"]])
  }

  @Test(arguments: chunkSizes)
  func byteOrderMarkBlankLinesAndEmptyFields(chunkSize: Int) throws {
    let all = try records(
      [0xEF, 0xBB, 0xBF] + Array("text,label\n\n,a\nb,\n".utf8), chunkSize: chunkSize)
    #expect(all.map(\.fields) == [["text", "label"], ["", "a"], ["b", ""]])
    #expect(all.map(\.line) == [1, 3, 4])
  }

  @Test func byteOrderMarkOnlyAtTheStartIsSkipped() throws {
    // A BOM later in the file is text (U+FEFF), not skipped.
    #expect(
      try fields("a\n\u{FEFF}b\n") == [["a"], ["\u{FEFF}b"]])
  }

  @Test func tabSeparatedValues() throws {
    let all = try records(
      Array("id\ttext\n1\ta, b\n2\t\"x\ty\"\n".utf8), delimiter: UInt8(ascii: "\t"))
    #expect(all.map(\.fields) == [["id", "text"], ["1", "a, b"], ["2", "x\ty"]])
  }

  @Test func lineNumbersCountEmbeddedLineBreaks() throws {
    #expect(try records(Array("h\n\"a\nb\nc\"\nd\r\ne\rf".utf8)).map(\.line) == [1, 2, 5, 6, 7])
  }

  @Test func quoteInsideAnUnquotedFieldIsLiteral() throws {
    #expect(try fields("5\" pipe,x\n") == [["5\" pipe", "x"]])
  }

  @Test(arguments: chunkSizes)
  func unterminatedQuoteNamesTheLineWhereTheQuotedFieldStarts(chunkSize: Int) throws {
    // The record starts on line 3; its second field opens a quote on line 4.
    let text = "text,label\nok,a\n\"two\nlines\",\"never closed\nmore\n"
    #expect(
      try error(Array(text.utf8), chunkSize: chunkSize)
        == .unterminatedQuote(file: "F", line: 4))
  }

  @Test func textAfterClosingQuoteIsRefused() throws {
    #expect(
      try error(Array("text,label\n\"a\"b,c\n".utf8))
        == .textAfterClosingQuote(file: "F", line: 2))
  }

  /// Ill-formed UTF-8: the bytes, then the line, offset and byte the error must name.
  static let invalidUTF8Cases: [(bytes: [UInt8], line: Int, offset: Int, byte: UInt8)] = [
    // A lone byte that never starts a sequence, after the header.
    (Array("text,label\n".utf8) + [0x61, 0xFF, 0x2C, 0x62, 0x0A], 2, 12, 0xFF),
    // A Latin-1 "é" (0xE9) followed by ASCII: a sequence cut short.
    (Array("t\nCaf".utf8) + [0xE9, 0x2C, 0x78], 2, 5, 0xE9),
    // A sequence cut off by the end of the file.
    (Array("text\n".utf8) + [0xE2, 0x82], 2, 5, 0xE2),
    // An overlong encoding of "/".
    (Array("a,b\n".utf8) + [0xC0, 0xAF], 2, 4, 0xC0),
    // An encoded surrogate (U+D800).
    (Array("a\n".utf8) + [0xED, 0xA0, 0x80], 2, 2, 0xED),
    // Beyond U+10FFFF.
    (Array("a\n".utf8) + [0xF4, 0x90, 0x80, 0x80], 2, 2, 0xF4),
    // After valid multibyte text, inside a quoted field on its third physical line.
    (Array("h\n\"é\nb\n".utf8) + [0x80] + Array("\"\n".utf8), 4, 8, 0x80),
    // After a byte-order mark: offsets count from the start of the file.
    ([0xEF, 0xBB, 0xBF] + Array("a\n".utf8) + [0xFE], 2, 5, 0xFE),
  ]

  @Test(arguments: chunkSizes)
  func invalidUTF8NamesLineByteOffsetAndByte(chunkSize: Int) throws {
    for (bytes, line, offset, byte) in Self.invalidUTF8Cases {
      #expect(
        try error(bytes, chunkSize: chunkSize)
          == .invalidUTF8(file: "F", line: line, byteOffset: offset, byte: byte),
        "bytes \(bytes)")
    }
  }

  /// Random records full of delimiters, quotes, line breaks and multibyte characters,
  /// written as CSV with CRLF line ends, read back identically at every chunk size: every
  /// split of a CRLF, a doubled quote, a BOM or a UTF-8 sequence across chunks is met.
  @Test(arguments: [UInt64(1), 2, 3])
  func randomRecordsRoundTripAtEveryChunkSize(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    let pieces = ["a", "b c", ",", "\"", "\r\n", "\n", "é", "😀", "中", " ", "x\"y"]
    var expected: [[String]] = []
    for _ in 0..<60 {
      var record: [String] = []
      for _ in 0..<3 {
        let length = Int(random.next() % 5)
        record.append(
          (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
            .joined())
      }
      expected.append(record)
    }
    // Fields without special characters are left unquoted, as a spreadsheet would.
    func quoted(_ field: String) -> String {
      let special = field.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
      return special ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
    let text = expected.map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\r\n")
    let bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    for chunkSize in 4...12 {
      #expect(try records(bytes, chunkSize: chunkSize).map(\.fields) == expected)
    }
  }

  @Test func missingFileAndDirectoryAreReported() throws {
    #expect(throws: DataError.missingFile(file: "/nonexistent/x.csv")) {
      try DelimitedTextReader(path: "/nonexistent/x.csv")
    }
    let folder = FileManager.default.temporaryDirectory.path
    #expect(throws: DataError.isDirectory(file: folder)) {
      try DelimitedTextReader(path: folder)
    }
  }

  @Test func readsFromAFileHandle() throws {
    let path = try DatasetTestFiles.make("a,b\n1,2\n")
    defer { DatasetTestFiles.remove(path) }
    let handle = try #require(FileHandle(forReadingAtPath: path))
    var reader = DelimitedTextReader(fileHandle: handle, name: "<stdin>", chunkSize: 4)
    #expect(reader.path == "<stdin>")
    #expect(try reader.readAll().map(\.fields) == [["a", "b"], ["1", "2"]])
  }
}

extension DataError {
  /// The same error with the file name `path` replaced by `name`, so expectations need not
  /// spell temporary paths.
  func replacingFile(_ path: String, with name: String) -> DataError {
    func swap(_ file: String) -> String { file == path ? name : file }
    switch self {
    case .missingFile(let file): return .missingFile(file: swap(file))
    case .isDirectory(let file): return .isDirectory(file: swap(file))
    case .unreadable(let file, let reason): return .unreadable(file: swap(file), reason: reason)
    case .readFailed(let file, let reason): return .readFailed(file: swap(file), reason: reason)
    case .unknownFormat(let file): return .unknownFormat(file: swap(file))
    case .emptyFile(let file, let format): return .emptyFile(file: swap(file), format: format)
    case .noRecords(let file, let format): return .noRecords(file: swap(file), format: format)
    case .unterminatedQuote(let file, let line):
      return .unterminatedQuote(file: swap(file), line: line)
    case .textAfterClosingQuote(let file, let line):
      return .textAfterClosingQuote(file: swap(file), line: line)
    case .invalidUTF8(let file, let line, let byteOffset, let byte):
      return .invalidUTF8(file: swap(file), line: line, byteOffset: byteOffset, byte: byte)
    case .fieldCount(let file, let line, let expected, let found):
      return .fieldCount(file: swap(file), line: line, expected: expected, found: found)
    case .missingColumn(let file, let line, let column, let role, let available):
      return .missingColumn(
        file: swap(file), line: line, column: column, role: role, available: available)
    case .emptyLabel(let file, let line): return .emptyLabel(file: swap(file), line: line)
    case .noLabelsInLines(let file): return .noLabelsInLines(file: swap(file))
    case .invalidJSON(let file, let line, let column, let expected):
      return .invalidJSON(file: swap(file), line: line, column: column, expected: expected)
    case .notAnObject(let file, let line, let found):
      return .notAnObject(file: swap(file), line: line, found: found)
    case .missingKey(let file, let line, let key, let role, let available):
      return .missingKey(file: swap(file), line: line, key: key, role: role, available: available)
    case .notAString(let file, let line, let key, let found, let value):
      return .notAString(file: swap(file), line: line, key: key, found: found, value: value)
    case .duplicateKey(let file, let line, let key):
      return .duplicateKey(file: swap(file), line: line, key: key)
    case .noRecordMatched(let file, let filter, let recordCount, let values, let moreValues):
      return .noRecordMatched(
        file: swap(file), filter: filter, recordCount: recordCount, values: values,
        moreValues: moreValues)
    case .filterKeyMissing(let file, let filter, let available):
      return .filterKeyMissing(file: swap(file), filter: filter, available: available)
    case .invalidUTF8InHeader(let file, let line, let byteOffset, let byte):
      return .invalidUTF8InHeader(file: swap(file), line: line, byteOffset: byteOffset, byte: byte)
    case .everyRecordSkipped(let file, let count):
      return .everyRecordSkipped(file: swap(file), count: count)
    }
  }
}
