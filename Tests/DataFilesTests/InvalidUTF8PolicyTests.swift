import DataFiles
import Foundation
import StanceTestSupport
import Testing

/// `fail`, `replace` and `skip` in every reader: which records come out, what U+FFFD
/// replaces, what is counted, and that chunk boundaries change nothing.
@Suite struct InvalidUTF8PolicyTests {
  private static let chunkSizes = [4, 5, 7, 1 << 20]
  private static let replacement = "\u{FFFD}"

  /// `text,label`, then a Latin-1 "é" (line 2), a good row, a quoted field with a line
  /// break and a lone continuation byte (lines 4–5), and a three-byte sequence cut short
  /// by the end of the file (line 6).
  private static let csv: [UInt8] =
    Array("text,label\ncaf".utf8) + [0xE9] + Array(",a\nok,b\n\"x".utf8) + [0x80]
    + Array("\ny\",c\nz".utf8) + [0xE2, 0x82] + Array(",d".utf8)

  private func delimitedRecords(
    _ bytes: [UInt8], policy: InvalidUTF8Policy, chunkSize: Int = 1 << 20
  ) throws -> (records: [DelimitedTextReader.Record], count: Int) {
    let path = try DatasetTestFiles.make(bytes)
    defer { DatasetTestFiles.remove(path) }
    var reader = try DelimitedTextReader(path: path, chunkSize: chunkSize, invalidUTF8: policy)
    let records = try reader.readAll()
    return (records, reader.invalidUTF8Count)
  }

