/// How the vectorizer reads a very long document: in segments, so that memory grows with a
/// segment rather than with the document.
///
/// Reading a document at once needs, besides its text, room for the tokenizer's output
/// (three bytes per input byte), its tokens (24 bytes each) and every n-gram occurrence
/// with its hash (32 bytes each): about 30 bytes per input byte in all, so a single
/// 40 MB record needed over 1 GB. A document longer than ``threshold`` is instead cut into
/// segments of about ``segmentLength`` bytes, each ending just after an ASCII whitespace
/// byte, and tokenized one after the other (``Tokenizer/tokenize(segment:after:keepingLast:)``)
/// with the last tokens of the previous segment kept in front, so that word n-grams across
/// a cut are counted once. The counts, and so the features, are the same as for reading
/// the document at once; only the order in which occurrences are met differs, which no
/// result depends on (rows are sorted by column, vocabulary indices follow term order).
///
/// Documents of ordinary length never take this path.
enum LongDocument {
  /// Documents with more UTF-8 bytes than this are read in segments.
  static let threshold = 1 << 20
  /// The length a segment is cut at, before moving the cut back to a whitespace byte.
  static let segmentLength = 1 << 18
  /// Above this many occurrences in one document, the fit counts them by sorting rather
  /// than with ``OccurrenceCounter``, whose table would take 32–64 bytes per occurrence.
  static let sortedCountingLimit = 1 << 16

  /// Whether `document` is read in segments.
  @inline(__always)
  static func isLong(_ document: String) -> Bool {
    document.utf8.count > threshold
  }

  /// Calls `body` with consecutive segments of `document`'s UTF-8 bytes that cover it.
  ///
  /// Each segment but the last ends just after an ASCII whitespace byte at or before
  /// `length` bytes from its start; when there is none, it runs on to the next one.
  ///
  /// - Parameters:
  ///   - document: The text.
  ///   - length: The target segment length in bytes.
  ///   - body: Receives each segment, valid only during the call.
  static func forEachSegment(
    of document: String, length: Int = segmentLength,
    _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    var text = document
    text.makeContiguousUTF8()
    _ = text.utf8.withContiguousStorageIfAvailable { bytes in
      var start = 0
      while start < bytes.count {
        let end = cut(bytes, from: start, length: Swift.max(length, 1))
        body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        start = end
      }
    }
  }

  /// Where the segment starting at `start` ends.
  private static func cut(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, length: Int)
    -> Int
  {
    let limit = Swift.min(start + length, bytes.count)
    guard limit < bytes.count else { return limit }
    var end = limit
    while end > start && !isWhitespace(bytes[end - 1]) { end -= 1 }
    if end > start { return end }
    end = limit
    while end < bytes.count && !isWhitespace(bytes[end - 1]) { end += 1 }
    return end
  }

  /// Space, tab, line feed, vertical tab, form feed, carriage return.
  @inline(__always)
  private static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte)
  }
}
