/// A half-open range of UTF-8 byte offsets into an article's original text.
///
/// ```
/// bytes start ..< end of the text exactly as it was given (HTML tags and entities included)
/// ```
public struct Span: Sendable, Hashable, Codable, Comparable {
  /// The offset of the first byte.
  public var start: Int
  /// The offset one past the last byte.
  public var end: Int

  /// Creates a span.
  ///
  /// - Parameters:
  ///   - start: The offset of the first byte.
  ///   - end: The offset one past the last byte; not less than `start`.
  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The number of bytes covered.
  public var length: Int { end - start }

  /// The number of bytes two spans have in common.
  ///
  /// - Parameter other: Another span.
  /// - Returns: `max(0, min(end, other.end) − max(start, other.start))`.
  public func overlap(with other: Span) -> Int {
    max(0, min(end, other.end) - max(start, other.start))
  }

  /// Orders spans by start, then by end.
  ///
  /// - Parameters:
  ///   - lhs: A span.
  ///   - rhs: Another span.
  /// - Returns: Whether `lhs` comes first.
  public static func < (lhs: Span, rhs: Span) -> Bool {
    lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
  }
}
