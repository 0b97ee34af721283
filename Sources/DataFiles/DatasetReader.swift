import Foundation

/// Streams the records of a CSV, TSV, JSONL or plain-lines input, one ``DataRecord`` at a
/// time.
///
/// Training collects every record (``Dataset/read(path:format:textColumn:labelColumn:speakerColumn:)``);
/// prediction streams them, so memory grows with the longest record, not with the file.
/// Creating a reader already reads the header (CSV, TSV) and the first record, so a missing
/// column, an empty file or a header without records is reported before any output is
/// produced.
///
/// ```swift
/// var reader = try DatasetReader(path: "new.csv", format: .csv, columns: .prediction)
/// while let record = try reader.next() { print(record.line, record.text, record.otherFields) }
/// ```
///
/// What each format gives:
/// - CSV, TSV: the text, label and speaker columns by header name; every other column in
///   header order as ``DataRecord/otherFields``. An empty speaker field gives no speaker.
/// - JSONL: the same, by key; a speaker that is `null` or `""` gives no speaker; other
///   values are passed through as strings or JSON text.
/// - lines: each non-blank line is a text; there are no labels, speakers or other fields.
///
/// A record holding invalid UTF-8 stops the reading by default; see ``InvalidUTF8Policy``
/// for repairing or dropping it instead, and ``invalidUTF8Summary`` for the count.
public struct DatasetReader {
  /// The path (or name) shown in error messages.
  public let path: String
  /// The layout being read.
  public let format: DataFormat
  /// The columns being read.
  public let columns: ColumnSelection
  /// The header's column names in file order (CSV, TSV); `nil` for JSONL and lines.
  public let header: [String]?
  /// What a record holding invalid UTF-8 does to the reading.
  public let invalidUTF8: InvalidUTF8Policy

  private var delimited: DelimitedTextReader?
  private var jsonLines: JSONLinesReader?
  private var plainLines: LineSplitter?
  /// Lines of `lines` input that held invalid UTF-8.
  private var invalidLineCount = 0
  private var layout = Layout(textIndex: 0, labelIndex: nil, speakerIndex: nil, otherIndices: [])
  private var pending: DataRecord?

  /// Where the selected columns sit in a CSV or TSV header.
  private struct Layout {
    var textIndex: Int
    var labelIndex: Int?
    var speakerIndex: Int?
    var otherIndices: [Int]
  }

  /// Opens `path` and reads its header and first record.
  ///
  /// - Parameters:
  ///   - path: The file to read.
  ///   - format: The layout, from ``DataFormat/forTraining(path:)``,
  ///     ``DataFormat/forPrediction(path:)`` or named by the user.
  ///   - columns: The columns to read; ``ColumnSelection/training`` or
  ///     ``ColumnSelection/prediction`` for the defaults.
  ///   - chunkSize: How many bytes to read at a time (at least 4).
  ///   - invalidUTF8: What a record holding invalid UTF-8 does; `fail` by default.
  /// - Throws: `DataError`: the file is missing, a directory or unreadable; it is empty or
  ///   has a header but no records; a text or label column is missing (with the closest
  ///   column name suggested); labels were asked of `lines` input; the header is not UTF-8
  ///   under `skip`; or the first record is malformed.
  public init(
    path: String, format: DataFormat, columns: ColumnSelection, chunkSize: Int = 1 << 20,
    invalidUTF8: InvalidUTF8Policy = .default
  ) throws(DataError) {
    let file = try InputFile.openForReading(path: path)
    try self.init(
      file: file, path: path, format: format, columns: columns, chunkSize: chunkSize,
      invalidUTF8: invalidUTF8)
  }

  /// Reads a file that is already open, naming it `path`.
  init(
    file: InputFile, path: String, format: DataFormat, columns: ColumnSelection,
    chunkSize: Int = 1 << 20, invalidUTF8: InvalidUTF8Policy
  ) throws(DataError) {
    try self.init(
      source: ByteSource(name: path, file: file, chunkSize: chunkSize), format: format,
      columns: columns, invalidUTF8: invalidUTF8)
  }

