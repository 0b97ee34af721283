/// Finds the quotes of an article and who said them.
///
/// Direct quotes are the outermost stretches between quotation marks in body paragraphs
/// (`“…”`, `"…"`, `«…»`, `„…“`, `‘…’`; apostrophes such as `Tehran‘s`, `Kata’ib`, `don’t`
/// are not marks); a quote left open at a paragraph's end continues into the next paragraph
/// when that one opens with a mark, and is reported once, spanning both. Each sentence's
/// cues (`AttributionCues`) are read left to right:
///
/// - after a closing mark: `“Q,” said S.` (S after the cue) or `“Q,” S said.` (S before it);
/// - `S said (that) CLAUSE`, `S told reporters … that CLAUSE`, `S warned … that CLAUSE`,
///   `S urged Y to …`, `according to S, CLAUSE`, `CLAUSE, according to S`, and the reverse
///   `CLAUSE, S said.` / `CLAUSE, he said, REST.` give indirect quotes whose text is the
///   clause (up to the sentence end without its full stop, or up to a coordinated second cue
///   `…, and urged …`; a trailing reporter's gloss `, an idea that …` is cut);
/// - a direct quote without a cue right after it takes the nearest cue before it in its
///   sentence (`S said: “Q”`, `S said the army would “Q” …`, `which he called “Q”`), else
///   the nearest after it; `“Q” — S` names S with no cue;
/// - a quote with no cue in its sentence continues the speaker of the paragraph's previous
///   attribution (`“A,” said X. “B.”`), and a paragraph that is only a quote continues the
///   previous paragraph's speaker.
///
/// A direct quote inside a reported clause found as an indirect quote is part of it and is
/// not reported again. Quotes that end up with no speaker (scare quotes in the reporter's own
/// words) are left out. The result is deterministic; scanning works on the article's tokens (byte ranges)
/// and allocates strings only for the quotes and names it returns.
public struct QuoteExtractor: Sendable {
  /// Creates an extractor.
  public init() {}

  /// Extracts the quotes and speakers of an article.
  ///
  /// - Parameter article: A segmented article.
  /// - Returns: The quotes in text order with their speakers resolved, and the speakers.
  /// - Complexity: Linear in the article's length for the scan, plus a small cost per
  ///   speaker mention.
  public func extract(from article: Article) -> QuoteExtraction {
    article.content.withUnsafeBufferPointer { bytes in
      var run = ExtractionRun(article: article, bytes: bytes)
      return run.run()
    }
  }

  /// Segments `text` and extracts its quotes.
  ///
  /// - Parameters:
  ///   - text: The article text.
  ///   - format: Plain text, HTML or automatic detection.
  /// - Returns: The quotes and speakers.
  public func extract(text: String, format: ArticleFormat = .automatic) -> QuoteExtraction {
    extract(from: Article(text: text, format: format))
  }
}

private struct Attribution {
  var cue: String?
  var speaker: Int
  /// The token range of the mention that named the speaker, if one did.
  var mention: Range<Int>?
  var method: AttributionMethod

  /// The same speaker for a quote with no cue of its own: no mention, method continuation.
  var continued: Attribution {
    Attribution(cue: cue, speaker: speaker, mention: nil, method: .continuation)
  }
}

private struct FoundQuote {
  var bytes: Range<Int>
  var text: String
  var kind: QuoteKind
  var attribution: Attribution
  var paragraph: Int
}

private struct ExtractionRun {
  typealias C = Lexicon.Class
  let article: Article
  let tokens: [Token]
  let bytes: UnsafeBufferPointer<UInt8>
  let lexicon: Lexicon
  let parser: MentionParser
  var resolver = SpeakerResolver()
  var quoteAttribution: [Attribution?]
  var found: [FoundQuote] = []
  /// Attributions of the current paragraph with the token index of their cue.
  var paragraphAttributions: [(position: Int, attribution: Attribution)] = []
  /// The mention resolved last and how it named its speaker.
  var lastMention: (tokens: Range<Int>, method: AttributionMethod)?

  init(article: Article, bytes: UnsafeBufferPointer<UInt8>) {
    self.article = article
    self.tokens = article.tokens
    self.bytes = bytes
    self.lexicon = article.lexicon
    self.parser = MentionParser(tokens: article.tokens, bytes: bytes)
    self.quoteAttribution = Array(repeating: nil, count: article.markedQuotes.count)
  }

