import Foundation

/// Where texts to classify come from: `--text` values or a streaming reader.
public enum PredictionSource {
  /// Texts given directly (`--text`), each as a record with no other fields.
  case texts([DataRecord])
  /// Records read one by one from a file or standard input.
  case reader(DatasetReader)

  /// Opens the inputs of a prediction: the given texts, or else every file (`-` is
  /// standard input; no file at all reads standard input too).
  ///
  /// Every file is opened here, before any output exists, so a missing or unreadable file
  /// leaves nothing behind.
  ///
  /// - Parameters:
  ///   - texts: Texts given directly; when not empty, `files` is ignored.
  ///   - files: Files of texts.
  ///   - format: The input format; by default each file's extension decides (one text per
  ///     line when it names no format, and for standard input).
  ///   - textColumn: The column (or JSONL key) holding the text.
  ///   - invalidUTF8: What to do with bytes that are not UTF-8.
  /// - Returns: One source per input, in order.
  /// - Throws: `DataError` for a file that cannot be opened or whose header is wrong.
  public static func open(
    texts: [String], files: [String], format: DataFormat?, textColumn: String,
    invalidUTF8: InvalidUTF8Policy
  ) throws -> [PredictionSource] {
    if !texts.isEmpty {
      return [.texts(texts.map { DataRecord(text: $0, line: 0) })]
    }
    let columns = ColumnSelection(text: textColumn, label: nil, speaker: "speaker")
    return try (files.isEmpty ? ["-"] : files).map { file in
      if file == "-" {
        return .reader(
          try DatasetReader(
            fileHandle: .standardInput, name: "<stdin>", format: format ?? .lines,
            columns: columns, invalidUTF8: invalidUTF8))
      }
      return .reader(
        try DatasetReader(
          path: file, format: format ?? DataFormat.forPrediction(path: file),
          columns: columns, invalidUTF8: invalidUTF8))
    }
  }

  /// The count of records repaired or skipped for invalid UTF-8, for a reader.
  public var invalidUTF8Summary: InvalidUTF8Summary? {
    guard case .reader(let reader) = self else { return nil }
    return reader.invalidUTF8Summary
  }

  /// Up to `size` more records; empty at the end.
  ///
  /// - Parameter size: The most records to return.
  /// - Returns: The records, in input order.
  /// - Throws: `DataError` when a record cannot be read.
  public mutating func nextBatch(size: Int) throws -> [DataRecord] {
    switch self {
    case .texts(let records):
      self = .texts([])
      return records
    case .reader(var reader):
      var batch: [DataRecord] = []
      while batch.count < size, let record = try reader.next() { batch.append(record) }
      self = .reader(reader)
      return batch
    }
  }
}
