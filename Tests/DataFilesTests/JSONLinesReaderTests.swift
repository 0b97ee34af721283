import DataFiles
import Foundation
import Testing

/// JSON Lines: member order, decoding, pass-through of other values, and every error with
/// its line and column.
@Suite struct JSONLinesReaderTests {
  private func records(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws
    -> [JSONLinesReader.Record]
  {
    let path = try DatasetTestFiles.make(bytes, suffix: ".jsonl")
    defer { DatasetTestFiles.remove(path) }
    var reader = try JSONLinesReader(path: path, chunkSize: chunkSize)
    var all: [JSONLinesReader.Record] = []
    while let record = try reader.next() { all.append(record) }
    return all
  }

  /// The error reading `text` throws, with the path replaced by `F`.
  private func error(_ text: String) throws -> DataError? {
    let path = try DatasetTestFiles.make(text, suffix: ".jsonl")
    defer { DatasetTestFiles.remove(path) }
    var reader = try JSONLinesReader(path: path)
    do {
      while try reader.next() != nil {}
      return nil
    } catch {
      return error.replacingFile(path, with: "F")
    }
  }

  private typealias Member = JSONLinesReader.Member

  @Test(arguments: [4, 5, 7, 1 << 20])
  func membersInOrderWithDecodedStringsAndRawOtherValues(chunkSize: Int) throws {
    let text = [
      #"{"id": 17, "text": "caf\u00e9 \ud83d\ude00 \"q\" \\ \/ a\tb\nc", "label": "pro","#
        + #" "ok": true, "none": null, "tags": ["a", {"b": [1.5e-3, -0]}], "meta": {}}"#,
      "",
      "   \t",
      "{\"text\":\"Grüße 中文\",\"label\":\"anti\"}\r",
      "{ }",
    ].joined(separator: "\n")
    let all = try records([0xEF, 0xBB, 0xBF] + Array(text.utf8), chunkSize: chunkSize)
    #expect(all.map(\.line) == [1, 4, 5])
    #expect(
      all[0].members == [
        Member(key: "id", kind: .number, value: "17"),
        Member(key: "text", kind: .string, value: "café 😀 \"q\" \\ / a\tb\nc"),
        Member(key: "label", kind: .string, value: "pro"),
        Member(key: "ok", kind: .boolean, value: "true"),
        Member(key: "none", kind: .null, value: "null"),
        Member(key: "tags", kind: .array, value: #"["a", {"b": [1.5e-3, -0]}]"#),
        Member(key: "meta", kind: .object, value: "{}"),
      ])
    #expect(all[0]["label"]?.value == "pro")
    #expect(all[0]["missing"] == nil)
    #expect(
      all[1].members == [
        Member(key: "text", kind: .string, value: "Grüße 中文"),
        Member(key: "label", kind: .string, value: "anti"),
      ])
    #expect(all[2].members.isEmpty)
  }

  /// A line, then the column and what the error must say was expected there.
  static let syntaxErrors: [(line: String, column: Int, expected: String)] = [
    (#"{"text": "a",}"#, 14, "a key in double quotes"),
    (#"{"text" "a"}"#, 9, "':' after the key"),
    (#"{"text": "a""#, 13, "',' or '}' after the value"),
    (#"{"text": 'a'}"#, 10, "a value (an object, array, string, number, true, false or null)"),
    (#"{"text": "a"} {"b": 1}"#, 15, "the end of the line after the value (one object per line)"),
    (#"{"a": tru}"#, 7, "true, false or null"),
    (#"{"a": -}"#, 8, "a digit"),
    (#"{"a": 1.}"#, 9, "a digit"),
    (#"{"a": [1 2]}"#, 10, "',' or ']' after the value"),
    (#"{"a": "b\x"}"#, 9, #"an escape: \" \\ \/ \b \f \n \r \t or \u followed by 4 hex digits"#),
    (#"{"a": "\u12G4"}"#, 8, #"4 hex digits after \u"#),
    (#"{"a": "\ud83d x"}"#, 14, #"a low surrogate (\uDC00-\uDFFF) after a high surrogate"#),
    (#"{"a": "\ude00"}"#, 8, #"a high surrogate (\uD800-\uDBFF) before a low surrogate"#),
    (
      "{\"a\": \"tab\there\"}", 11,
      #"no control characters inside a string (write them escaped, such as \t)"#
    ),
    (#"{"a": "never closed}"#, 21, "a closing '\"' before the end of the line"),
    (#"{"é": x}"#, 7, "a value (an object, array, string, number, true, false or null)"),
    ("{\"a\": " + String(repeating: "[", count: 300), 262, "at most 256 levels of nesting"),
    ("hello", 1, "a value (an object, array, string, number, true, false or null)"),
  ]

  @Test(arguments: syntaxErrors)
  func syntaxErrorsNameLineColumnAndExpectation(line: String, column: Int, expected: String)
    throws
  {
    #expect(
      try error("{\"text\": \"fine\"}\n\n" + line + "\n")
        == .invalidJSON(file: "F", line: 3, column: column, expected: expected))
  }

  @Test(arguments: [
    ("[1, 2]", JSONKind.array), (#""just text""#, .string), ("42", .number), ("null", .null),
    ("false", .boolean),
  ])
  func valuesThatAreNotObjectsAreNamed(line: String, kind: JSONKind) throws {
    #expect(try error("{}\n" + line) == .notAnObject(file: "F", line: 2, found: kind))
  }

  @Test func duplicateKeysAreRefused() throws {
    #expect(
      try error(#"{"text": "a", "text": "b"}"#)
        == .duplicateKey(file: "F", line: 1, key: "text"))
  }

  @Test func invalidUTF8InsideAStringNamesLineAndOffset() throws {
    let bytes = Array("{\"text\": \"ok\"}\n{\"text\": \"".utf8) + [0xE9] + Array("\"}\n".utf8)
    let path = try DatasetTestFiles.make(bytes, suffix: ".jsonl")
    defer { DatasetTestFiles.remove(path) }
    var reader = try JSONLinesReader(path: path, chunkSize: 5)
    #expect(throws: DataError.invalidUTF8(file: path, line: 2, byteOffset: 25, byte: 0xE9)) {
      while try reader.next() != nil {}
    }
  }
}