  mutating func run() -> QuoteExtraction {
    headlineAttribution()
    var previousParagraphLast: Attribution?
    var nextQuote = 0
    let marked = article.markedQuotes
    for (paragraph, layout) in article.layout.enumerated() where layout.role == .body {
      paragraphAttributions = []
      for sentence in layout.sentences { processSentence(sentence, paragraph: paragraph) }
      // Quotes of this paragraph still without a speaker continue one.
      while nextQuote < marked.count && marked[nextQuote].paragraph < paragraph { nextQuote += 1 }
      var index = nextQuote
      while index < marked.count && marked[index].paragraph == paragraph {
        defer { index += 1 }
        guard quoteAttribution[index] == nil, marked[index].continues == nil,
          !isTerm(marked[index], layout.sentences)
        else { continue }
        let open = marked[index].open
        if let before = paragraphAttributions.last(where: { $0.position < open }) {
          quoteAttribution[index] = before.attribution.continued
        } else if let after = paragraphAttributions.first(where: { $0.position > open }) {
          quoteAttribution[index] = after.attribution.continued
        } else if open == layout.tokens.lowerBound {
          quoteAttribution[index] = previousParagraphLast?.continued
        }
      }
      if let last = paragraphAttributions.last?.attribution {
        previousParagraphLast = last
      } else if index > nextQuote {
        // The paragraph's last quote, or the quote it continues.
        var head = index - 1
        while let previous = marked[head].continues { head = previous }
        previousParagraphLast = quoteAttribution[index - 1] ?? quoteAttribution[head]
      } else {
        previousParagraphLast = nil
      }
    }
    return assemble()
  }

  /// Attributes a headline's claim to the name before its colon.
  ///
  /// `Trump: Cruz Has a Long Way to Go on Ethanol`: a headline (the article's first
  /// paragraph, at most 30 words, when more follow) that opens with a name, an organisation
  /// or a document ending at a colon attributes what follows the colon to it. A label
  /// opened by `the` (`The Latest:`) is a rubric, not a source.
  mutating func headlineAttribution() {
    guard article.layout.count > 1, let first = article.layout.first,
      first.role == .headline || first.role == .body
    else { return }
    let range = first.tokens
    guard range.filter({ tokens[$0].isWord }).count <= 30,
      let colon = range.prefix(6).first(where: {
        tokens[$0].kind == .colon && tokens[$0].quote < 0
      }),
      colon > range.lowerBound
    else { return }
    let end = trimmedEnd(range)
    guard end - (colon + 1) >= 3, (range.lowerBound..<colon).allSatisfy({ tokens[$0].quote < 0 }),
      parser.lowerWord(range.lowerBound) != "the",
      let mention = parser.subject(range.lowerBound..<colon), mention.form != .pronoun,
      mention.tokens.upperBound == colon,
      let speaker = resolve(mention, at: range.lowerBound)
    else { return }
    addIndirect((colon + 1)..<end, attribution(nil, speaker), 0)
  }

  // MARK: - Sentences

