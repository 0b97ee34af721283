/// One quote found in an article: the words, where they are, how they were reported and who
/// said them.
public struct Quote: Sendable, Hashable, Codable {
  /// The quoted words.
  ///
  /// For a direct quote the characters between the marks, for an indirect one the reported
  /// clause. The pieces of a quote that runs over several paragraphs are
  /// joined with one space (the repeated opening mark left out). HTML entities are decoded.
  public var text: String
  /// UTF-8 byte offsets into the original text: from the first character of the first piece
  /// to the end of the last piece (marks excluded).
  public var span: Span
  /// Direct or indirect.
  public var kind: QuoteKind
  /// The cue as it appears (`said`, `told`, `according to`, `called on`), or `nil` for
  /// `“Q” — S`.
  public var cue: String?
  /// The resolved speaker.
  public var speaker: Speaker
  /// The index of the speaker in the extraction's `speakers`.
  public var speakerIndex: Int
  /// The index of the paragraph (in `Article.paragraphs`) where the quote starts.
  public var paragraph: Int
  /// Where the speaker is named for this quote (the name, pronoun or description the
  /// attribution rests on), as UTF-8 byte offsets; `nil` for a continuation.
  public var speakerSpan: Span?
  /// How the speaker was found: a name, a role or description, a pronoun, or continuation
  /// of the previous attribution.
  public var attribution: AttributionMethod = .name

  /// Creates a quote.
  ///
  /// - Parameters:
  ///   - text: The quoted words.
  ///   - span: Byte offsets into the original text.
  ///   - kind: Direct or indirect.
  ///   - cue: The cue word or phrase.
  ///   - speaker: The resolved speaker.
  ///   - speakerIndex: The speaker's index in the extraction.
  ///   - paragraph: The paragraph where the quote starts.
  public init(
    text: String, span: Span, kind: QuoteKind, cue: String?, speaker: Speaker,
    speakerIndex: Int, paragraph: Int
  ) {
    self.text = text
    self.span = span
    self.kind = kind
    self.cue = cue
    self.speaker = speaker
    self.speakerIndex = speakerIndex
    self.paragraph = paragraph
  }

  /// The UTF-8 byte offset where the quote starts.
  public var start: Int { span.start }
  /// The UTF-8 byte offset one past the quote's end.
  public var end: Int { span.end }
}

/// How a quote's speaker was found.
public enum AttributionMethod: String, Sendable, Hashable, Codable {
  /// A proper name at the cue (`Dana Ortiz said`, `said Ortiz`).
  case name
  /// A role or description at the cue (`the spokeswoman said`, `according to the study`).
  case role
  /// A pronoun at the cue, resolved to an earlier speaker (`she said`).
  case pronoun
  /// No cue of its own: the speaker of the previous attribution in the paragraph, or of the
  /// previous paragraph (`“A,” she said. “B.”`).
  case continuation
}
