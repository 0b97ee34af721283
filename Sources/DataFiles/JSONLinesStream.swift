import Foundation

/// A JSON Lines line whose record could not be used: the line, what could be read of it and
/// why it failed.
public struct RecordFailure: Equatable, Sendable {
  /// What is wrong with a line.
  public enum Problem: Equatable, Sendable {
    /// The line holds only spaces, tabs or a CR.
    case blankLine
    /// The line is not a usable record (bad JSON, not an object, a duplicate key, no text
    /// or a text that is not a string, invalid UTF-8), as a reader would have thrown it.
    case malformed(DataError)
  }

  /// The input's name (`<stdin>` for standard input).
  public var source: String
  /// The (1-based) line of the input.
  public var line: Int
  /// The object's members other than the text, in the order written, when the line is a
  /// JSON object (so an `id` can still be given back); empty otherwise.
  public var fields: [DataField]
  /// What is wrong.
  public var problem: Problem

  /// Creates a failure.
  ///
  /// - Parameters:
  ///   - source: The input's name.
  ///   - line: The line.
  ///   - fields: What could be read of the object.
  ///   - problem: What is wrong.
  public init(source: String, line: Int, fields: [DataField], problem: Problem) {
    self.source = source
    self.line = line
    self.fields = fields
    self.problem = problem
  }

  /// A short, stable name for the kind of failure, for programs that count or filter them:
  /// `blank_line`, `invalid_json`, `not_an_object`, `duplicate_key`, `missing_text`,
  /// `text_not_a_string`, `invalid_utf8` (or `malformed_record` for anything else).
  public var code: String {
    guard case .malformed(let error) = problem else { return "blank_line" }
    switch error {
    case .invalidJSON: return "invalid_json"
    case .notAnObject: return "not_an_object"
    case .duplicateKey: return "duplicate_key"
    case .missingKey: return "missing_text"
    case .notAString: return "text_not_a_string"
    case .invalidUTF8: return "invalid_utf8"
    default: return "malformed_record"
    }
  }

  /// The message, naming the input and the line: `<stdin>:3: not valid JSON at column 9: …`.
  public var message: String {
    switch problem {
    case .blankLine:
      return "\(source):\(line): the line is blank; expected one JSON object per line "
        + "(every line gets an answer, so leave blank lines out)"
    case .malformed(let error):
      return error.description
    }
  }
}

/// One line of a ``JSONLinesStream``: a record, or why the line holds none.
public enum StreamedRecord: Equatable, Sendable {
  /// A well-formed record.
  case record(DataRecord)
  /// A malformed line.
  case failure(RecordFailure)

  /// The line of the input it came from.
  public var line: Int {
    switch self {
    case .record(let record): return record.line
    case .failure(let failure): return failure.line
    }
  }
}

/// Reads JSON Lines for engines that pipe records through a program (Spark's `RDD.pipe`,
/// `xargs`, a shell loop): one ``StreamedRecord`` for every line, in order, blank lines
/// included, so the answers can be matched to the lines by position.
///
/// Unlike ``JSONLinesReader``, a malformed line does not stop the reading: bad JSON, a
/// value that is not an object, a duplicate key, a missing or non-string text and (under
/// ``InvalidUTF8Policy/fail``) invalid UTF-8 come back as a ``RecordFailure`` and the next
/// line is read as usual. Under `replace` invalid UTF-8 is repaired as ``JSONLinesReader``
/// does and counted in ``invalidUTF8Count``; `skip` cannot drop a line here (every line is
/// answered), so it is treated as `fail`. Only a failure to read the input itself throws.
///
/// Memory is bounded by the longest line; ``hasBufferedLine`` tells a caller that batches
/// lines whether the next one can be had without waiting, so it can answer what it holds
/// before blocking on a pipe.
public struct JSONLinesStream {
  /// The input's name, as shown in messages (`<stdin>` for standard input).
  public let name: String
  /// The keys of the text and (optionally) the speaker; a label is never read.
  public let columns: ColumnSelection
  /// What a line holding invalid UTF-8 does.
  public let invalidUTF8: InvalidUTF8Policy
  /// How many lines held invalid UTF-8 and were repaired (under `replace`).
  public private(set) var invalidUTF8Count = 0
  private var lines: LineSplitter

  /// Reads from an open file handle, such as standard input.
  ///
  /// - Parameters:
  ///   - fileHandle: The handle to read; it is not closed by the stream.
  ///   - name: The name shown in messages, such as `<stdin>`.
  ///   - columns: The keys of the text and the speaker; the label key is ignored.
  ///   - chunkSize: The most bytes to read at a time (at least 4); a pipe gives what it has.
  ///   - invalidUTF8: What a line holding invalid UTF-8 does.
  public init(
    fileHandle: FileHandle, name: String, columns: ColumnSelection, chunkSize: Int = 1 << 16,
    invalidUTF8: InvalidUTF8Policy = .default
  ) {
    let file = InputFile(
      descriptor: fileHandle.fileDescriptor, ownsDescriptor: false, handle: fileHandle)
    self.init(
      source: ByteSource(name: name, file: file, chunkSize: chunkSize), columns: columns,
      invalidUTF8: invalidUTF8)
  }

