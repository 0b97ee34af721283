/// A news article split into paragraphs and sentences, with every offset pointing into the
/// original text.
///
/// Plain text: every non-blank line is a paragraph (blank lines and single line breaks both
/// separate paragraphs). HTML: tags are stripped, block tags (`<p>`, `<br>`, …) separate
/// paragraphs, entities are decoded, and an offset map keeps every span pointing at the
/// original bytes. The first lines are checked for a headline, a byline and a dateline, and
/// the last ones for boilerplate (newsletter sign-ups, "Follow us", comment prompts,
/// copyright and contributor lines); only `body` paragraphs yield quotes and speakers.
public struct Article: Sendable {
  /// The text exactly as given.
  public let text: String
  /// The paragraphs in order, with their roles and sentences.
  public let paragraphs: [Paragraph]

  /// The analysed text: the original bytes, or for HTML the text without tags.
  let content: [UInt8]
  /// For HTML: each analysed byte's source range in the original.
  let sourceStart: [Int]?
  let sourceEnd: [Int]?
  /// All tokens of all paragraphs, in order.
  let tokens: [Token]
  /// Per paragraph: token range and sentence token ranges.
  let layout: [ParagraphLayout]
  /// Outermost quotation-mark stretches, in text order (multi-paragraph pieces linked).
  let markedQuotes: [MarkedQuote]
  let lexicon: Lexicon

  struct ParagraphLayout {
    var bytes: Range<Int>
    var role: ParagraphRole
    var tokens: Range<Int>
    var sentences: [Range<Int>]
  }

  /// Splits an article.
  ///
  /// - Parameters:
  ///   - text: The article.
  ///   - format: Plain text, HTML, or detected from the text (the default).
  /// - Complexity: O(n) in the length of the text.
  public init(text: String, format: ArticleFormat = .automatic) {
    self.init(text: text, format: format, lexicon: Lexicon.english)
  }

  init(text: String, format: ArticleFormat, lexicon: Lexicon) {
    self.text = text
    self.lexicon = lexicon
    let original = Array(text.utf8)
    let isHTML: Bool
    switch format {
    case .plainText: isHTML = false
    case .html: isHTML = true
    case .automatic: isHTML = Article.looksLikeHTML(original)
    }
    if isHTML {
      let html = original.withUnsafeBufferPointer { HTMLText($0) }
      content = html.bytes
      sourceStart = html.sourceStart
      sourceEnd = html.sourceEnd
    } else {
      content = original
      sourceStart = nil
      sourceEnd = nil
    }
    var tokens: [Token] = []
    var layout: [ParagraphLayout] = []
    var quotes: [MarkedQuote] = []
    let segmenter = SentenceSegmenter(lexicon: lexicon)
    content.withUnsafeBufferPointer { bytes in
      let tokenizer = Tokenizer(lexicon: lexicon)
      for range in Article.lineRanges(bytes) {
        let first = tokens.count
        tokenizer.tokenize(bytes, range, into: &tokens)
        guard tokens.count > first else { continue }
        let tokenRange = first..<tokens.count
        let paragraphIndex = layout.count
        let found = QuoteMarkFinder.topLevelQuotes(
          &tokens, tokenRange, paragraph: paragraphIndex, firstIndex: quotes.count)
        quotes.append(contentsOf: found)
        let sentences = segmenter.split(tokens, tokenRange)
        layout.append(
          ParagraphLayout(
            bytes: tokens[first].start..<tokens[tokens.count - 1].end, role: .body,
            tokens: tokenRange, sentences: sentences))
      }
      Article.assignRoles(&layout, tokens, bytes)
    }
    // Quotes in non-body paragraphs are dropped; the rest are renumbered in the tokens.
    var kept: [MarkedQuote] = []
    var newIndex = Array(repeating: Int32(-1), count: quotes.count)
    for (index, quote) in quotes.enumerated() where layout[quote.paragraph].role == .body {
      newIndex[index] = Int32(kept.count)
      kept.append(quote)
    }
    for index in tokens.indices where tokens[index].quote >= 0 {
      tokens[index].quote = newIndex[Int(tokens[index].quote)]
    }
    // A quote left open at a paragraph's end continues when the next body paragraph opens
    // with a quotation mark.
    for index in kept.indices where kept[index].close == nil {
      let next = index + 1
      guard next < kept.count else { break }
      let paragraph = kept[index].paragraph
      guard kept[next].paragraph == paragraph + 1,
        layout[paragraph + 1].tokens.lowerBound == kept[next].open
      else { continue }
      kept[index].continuedBy = next
      kept[next].continues = index
    }
    self.tokens = tokens
    self.layout = layout
    self.markedQuotes = kept
    var paragraphs: [Paragraph] = []
    let starts = sourceStart
    let ends = sourceEnd
    for item in layout {
      let sentences = item.sentences.map { range in
        Article.map(tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end, starts, ends)
      }
      paragraphs.append(
        Paragraph(
          span: Article.map(item.bytes, starts, ends), role: item.role,
          sentences: sentences))
    }
    self.paragraphs = paragraphs
  }

  /// Maps an analysed-text byte range to original offsets.
  func span(_ range: Range<Int>) -> Span {
    Article.map(range, sourceStart, sourceEnd)
  }

  /// The analysed text of a byte range.
  func string(_ range: Range<Int>) -> String {
    String(decoding: content[range], as: UTF8.self)
  }

