/// Splits a byte source into lines at LF, dropping one CR before the LF (so CRLF works).
///
/// Used by the JSONL and plain-lines readers. A line's bytes are UTF-8 checked before they
/// are handed out; under the `fail` policy an ill-formed sequence is reported with the line
/// that holds it, under a lenient policy the line is handed out with its ill-formed bytes
/// and ``lineIsInvalid`` set, for the reader to repair or drop.
struct LineSplitter {
  private(set) var source: ByteSource
  /// What a line holding invalid UTF-8 does to the reading.
  let invalidUTF8: InvalidUTF8Policy
  /// The line number of the next line.
  private var line = 1
  /// The bytes of the current line, reused between lines.
  private(set) var bytes: [UInt8] = []
  /// Whether the current line holds an ill-formed sequence (only under a lenient policy).
  private(set) var lineIsInvalid = false
  /// The input offset of the current line's first byte.
  private(set) var lineStart = 0

  init(source: ByteSource, invalidUTF8: InvalidUTF8Policy) {
    self.source = source
    self.invalidUTF8 = invalidUTF8
  }

  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// Reads the next line into ``bytes`` and returns its number, or `nil` at the end.
  mutating func next() throws(DataError) -> Int? {
    ByteSource.empty(&bytes)
    lineIsInvalid = false
    var sawAnything = false
    while true {
      if source.position == source.end {
        switch try source.refill() {
        case .more:
          break
        case .invalidUTF8(let offset, let byte):
          guard invalidUTF8 != .fail else {
            throw .invalidUTF8(file: source.name, line: line, byteOffset: offset, byte: byte)
          }
          source.admitInvalidByte()
          lineIsInvalid = true
        case .end:
          guard sawAnything else { return nil }
          return finishLine()
        }
      }
      if !sawAnything { lineStart = source.offset }
      sawAnything = true
      source.appendRun(to: &bytes, stoppingAt: Self.lineFeed, Self.lineFeed, Self.lineFeed)
      if source.position < source.end {
        // At the line feed.
        source.position += 1
        return finishLine()
      }
    }
  }

  /// Whether a whole line is already read into memory, so that ``next()`` can return it
  /// without waiting for more input (a pipe whose writer has sent nothing more would block).
  ///
  /// - Complexity: O(bytes read but not yet split).
  var hasBufferedLine: Bool {
    source.buffer[source.position..<source.end].contains(Self.lineFeed)
  }

  private mutating func finishLine() -> Int {
    if bytes.last == Self.carriageReturn { bytes.removeLast() }
    line += 1
    return line - 1
  }
}