  mutating func processSentence(_ sentence: Range<Int>, paragraph: Int) {
    var attributions: [(position: Int, attribution: Attribution)] = []
    var lastSpeaker: Int?
    var consumedUntil = sentence.lowerBound
    var index = sentence.lowerBound
    while index < sentence.upperBound {
      let token = tokens[index]
      guard index >= consumedUntil, token.quote < 0, token.kind == .word, token.cue >= 0,
        let (cueIndex, length) = matchCue(index, sentence)
      else {
        index += 1
        continue
      }
      let behaviour = lexicon.cueBehaviours[cueIndex]
      let cueEnd = index + length
      guard acceptCue(index, cueEnd, behaviour, sentence) else {
        index += 1
        continue
      }
      let cueText = parser.text(index..<cueEnd)
      var regionStart = max(sentence.lowerBound, consumedUntil)
      // A closing mark before the cue with nothing but a short phrase in between: a tail.
      var tailQuote: Int?
      var look = index - 1
      while look >= regionStart {
        let candidate = tokens[look]
        if candidate.isTerminator || candidate.quote >= 0 { break }
        if candidate.kind == .mark && look > 0 && tokens[look - 1].quote >= 0 {
          let quote = Int(tokens[look - 1].quote)
          if article.markedQuotes[quote].close == look { tailQuote = quote }
          break
        }
        look -= 1
      }
      if let tail = tailQuote, let close = article.markedQuotes[tail].close,
        close + 1 < tokens.count
      {
        // A tail follows `,”`, `?”`, `!”` or `”,` / `” —`, not a partial quote mid-clause.
        let inner = tokens[close - 1]
        let after = tokens[close + 1]
        let punctuated =
          inner.kind == .comma || inner.kind == .question || inner.kind == .exclamation
          || inner.kind == .dash || inner.kind == .period || after.kind == .comma
          || after.kind == .dash || close + 1 == index
        if !punctuated { tailQuote = nil }
      }
      if let tail = tailQuote {
        regionStart = (article.markedQuotes[tail].close ?? index) + 1
        let words = (regionStart..<index).filter { tokens[$0].isWord }.count
        let hasClause = (regionStart..<index).contains { tokens[$0].classes & C.auxiliary != 0 }
        if words > 14 || hasClause { tailQuote = nil }
      }
      while regionStart < index
        && (tokens[regionStart].kind == .comma || tokens[regionStart].kind == .dash)
      {
        regionStart += 1
      }
      let region = regionStart..<index

      if let tail = tailQuote, region.isEmpty {
        // Inverted: “Q,” said S, role.
        var end = cueEnd
        while end < sentence.upperBound && tokens[end].kind != .mark && !tokens[end].isTerminator {
          end += 1
        }
        if let mention = parser.invertedSubject(cueEnd..<end),
          let speaker = resolve(mention, at: index)
        {
          let attribution = attribution(cueText, speaker)
          quoteAttribution[tail] = quoteAttribution[tail] ?? attribution
          attributions.append((index, attribution))
          lastSpeaker = speaker
        }
        consumedUntil = end
        index = end
        continue
      }

      if behaviour == .accordingTo {
        let end = trimmedEnd(sentence)
        var comma: Int?
        for position in cueEnd..<end
        where tokens[position].kind == .comma && tokens[position].quote < 0 {
          comma = position
          break
        }
        let mention: Mention?
        let clause: Range<Int>
        var before = index
        while before > regionStart && tokens[before - 1].kind == .comma { before -= 1 }
        let wordsBefore = (regionStart..<before).filter { tokens[$0].isWord }.count
        let afterComma = comma.map { ($0 + 1)..<end } ?? end..<end
        let wordsAfter = afterComma.filter { tokens[$0].isWord }.count
        let appositive =
          !afterComma.isEmpty
          && ["a", "an", "which", "who", "whose"].contains(parser.lowerWord(afterComma.lowerBound))
        if let comma, comma + 1 < end, wordsBefore < 3 {
          mention = source(cueEnd..<comma)
          clause = (comma + 1)..<end
        } else if let comma, wordsAfter >= 3, !appositive {
          // `PART, according to X, REST`: the sentence around the frame.
          mention = source(cueEnd..<comma)
          clause = regionStart..<end
        } else {
          // `CLAUSE, according to X(, …)`: the clause is what comes before.
          mention = source(cueEnd..<(comma ?? end))
          clause = regionStart..<before
        }
        if let mention, let speaker = resolve(mention, at: index), !clause.isEmpty {
          let attribution = attribution(cueText, speaker)
          attributions.append((index, attribution))
          addIndirect(clause, attribution, paragraph)
          lastSpeaker = speaker
        }
        consumedUntil = sentence.upperBound
        index = sentence.upperBound
        continue
      }

      if tailQuote == nil, let inverted = invertedIndirect(region, cueEnd, behaviour, sentence) {
        // `CLAUSE, said S(, role).`
        if let speaker = resolve(inverted.mention, at: index) {
          let attribution = attribution(cueText, speaker)
          attributions.append((index, attribution))
          addIndirect(inverted.clause, attribution, paragraph)
          lastSpeaker = speaker
        }
        consumedUntil = sentence.upperBound
        index = sentence.upperBound
        continue
      }

      let clauseStart = tailQuote == nil ? forwardClauseStart(cueEnd, behaviour, sentence) : nil
      var reverse: (clause: Range<Int>, subject: Range<Int>)?
      if tailQuote == nil && clauseStart == nil && behaviour != .directOnly
        && behaviour != .objectThenInfinitive && behaviour != .quoteFollows
      {
        reverse = reverseClause(region)
      }
      let mention: Mention?
      if let reverse {
        mention = parser.subject(reverse.subject)
      } else if region.isEmpty {
        mention = nil
      } else {
        mention = parser.subject(region)
      }
      // No subject of its own (`…, and urged …`): the sentence's previous speaker.
      let speaker = mention.flatMap { resolve($0, at: index) } ?? lastSpeaker
      guard let speaker else {
        index = cueEnd
        continue
      }
      lastSpeaker = speaker
      let attribution = attribution(cueText, speaker)
      attributions.append((index, attribution))
      if let tail = tailQuote {
        quoteAttribution[tail] = quoteAttribution[tail] ?? attribution
        consumedUntil = cueEnd
        index = cueEnd
        continue
      }
      if let clauseStart {
        let clauseEnd = clauseEndIndex(clauseStart, sentence)
        if clauseEnd > clauseStart && !isWholeQuote(clauseStart..<clauseEnd) {
          addIndirect(clauseStart..<clauseEnd, attribution, paragraph)
        }
        consumedUntil = max(clauseEnd, cueEnd)
        index = consumedUntil
        continue
      }
      if reverse == nil, let frame = parentheticalFrame(region, cueEnd, sentence) {
        // `Part of the clause, he said, the rest.`
        addIndirect(frame, attribution, paragraph)
        consumedUntil = sentence.upperBound
        index = sentence.upperBound
        continue
      }
      if let reverse {
        if !isWholeQuote(reverse.clause) { addIndirect(reverse.clause, attribution, paragraph) }
        // `…, he said, REST.`
        let end = trimmedEnd(sentence)
        if cueEnd < end && tokens[cueEnd].kind == .comma && end - (cueEnd + 1) >= 3 {
          addIndirect((cueEnd + 1)..<end, attribution, paragraph)
        }
        consumedUntil = sentence.upperBound
        index = sentence.upperBound
        continue
      }
      index = cueEnd
    }

    // Direct quotes of the sentence without a tail cue.
    for quote in quotesOpening(in: sentence) where quoteAttribution[quote] == nil {
      let marked = article.markedQuotes[quote]
      if marked.continues != nil { continue }
      if let before = attributions.last(where: { $0.position < marked.open }) {
        quoteAttribution[quote] = before.attribution
      } else if let after = attributions.first(where: { $0.position > marked.open }) {
        quoteAttribution[quote] = after.attribution
      } else if let close = marked.close, close + 1 < sentence.upperBound,
        tokens[close + 1].kind == .dash
      {
        // “Q” — S
        let end = trimmedEnd(sentence)
        if close + 2 < end, let mention = parser.invertedSubject((close + 2)..<end),
          mention.form == .name || (mention.form == .description && hasListedHead(mention)),
          let speaker = resolve(mention, at: close + 2)
        {
          let attribution = attribution(nil, speaker)
          quoteAttribution[quote] = attribution
          attributions.append((close + 2, attribution))
        }
      }
    }
    paragraphAttributions.append(contentsOf: attributions)
  }