  @Test(arguments: chunkSizes)
  func csvReplaceKeepsEveryRecordWithReplacementCharacters(chunkSize: Int) throws {
    let (records, count) = try delimitedRecords(Self.csv, policy: .replace, chunkSize: chunkSize)
    let r = Self.replacement
    #expect(
      records.map(\.fields) == [
        ["text", "label"], ["caf\(r)", "a"], ["ok", "b"], ["x\(r)\ny", "c"], ["z\(r)", "d"],
      ])
    #expect(records.map(\.line) == [1, 2, 3, 4, 6])
    #expect(count == 3)
  }

  @Test(arguments: chunkSizes)
  func csvSkipDropsWholeRecordsAndGoesOn(chunkSize: Int) throws {
    let (records, count) = try delimitedRecords(Self.csv, policy: .skip, chunkSize: chunkSize)
    #expect(records.map(\.fields) == [["text", "label"], ["ok", "b"]])
    #expect(records.map(\.line) == [1, 3])
    #expect(count == 3)
  }

  @Test(arguments: chunkSizes)
  func csvFailStopsAtTheFirstInvalidByte(chunkSize: Int) throws {
    let path = try DatasetTestFiles.make(Self.csv)
    defer { DatasetTestFiles.remove(path) }
    var reader = try DelimitedTextReader(path: path, chunkSize: chunkSize)
    #expect(reader.invalidUTF8 == .fail)
    #expect(throws: DataError.invalidUTF8(file: path, line: 2, byteOffset: 14, byte: 0xE9)) {
      _ = try reader.readAll()
    }
  }

  /// Maximal subparts: `E0 80` is two ill-formed subparts (0x80 is not allowed after E0),
  /// a four-byte sequence cut after three bytes is one, and `C0` is never a lead byte.
  @Test func replacementFollowsMaximalSubparts() throws {
    let bytes: [UInt8] =
      Array("text\n".utf8) + [0xE0, 0x80] + Array("|".utf8) + [0xF0, 0x9F, 0x98]
      + Array("|".utf8) + [0xC0, 0xAF] + Array("\n".utf8)
    let (records, count) = try delimitedRecords(bytes, policy: .replace, chunkSize: 5)
    let r = Self.replacement
    #expect(records.map(\.fields) == [["text"], ["\(r)\(r)|\(r)|\(r)\(r)"]])
    #expect(records[1].fields[0] == String(decoding: bytes[5..<14], as: UTF8.self))
    #expect(count == 1)
  }

  @Test(arguments: chunkSizes)
  func tsvFollowsThePolicyThroughTheDatasetReader(chunkSize: Int) throws {
    let bytes = Array("text\tlabel\nbad".utf8) + [0xFF] + Array("\tx\ngood\ty\n".utf8)
    let path = try DatasetTestFiles.make(bytes, suffix: ".tsv")
    defer { DatasetTestFiles.remove(path) }
    for (policy, texts) in [
      (InvalidUTF8Policy.replace, ["bad\(Self.replacement)", "good"]), (.skip, ["good"]),
    ] {
      var reader = try DatasetReader(
        path: path, format: .tsv, columns: .training, chunkSize: chunkSize, invalidUTF8: policy)
      var read: [String] = []
      while let record = try reader.next() { read.append(record.text) }
      #expect(read == texts)
      #expect(reader.invalidUTF8Summary == InvalidUTF8Summary(file: path, policy: policy, count: 1))
    }
  }

  @Test(arguments: chunkSizes)
  func jsonLinesReplaceDecodesStringsAndSkipDropsLines(chunkSize: Int) throws {
    let bytes =
      Array(#"{"text": "a"}"#.utf8) + [0x0A] + Array(#"{"text": "b"#.utf8) + [0xFF]
      + Array(#"", "id": 2}"#.utf8) + [0x0A] + [0xFE] + Array(" not json\n".utf8)
      + Array(#"{"text": "c"}"#.utf8)
    let path = try DatasetTestFiles.make(bytes, suffix: ".jsonl")
    defer { DatasetTestFiles.remove(path) }
    var skipping = try JSONLinesReader(path: path, chunkSize: chunkSize, invalidUTF8: .skip)
    var texts: [String] = []
    while let record = try skipping.next() { texts.append(record["text"]?.value ?? "") }
    #expect(texts == ["a", "c"])
    #expect(skipping.invalidUTF8Count == 2)
    // Under replace the line that is not JSON stays an error, on its own line.
    var replacing = try JSONLinesReader(path: path, chunkSize: chunkSize, invalidUTF8: .replace)
    #expect(try replacing.next()?["text"]?.value == "a")
    #expect(try replacing.next()?["text"]?.value == "b\(Self.replacement)")
    #expect(throws: DataError.self) { _ = try replacing.next() }
    #expect(replacing.invalidUTF8Count == 2)
  }

  @Test(arguments: chunkSizes)
  func plainLinesReplaceOrSkipEachLine(chunkSize: Int) throws {
    let bytes = Array("one\n\n".utf8) + [0x74, 0x77, 0xE9, 0x0A] + Array("three\n".utf8) + [0xC3]
    let path = try DatasetTestFiles.make(bytes, suffix: ".txt")
    defer { DatasetTestFiles.remove(path) }
    let r = Self.replacement
    for (policy, texts, lines) in [
      (InvalidUTF8Policy.replace, ["one", "tw\(r)", "three", r], [1, 3, 4, 5]),
      (.skip, ["one", "three"], [1, 4]),
    ] {
      var reader = try DatasetReader(
        path: path, format: .lines, columns: .prediction, chunkSize: chunkSize,
        invalidUTF8: policy)
      var read: [DataRecord] = []
      while let record = try reader.next() { read.append(record) }
      #expect(read.map(\.text) == texts)
      #expect(read.map(\.line) == lines)
      #expect(reader.invalidUTF8Count == 2)
    }
  }

  @Test func aHeaderIsRepairedUnderReplaceAndRefusedUnderSkip() throws {
    let bytes = Array("text,lab".utf8) + [0xE9] + Array("l,label\na,x,b\n".utf8)
    let path = try DatasetTestFiles.make(bytes)
    defer { DatasetTestFiles.remove(path) }
    var reader = try DatasetReader(
      path: path, format: .csv, columns: .training, invalidUTF8: .replace)
    #expect(reader.header == ["text", "lab\(Self.replacement)l", "label"])
    #expect(try reader.next()?.label == "b")
    #expect(reader.invalidUTF8Count == 1)
    #expect(
      throws: DataError.invalidUTF8InHeader(file: path, line: 1, byteOffset: 8, byte: 0xE9)
    ) {
      _ = try DatasetReader(path: path, format: .csv, columns: .training, invalidUTF8: .skip)
    }
  }

  @Test func skippingEveryRecordIsAnErrorNotAnEmptyFile() throws {
    let path = try DatasetTestFiles.make([0xFF, 0x0A, 0x61, 0xFE, 0x0A], suffix: ".txt")
    defer { DatasetTestFiles.remove(path) }
    #expect(throws: DataError.everyRecordSkipped(file: path, count: 2)) {
      _ = try DatasetReader(
        path: path, format: .lines, columns: .prediction, invalidUTF8: .skip)
    }
  }

  @Test func datasetCarriesTheSummaryOfALenientRead() throws {
    let path = try DatasetTestFiles.make(Self.csv)
    defer { DatasetTestFiles.remove(path) }
    let skipped = try Dataset.read(path: path, invalidUTF8: .skip)
    #expect(skipped.texts == ["ok"])
    #expect(skipped.invalidUTF8 == InvalidUTF8Summary(file: path, policy: .skip, count: 3))
    let replaced = try Dataset.read(path: path, invalidUTF8: .replace)
    #expect(replaced.labels == ["a", "b", "c", "d"])
    #expect(replaced.invalidUTF8?.count == 3)
    let good = try DatasetTestFiles.make("text,label\na,b\n")
    defer { DatasetTestFiles.remove(good) }
    #expect(try Dataset.read(path: good).invalidUTF8 == nil)
    #expect(try Dataset.read(path: good, invalidUTF8: .skip).invalidUTF8?.count == 0)
  }

  @Test func summariesReadAsOneLine() {
    #expect(
      InvalidUTF8Summary(file: "d.csv", policy: .replace, count: 3).description
        == "d.csv: replaced invalid UTF-8 in 3 records")
    #expect(
      InvalidUTF8Summary(file: "d.csv", policy: .skip, count: 1).description
        == "d.csv: skipped 1 record with invalid UTF-8")
    #expect(
      InvalidUTF8Summary(file: "a.txt", policy: .skip, count: 2, unit: .article).description
        == "a.txt: skipped 2 articles with invalid UTF-8")
    #expect(
      InvalidUTF8Summary(file: "<stdin>", policy: .replace, count: 1, unit: .article)
        .description == "<stdin>: replaced invalid UTF-8 in 1 article")
  }
}

