import Foundation
import StanceKit
import Testing

/// RFC 4180 edge cases, line numbers in errors, and streaming across chunk boundaries.
@Suite struct DelimitedTextReaderTests {
  /// Writes `bytes` to a fresh temporary file and returns its path.
  private func temporaryFile(_ bytes: [UInt8], suffix: String = ".csv") throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("stancekit-\(UUID().uuidString)\(suffix)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  private func records(_ text: String, chunkSize: Int = 1 << 20) throws -> [[String]] {
    let path = try temporaryFile(Array(text.utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var reader = try DelimitedTextReader(path: path, chunkSize: chunkSize)
    return try reader.readAll().map(\.fields)
  }

  @Test(arguments: [4, 5, 7, 1 << 20])
  func quotedFieldsCommasQuotesAndNewlines(chunkSize: Int) throws {
    let text = "text,label\r\n\"a, b\",x\r\n\"say \"\"no\"\"\",y\r\n\"two\nlines\",z\r\nplain,w"
    let expected = [
      ["text", "label"], ["a, b", "x"], ["say \"no\"", "y"], ["two\nlines", "z"], ["plain", "w"],
    ]
    #expect(try records(text, chunkSize: chunkSize) == expected)
  }

  @Test func byteOrderMarkBlankLinesAndEmptyFields() throws {
    let path = try temporaryFile([0xEF, 0xBB, 0xBF] + Array("text,label\n\n,a\nb,\n".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var reader = try DelimitedTextReader(path: path)
    let all = try reader.readAll()
    #expect(all.map(\.fields) == [["text", "label"], ["", "a"], ["b", ""]])
    #expect(all.map(\.line) == [1, 3, 4])
  }

  @Test func lineNumbersCountEmbeddedLineBreaks() throws {
    let path = try temporaryFile(Array("h\n\"a\nb\nc\"\nd\r\ne\rf".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var reader = try DelimitedTextReader(path: path)
    #expect(try reader.readAll().map(\.line) == [1, 2, 5, 6, 7])
  }

  @Test func quoteInsideAnUnquotedFieldIsLiteral() throws {
    #expect(try records("5\" pipe,x\n") == [["5\" pipe", "x"]])
  }

  @Test func unterminatedQuoteNamesTheStartingLine() throws {
    let path = try temporaryFile(Array("text,label\nok,a\n\"never closed,b\nmore\n".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var reader = try DelimitedTextReader(path: path)
    #expect(throws: DataError.unterminatedQuote(file: path, line: 3)) { try reader.readAll() }
  }

  @Test func textAfterClosingQuoteIsRefused() throws {
    let path = try temporaryFile(Array("text,label\n\"a\"b,c\n".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    var reader = try DelimitedTextReader(path: path)
    #expect(throws: DataError.textAfterClosingQuote(file: path, line: 2)) { try reader.readAll() }
  }

  @Test func invalidUTF8IsRefusedWithItsLine() throws {
    let path = try temporaryFile(Array("text,label\n".utf8) + [0x61, 0xFF, 0x2C, 0x62, 0x0A])
    defer { try? FileManager.default.removeItem(atPath: path) }
    var reader = try DelimitedTextReader(path: path)
    #expect(throws: DataError.invalidUTF8(file: path, line: 2)) { try reader.readAll() }
  }

  @Test func missingFileIsReported() {
    #expect(throws: DataError.unreadable(file: "/nonexistent/x.csv", reason: "no such file")) {
      try DelimitedTextReader(path: "/nonexistent/x.csv")
    }
  }

  @Test func datasetReadsColumnsByNameAndChecksRecords() throws {
    let path = try temporaryFile(
      Array("id\tlabel\ttext\n1\tpos\tgood\n2\tneg\tbad\n".utf8), suffix: ".tsv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let dataset = try Dataset.read(path: path)
    #expect(dataset.texts == ["good", "bad"])
    #expect(dataset.labels == ["pos", "neg"])
    #expect(dataset.examples.map(\.line) == [2, 3])

    #expect(
      throws: DataError.missingColumn(
        file: path, column: "body", available: ["id", "label", "text"])
    ) { try Dataset.read(path: path, textColumn: "body") }

    let short = try temporaryFile(Array("text,label\na,b\nc\n".utf8))
    defer { try? FileManager.default.removeItem(atPath: short) }
    #expect(throws: DataError.fieldCount(file: short, line: 3, expected: 2, found: 1)) {
      try Dataset.read(path: short)
    }

    let unlabelled = try temporaryFile(Array("text,label\na,\n".utf8))
    defer { try? FileManager.default.removeItem(atPath: unlabelled) }
    #expect(throws: DataError.emptyLabel(file: unlabelled, line: 2)) {
      try Dataset.read(path: unlabelled)
    }
  }
}