  /// Whether a quote is a quoted term or title in the reporter's own words.
  ///
  /// A scare quote (`The so-called “peace dividend” never came.`) opens inside its sentence,
  /// not at its start, and holds at most four words and no sentence end. Such a quote with
  /// no cue in its sentence does not continue the paragraph's speaker.
  func isTerm(_ quote: MarkedQuote, _ sentences: [Range<Int>]) -> Bool {
    guard let close = quote.close,
      let sentence = sentences.first(where: { $0.contains(quote.open) })
    else { return false }
    var start = sentence.lowerBound
    while start < quote.open && !tokens[start].isWord { start += 1 }
    guard start < quote.open else { return false }
    let inner = (quote.open + 1)..<close
    return inner.filter { tokens[$0].isWord }.count <= 4
      && !inner.contains { tokens[$0].isTerminator }
  }

  func quotesOpening(in sentence: Range<Int>) -> [Int] {
    var result: [Int] = []
    for index in sentence
    where tokens[index].kind == .mark && tokens[index].quote < 0
      && index + 1 < tokens.count && tokens[index + 1].quote >= 0
    {
      let quote = Int(tokens[index + 1].quote)
      if article.markedQuotes[quote].open == index { result.append(quote) }
    }
    return result
  }

  // MARK: - Cues

  func matchCue(_ index: Int, _ sentence: Range<Int>) -> (Int, Int)? {
    let first = Int(tokens[index].cue)
    for cue in first..<lexicon.cueWords.count {
      let words = lexicon.cueWords[cue]
      guard Lexicon.equals(tokens[index], words[0], bytes) else { continue }
      var matches = true
      for offset in 1..<max(1, words.count) {
        let position = index + offset
        if position >= sentence.upperBound || tokens[position].quote >= 0
          || !Lexicon.equals(tokens[position], words[offset], bytes)
        {
          matches = false
          break
        }
      }
      if matches { return (cue, words.count) }
    }
    return nil
  }

  func acceptCue(_ index: Int, _ cueEnd: Int, _ behaviour: CueBehaviour, _ sentence: Range<Int>)
    -> Bool
  {
    if index > sentence.lowerBound && !acceptAfter(tokens[index - 1], cue: index) { return false }
    switch behaviour {
    case .objectThenInfinitive:
      if index == sentence.lowerBound || tokens[index].isCapitalised { return false }
      // `X asked, “Q?”`: the question itself follows.
      if opensDirectQuote(after: cueEnd, sentence) { return true }
      // `asked whether …`, `asked about …` are reporters' questions, not speech.
      if cueEnd < sentence.upperBound
        && ["whether", "if", "about", "how", "why", "when", "what", "for"].contains(
          parser.lowerWord(cueEnd))
      {
        return false
      }
      var position = cueEnd
      while position < min(sentence.upperBound, cueEnd + 8) {
        let token = tokens[position]
        if token.kind != .word && token.kind != .number { return false }
        if token.classes & C.auxiliary != 0 { return false }
        if token.classes & C.to != 0 { return position > cueEnd }
        position += 1
      }
      return false
    case .quoteFollows:
      return opensDirectQuote(after: cueEnd, sentence)
    case .directOnly:
      var position = cueEnd
      while position < min(sentence.upperBound, cueEnd + 12) {
        let token = tokens[position]
        if token.isTerminator { return false }
        if token.kind == .mark && position + 1 < tokens.count && tokens[position + 1].quote >= 0 {
          return true
        }
        if token.kind == .colon { return true }
        position += 1
      }
      return false
    default:
      return true
    }
  }

