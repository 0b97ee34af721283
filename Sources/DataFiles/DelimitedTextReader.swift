import Foundation

/// Reads CSV (RFC 4180) and TSV files record by record, streaming from disk.
///
/// Accepted: fields quoted with `"` that hold delimiters, doubled quotes (`""` for one
/// `"`) and line breaks; CRLF, LF or lone CR line ends; a UTF-8 byte-order mark at the
/// start; blank lines (skipped). A quote inside a field that did not start with one is
/// taken literally, as most spreadsheet exports expect. TSV is read with the same quoting
/// rules. Every error names the file and a line: the line on which the record starts, the
/// line on which an unclosed quoted field starts, or the line holding the first byte that
/// is not UTF-8 (with its byte offset in the file). What happens to a record holding invalid
/// UTF-8 is chosen with an ``InvalidUTF8Policy``: by default reading stops there; a
/// lenient policy repairs or drops the whole record and counts it in
/// ``invalidUTF8Count``.
///
/// Memory grows with the longest record, not with the file: bytes are read in chunks of
/// `chunkSize`.
///
/// ```swift
/// var reader = try DelimitedTextReader(path: "train.csv")
/// while let record = try reader.next() { print(record.line, record.fields) }
/// ```
public struct DelimitedTextReader {
  /// One record: its fields and the (1-based) line on which it starts.
  public struct Record: Equatable, Sendable {
    /// The line of the file on which the record starts.
    public let line: Int
    /// The field values, unquoted.
    public let fields: [String]
  }

  /// The path (or name) shown in error messages.
  public let path: String
  /// The byte separating fields: `,` for CSV, a tab for TSV.
  public let delimiter: UInt8

  /// What a record holding invalid UTF-8 does to the reading.
  public internal(set) var invalidUTF8: InvalidUTF8Policy
  /// How many records held invalid UTF-8 and were repaired (`replace`) or dropped (`skip`).
  public private(set) var invalidUTF8Count = 0

  private var source: ByteSource
  private var line = 1
  private var field: [UInt8] = []
  /// Whether the record being read holds an ill-formed sequence.
  private var recordIsInvalid = false

  /// Opens `path` for reading.
  ///
  /// - Parameters:
  ///   - path: The file to read.
  ///   - delimiter: `UInt8(ascii: ",")` for CSV or `UInt8(ascii: "\t")` for TSV.
  ///   - chunkSize: How many bytes to read at a time (at least 4).
  ///   - invalidUTF8: What a record holding invalid UTF-8 does; `fail` by default.
  /// - Throws: `DataError.missingFile`, `.isDirectory` or `.unreadable` when the file
  ///   cannot be opened.
  public init(
    path: String, delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = 1 << 20,
    invalidUTF8: InvalidUTF8Policy = .default
  ) throws(DataError) {
    let file = try InputFile.openForReading(path: path)
    self.init(
      source: ByteSource(name: path, file: file, chunkSize: chunkSize), delimiter: delimiter,
      invalidUTF8: invalidUTF8)
  }

  /// Reads from an open file handle, such as standard input.
  ///
  /// - Parameters:
  ///   - fileHandle: The handle to read; it is not closed by the reader.
  ///   - name: The name shown in error messages, such as `<stdin>`.
  ///   - delimiter: `UInt8(ascii: ",")` for CSV or `UInt8(ascii: "\t")` for TSV.
  ///   - chunkSize: How many bytes to read at a time (at least 4).
  ///   - invalidUTF8: What a record holding invalid UTF-8 does; `fail` by default.
  public init(
    fileHandle: FileHandle, name: String, delimiter: UInt8 = UInt8(ascii: ","),
    chunkSize: Int = 1 << 20, invalidUTF8: InvalidUTF8Policy = .default
  ) {
    let file = InputFile(
      descriptor: fileHandle.fileDescriptor, ownsDescriptor: false, handle: fileHandle)
    self.init(
      source: ByteSource(name: name, file: file, chunkSize: chunkSize), delimiter: delimiter,
      invalidUTF8: invalidUTF8)
  }

  init(source: ByteSource, delimiter: UInt8, invalidUTF8: InvalidUTF8Policy) {
    self.source = source
    self.path = source.name
    self.delimiter = delimiter
    self.invalidUTF8 = invalidUTF8
  }

