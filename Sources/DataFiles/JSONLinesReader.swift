import Foundation

/// The type of a JSON value, as named in error messages.
public enum JSONKind: String, Sendable, CaseIterable, CustomStringConvertible {
  /// A string in double quotes.
  case string
  /// A number.
  case number
  /// `true` or `false`.
  case boolean
  /// `null`.
  case null
  /// An array `[...]`.
  case array
  /// An object `{...}`.
  case object

  /// The kind with its article, as used in messages: "a number", "an array", "null".
  public var description: String {
    switch self {
    case .string: return "a string"
    case .number: return "a number"
    case .boolean: return "a boolean"
    case .null: return "null"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// Reads JSON Lines (JSONL, NDJSON) files object by object, streaming from disk.
///
/// Each non-blank line must hold one JSON object (RFC 8259); blank lines (only spaces,
/// tabs or a CR) are skipped, CRLF line ends and a UTF-8 byte-order mark at the start are
/// accepted. The members of each object are returned in the order they are written; a
/// string value is decoded (escapes, `\u` escapes and surrogate pairs), any other value is
/// kept as its JSON text. Every error names the file and the line, and for a syntax error
/// the column and what was expected there.
///
/// A line holding invalid UTF-8 stops the reading by default; under a lenient
/// ``InvalidUTF8Policy`` it is parsed with U+FFFD in place of each ill-formed sequence
/// (`replace`) or passed over unparsed (`skip`), and counted in ``invalidUTF8Count``.
///
/// Memory grows with the longest line, not with the file: bytes are read in chunks of
/// `chunkSize`.
///
/// ```swift
/// var reader = try JSONLinesReader(path: "train.jsonl")
/// while let record = try reader.next() { print(record.line, record["text"]?.value ?? "") }
/// ```
public struct JSONLinesReader {
  /// One member of an object: its key, the kind of its value, and the value.
  public struct Member: Equatable, Sendable {
    /// The key, decoded.
    public let key: String
    /// The kind of the value.
    public let kind: JSONKind
    /// The decoded string for a string value; the JSON text as written for any other kind.
    public let value: String

    /// Creates a member.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - kind: The kind of the value.
    ///   - value: The decoded string, or the JSON text for other kinds.
    public init(key: String, kind: JSONKind, value: String) {
      self.key = key
      self.kind = kind
      self.value = value
    }
  }

  /// One object: its members in the order written and the (1-based) line it is on.
  public struct Record: Equatable, Sendable {
    /// The line of the file holding the object.
    public let line: Int
    /// The members in the order written.
    public let members: [Member]

    /// The member with `key`, if any.
    ///
    /// - Parameter key: The key to look for.
    /// - Complexity: O(members).
    public subscript(key: String) -> Member? {
      members.first { $0.key == key }
    }
  }

  /// The path (or name) shown in error messages.
  public let path: String
  /// How many lines held invalid UTF-8 and were repaired (`replace`) or dropped (`skip`).
  public private(set) var invalidUTF8Count = 0
  private var lines: LineSplitter

  /// Opens `path` for reading.
  ///
  /// - Parameters:
  ///   - path: The file to read.
  ///   - chunkSize: How many bytes to read at a time (at least 4).
  ///   - invalidUTF8: What a line holding invalid UTF-8 does; `fail` by default.
  /// - Throws: `DataError.missingFile`, `.isDirectory` or `.unreadable` when the file
  ///   cannot be opened.
  public init(
    path: String, chunkSize: Int = 1 << 20, invalidUTF8: InvalidUTF8Policy = .default
  ) throws(DataError) {
    let file = try InputFile.openForReading(path: path)
    self.init(
      source: ByteSource(name: path, file: file, chunkSize: chunkSize), invalidUTF8: invalidUTF8)
  }

  /// Reads from an open file handle, such as standard input.
  ///
  /// - Parameters:
  ///   - fileHandle: The handle to read; it is not closed by the reader.
  ///   - name: The name shown in error messages, such as `<stdin>`.
  ///   - chunkSize: How many bytes to read at a time (at least 4).
  ///   - invalidUTF8: What a line holding invalid UTF-8 does; `fail` by default.
  public init(
    fileHandle: FileHandle, name: String, chunkSize: Int = 1 << 20,
    invalidUTF8: InvalidUTF8Policy = .default
  ) {
    let file = InputFile(
      descriptor: fileHandle.fileDescriptor, ownsDescriptor: false, handle: fileHandle)
    self.init(
      source: ByteSource(name: name, file: file, chunkSize: chunkSize), invalidUTF8: invalidUTF8)
  }

  init(source: ByteSource, invalidUTF8: InvalidUTF8Policy) {
    self.path = source.name
    self.lines = LineSplitter(source: source, invalidUTF8: invalidUTF8)
  }

  /// What a line holding invalid UTF-8 does to the reading.
  public var invalidUTF8: InvalidUTF8Policy { lines.invalidUTF8 }

  /// Whether the input held anything besides a byte-order mark, as far as it was read.
  var sawContent: Bool { lines.source.sawContent }

  /// Reads the next object.
  ///
  /// - Returns: The object, or `nil` at the end of the file.
  /// - Throws: `DataError.invalidJSON`, `.notAnObject` or `.duplicateKey` for a bad line,
  ///   `.invalidUTF8` (under `fail`) or `.readFailed`.
  /// - Complexity: O(line length).
  public mutating func next() throws(DataError) -> Record? {
    while let line = try lines.next() {
      if lines.lineIsInvalid {
        invalidUTF8Count += 1
        if lines.invalidUTF8 == .skip { continue }
      }
      switch Self.parse(lines.bytes, line: line, path: path) {
      case .blank: continue
      case .record(let record): return record
      case .failure(let error, _): throw error
      }
    }
    return nil
  }

  /// What one line holds.
  enum Line {
    /// Only spaces, tabs or a CR.
    case blank
    /// A well-formed object.
    case record(Record)
    /// Anything else; `members` are the object's members when the line is a syntactically
    /// valid object (which names a key twice), otherwise empty.
    case failure(DataError, members: [Member])
  }

  /// Parses one line (without its line end) as one JSON object.
  ///
  /// - Parameters:
  ///   - bytes: The line's bytes.
  ///   - line: Its line number, for messages.
  ///   - path: The input's name, for messages.
  /// - Returns: What the line holds.
  /// - Complexity: O(line length).
  static func parse(_ bytes: [UInt8], line: Int, path: String) -> Line {
    let parsed = bytes.withUnsafeBufferPointer { bytes in
      var parser = JSONObjectParser(bytes: bytes)
      return parser.parseLine()
    }
    switch parsed {
    case .blank:
      return .blank
    case .object(let members):
      var seen = Set<String>()
      for member in members where !seen.insert(member.key).inserted {
        return .failure(.duplicateKey(file: path, line: line, key: member.key), members: members)
      }
      return .record(Record(line: line, members: members))
    case .notAnObject(let kind):
      return .failure(.notAnObject(file: path, line: line, found: kind), members: [])
    case .syntaxError(let index, let expected):
      return .failure(
        .invalidJSON(
          file: path, line: line, column: column(ofByte: index, in: bytes), expected: expected),
        members: [])
    }
  }

  /// The 1-based character column of the byte at `index`.
  private static func column(ofByte index: Int, in bytes: [UInt8]) -> Int {
    var column = 1
    for byte in bytes.prefix(index) where byte & 0xC0 != 0x80 { column += 1 }
    return column
  }
}

/// A recursive-descent JSON parser for one line holding one object.
private struct JSONObjectParser {
  enum Outcome {
    case blank
    case object([JSONLinesReader.Member])
    case notAnObject(JSONKind)
    case syntaxError(index: Int, expected: String)
  }

  struct SyntaxError: Error {
    let index: Int
    let expected: String
  }

  static let maximumDepth = 256

  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  var scratch: [UInt8] = []

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  mutating func parseLine() -> Outcome {
    skipWhitespace()
    if index == bytes.count { return .blank }
    do throws(SyntaxError) {
      if bytes[index] != UInt8(ascii: "{") {
        let kind = try skipValue(depth: 0)
        try expectEnd()
        return .notAnObject(kind)
      }
      let members = try parseObjectMembers()
      try expectEnd()
      return .object(members)
    } catch {
      return .syntaxError(index: error.index, expected: error.expected)
    }
  }

  private mutating func expectEnd() throws(SyntaxError) {
    skipWhitespace()
    guard index == bytes.count else {
      throw SyntaxError(
        index: index, expected: "the end of the line after the value (one object per line)")
    }
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

  /// Parses the top-level object, decoding keys and string values.
  private mutating func parseObjectMembers() throws(SyntaxError) -> [JSONLinesReader.Member] {
    index += 1  // {
    var members: [JSONLinesReader.Member] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      index += 1
      return members
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else {
        throw SyntaxError(
          index: index,
          expected: members.isEmpty ? "a key in double quotes or '}'" : "a key in double quotes")
      }
      let key = try parseString()
      try expectColon()
      skipWhitespace()
      let start = index
      if peek() == UInt8(ascii: "\"") {
        members.append(.init(key: key, kind: .string, value: try parseString()))
      } else {
        let kind = try skipValue(depth: 1)
        let text = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        members.append(.init(key: key, kind: kind, value: text))
      }
      if try endOfContainer(closing: UInt8(ascii: "}")) { return members }
    }
  }

  private mutating func expectColon() throws(SyntaxError) {
    skipWhitespace()
    guard peek() == UInt8(ascii: ":") else {
      throw SyntaxError(index: index, expected: "':' after the key")
    }
    index += 1
  }

  /// After a member or element: consumes `,` (returning false) or the closing bracket
  /// (returning true).
  private mutating func endOfContainer(closing: UInt8) throws(SyntaxError) -> Bool {
    skipWhitespace()
    switch peek() {
    case UInt8(ascii: ","):
      index += 1
      return false
    case closing:
      index += 1
      return true
    default:
      let bracket = closing == UInt8(ascii: "}") ? "}" : "]"
      throw SyntaxError(index: index, expected: "',' or '\(bracket)' after the value")
    }
  }

  /// Checks one value of any kind and moves past it.
  private mutating func skipValue(depth: Int) throws(SyntaxError) -> JSONKind {
    guard depth < Self.maximumDepth else {
      throw SyntaxError(index: index, expected: "at most \(Self.maximumDepth) levels of nesting")
    }
    switch peek() {
    case UInt8(ascii: "{"):
      index += 1
      skipWhitespace()
      if peek() == UInt8(ascii: "}") {
        index += 1
        return .object
      }
      while true {
        skipWhitespace()
        guard peek() == UInt8(ascii: "\"") else {
          throw SyntaxError(index: index, expected: "a key in double quotes")
        }
        try skipString()
        try expectColon()
        skipWhitespace()
        _ = try skipValue(depth: depth + 1)
        if try endOfContainer(closing: UInt8(ascii: "}")) { return .object }
      }
    case UInt8(ascii: "["):
      index += 1
      skipWhitespace()
      if peek() == UInt8(ascii: "]") {
        index += 1
        return .array
      }
      while true {
        skipWhitespace()
        _ = try skipValue(depth: depth + 1)
        if try endOfContainer(closing: UInt8(ascii: "]")) { return .array }
      }
    case UInt8(ascii: "\""):
      try skipString()
      return .string
    case UInt8(ascii: "t"):
      try literal("true")
      return .boolean
    case UInt8(ascii: "f"):
      try literal("false")
      return .boolean
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case let byte? where byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte):
      try skipNumber()
      return .number
    default:
      throw SyntaxError(
        index: index,
        expected: "a value (an object, array, string, number, true, false or null)")
    }
  }

  private mutating func literal(_ word: StaticString) throws(SyntaxError) {
    let start = index
    let count = word.utf8CodeUnitCount
    guard bytes.count - index >= count,
      word.withUTF8Buffer({ $0.elementsEqual(bytes[index..<index + count]) })
    else {
      throw SyntaxError(index: start, expected: "true, false or null")
    }
    index += count
  }

  private mutating func skipDigits() throws(SyntaxError) {
    guard let byte = peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
      throw SyntaxError(index: index, expected: "a digit")
    }
    while let byte = peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
      index += 1
    }
  }

