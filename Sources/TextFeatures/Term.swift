/// A vocabulary term: an n-gram's text and whether it is a word or a character n-gram.
///
/// Terms order by kind (word n-grams first), then by their UTF-8 bytes, which equals
/// Python's code-point order of `str`; vocabulary indices follow this order.
public struct Term: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
  /// Whether this is a word or a character n-gram.
  public let kind: FeatureKind
  /// The n-gram as the tokenizer writes it (tokens joined by one space; a character
  /// n-gram may begin or end with the padding space).
  public let text: String

  /// Creates a term.
  ///
  /// - Parameters:
  ///   - text: The n-gram text.
  ///   - kind: Word (the default) or character n-gram.
  public init(_ text: String, kind: FeatureKind = .wordNGram) {
    self.text = text
    self.kind = kind
  }

  /// The feature name: the text for a word n-gram, `char:"text"` for a character n-gram
  /// (a word n-gram can never start with `char:"`, so names are unambiguous); a lexicon
  /// pseudo-term (``Lexicon``) without its leading 0x01 byte (`lexicon:positive`; no
  /// token holds a colon).
  public var description: String {
    if kind == .characterNGram { return "char:\"\(text)\"" }
    return Lexicon.isPseudoTerm(text) ? String(text.dropFirst()) : text
  }

  /// Orders by kind, then by UTF-8 bytes.
  ///
  /// - Parameters:
  ///   - lhs: A term.
  ///   - rhs: Another term.
  /// - Returns: Whether `lhs` sorts first.
  public static func < (lhs: Term, rhs: Term) -> Bool {
    if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
    return lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8)
  }
}