  /// Reads from an open file handle, such as standard input, and reads its header and
  /// first record.
  ///
  /// - Parameters:
  ///   - fileHandle: The handle to read; it is not closed by the reader.
  ///   - name: The name shown in error messages, such as `<stdin>`.
  ///   - format: The layout.
  ///   - columns: The columns to read.
  ///   - chunkSize: How many bytes to read at a time (at least 4).
  ///   - invalidUTF8: What a record holding invalid UTF-8 does; `fail` by default.
  /// - Throws: `DataError`, as ``init(path:format:columns:chunkSize:invalidUTF8:)`` does
  ///   once the file is open.
  public init(
    fileHandle: FileHandle, name: String, format: DataFormat, columns: ColumnSelection,
    chunkSize: Int = 1 << 20, invalidUTF8: InvalidUTF8Policy = .default
  ) throws(DataError) {
    let file = InputFile(
      descriptor: fileHandle.fileDescriptor, ownsDescriptor: false, handle: fileHandle)
    try self.init(
      source: ByteSource(name: name, file: file, chunkSize: chunkSize), format: format,
      columns: columns, invalidUTF8: invalidUTF8)
  }

  private init(
    source: ByteSource, format: DataFormat, columns: ColumnSelection,
    invalidUTF8: InvalidUTF8Policy
  ) throws(DataError) {
    self.path = source.name
    self.format = format
    self.columns = columns
    self.invalidUTF8 = invalidUTF8
    switch format {
    case .csv, .tsv:
      var reader = DelimitedTextReader(
        source: source, delimiter: format == .tsv ? UInt8(ascii: "\t") : UInt8(ascii: ","),
        invalidUTF8: invalidUTF8)
      let names = try Self.readHeader(of: &reader, format: format)
      header = names.fields
      layout = try Self.layout(
        of: names.fields, line: names.line, columns: columns, file: source.name)
      delimited = reader
    case .jsonl:
      header = nil
      jsonLines = JSONLinesReader(source: source, invalidUTF8: invalidUTF8)
    case .lines:
      header = nil
      if columns.label != nil { throw .noLabelsInLines(file: path) }
      plainLines = LineSplitter(source: source, invalidUTF8: invalidUTF8)
    }
    guard let first = try readRecord() else {
      if invalidUTF8 == .skip && invalidUTF8Count > 0 {
        throw .everyRecordSkipped(file: path, count: invalidUTF8Count)
      }
      switch format {
      case .csv, .tsv:
        throw .noRecords(file: path, format: format)
      case .jsonl:
        throw jsonLines?.sawContent == true
          ? .noRecords(file: path, format: format) : .emptyFile(file: path, format: format)
      case .lines:
        throw plainLines?.source.sawContent == true
          ? .noRecords(file: path, format: format) : .emptyFile(file: path, format: format)
      }
    }
    pending = first
  }

  /// Reads the header row; under `skip` it is read as under `fail`, because dropping it
  /// would take the first record for the header.
  private static func readHeader(of reader: inout DelimitedTextReader, format: DataFormat)
    throws(DataError) -> DelimitedTextReader.Record
  {
    let policy = reader.invalidUTF8
    reader.invalidUTF8 = policy == .skip ? .fail : policy
    defer { reader.invalidUTF8 = policy }
    let record: DelimitedTextReader.Record?
    do {
      record = try reader.next()
    } catch {
      guard policy == .skip, case .invalidUTF8(let file, let line, let offset, let byte) = error
      else { throw error }
      throw .invalidUTF8InHeader(file: file, line: line, byteOffset: offset, byte: byte)
    }
    guard let record else { throw .emptyFile(file: reader.path, format: format) }
    return record
  }

  private static func layout(
    of names: [String], line: Int, columns: ColumnSelection, file: String
  ) throws(DataError) -> Layout {
    guard let textIndex = names.firstIndex(of: columns.text) else {
      throw .missingColumn(
        file: file, line: line, column: columns.text, role: .text, available: names)
    }
    var labelIndex: Int?
    if let label = columns.label {
      guard let index = names.firstIndex(of: label) else {
        throw .missingColumn(
          file: file, line: line, column: label, role: .label, available: names)
      }
      labelIndex = index
    }
    let speakerIndex = columns.speaker.flatMap { names.firstIndex(of: $0) }
    let used: Set<Int?> = [textIndex, labelIndex, speakerIndex]
    let otherIndices = names.indices.filter { !used.contains($0) }
    return Layout(
      textIndex: textIndex, labelIndex: labelIndex, speakerIndex: speakerIndex,
      otherIndices: otherIndices)
  }

  /// How many records so far held invalid UTF-8 and were repaired or dropped.
  ///
  /// Always 0 under `fail`. For CSV and TSV a repaired header counts too.
  public var invalidUTF8Count: Int {
    (delimited?.invalidUTF8Count ?? 0) + (jsonLines?.invalidUTF8Count ?? 0) + invalidLineCount
  }

