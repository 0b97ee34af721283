/// How an article's text is written.
public enum ArticleFormat: String, Sendable, Hashable, Codable, CaseIterable {
  /// HTML when the text contains `<p`, `<br`, `<div`, `<html` or `<body` (any case), plain
  /// text otherwise.
  case automatic
  /// Paragraphs separated by blank lines or single line breaks.
  case plainText
  /// Simple HTML: tags stripped, `<p>`, `<br>`, `<div>`, `<h1>`…`<h6>`, `<li>` and
  /// `<blockquote>` as paragraph breaks, entities decoded; `<script>` and `<style>` dropped.
  case html
}

/// What a paragraph of an article is.
public enum ParagraphRole: String, Sendable, Hashable, Codable {
  /// The first line when it reads as a title (no final full stop, at most 30 words).
  case headline
  /// `By …` near the top, or a contributor line (`Reporting by …`) anywhere.
  case byline
  /// `CITY, Month D (Outlet) —` near the top.
  case dateline
  /// Running text: the only paragraphs quotes and speakers come from.
  case body
  /// Trailing newsletter sign-ups, "Follow us", comment prompts, copyright lines.
  case boilerplate
}

/// One paragraph of an article.
public struct Paragraph: Sendable, Hashable {
  /// UTF-8 byte offsets of the paragraph (whitespace trimmed) in the original text.
  public var span: Span
  /// What the paragraph is.
  public var role: ParagraphRole
  /// The paragraph's sentences as offsets into the original text.
  public var sentences: [Span]
}