  /// Whether a direct quote opens right after a cue, after at most a comma or colon
  /// (`asked, “…”`, `continued: “…”`).
  func opensDirectQuote(after cueEnd: Int, _ sentence: Range<Int>) -> Bool {
    var position = cueEnd
    if position < sentence.upperBound
      && (tokens[position].kind == .comma || tokens[position].kind == .colon)
    {
      position += 1
    }
    return position + 1 < sentence.upperBound && tokens[position].kind == .mark
      && tokens[position + 1].quote >= 0
  }

  /// Whether the word before a cue leaves it a report of speech.
  ///
  /// A form of `be` before a participle makes it passive (`was told`, `is said to`), but not
  /// before `-ing` (`is saying`); `has said`, `will say` and a name that looks like a modal
  /// (`Elizabeth May said`) stay. A capitalised cue after a word is part of a name
  /// (`United States`), and a cue that is also a plural noun needs a subject-like word
  /// before it (`the report states that`, not `swing states that`).
  func acceptAfter(_ previous: Token, cue index: Int) -> Bool {
    let cue = tokens[index]
    if previous.kind == .word && previous.classes & C.beForm != 0 {
      return parser.lowerWord(index).hasSuffix("ing")
    }
    if cue.isCapitalised && (previous.kind == .word || previous.kind == .number) { return false }
    if cue.classes & C.nounLikeCue != 0 {
      let subjectLike = C.pronoun | C.roleNoun | C.groupNoun | C.organisation | C.document
      return previous.kind == .word
        && (previous.isCapitalised || previous.classes & subjectLike != 0)
        && previous.classes & C.determiner == 0
    }
    return true
  }

  func forwardClauseStart(_ cueEnd: Int, _ behaviour: CueBehaviour, _ sentence: Range<Int>) -> Int?
  {
    let end = trimmedEnd(sentence)
    guard cueEnd < end else { return nil }
    func thatWithin(_ limit: Int) -> Int? {
      var position = cueEnd
      while position < min(end, cueEnd + limit) {
        let token = tokens[position]
        if token.classes & C.that != 0 && token.kind == .word {
          return position + 1 < end ? position + 1 : nil
        }
        if token.kind != .word && token.kind != .number { return nil }
        position += 1
      }
      return nil
    }
    let next = tokens[cueEnd]
    switch behaviour {
    case .clauseOptionalThat:
      if next.kind == .word && next.classes & C.that != 0 {
        return cueEnd + 1 < end ? cueEnd + 1 : nil
      }
      if next.kind == .word && next.classes & (C.preposition | C.adverbial) != 0 {
        return thatWithin(9)
      }
      if next.kind == .word || next.kind == .number { return cueEnd }
      if next.kind == .mark && cueEnd + 1 < tokens.count && tokens[cueEnd + 1].quote >= 0 {
        return cueEnd
      }
      return nil
    case .clauseNeedsThat:
      return thatWithin(10) ?? bareClauseStart(cueEnd, end)
    case .objectThenInfinitive:
      return opensDirectQuote(after: cueEnd, sentence) ? nil : cueEnd
    default:
      return nil
    }
  }

  /// Where a clause without `that` starts after a cue that usually takes one.
  ///
  /// `warned he would …`, `noted what …`, `argued the deal would …` (a form of `be`, `have`
  /// or a modal within six words, with no punctuation before it); after `told`, a short
  /// object comes first (`told reporters she was …`, `told a rally in Ohio they had …`).
  func bareClauseStart(_ cueEnd: Int, _ end: Int) -> Int? {
    let first = tokens[cueEnd]
    guard first.kind == .word, first.quote < 0, first.classes & C.preposition == 0 else {
      return nil
    }
    if first.classes & (C.clauseSubject | C.questionWord) != 0 && cueEnd + 1 < end {
      return cueEnd
    }
    let isTell = ["told", "tell", "tells", "telling"].contains(parser.lowerWord(cueEnd - 1))
    var position = cueEnd
    while position < min(end, cueEnd + 7) {
      let token = tokens[position]
      guard token.kind == .word || token.kind == .number, token.quote < 0 else { return nil }
      if isTell {
        if position > cueEnd && token.classes & C.clauseSubject != 0 && position + 1 < end {
          return position
        }
      } else if position > cueEnd && token.classes & C.auxiliary != 0 && !token.isCapitalised
        && position - cueEnd <= 6
      {
        return cueEnd
      }
      position += 1
    }
    return nil
  }

