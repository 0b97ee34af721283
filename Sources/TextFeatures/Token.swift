/// One token of a document: a byte range into the normalised text plus what kind of token
/// it is.
///
/// Tokens never own their text. The range indexes ``TokenizedText/bytes``, which holds the
/// normalised (case-folded, joiner-normalised) UTF-8 of every token, so producing a token
/// allocates nothing.
public struct Token: Hashable, Sendable {
  /// What a token is, as decided by the tokenizer rules (spec v1).
  public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A run of alphanumerics with single inner joiners (`don't`, `de-escalate`).
    case word
    /// A word made only of ASCII digits, `.` and `,` (`2018`, `3.5`, `1,000`).
    case number
    /// A web address starting with `http://`, `https://` or `www.`.
    case url
    /// `@` followed by ASCII letters, digits or `_` (`@user_1`).
    case mention
    /// `#` followed by alphanumerics or `_` (`#fed`).
    case hashtag
  }

  /// The token's UTF-8 bytes in ``TokenizedText/bytes``.
  public var range: Range<Int>
  /// The token's kind.
  public var kind: Kind
  /// Whether clause punctuation comes between the previous token and this one.
  ///
  /// Recorded only when the tokenizer marks negation (``Tokenizer/marksNegation``), `false`
  /// otherwise. It fits in the padding after ``kind``, so a token is no larger.
  public internal(set) var startsClause = false

  /// Creates a token.
  ///
  /// - Parameters:
  ///   - range: The token's bytes in the normalised text.
  ///   - kind: The token's kind.
  public init(range: Range<Int>, kind: Kind) {
    self.range = range
    self.kind = kind
  }
}
