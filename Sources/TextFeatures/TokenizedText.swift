/// The tokens of one document: their normalised UTF-8 text in one buffer plus byte ranges.
///
/// The buffer has a fixed shape that makes every n-gram a contiguous slice:
///
/// ```
/// bytes = " " + token₀ + " " + token₁ + " " + … + tokenₙ₋₁ + " "
/// ```
///
/// So the word n-gram of tokens `i ... j` (joined by one ASCII space) is
/// `bytes[tokens[i].range.lowerBound ..< tokens[j].range.upperBound]`, and token `i` padded
/// with one space on each side (scikit-learn's `char_wb`) is
/// `bytes[tokens[i].range.lowerBound - 1 ..< tokens[i].range.upperBound + 1]`.
///
/// Reuse one value across documents (``Tokenizer/tokenize(_:into:)``) to keep its storage.
public struct TokenizedText: Sendable, Equatable {
  /// The normalised UTF-8 text: every token, each preceded and followed by one space.
  public internal(set) var bytes: [UInt8] = [0x20]
  /// The tokens, in document order.
  public internal(set) var tokens: [Token] = []
  /// Whether a negation scope is still open after the last token (``NegationMarking``):
  /// carried from one segment of a long document to the next; always `false` after a
  /// whole document.
  var negationScopeIsOpen = false

  /// Creates an empty value (no tokens).
  public init() {}

  /// The text of every token as a `String`, for tests and debugging.
  ///
  /// - Complexity: O(bytes.count); allocates one `String` per token.
  public var tokenTexts: [String] {
    tokens.map { text(of: $0) }
  }

  /// Keeps only the last `count` tokens (all of them if there are fewer), moved with their
  /// bytes to the front, in the same layout.
  ///
  /// Keeping none starts a new document: an open negation scope is closed
  /// (``Tokenizer/tokenize(segment:after:keepingLast:)`` carries it across segments
  /// itself).
  ///
  /// - Parameter count: How many tokens to keep.
  /// - Returns: The number of tokens kept.
  /// - Complexity: O(bytes of the kept tokens).
  @discardableResult
  mutating func keepLastTokens(_ count: Int) -> Int {
    let kept = Swift.min(Swift.max(count, 0), tokens.count)
    if count <= 0 { negationScopeIsOpen = false }
    guard kept > 0 else {
      bytes.removeAll(keepingCapacity: true)
      bytes.append(0x20)
      tokens.removeAll(keepingCapacity: true)
      return 0
    }
    let start = tokens[tokens.count - kept].range.lowerBound - 1
    let end = tokens[tokens.count - 1].range.upperBound + 1
    bytes.removeSubrange(end...)
    bytes.removeSubrange(0..<start)
    tokens.removeFirst(tokens.count - kept)
    for index in tokens.indices {
      tokens[index].range =
        (tokens[index].range.lowerBound - start)..<(tokens[index].range.upperBound - start)
    }
    return kept
  }

  /// The text of `token` as a `String`.
  ///
  /// - Parameter token: A token of this value.
  /// - Returns: Its normalised text.
  public func text(of token: Token) -> String {
    String(decoding: bytes[token.range], as: UTF8.self)
  }
}