  /// `CLAUSE, S said.`: the subject is the last chunk of the region, the clause what comes
  /// before its comma.
  func reverseClause(_ region: Range<Int>) -> (clause: Range<Int>, subject: Range<Int>)? {
    let parts = parser.chunks(region)
    guard parts.count >= 2, let last = parts.last else { return nil }
    switch parser.classify(last) {
    case .skip: return nil
    default: break
    }
    var clauseEnd = last.lowerBound
    while clauseEnd > region.lowerBound
      && (tokens[clauseEnd - 1].kind == .comma || tokens[clauseEnd - 1].kind == .dash)
    {
      clauseEnd -= 1
    }
    let clause = region.lowerBound..<clauseEnd
    guard clause.count >= 3 else { return nil }
    var isClause = false
    var speakerLike = false
    for part in parser.chunks(clause) {
      if part.contains(where: { tokens[$0].classes & C.auxiliary != 0 || tokens[$0].kind == .mark })
      {
        isClause = true
      }
      switch parser.classify(part) {
      case .name, .role, .pronoun: speakerLike = true
      case .skip: break
      }
    }
    if !isClause {
      let words = clause.filter { tokens[$0].isWord }.count
      let opensWithAdverbial = tokens[clause.lowerBound].classes & C.adverbial != 0
      if speakerLike || words < 4 || opensWithAdverbial { return nil }
    }
    return (clause, last)
  }

  /// `CLAUSE, said S(, role).`: a cue right after the clause's comma, followed by the
  /// speaker alone.
  ///
  /// The clause must read as one (a form of `be`, `have` or a modal, or a quotation mark, or
  /// at least six words), and the chunk after the cue must be nothing but a name or a
  /// described speaker: no auxiliary, ending in a capitalised word or a role, group or
  /// organisation noun (`said Dana Ortiz`, `said the spokeswoman`), not the start of a
  /// clause (`said Ortiz would …`). A form of `tell` does not invert (`…, telling reporters`).
  func invertedIndirect(
    _ region: Range<Int>, _ cueEnd: Int, _ behaviour: CueBehaviour, _ sentence: Range<Int>
  ) -> (clause: Range<Int>, mention: Mention)? {
    guard behaviour == .clauseOptionalThat || behaviour == .clauseNeedsThat,
      region.count >= 3, region.upperBound < cueEnd,
      tokens[region.upperBound].kind == .word, region.upperBound > 0,
      tokens[region.upperBound - 1].kind == .comma || tokens[region.upperBound - 1].kind == .dash,
      // `…, telling reporters …`: after `tell` comes the listener, not the speaker.
      !["told", "tell", "tells", "telling"].contains(parser.lowerWord(cueEnd - 1))
    else { return nil }
    let end = trimmedEnd(sentence)
    guard cueEnd < end else { return nil }
    var chunkEnd = cueEnd
    while chunkEnd < end && tokens[chunkEnd].kind == .word { chunkEnd += 1 }
    guard chunkEnd > cueEnd, chunkEnd - cueEnd <= 8,
      chunkEnd == end || tokens[chunkEnd].kind == .comma || tokens[chunkEnd].kind == .dash
        || tokens[chunkEnd].kind == .openParen
    else { return nil }
    let chunk = cueEnd..<chunkEnd
    let last = tokens[chunkEnd - 1]
    let head = C.roleNoun | C.groupNoun | C.organisation | C.title
    guard !chunk.contains(where: { tokens[$0].classes & C.auxiliary != 0 }),
      last.isCapitalised || last.classes & head != 0,
      tokens[cueEnd].classes & (C.that | C.clauseSubject | C.preposition) == 0
    else { return nil }
    var clauseEnd = region.upperBound - 1
    while clauseEnd > region.lowerBound
      && (tokens[clauseEnd - 1].kind == .comma || tokens[clauseEnd - 1].kind == .dash)
    {
      clauseEnd -= 1
    }
    let clause = region.lowerBound..<clauseEnd
    let words = clause.filter { tokens[$0].isWord }.count
    let reads =
      words >= 6
      || clause.contains { tokens[$0].classes & C.auxiliary != 0 || tokens[$0].kind == .mark }
    guard reads, !isWholeQuote(clause), let mention = parser.invertedSubject(cueEnd..<end)
    else { return nil }
    return (clause, mention)
  }

  /// `Part of the clause, he said, the rest.`: a cue whose subject is the last of several
  /// chunks and that a comma follows, inside a sentence that goes on for at least three
  /// words (not a quotation).
  ///
  /// - Returns: The whole sentence, frame included, as one reported clause (after the frame
  ///   when only a connective such as `But` precedes it).
  func parentheticalFrame(_ region: Range<Int>, _ cueEnd: Int, _ sentence: Range<Int>)
    -> Range<Int>?
  {
    let end = trimmedEnd(sentence)
    let parts = parser.chunks(region)
    guard parts.count >= 2, let last = parts.last, cueEnd + 4 <= end,
      tokens[cueEnd].kind == .comma, tokens[cueEnd + 1].kind != .mark
    else { return nil }
    switch parser.classify(last) {
    case .name, .pronoun: break
    default: return nil
    }
    guard last.count <= 4 else { return nil }
    // `But, she added, REST`: a lone connective before the frame is not part of the clause.
    let wordsBefore = (region.lowerBound..<last.lowerBound).filter { tokens[$0].isWord }.count
    return wordsBefore <= 1 ? (cueEnd + 1)..<end : region.lowerBound..<end
  }

