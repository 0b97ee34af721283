import Foundation

/// Reads CSV (RFC 4180) and TSV files record by record, streaming from disk.
///
/// Accepted: fields quoted with `"` that hold delimiters, doubled quotes (`""` for one
/// `"`) and line breaks; CRLF, LF or lone CR line ends; a UTF-8 byte-order mark at the
/// start; blank lines (skipped). A quote inside a field that did not start with one is
/// taken literally, as most spreadsheet exports expect. Every error names the file and
/// the line on which the offending record starts.
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

  /// The path shown in error messages.
  public let path: String
  /// The byte separating fields: `,` for CSV, a tab for TSV.
  public let delimiter: UInt8

  private let handle: FileHandle
  private let chunkSize: Int
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEndOfFile = false
  private var line = 1
  private var startedFile = false

  /// Opens `path` for reading.
  ///
  /// - Parameters:
  ///   - path: The file to read.
  ///   - delimiter: `UInt8(ascii: ",")` for CSV or `UInt8(ascii: "\t")` for TSV.
  ///   - chunkSize: How many bytes to read at a time.
  /// - Throws: `DataError.unreadable` when the file cannot be opened.
  public init(path: String, delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = 1 << 20)
    throws(DataError)
  {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      let reason =
        FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
      throw .unreadable(file: path, reason: reason)
    }
    self.path = path
    self.delimiter = delimiter
    self.handle = handle
    self.chunkSize = max(chunkSize, 4)
  }

  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// Reads the next record.
  ///
  /// - Returns: The record, or `nil` at the end of the file.
  /// - Throws: `DataError` for an unterminated quote, text after a closing quote, bytes
  ///   that are not UTF-8, or a read failure.
  public mutating func next() throws(DataError) -> Record? {
    while true {
      guard let record = try nextRawRecord() else { return nil }
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

  private mutating func nextRawRecord() throws(DataError) -> Record? {
    var fields: [String] = []
    var field: [UInt8] = []
    var state = State.fieldStart
    let startLine = line
    var sawAnything = false

    func finishField() throws(DataError) {
      guard let text = String(validating: field, as: UTF8.self) else {
        throw .invalidUTF8(file: path, line: startLine)
      }
      fields.append(text)
      field.removeAll(keepingCapacity: true)
    }

    while true {
      if position == buffer.count {
        try refill()
        if position == buffer.count {
          // End of file.
          switch state {
          case .quoted:
            throw .unterminatedQuote(file: path, line: startLine)
          case .fieldStart where !sawAnything:
            return nil
          default:
            try finishField()
            return Record(line: startLine, fields: fields)
          }
        }
      }
      let byte = buffer[position]
      position += 1
      sawAnything = true
      switch state {
      case .fieldStart, .unquoted:
        if byte == delimiter {
          try finishField()
          state = .fieldStart
        } else if byte == Self.lineFeed || byte == Self.carriageReturn {
          try consumeLineEnd(byte)
          try finishField()
          return Record(line: startLine, fields: fields)
        } else if byte == Self.quote && state == .fieldStart {
          state = .quoted
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
            if try peek() != Self.lineFeed { line += 1 }
          }
          field.append(byte)
        }
      case .quoteInQuoted:
        if byte == Self.quote {
          field.append(byte)
          state = .quoted
        } else if byte == delimiter {
          try finishField()
          state = .fieldStart
        } else if byte == Self.lineFeed || byte == Self.carriageReturn {
          try consumeLineEnd(byte)
          try finishField()
          return Record(line: startLine, fields: fields)
        } else {
          throw .textAfterClosingQuote(file: path, line: startLine)
        }
      }
    }
  }

  /// Counts a line end; a CR followed by LF is one line end.
  private mutating func consumeLineEnd(_ byte: UInt8) throws(DataError) {
    if byte == Self.carriageReturn, try peek() == Self.lineFeed { position += 1 }
    line += 1
  }

  private mutating func peek() throws(DataError) -> UInt8? {
    if position == buffer.count { try refill() }
    return position < buffer.count ? buffer[position] : nil
  }

  private mutating func refill() throws(DataError) {
    guard !atEndOfFile else { return }
    let data: Data?
    do {
      data = try handle.read(upToCount: chunkSize)
    } catch {
      throw .unreadable(file: path, reason: error.localizedDescription)
    }
    guard let data, !data.isEmpty else {
      atEndOfFile = true
      buffer.removeAll()
      position = 0
      return
    }
    buffer = [UInt8](data)
    position = 0
    if !startedFile {
      startedFile = true
      if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }
  }
}
