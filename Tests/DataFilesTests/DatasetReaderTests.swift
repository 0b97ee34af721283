import DataFiles
import Foundation
import Testing

/// Records from every format, columns passed through in order, and every bad-input error.
@Suite struct DatasetReaderTests {
  private func read(
    _ bytes: [UInt8], suffix: String, format: DataFormat, columns: ColumnSelection,
    chunkSize: Int = 1 << 20
  ) throws -> [DataRecord] {
    let path = try DatasetTestFiles.make(bytes, suffix: suffix)
    defer { DatasetTestFiles.remove(path) }
    var reader = try DatasetReader(
      path: path, format: format, columns: columns, chunkSize: chunkSize)
    var all: [DataRecord] = []
    while let record = try reader.next() { all.append(record) }
    return all
  }

  private func read(
    _ text: String, suffix: String, format: DataFormat, columns: ColumnSelection,
    chunkSize: Int = 1 << 20
  ) throws -> [DataRecord] {
    try read(
      Array(text.utf8), suffix: suffix, format: format, columns: columns, chunkSize: chunkSize)
  }

  @Test(arguments: [4, 1 << 20])
  func csvColumnsSpeakerAndOtherFieldsInFileOrder(chunkSize: Int) throws {
    let text =
      "\u{FEFF}id,speaker,text,source,label\r\n7,Ann,\"Hold, firm\",\"wire\nfeed\",pro\r\n"
      + "8,,calm,web,anti\r\n"
    let all = try read(
      text, suffix: ".csv", format: .csv, columns: .training, chunkSize: chunkSize)
    #expect(
      all == [
        DataRecord(
          text: "Hold, firm", label: "pro", speaker: "Ann", line: 2,
          otherFields: [
            DataField(name: "id", value: "7"), DataField(name: "source", value: "wire\nfeed"),
          ]),
        DataRecord(
          text: "calm", label: "anti", speaker: nil, line: 4,
          otherFields: [DataField(name: "id", value: "8"), DataField(name: "source", value: "web")]),
      ])
  }

  @Test func predictionPassesTheLabelColumnThroughAndCustomColumnsAreUsed() throws {
    let text = "label\ttext\tid\nx\thello\t1\n"
    let plain = try read(text, suffix: ".tsv", format: .tsv, columns: .prediction)
    #expect(
      plain == [
        DataRecord(
          text: "hello", line: 2,
          otherFields: [DataField(name: "label", value: "x"), DataField(name: "id", value: "1")])
      ])
    let custom = try read(
      text, suffix: ".tsv", format: .tsv,
      columns: ColumnSelection(text: "id", label: "text", speaker: nil))
    #expect(
      custom == [
        DataRecord(
          text: "1", label: "hello", line: 2, otherFields: [DataField(name: "label", value: "x")])
      ])
  }

  @Test(arguments: [4, 1 << 20])
  func jsonLinesWithExtraKeysSpeakerAndEscapes(chunkSize: Int) throws {
    let text = [
      #"{"id": 3, "text": "\u00bfQu\u00e9?", "speaker": "Ana", "label": "pro", "src": "a\"b"}"#,
      "",
      #"{"label": "anti", "text": "no", "speaker": null, "tags": ["x"], "ok": false}"#,
    ].joined(separator: "\r\n")
    let all = try read(
      text, suffix: ".jsonl", format: .jsonl, columns: .training, chunkSize: chunkSize)
    #expect(
      all == [
        DataRecord(
          text: "¿Qué?", label: "pro", speaker: "Ana", line: 1,
          otherFields: [
            DataField(name: "id", value: "3", isJSON: true),
            DataField(name: "src", value: "a\"b"),
          ]),
        DataRecord(
          text: "no", label: "anti", line: 3,
          otherFields: [
            DataField(name: "tags", value: #"["x"]"#, isJSON: true),
            DataField(name: "ok", value: "false", isJSON: true),
          ]),
      ])
  }

  @Test(arguments: [4, 1 << 20])
  func plainLinesSkipBlankLinesAndKeepLineNumbers(chunkSize: Int) throws {
    let bytes = [0xEF, 0xBB, 0xBF] + Array("first, \"quoted\"\r\n\n  \nsecond\tline\nlast".utf8)
    let all = try read(
      bytes, suffix: ".txt", format: .lines, columns: .prediction, chunkSize: chunkSize)
    #expect(
      all == [
        DataRecord(text: "first, \"quoted\"", line: 1),
        DataRecord(text: "second\tline", line: 4),
        DataRecord(text: "last", line: 5),
      ])
  }

  @Test func readsFromAFileHandleUnderAGivenName() throws {
    let path = try DatasetTestFiles.make("one\ntwo\n", suffix: ".txt")
    defer { DatasetTestFiles.remove(path) }
    let handle = try #require(FileHandle(forReadingAtPath: path))
    var reader = try DatasetReader(
      fileHandle: handle, name: "<stdin>", format: .lines, columns: .prediction)
    #expect(reader.path == "<stdin>")
    #expect(try reader.next()?.text == "one")
    #expect(try reader.next()?.text == "two")
    #expect(try reader.next() == nil)
  }

  @Test func readsCSVFromAPipe() throws {
    let pipe = Pipe()
    pipe.fileHandleForWriting.write(Data("id,text\n1,\"a\nb\"\n2,é\n".utf8))
    try pipe.fileHandleForWriting.close()
    var reader = try DatasetReader(
      fileHandle: pipe.fileHandleForReading, name: "<stdin>", format: .csv,
      columns: .prediction, chunkSize: 4)
    #expect(
      try reader.next()
        == DataRecord(text: "a\nb", line: 2, otherFields: [.init(name: "id", value: "1")]))
    #expect(
      try reader.next()
        == DataRecord(text: "é", line: 4, otherFields: [.init(name: "id", value: "2")]))
    #expect(try reader.next() == nil)
  }

  @Test func headerIsExposedAndErrorsComeFromTheInitializer() throws {
    let path = try DatasetTestFiles.make("a,text,label\n1,x,y\n")
    defer { DatasetTestFiles.remove(path) }
    let reader = try DatasetReader(path: path, format: .csv, columns: .training)
    #expect(reader.header == ["a", "text", "label"])
    #expect(reader.format == .csv)
  }

  /// Bad inputs: file contents, suffix, format, columns, and the error (file named `F`).
  static let badInputs: [(String, [UInt8], DataFormat, ColumnSelection, DataError)] = [
    ("empty csv", [], .csv, .training, .emptyFile(file: "F", format: .csv)),
    ("BOM only", [0xEF, 0xBB, 0xBF], .csv, .training, .emptyFile(file: "F", format: .csv)),
    (
      "blank lines only csv", Array("\n\r\n".utf8), .csv, .training,
      .emptyFile(file: "F", format: .csv)
    ),
    ("empty jsonl", [], .jsonl, .training, .emptyFile(file: "F", format: .jsonl)),
    ("empty lines", [], .lines, .prediction, .emptyFile(file: "F", format: .lines)),
    (
      "header only", Array("text,label\r\n".utf8), .csv, .training,
      .noRecords(file: "F", format: .csv)
    ),
    (
      "header only tsv", Array("text\tlabel".utf8), .tsv, .training,
      .noRecords(file: "F", format: .tsv)
    ),
    (
      "blank jsonl", Array("\n  \n".utf8), .jsonl, .training,
      .noRecords(file: "F", format: .jsonl)
    ),
    (
      "blank lines", Array("\n\t\n".utf8), .lines, .prediction,
      .noRecords(file: "F", format: .lines)
    ),
    (
      "misspelt label", Array("text,lable\na,b\n".utf8), .csv, .training,
      .missingColumn(
        file: "F", line: 1, column: "label", role: .label,
        available: ["text", "lable"])
    ),
    (
      "no text column", Array("\n\nbody,label\na,b\n".utf8), .csv, .training,
      .missingColumn(
        file: "F", line: 3, column: "text", role: .text,
        available: ["body", "label"])
    ),
    (
      "ragged row", Array("text,label\na,b\nc,d,e\n".utf8), .csv, .training,
      .fieldCount(file: "F", line: 3, expected: 2, found: 3)
    ),
    (
      "short row after a quoted newline", Array("text,label\n\"a\nb\",c\nd\n".utf8), .csv,
      .training, .fieldCount(file: "F", line: 4, expected: 2, found: 1)
    ),
    (
      "unterminated quote", Array("text,label\na,\"b\n".utf8), .csv, .training,
      .unterminatedQuote(file: "F", line: 2)
    ),
    (
      "invalid UTF-8 in lines", Array("ok\n".utf8) + [0x41, 0xC3, 0x28], .lines, .prediction,
      .invalidUTF8(file: "F", line: 2, byteOffset: 4, byte: 0xC3)
    ),
    ("labels from lines", Array("a\n".utf8), .lines, .training, .noLabelsInLines(file: "F")),
    (
      "jsonl missing label", Array(#"{"text": "a", "lable": "b"}"#.utf8), .jsonl, .training,
      .missingKey(file: "F", line: 1, key: "label", role: .label, available: ["text", "lable"])
    ),
    (
      "jsonl missing text", Array("\n{}".utf8), .jsonl, .prediction,
      .missingKey(file: "F", line: 2, key: "text", role: .text, available: [])
    ),
    (
      "jsonl numeric text", Array(#"{"text": 12.5, "label": "a"}"#.utf8), .jsonl, .training,
      .notAString(file: "F", line: 1, key: "text", found: .number, value: "12.5")
    ),
    (
      "jsonl null text", Array(#"{"text": null}"#.utf8), .jsonl, .prediction,
      .notAString(file: "F", line: 1, key: "text", found: .null, value: "null")
    ),
    (
      "jsonl numeric label", Array(#"{"text": "a", "label": 1}"#.utf8), .jsonl, .training,
      .notAString(file: "F", line: 1, key: "label", found: .number, value: "1")
    ),
    (
      "jsonl object speaker", Array(#"{"text": "a", "speaker": {"n": 1}}"#.utf8), .jsonl,
      .prediction,
      .notAString(file: "F", line: 1, key: "speaker", found: .object, value: #"{"n": 1}"#)
    ),
    (
      "jsonl not an object", Array("[\"text\"]".utf8), .jsonl, .prediction,
      .notAnObject(file: "F", line: 1, found: .array)
    ),
    (
      "jsonl invalid", Array(#"{"text": "a""#.utf8), .jsonl, .prediction,
      .invalidJSON(file: "F", line: 1, column: 13, expected: "',' or '}' after the value")
    ),
  ]

  @Test(arguments: badInputs)
  func badInputIsReportedWithFileAndLine(
    name: String, bytes: [UInt8], format: DataFormat, columns: ColumnSelection,
    expected: DataError
  ) throws {
    let path = try DatasetTestFiles.make(bytes, suffix: ".data")
    defer { DatasetTestFiles.remove(path) }
    var thrown: DataError?
    do {
      var reader = try DatasetReader(path: path, format: format, columns: columns, chunkSize: 4)
      while try reader.next() != nil {}
    } catch {
      thrown = error.replacingFile(path, with: "F")
    }
    #expect(thrown == expected, "\(name)")
  }

  @Test func missingFileAndDirectory() throws {
    #expect(throws: DataError.missingFile(file: "/no/such/dir/data.csv")) {
      try DatasetReader(path: "/no/such/dir/data.csv", format: .csv, columns: .training)
    }
    let folder = FileManager.default.temporaryDirectory.path
    #expect(throws: DataError.isDirectory(file: folder)) {
      try DatasetReader(path: folder, format: .jsonl, columns: .training)
    }
  }
}