  func trimmedEnd(_ sentence: Range<Int>) -> Int {
    var end = sentence.upperBound
    while end > sentence.lowerBound && tokens[end - 1].quote < 0
      && (tokens[end - 1].isTerminator || tokens[end - 1].kind == .comma)
    {
      end -= 1
    }
    return end
  }

  func clauseEndIndex(_ start: Int, _ sentence: Range<Int>) -> Int {
    var end = trimmedEnd(sentence)
    var position = start
    while position < end {
      let token = tokens[position]
      // A semicolon, `, while …` / `, whereas …`, or a participle cue (`, saying …`,
      // `, adding that …`) starts another statement.
      if token.quote < 0 && position > start
        && (token.kind == .semicolon
          || (token.kind == .comma && position + 1 < end
            && (["while", "whereas"].contains(parser.lowerWord(position + 1))
              || isParticipleCue(position + 1, sentence))))
      {
        end = position
        break
      }
      if token.quote < 0 && token.kind == .word && token.classes & C.conjunction != 0 {
        var next = position + 1
        if next < end && tokens[next].classes & C.pronoun != 0 {
          next += 1
        } else {
          var names = 0
          while next < end && names < 3 && parser.isNameToken(tokens[next]) {
            next += 1
            names += 1
          }
        }
        if next < end && tokens[next].quote < 0 && tokens[next].cue >= 0
          && tokens[next].classes & C.that == 0,
          let (cue, length) = matchCue(next, sentence),
          lexicon.cueBehaviours[cue] != .directOnly, lexicon.cueBehaviours[cue] != .quoteFollows,
          acceptCue(next, next + length, lexicon.cueBehaviours[cue], sentence)
        {
          end = position
          break
        }
      }
      position += 1
    }
    // A trailing reporter's gloss: `, an idea that …`, `, estimated by …`.
    var lastComma: Int?
    for index in start..<end where tokens[index].kind == .comma && tokens[index].quote < 0 {
      lastComma = index
    }
    if let comma = lastComma, comma + 2 < end {
      let first = parser.lowerWord(comma + 1)
      let second = parser.lowerWord(comma + 2)
      if first == "a" || first == "an" {
        let window = (comma + 2)..<min(end, comma + 7)
        if window.contains(where: { ["that", "which"].contains(parser.lowerWord($0)) }) {
          end = comma
        }
      } else if first.hasSuffix("ed") && second == "by" {
        end = comma
      }
    }
    while end > start && (tokens[end - 1].kind == .comma || tokens[end - 1].kind == .dash) {
      end -= 1
    }
    return end
  }

  /// Whether a cue in `-ing` that reports speech stands at `index` (`saying`, `adding`).
  func isParticipleCue(_ index: Int, _ sentence: Range<Int>) -> Bool {
    guard tokens[index].kind == .word, tokens[index].quote < 0, tokens[index].cue >= 0,
      parser.lowerWord(index).hasSuffix("ing"),
      let (cue, length) = matchCue(index, sentence)
    else { return false }
    let behaviour = lexicon.cueBehaviours[cue]
    return behaviour != .directOnly && behaviour != .quoteFollows
      && acceptCue(index, index + length, behaviour, sentence)
  }

  func isWholeQuote(_ range: Range<Int>) -> Bool {
    guard range.count >= 2, tokens[range.lowerBound].kind == .mark,
      tokens[range.lowerBound + 1].quote >= 0
    else { return false }
    let quote = article.markedQuotes[Int(tokens[range.lowerBound + 1].quote)]
    guard quote.open == range.lowerBound else { return false }
    if let close = quote.close { return close == range.upperBound - 1 }
    return true
  }

  // MARK: - Speakers and output

  /// The source named after `according to`: a speaker, `him`/`her`/`them` as pronouns, or
  /// failing that a described source such as a study or a poll (up to twenty words, cut at
  /// a relative word) that holds a role, group, organisation or document noun (not `state
  /// law`).
  func source(_ range: Range<Int>) -> Mention? {
    if let mention = parser.subject(range) { return mention }
    if range.count == 1, tokens[range.lowerBound].kind == .word {
      let pronouns = ["him": "he", "her": "she", "them": "they"]
      if let pronoun = pronouns[parser.lowerWord(range.lowerBound)] {
        return Mention(
          form: .pronoun, text: pronoun, words: [], role: nil,
          kind: pronoun == "they" ? .group : .person, tokens: range,
          gender: pronoun == "he" ? .male : pronoun == "she" ? .female : nil)
      }
    }
    var end = range.lowerBound
    while end < range.upperBound && end - range.lowerBound < 20 && tokens[end].kind == .word
      && tokens[end].classes & C.relative == 0
    {
      end += 1
    }
    var start = range.lowerBound
    if start < end && ["the", "a", "an"].contains(parser.lowerWord(start)) { start += 1 }
    guard start < end, (start..<end).contains(where: parser.isHead) else { return nil }
    return Mention(
      form: .description, text: parser.text(start..<end), words: [], role: nil,
      kind: parser.roleKind(start..<end), tokens: start..<end)
  }

