import DataFiles
import Foundation
import Testing

/// Inputs with a few-MB line or record, read through the dataset readers with small chunks
/// so that every field crosses many chunk boundaries: the record comes back whole.
@Suite struct LargeInputRobustnessTests {
  /// A 3 MiB text of words with multi-byte characters, so chunk boundaries fall inside
  /// UTF-8 sequences.
  static let longText = String(repeating: "naïve Zürich 😀 word, ", count: (3 << 20) / 27)

  private static func readAll(_ bytes: [UInt8], suffix: String, format: DataFormat) throws
    -> [DataRecord]
  {
    let path = try DatasetTestFiles.make(bytes, suffix: suffix)
    defer { DatasetTestFiles.remove(path) }
    var reader = try DatasetReader(
      path: path, format: format, columns: .training, chunkSize: 4093)
    var records: [DataRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
  }

  @Test func fewMegabyteCSVFieldIsReadWhole() throws {
    let quoted = "\"" + Self.longText.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    let file = "text,label\n\(quoted),long\nshort,x\n"
    let records = try Self.readAll(Array(file.utf8), suffix: ".csv", format: .csv)
    #expect(records.map(\.text) == [Self.longText, "short"])
    #expect(records.map(\.line) == [2, 3])
  }

  @Test func fewMegabyteJSONLineIsReadWhole() throws {
    let encoded = try JSONEncoder().encode(["text": Self.longText, "label": "long"])
    let file = Array(encoded) + Array("\n{\"text\":\"short\",\"label\":\"x\"}\n".utf8)
    let records = try Self.readAll(file, suffix: ".jsonl", format: .jsonl)
    #expect(records.map(\.text) == [Self.longText, "short"])
    #expect(records.map(\.line) == [1, 2])
  }

  @Test func fewMegabyteLineWithBadByteAtTheEndNamesItsOffset() throws {
    // The invalid byte sits 3 MiB into the file: the error still names line 2 and the
    // exact offset.
    let prefix = Array("text,label\n".utf8) + Array(Self.longText.utf8)
    let file = prefix + [0xFF] + Array(",x\n".utf8)
    do {
      _ = try Self.readAll(file, suffix: ".csv", format: .csv)
      Issue.record("expected invalid UTF-8 to be refused")
    } catch let error as DataError {
      guard case .invalidUTF8(_, let line, let offset, let byte) = error else {
        Issue.record("expected invalidUTF8, got \(error)")
        return
      }
      #expect(line == 2)
      #expect(offset == prefix.count)
      #expect(byte == 0xFF)
    }
  }
}