  /// Moves past a number of the form `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
  private mutating func skipNumber() throws(SyntaxError) {
    if peek() == UInt8(ascii: "-") { index += 1 }
    if peek() == UInt8(ascii: "0") {
      index += 1
    } else {
      try skipDigits()
    }
    if peek() == UInt8(ascii: ".") {
      index += 1
      try skipDigits()
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      index += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
      try skipDigits()
    }
  }

  private mutating func skipString() throws(SyntaxError) {
    _ = try scanString(decoding: false)
  }

  private mutating func parseString() throws(SyntaxError) -> String {
    try scanString(decoding: true)
    return String(decoding: scratch, as: UTF8.self)
  }

  /// Moves past a string starting at its opening quote, decoding it into `scratch` when
  /// asked.
  @discardableResult
  private mutating func scanString(decoding: Bool) throws(SyntaxError) -> Int {
    scratch.removeAll(keepingCapacity: true)
    index += 1  // "
    while true {
      let runStart = index
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
        index += 1
      }
      if decoding { scratch.append(contentsOf: bytes[runStart..<index]) }
      guard index < bytes.count else {
        throw SyntaxError(index: index, expected: "a closing '\"' before the end of the line")
      }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return index
      }
      if byte < 0x20 {
        throw SyntaxError(
          index: index,
          expected: "no control characters inside a string (write them escaped, "
            + "such as \\t)")
      }
      try scanEscape(decoding: decoding)
    }
  }

  /// The byte a one-letter escape stands for, or `nil` when `letter` is not one.
  private static func unescaped(_ letter: UInt8) -> UInt8? {
    switch letter {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return letter
    case UInt8(ascii: "b"): return 0x08
    case UInt8(ascii: "f"): return 0x0C
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "t"): return 0x09
    default: return nil
    }
  }

  private mutating func scanEscape(decoding: Bool) throws(SyntaxError) {
    let start = index
    index += 1  // backslash
    guard let byte = peek() else {
      throw SyntaxError(index: start, expected: "an escape after '\\'")
    }
    if let decoded = Self.unescaped(byte) {
      index += 1
      if decoding { scratch.append(decoded) }
      return
    }
    guard byte == UInt8(ascii: "u") else {
      throw SyntaxError(
        index: start,
        expected: "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by 4 hex digits")
    }
    index += 1
    var scalar = try hexQuad(escapeStart: start)
    if (0xDC00...0xDFFF).contains(scalar) {
      throw SyntaxError(
        index: start,
        expected: "a high surrogate (\\uD800-\\uDBFF) before "
          + "a low surrogate")
    }
    if (0xD800...0xDBFF).contains(scalar) {
      let lowStart = index
      guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
        bytes[index + 1] == UInt8(ascii: "u")
      else {
        throw SyntaxError(
          index: lowStart, expected: "a low surrogate (\\uDC00-\\uDFFF) after a high surrogate")
      }
      index += 2
      let low = try hexQuad(escapeStart: lowStart)
      guard (0xDC00...0xDFFF).contains(low) else {
        throw SyntaxError(
          index: lowStart, expected: "a low surrogate (\\uDC00-\\uDFFF) after a high surrogate")
      }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    }
    if decoding, let unicode = Unicode.Scalar(scalar) {
      scratch.append(contentsOf: unicode.utf8)
    }
  }

  private mutating func hexQuad(escapeStart: Int) throws(SyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = peek() else {
        throw SyntaxError(index: escapeStart, expected: "4 hex digits after \\u")
      }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw SyntaxError(index: escapeStart, expected: "4 hex digits after \\u")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }
}