  /// Whether the input held anything besides a byte-order mark, as far as it was read.
  var sawContent: Bool { source.sawContent }

  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// Reads the next record.
  ///
  /// A record holding invalid UTF-8 is returned with U+FFFD in place of each ill-formed
  /// sequence under `replace`, and passed over under `skip`; both count it.
  ///
  /// - Returns: The record, or `nil` at the end of the file.
  /// - Throws: `DataError` for an unterminated quote, text after a closing quote, bytes
  ///   that are not UTF-8 (under `fail`), or a read failure.
  /// - Complexity: O(record length).
  public mutating func next() throws(DataError) -> Record? {
    while true {
      recordIsInvalid = false
      guard let record = try nextRawRecord() else { return nil }
      if recordIsInvalid {
        invalidUTF8Count += 1
        if invalidUTF8 == .skip { continue }
        return record
      }
      // A blank line is one empty field; skip it.
      if record.fields.count == 1 && record.fields[0].isEmpty { continue }
      return record
    }
  }

  /// Reads every remaining record.
  ///
  /// - Returns: The records in file order.
  /// - Throws: The first `DataError` met.
  public mutating func readAll() throws(DataError) -> [Record] {
    var records: [Record] = []
    while let record = try next() { records.append(record) }
    return records
  }

  private enum State {
    case fieldStart
    case unquoted
    case quoted
    case quoteInQuoted
  }

  private mutating func finishField(into fields: inout [String]) {
    fields.append(String(decoding: field, as: UTF8.self))
    field.removeAll(keepingCapacity: true)
  }

  private mutating func nextRawRecord() throws(DataError) -> Record? {
    var fields: [String] = []
    ByteSource.empty(&field)
    var state = State.fieldStart
    let startLine = line
    var quoteLine = line
    var sawAnything = false

    while true {
      if source.position == source.end {
        let refilled = try refill(sawAnything: &sawAnything)
        if !refilled {
          switch state {
          case .quoted:
            throw .unterminatedQuote(file: path, line: quoteLine)
          case .fieldStart where !sawAnything:
            return nil
          default:
            finishField(into: &fields)
            return Record(line: startLine, fields: fields)
          }
        }
      }
      // Runs of ordinary bytes are copied in bulk.
      if state == .unquoted {
        source.appendRun(
          to: &field, stoppingAt: delimiter, Self.lineFeed, Self.carriageReturn)
        if source.position == source.end { continue }
      } else if state == .quoted {
        source.appendRun(
          to: &field, stoppingAt: Self.quote, Self.lineFeed, Self.carriageReturn)
        if source.position == source.end { continue }
      }
      let byte = source.buffer[source.position]
      source.position += 1
      sawAnything = true
      switch state {
      case .fieldStart, .unquoted:
        if byte == delimiter {
          finishField(into: &fields)
          state = .fieldStart
        } else if byte == Self.lineFeed || byte == Self.carriageReturn {
          try consumeLineEnd(byte)
          finishField(into: &fields)
          return Record(line: startLine, fields: fields)
        } else if byte == Self.quote && state == .fieldStart {
          state = .quoted
          quoteLine = line
        } else {
          field.append(byte)
          state = .unquoted
        }
      case .quoted:
        if byte == Self.quote {
          state = .quoteInQuoted
        } else {
          if byte == Self.lineFeed {
            line += 1
          } else if byte == Self.carriageReturn {
            if try source.peek() != Self.lineFeed { line += 1 }
          }
          field.append(byte)
        }
      case .quoteInQuoted:
        if byte == Self.quote {
          field.append(byte)
          state = .quoted
        } else if byte == delimiter {
          finishField(into: &fields)
          state = .fieldStart
        } else if byte == Self.lineFeed || byte == Self.carriageReturn {
          try consumeLineEnd(byte)
          finishField(into: &fields)
          return Record(line: startLine, fields: fields)
        } else {
          throw .textAfterClosingQuote(file: path, line: line)
        }
      }
    }
  }

  /// Refills the buffer in the middle of a record.
  ///
  /// An invalid UTF-8 byte fails the read under `--invalid-utf8 fail`; otherwise it is
  /// admitted and marks the record (`recordIsInvalid`).
  ///
  /// - Parameter sawAnything: Set when an invalid byte counts as content of the record.
  /// - Returns: `false` at the end of the input, `true` when there are bytes to read.
  /// - Throws: `DataError.invalidUTF8` under `--invalid-utf8 fail`, or a reading error.
  private mutating func refill(sawAnything: inout Bool) throws(DataError) -> Bool {
    switch try source.refill() {
    case .more:
      return true
    case .invalidUTF8(let offset, let byte):
      guard invalidUTF8 != .fail else {
        throw .invalidUTF8(file: path, line: line, byteOffset: offset, byte: byte)
      }
      source.admitInvalidByte()
      recordIsInvalid = true
      sawAnything = true
      return true
    case .end:
      return false
    }
  }

  /// Counts a line end; a CR followed by LF is one line end.
  private mutating func consumeLineEnd(_ byte: UInt8) throws(DataError) {
    if byte == Self.carriageReturn, try source.peek() == Self.lineFeed { source.position += 1 }
    line += 1
  }
}