  /// Whether a description holds a role, group, organisation or document noun of the word
  /// lists (not only an agent ending): `“Q” — a subscriber in …` under a newsletter box is
  /// no attribution.
  func hasListedHead(_ mention: Mention) -> Bool {
    let listed = C.roleNoun | C.groupNoun | C.organisation | C.document
    return mention.tokens.contains { tokens[$0].classes & listed != 0 }
  }

  mutating func resolve(_ mention: Mention, at position: Int) -> Int? {
    let parser = self.parser
    let speaker = resolver.resolve(mention) { parser.fullerName($0, before: position) }
    if speaker != nil {
      let method: AttributionMethod
      switch mention.form {
      case .name: method = .name
      case .pronoun: method = .pronoun
      case .roleReference, .description: method = .role
      }
      lastMention = (mention.tokens, method)
    }
    return speaker
  }

  /// An attribution to `speaker` through the mention resolved last.
  func attribution(_ cue: String?, _ speaker: Int) -> Attribution {
    Attribution(
      cue: cue, speaker: speaker, mention: lastMention?.tokens,
      method: lastMention?.method ?? .name)
  }

  mutating func addIndirect(_ range: Range<Int>, _ attribution: Attribution, _ paragraph: Int) {
    guard !range.isEmpty else { return }
    let byteRange = tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end
    found.append(
      FoundQuote(
        bytes: byteRange, text: article.string(byteRange), kind: .indirect,
        attribution: attribution, paragraph: paragraph))
  }

  /// Whether `bytes` lie inside a reported clause already found.
  ///
  /// A partial quote there (`He said the plan was “reckless” and would fail.`) is part of
  /// that indirect quote and is not reported again: nested and repeated quotes count once.
  func isInsideIndirect(_ bytes: Range<Int>, _ indirect: [Range<Int>]) -> Bool {
    indirect.contains { $0.lowerBound <= bytes.lowerBound && bytes.upperBound <= $0.upperBound }
  }

  mutating func assemble() -> QuoteExtraction {
    let marked = article.markedQuotes
    let indirect = found.map(\.bytes)
    for (index, quote) in marked.enumerated() where quote.continues == nil {
      var chain = [index]
      while let next = marked[chain[chain.count - 1]].continuedBy { chain.append(next) }
      let attributions = quoteAttribution
      guard let attribution = chain.compactMap({ attributions[$0] }).first else { continue }
      let pieces = chain.map { marked[$0].bytes }.filter { !$0.isEmpty }
      guard let first = pieces.first, let last = pieces.last,
        !isInsideIndirect(first.lowerBound..<last.upperBound, indirect)
      else { continue }
      found.append(
        FoundQuote(
          bytes: first.lowerBound..<last.upperBound,
          text: pieces.map { article.string($0) }.joined(separator: " "), kind: .direct,
          attribution: attribution, paragraph: quote.paragraph))
    }
    found.sort { lhs, rhs in
      lhs.bytes.lowerBound != rhs.bytes.lowerBound
        ? lhs.bytes.lowerBound < rhs.bytes.lowerBound : lhs.bytes.upperBound < rhs.bytes.upperBound
    }
    var newIndex = Array(repeating: -1, count: resolver.speakers.count)
    var speakers: [SpeakerQuotes] = []
    var quotes: [Quote] = []
    for item in found {
      let old = item.attribution.speaker
      if newIndex[old] < 0 {
        newIndex[old] = speakers.count
        speakers.append(SpeakerQuotes(speaker: resolver.speakers[old], quotes: []))
      }
      speakers[newIndex[old]].quotes.append(quotes.count)
      var quote = Quote(
        text: item.text, span: article.span(item.bytes), kind: item.kind,
        cue: item.attribution.cue, speaker: resolver.speakers[old], speakerIndex: newIndex[old],
        paragraph: item.paragraph)
      quote.attribution = item.attribution.method
      if let mention = item.attribution.mention, !mention.isEmpty {
        quote.speakerSpan = article.span(
          tokens[mention.lowerBound].start..<tokens[mention.upperBound - 1].end)
      }
      quotes.append(quote)
    }
    return QuoteExtraction(quotes: quotes, speakers: speakers)
  }
}