  private static func map(_ range: Range<Int>, _ starts: [Int]?, _ ends: [Int]?) -> Span {
    guard let starts, let ends, !range.isEmpty else {
      if let starts, range.lowerBound < starts.count {
        return Span(start: starts[range.lowerBound], end: starts[range.lowerBound])
      }
      return Span(start: range.lowerBound, end: range.upperBound)
    }
    return Span(start: starts[range.lowerBound], end: ends[range.upperBound - 1])
  }

  private static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
    let markers: [[UInt8]] = ["<p", "<br", "<div", "<html", "<body"].map { Array($0.utf8) }
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0x3C {
        for marker in markers where index + marker.count <= bytes.count {
          var equal = true
          for offset in 0..<marker.count
          where Lexicon.lower(bytes[index + offset]) != marker[offset] {
            equal = false
            break
          }
          if equal {
            let after = index + marker.count
            if after == bytes.count || !(bytes[after] >= 0x61 && bytes[after] <= 0x7A) {
              return true
            }
          }
        }
      }
      index += 1
    }
    return false
  }

  private static func lineRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
      ranges.append(start..<index)
      start = index + 1
    }
    return ranges
  }

  // MARK: - Roles

  private static let boilerplatePhrases: [[UInt8]] = [
    "sign up", "newsletter", "follow us", "subscribe", "comment", "copyright", "©",
    "all rights reserved", "share this", "read more", "click here", "reporting by",
    "editing by", "writing by", "additional reporting", "have your say", "what do you think",
    "tell us", "join the conversation", "related:", "download our app", "contributed to this",
    "more from", "sponsored", "advertisement", "follow the", "on twitter", "on facebook",
    "on x ", "let us know", "the views expressed",
  ].map { Array($0.utf8) }
  private static let anywherePhrases: [[UInt8]] = [
    "©", "all rights reserved", "reporting by", "editing by", "writing by",
    "additional reporting", "contributed reporting", "contributed to this report",
  ].map { Array($0.utf8) }

  private static func contains(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ phrase: [UInt8]
  ) -> Bool {
    guard range.count >= phrase.count, let first = phrase.first else { return false }
    var index = range.lowerBound
    while index + phrase.count <= range.upperBound {
      if Lexicon.lower(bytes[index]) == first {
        var equal = true
        for offset in 1..<phrase.count where Lexicon.lower(bytes[index + offset]) != phrase[offset]
        {
          equal = false
          break
        }
        if equal { return true }
      }
      index += 1
    }
    return false
  }

  private static func assignRoles(
    _ layout: inout [ParagraphLayout], _ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>
  ) {
    guard !layout.isEmpty else { return }
    func wordCount(_ item: ParagraphLayout) -> Int {
      tokens[item.tokens].reduce(0) { $0 + ($1.isWord ? 1 : 0) }
    }
    func lastToken(_ item: ParagraphLayout) -> Token { tokens[item.tokens.upperBound - 1] }
    func firstIs(_ item: ParagraphLayout, _ word: String) -> Bool {
      Lexicon.equals(tokens[item.tokens.lowerBound], Array(word.utf8), bytes)
    }
    // Headline: a first paragraph that reads as a title. It may end with a quotation mark
    // (`Moscow warns of “consequences”`) but not with a terminator inside one (`“We are
    // ready.”`).
    let first = layout[0]
    let last = first.tokens.upperBound - 1
    let endsAQuotedSentence =
      lastToken(first).kind == .mark && last > first.tokens.lowerBound
      && tokens[last - 1].isTerminator
    if layout.count > 1 && wordCount(first) <= 30 && !lastToken(first).isTerminator
      && !endsAQuotedSentence
    {
      layout[0].role = .headline
    }
    // Byline and dateline among the first few paragraphs.
    for index in 0..<min(4, layout.count) where layout[index].role == .body {
      let item = layout[index]
      let words = wordCount(item)
      let firstToken = tokens[item.tokens.lowerBound]
      if firstIs(item, "by") && firstToken.isCapitalised && words <= 12
        && !lastToken(item).isTerminator
      {
        layout[index].role = .byline
      } else if words <= 16 && lastToken(item).kind == .dash {
        layout[index].role = .dateline
      } else if words <= 10 && !lastToken(item).isTerminator && index > 0
        && Article.isAllCaps(firstToken, bytes)
      {
        layout[index].role = .dateline
      }
    }
    // Contributor and copyright lines anywhere; other boilerplate as a trailing run.
    for index in layout.indices where layout[index].role == .body {
      if anywherePhrases.contains(where: { contains(bytes, layout[index].bytes, $0) }) {
        layout[index].role = .boilerplate
      }
    }
    var index = layout.count - 1
    while index > 0 {
      let item = layout[index]
      let isBoilerplate =
        item.role == .boilerplate
        || (wordCount(item) <= 40
          && boilerplatePhrases.contains(where: { contains(bytes, item.bytes, $0) }))
      guard isBoilerplate else { break }
      layout[index].role = .boilerplate
      index -= 1
    }
  }

  private static func isAllCaps(_ token: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard token.kind == .word, token.end - token.start >= 3 else { return false }
    for index in token.start..<token.end {
      let byte = bytes[index]
      if byte >= 0x61 && byte <= 0x7A { return false }
    }
    return true
  }
}