/// The policy for articles: whole text and HTML files, and JSONL batches.
@Suite struct ArticleInvalidUTF8Tests {
  private static let latin1: [UInt8] =
    Array("\u{201C}We will talk,\u{201D} the minister said.\nCaf".utf8) + [0xE9]
    + Array(
      " owners agreed.\n".utf8)

  @Test(arguments: [".txt", ".html"])
  func wholeArticlesFailReplaceOrSkip(suffix: String) throws {
    let bytes =
      suffix == ".html"
      ? Array("<p>".utf8) + Self.latin1 + Array("</p>".utf8) : Self.latin1
    let bad = try DatasetTestFiles.make(bytes, suffix: suffix)
    let good = try DatasetTestFiles.make("Talks resumed.\n", suffix: suffix)
    defer {
      DatasetTestFiles.remove(bad)
      DatasetTestFiles.remove(good)
    }
    let offset = bytes.firstIndex(of: 0xE9) ?? 0
    #expect(throws: DataError.invalidUTF8(file: bad, line: 2, byteOffset: offset, byte: 0xE9)) {
      _ = try ArticleReader.read(path: bad)
    }
    var replacing = try ArticleStream(paths: [bad, good], invalidUTF8: .replace)
    let first = try replacing.next()
    #expect(first?.text == String(decoding: bytes, as: UTF8.self))
    #expect(first?.text.contains("Caf\u{FFFD} owners") == true)
    #expect(try replacing.next()?.source == good)
    #expect(try replacing.next() == nil)
    #expect(
      replacing.invalidUTF8Summaries == [
        InvalidUTF8Summary(file: bad, policy: .replace, count: 1, unit: .article)
      ])
    var skipping = try ArticleStream(paths: [bad, good], invalidUTF8: .skip)
    #expect(try skipping.next()?.source == good)
    #expect(try skipping.next() == nil)
    #expect(skipping.invalidUTF8Summaries.map(\.count) == [1])
  }

  @Test func jsonlBatchesSkipOrRepairRecords() throws {
    let bytes =
      Array(#"{"id": "a1", "text": "Calm."}"#.utf8) + [0x0A]
      + Array(#"{"id": "a2", "text": "Caf"#.utf8) + [0xE9] + Array(#"."}"#.utf8) + [0x0A]
      + Array(#"{"id": "a3", "text": "Talks."}"#.utf8) + [0x0A]
    let path = try DatasetTestFiles.make(bytes, suffix: ".jsonl")
    defer { DatasetTestFiles.remove(path) }
    let skipped = try ArticleReader.read(path: path, invalidUTF8: .skip)
    #expect(skipped.map(\.source) == ["\(path)#a1", "\(path)#a3"])
    var replacing = try ArticleStream(paths: [path], invalidUTF8: .replace)
    var texts: [String] = []
    while let article = try replacing.next() { texts.append(article.text) }
    #expect(texts == ["Calm.", "Caf\u{FFFD}.", "Talks."])
    #expect(
      replacing.invalidUTF8Summaries == [
        InvalidUTF8Summary(file: path, policy: .replace, count: 1, unit: .article)
      ])
    let offset = bytes.firstIndex(of: 0xE9) ?? 0
    #expect(throws: DataError.invalidUTF8(file: path, line: 2, byteOffset: offset, byte: 0xE9)) {
      _ = try ArticleReader.read(path: path)
    }
  }
}
