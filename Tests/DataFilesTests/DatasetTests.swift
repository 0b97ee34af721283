import DataFiles
import Foundation
import Testing

/// Formats from extensions, collecting a labelled corpus, and the exact error messages.
@Suite struct DatasetTests {
  @Test(arguments: [
    ("train.csv", DataFormat?.some(.csv)), ("dir.tsv/train.TSV", .tsv), ("a.jsonl", .jsonl),
    ("b.NDJSON", .jsonl), ("notes.txt", nil), ("data.csv/file", nil), ("csv", nil),
    (".csv", nil), ("x.lines", nil),
  ])
  func formatFollowsTheExtension(path: String, format: DataFormat?) throws {
    #expect(DataFormat(path: path) == format)
    #expect(DataFormat.forPrediction(path: path) == format ?? .lines)
    if let format {
      #expect(try DataFormat.forTraining(path: path) == format)
    } else {
      #expect(throws: DataError.unknownFormat(file: path)) {
        try DataFormat.forTraining(path: path)
      }
    }
  }

  @Test func readsCSVWithSpeakersAndTheDefaultColumns() throws {
    let path = try DatasetTestFiles.make("speaker,text,label\nAnn,yes,pro\n,no,anti\n")
    defer { DatasetTestFiles.remove(path) }
    let dataset = try Dataset.read(path: path)
    #expect(
      dataset.examples == [
        LabelledExample(text: "yes", label: "pro", speaker: "Ann", line: 2),
        LabelledExample(text: "no", label: "anti", line: 3),
      ])
    #expect(dataset.texts == ["yes", "no"])
    #expect(dataset.labels == ["pro", "anti"])
    #expect(dataset.speakers == ["Ann", nil])
    // Speakers can be ignored.
    #expect(try Dataset.read(path: path, speakerColumn: nil).speakers == [nil, nil])
  }

  @Test func readsJSONLinesAndTSVWithNamedColumns() throws {
    let jsonl = try DatasetTestFiles.make(
      "{\"q\": \"hi\", \"y\": \"a\", \"who\": \"Bo\"}\n\n{\"y\": \"b\", \"q\": \"yo\"}\n",
      suffix: ".ndjson")
    defer { DatasetTestFiles.remove(jsonl) }
    let fromJSON = try Dataset.read(
      path: jsonl, textColumn: "q", labelColumn: "y", speakerColumn: "who")
    #expect(
      fromJSON.examples == [
        LabelledExample(text: "hi", label: "a", speaker: "Bo", line: 1),
        LabelledExample(text: "yo", label: "b", line: 3),
      ])

    let tsv = try DatasetTestFiles.make(
      "id\tlabel\ttext\n1\tpos\tgood\n2\tneg\tbad\n", suffix: ".tsv")
    defer { DatasetTestFiles.remove(tsv) }
    let fromTSV = try Dataset.read(path: tsv)
    #expect(fromTSV.texts == ["good", "bad"])
    #expect(fromTSV.labels == ["pos", "neg"])
    #expect(fromTSV.examples.map(\.line) == [2, 3])
  }

  @Test func anUnknownExtensionNeedsAFormat() throws {
    let path = try DatasetTestFiles.make("text,label\na,b\n", suffix: ".txt")
    defer { DatasetTestFiles.remove(path) }
    #expect(throws: DataError.unknownFormat(file: path)) { try Dataset.read(path: path) }
    #expect(try Dataset.read(path: path, format: .csv).labels == ["b"])
    #expect(throws: DataError.noLabelsInLines(file: path)) {
      try Dataset.read(path: path, format: .lines)
    }
  }

  @Test func emptyLabelsAreRefused() throws {
    let csv = try DatasetTestFiles.make("text,label\na,x\nb,\n")
    defer { DatasetTestFiles.remove(csv) }
    #expect(throws: DataError.emptyLabel(file: csv, line: 3)) { try Dataset.read(path: csv) }
    let jsonl = try DatasetTestFiles.make(#"{"text": "a", "label": ""}"#, suffix: ".jsonl")
    defer { DatasetTestFiles.remove(jsonl) }
    #expect(throws: DataError.emptyLabel(file: jsonl, line: 1)) { try Dataset.read(path: jsonl) }
  }

  /// One example of every message, word for word.
  static let messages: [(DataError, String)] = [
    (.missingFile(file: "d.csv"), "d.csv: no such file; check the path"),
    (.isDirectory(file: "data"), "data: is a folder; give a data file"),
    (
      .unreadable(file: "d.csv", reason: "Permission denied"),
      "d.csv: cannot open the file: Permission denied"
    ),
    (
      .readFailed(file: "d.csv", reason: "Input/output error"),
      "d.csv: cannot read: Input/output error"
    ),
    (
      .unknownFormat(file: "d.txt"),
      "d.txt: cannot tell the format from the file name; expected an extension .csv, .tsv, "
        + ".jsonl or .ndjson, or name the format (--input csv|tsv|jsonl)"
    ),
    (
      .emptyFile(file: "d.csv", format: .csv),
      "d.csv: the file is empty; expected a header row naming the columns, then one record "
        + "per line"
    ),
    (
      .emptyFile(file: "d.jsonl", format: .jsonl),
      "d.jsonl: the file is empty; expected one JSON object per line"
    ),
    (
      .noRecords(file: "d.csv", format: .csv),
      "d.csv: the file has a header but no records; expected one record per line after the "
        + "header"
    ),
    (
      .noRecords(file: "d.txt", format: .lines),
      "d.txt: the file has only blank lines; expected one text per line"
    ),
    (
      .unterminatedQuote(file: "d.csv", line: 7),
      "d.csv:7: a quoted field starting on this line is never closed; add the closing \" "
        + "(write a literal quote inside a quoted field as \"\")"
    ),
    (
      .textAfterClosingQuote(file: "d.csv", line: 2),
      "d.csv:2: text follows a closing quote; a quoted field must end at a delimiter or line "
        + "end (write a literal quote inside it as \"\")"
    ),
    (
      .invalidUTF8(file: "d.csv", line: 3, byteOffset: 1041, byte: 0xE9),
      "d.csv:3: the text is not valid UTF-8 at byte offset 1041 (byte 0xE9); convert the file "
        + "to UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8)"
    ),
    (
      .invalidUTF8InHeader(file: "d.csv", line: 1, byteOffset: 3, byte: 0xFF),
      "d.csv:1: the header is not valid UTF-8 at byte offset 3 (byte 0xFF) and a header cannot "
        + "be skipped; convert the file to UTF-8 or use --invalid-utf8 replace"
    ),
    (
      .everyRecordSkipped(file: "d.txt", count: 3),
      "d.txt: all 3 records hold invalid UTF-8 and nothing is left after skipping; convert the "
        + "file to UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8) or use --invalid-utf8 "
        + "replace"
    ),
    (
      .everyRecordSkipped(file: "d.txt", count: 1),
      "d.txt: the only record holds invalid UTF-8 and nothing is left after skipping; convert "
        + "the file to UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8) or use "
        + "--invalid-utf8 replace"
    ),
    (
      .fieldCount(file: "d.csv", line: 4, expected: 3, found: 4),
      "d.csv:4: expected 3 fields as in the header, found 4; quote any field that holds the "
        + "delimiter or a line break"
    ),
    (
      .missingColumn(
        file: "d.csv", line: 1, column: "lable", role: .label, available: ["text", "label"]),
      "d.csv:1: no column 'lable' in the header; did you mean 'label'? The columns are "
        + "'text', 'label'; choose the label column with --label-column"
    ),
    (
      .missingColumn(
        file: "d.csv", line: 1, column: "text", role: .text, available: ["body", "stance"]),
      "d.csv:1: no column 'text' in the header; the columns are 'body', 'stance'; choose the "
        + "text column with --text-column"
    ),
    (
      .emptyLabel(file: "d.csv", line: 9),
      "d.csv:9: the label is empty; every training example needs a label"
    ),
    (
      .noLabelsInLines(file: "d.txt"),
      "d.txt: plain lines hold texts only, no labels; training and evaluation need a CSV, TSV "
        + "or JSONL file with a label column"
    ),
    (
      .invalidJSON(file: "d.jsonl", line: 5, column: 14, expected: "a key in double quotes"),
      "d.jsonl:5: not valid JSON at column 14: expected a key in double quotes"
    ),
    (
      .notAnObject(file: "d.jsonl", line: 2, found: .array),
      "d.jsonl:2: expected a JSON object ({\"text\": ...}), found an array"
    ),
    (
      .missingKey(file: "d.jsonl", line: 3, key: "text", role: .text, available: ["Text", "id"]),
      "d.jsonl:3: no key 'text' in this object; did you mean 'Text'? The keys are 'Text', "
        + "'id'; choose the text key with --text-column"
    ),
    (
      .missingKey(file: "d.jsonl", line: 3, key: "text", role: .text, available: []),
      "d.jsonl:3: no key 'text' in this object; the object is empty; choose the text key with "
        + "--text-column"
    ),
    (
      .notAString(file: "d.jsonl", line: 8, key: "label", found: .number, value: "1"),
      "d.jsonl:8: the value of 'label' is a number (1); expected a string in double quotes"
    ),
    (
      .notAString(
        file: "d.jsonl", line: 8, key: "text", found: .array,
        value: "[\"" + String(repeating: "a", count: 50) + "\"]"),
      "d.jsonl:8: the value of 'text' is an array ([\"" + String(repeating: "a", count: 35)
        + "...); expected a string in double quotes"
    ),
    (
      .duplicateKey(file: "d.jsonl", line: 1, key: "text"),
      "d.jsonl:1: the key 'text' appears more than once in this object; keep one"
    ),
  ]

  @Test(arguments: messages)
  func messagesAreExact(error: DataError, message: String) {
    #expect(error.description == message)
  }

  /// A misspelt name, the header, and the suggestion the message must make (or none).
  @Test(
    arguments: [
      ("lable", ["text", "label"], "label"), ("Text", ["id", "text"], "text"),
      ("txt", ["id", "text", "tag"], "text"), ("labels", ["text", "label"], "label"),
      ("speach", ["speech", "text"], "speech"), ("text", ["body", "stance"], nil),
      ("label", ["tweet", "sentiment"], nil), ("x", [], nil),
    ] as [(String, [String], String?)])
  func closestColumnIsSuggested(column: String, available: [String], suggestion: String?) {
    let message = DataError.missingColumn(
      file: "f", line: 1, column: column, role: .text, available: available
    ).description
    if let suggestion {
      #expect(message.contains("; did you mean '\(suggestion)'? The columns are"))
    } else {
      #expect(!message.contains("did you mean"))
    }
  }

  @Test func categoriesChooseTheExitStatus() {
    #expect(DataError.missingFile(file: "f").category == .inputUnavailable)
    #expect(DataError.isDirectory(file: "f").category == .inputUnavailable)
    #expect(DataError.unreadable(file: "f", reason: "r").category == .inputUnavailable)
    #expect(DataError.readFailed(file: "f", reason: "r").category == .readFailure)
    #expect(DataError.unknownFormat(file: "f").category == .usage)
    #expect(DataError.noLabelsInLines(file: "f").category == .usage)
    #expect(DataError.emptyFile(file: "f", format: .csv).category == .malformedData)
    #expect(
      DataError.fieldCount(file: "f", line: 2, expected: 2, found: 1).category
        == .malformedData)
  }
}