  /// Opens `path` for reading.
  ///
  /// - Parameters:
  ///   - path: The file to read.
  ///   - columns: The keys of the text and the speaker; the label key is ignored.
  ///   - chunkSize: How many bytes to read at a time (at least 4).
  ///   - invalidUTF8: What a line holding invalid UTF-8 does.
  /// - Throws: `DataError.missingFile`, `.isDirectory` or `.unreadable`.
  public init(
    path: String, columns: ColumnSelection, chunkSize: Int = 1 << 20,
    invalidUTF8: InvalidUTF8Policy = .default
  ) throws(DataError) {
    let file = try InputFile.openForReading(path: path)
    self.init(
      source: ByteSource(name: path, file: file, chunkSize: chunkSize), columns: columns,
      invalidUTF8: invalidUTF8)
  }

  private init(source: ByteSource, columns: ColumnSelection, invalidUTF8: InvalidUTF8Policy) {
    name = source.name
    var columns = columns
    columns.label = nil
    self.columns = columns
    self.invalidUTF8 = invalidUTF8
    // The splitter always hands a line over, ill-formed bytes and all; the policy is
    // applied here, per line, so a bad line never stops the stream.
    lines = LineSplitter(source: source, invalidUTF8: .replace)
  }

  /// Opens every input before any is read, so a missing file stops the run before any
  /// output; `-` (or no path at all) is standard input, named `<stdin>`.
  ///
  /// - Parameters:
  ///   - paths: The inputs, in order.
  ///   - columns: The keys of the text and the speaker; the label key is ignored.
  ///   - invalidUTF8: What a line holding invalid UTF-8 does.
  /// - Returns: One stream per input.
  /// - Throws: `DataError.missingFile`, `.isDirectory` or `.unreadable`.
  public static func open(
    paths: [String], columns: ColumnSelection, invalidUTF8: InvalidUTF8Policy
  ) throws(DataError) -> [JSONLinesStream] {
    var streams: [JSONLinesStream] = []
    for path in paths.isEmpty ? ["-"] : paths {
      if path == "-" {
        streams.append(
          JSONLinesStream(
            fileHandle: .standardInput, name: "<stdin>", columns: columns,
            invalidUTF8: invalidUTF8))
      } else {
        streams.append(try JSONLinesStream(path: path, columns: columns, invalidUTF8: invalidUTF8))
      }
    }
    return streams
  }

  /// How many lines were repaired, for the message printed after the run.
  public var invalidUTF8Summary: InvalidUTF8Summary {
    InvalidUTF8Summary(file: name, policy: invalidUTF8, count: invalidUTF8Count)
  }

  /// Whether the next line is already in memory, so ``next()`` returns without reading.
  public var hasBufferedLine: Bool { lines.hasBufferedLine }

  /// The next line's record or failure, or `nil` at the end of the input.
  ///
  /// - Returns: The outcome for the next line.
  /// - Throws: `DataError.readFailed` when the input cannot be read.
  /// - Complexity: O(line length).
  public mutating func next() throws(DataError) -> StreamedRecord? {
    guard let line = try lines.next() else { return nil }
    if lines.lineIsInvalid {
      if invalidUTF8 == .replace {
        invalidUTF8Count += 1
      } else {
        return .failure(invalidUTF8Failure(line: line))
      }
    }
    switch JSONLinesReader.parse(lines.bytes, line: line, path: name) {
    case .blank:
      return .failure(RecordFailure(source: name, line: line, fields: [], problem: .blankLine))
    case .failure(let error, let members):
      return .failure(failure(line, fields(of: members), error))
    case .record(let record):
      do {
        return .record(
          try DatasetReader.dataRecord(from: record, columns: columns, path: name))
      } catch {
        return .failure(failure(line, fields(of: record.members), error))
      }
    }
  }

  /// The members other than the text, as fields.
  private func fields(of members: [JSONLinesReader.Member]) -> [DataField] {
    members.filter { $0.key != columns.text }.map {
      DataField(name: $0.key, value: $0.value, isJSON: $0.kind != .string)
    }
  }

  /// The failure of a line holding invalid UTF-8, naming the first ill-formed byte.
  private func invalidUTF8Failure(line: Int) -> RecordFailure {
    let bytes = lines.bytes
    var index = 0
    if case .invalid(let found) = UTF8Validation.scan(bytes, atEndOfInput: true) { index = found }
    let byte = index < bytes.count ? bytes[index] : 0
    let error = DataError.invalidUTF8(
      file: name, line: line, byteOffset: lines.lineStart + index, byte: byte)
    // The line's id is still worth giving back, read with the bad bytes replaced.
    var fields: [DataField] = []
    if case .record(let record) = JSONLinesReader.parse(bytes, line: line, path: name),
      let id = record["id"]
    {
      fields = [DataField(name: id.key, value: id.value, isJSON: id.kind != .string)]
    }
    return failure(line, fields, error)
  }

  private func failure(_ line: Int, _ fields: [DataField], _ error: DataError) -> RecordFailure {
    RecordFailure(source: name, line: line, fields: fields, problem: .malformed(error))
  }
}