  /// The count of records repaired or dropped so far, with the file and the policy, for a
  /// message such as `data.csv: skipped 3 records with invalid UTF-8`.
  public var invalidUTF8Summary: InvalidUTF8Summary {
    InvalidUTF8Summary(file: path, policy: invalidUTF8, count: invalidUTF8Count)
  }

  /// Reads the next record.
  ///
  /// Under `replace` a record holding invalid UTF-8 comes with U+FFFD in place of each
  /// ill-formed sequence; under `skip` it is passed over. Both count it in
  /// ``invalidUTF8Count``.
  ///
  /// - Returns: The record, or `nil` at the end of the input.
  /// - Throws: `DataError` naming the file and line: a ragged CSV/TSV row, an unterminated
  ///   quote, invalid UTF-8 (with its byte offset), a JSONL line that is not valid JSON, not
  ///   an object, lacks the text or label key, or whose text, label or speaker is not a
  ///   string, or a read failure. Invalid UTF-8 is an error only under `fail`.
  /// - Complexity: O(record length).
  public mutating func next() throws(DataError) -> DataRecord? {
    if let record = pending {
      pending = nil
      return record
    }
    return try readRecord()
  }

  private mutating func readRecord() throws(DataError) -> DataRecord? {
    switch format {
    case .csv, .tsv:
      guard let record = try delimited?.next() else { return nil }
      return try makeRecord(record)
    case .jsonl:
      guard let record = try jsonLines?.next() else { return nil }
      return try makeRecord(record)
    case .lines:
      return try nextLine()
    }
  }

  private func makeRecord(_ record: DelimitedTextReader.Record) throws(DataError) -> DataRecord {
    let fields = record.fields
    let names = header ?? []
    guard fields.count == names.count else {
      throw .fieldCount(
        file: path, line: record.line, expected: names.count, found: fields.count)
    }
    let speaker = layout.speakerIndex.map { fields[$0] }
    return DataRecord(
      text: fields[layout.textIndex], label: layout.labelIndex.map { fields[$0] },
      speaker: speaker?.isEmpty == false ? speaker : nil, line: record.line,
      otherFields: layout.otherIndices.map { DataField(name: names[$0], value: fields[$0]) })
  }

  private func makeRecord(_ record: JSONLinesReader.Record) throws(DataError) -> DataRecord {
    try Self.dataRecord(from: record, columns: columns, path: path)
  }

  /// The text, label, speaker and other fields of one JSONL object.
  ///
  /// - Parameters:
  ///   - record: The object.
  ///   - columns: The keys of the text, the label and the speaker.
  ///   - path: The input's name, for messages.
  /// - Returns: The record.
  /// - Throws: `DataError.missingKey` or `.notAString` for a text or label that is missing or
  ///   not a string, or a speaker that is neither a string nor null.
  static func dataRecord(
    from record: JSONLinesReader.Record, columns: ColumnSelection, path: String
  ) throws(DataError) -> DataRecord {
    let keys = record.members.map(\.key)
    func string(_ key: String, role: ColumnRole) throws(DataError) -> String {
      guard let member = record[key] else {
        throw .missingKey(file: path, line: record.line, key: key, role: role, available: keys)
      }
      guard member.kind == .string else {
        throw .notAString(
          file: path, line: record.line, key: key, found: member.kind, value: member.value)
      }
      return member.value
    }
    let text = try string(columns.text, role: .text)
    var label: String?
    if let labelKey = columns.label { label = try string(labelKey, role: .label) }
    var speaker: String?
    if let speakerKey = columns.speaker, let member = record[speakerKey] {
      switch member.kind {
      case .string: speaker = member.value.isEmpty ? nil : member.value
      case .null: speaker = nil
      default:
        throw .notAString(
          file: path, line: record.line, key: speakerKey, found: member.kind,
          value: member.value)
      }
    }
    let used = [columns.text, columns.label, columns.speaker]
    let others = record.members.filter { !used.contains($0.key) }.map {
      DataField(name: $0.key, value: $0.value, isJSON: $0.kind != .string)
    }
    return DataRecord(
      text: text, label: label, speaker: speaker, line: record.line, otherFields: others)
  }

  private mutating func nextLine() throws(DataError) -> DataRecord? {
    while let line = try plainLines?.next() {
      guard let bytes = plainLines?.bytes else { return nil }
      if plainLines?.lineIsInvalid == true {
        invalidLineCount += 1
        if invalidUTF8 == .skip { continue }
        return DataRecord(text: String(decoding: bytes, as: UTF8.self), line: line)
      }
      let blank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
      if blank { continue }
      return DataRecord(text: String(decoding: bytes, as: UTF8.self), line: line)
    }
    return nil
  }
}
