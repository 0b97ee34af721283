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
///   previous paragraph's speaker, unless a sentence in between opens with another person's
///   name or a frame right after the quote names someone (`“Not now,” Tom Okafor growled.`:
///   `frameAfterQuote`).
///
/// A direct quote inside a reported clause found as an indirect quote is part of it and is
/// not reported again, and a title or name in quotation marks inside a sentence (`on ABC’s
/// “This Week,”`) is not a quote. Quotes that end up with no speaker (scare quotes in the reporter's own
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

struct Attribution {
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

struct FoundQuote {
  var bytes: Range<Int>
  var text: String
  var kind: QuoteKind
  var attribution: Attribution
  var paragraph: Int
}

struct ExtractionRun {
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
  /// The body sentence read before the current one (`openingPerson` looks there).
  var previousSentence: Range<Int>?
  /// The body sentence read before `previousSentence` (`openingPerson` looks there next).
  var sentenceBeforePrevious: Range<Int>?
  /// Up to four body sentences read before `sentenceBeforePrevious`, latest last
  /// (`openingPerson` looks there when the two before name no person as a subject).
  var earlierSentences: [Range<Int>] = []

  init(article: Article, bytes: UnsafeBufferPointer<UInt8>) {
    self.article = article
    self.tokens = article.tokens
    self.bytes = bytes
    self.lexicon = article.lexicon
    self.parser = MentionParser(tokens: article.tokens, bytes: bytes)
    self.quoteAttribution = Array(repeating: nil, count: article.markedQuotes.count)
    self.earlierSentences.reserveCapacity(4)
  }

  mutating func run() -> QuoteExtraction {
    headlineAttribution()
    var previousParagraphLast: Attribution?
    // Where `previousParagraphLast` was given (its cue), and that paragraph's sentences: a
    // person named after it keeps a quote-only paragraph from continuing it.
    var previousParagraphEnd = 0
    var previousSentences: [Range<Int>] = []
    var nextQuote = 0
    let marked = article.markedQuotes
    for (paragraph, layout) in article.layout.enumerated() where layout.role == .body {
      paragraphAttributions = []
      for sentence in layout.sentences {
        processSentence(sentence, paragraph: paragraph)
        if let older = sentenceBeforePrevious {
          if earlierSentences.count == 4 { earlierSentences.removeFirst() }
          earlierSentences.append(older)
        }
        sentenceBeforePrevious = previousSentence
        previousSentence = sentence
      }
      // Quotes of this paragraph still without a speaker continue one.
      while nextQuote < marked.count && marked[nextQuote].paragraph < paragraph { nextQuote += 1 }
      var index = nextQuote
      while index < marked.count && marked[index].paragraph == paragraph {
        defer { index += 1 }
        guard quoteAttribution[index] == nil, marked[index].continues == nil,
          !isTerm(marked[index], layout.sentences)
        else { continue }
        let open = marked[index].open
        if let framedQuote = frameAfterQuote(marked[index], layout.sentences) {
          // `“Not now,” Tom Okafor growled.`: someone is named right after the quote; after
          // `“Out!” the crowd yelled.` the quote goes to nobody.
          guard case .speaker(let framed) = framedQuote else { continue }
          quoteAttribution[index] = framed
          let position = (marked[index].close ?? open) + 1
          let at = paragraphAttributions.firstIndex { $0.position > position }
          paragraphAttributions.insert(
            (position, framed), at: at ?? paragraphAttributions.endIndex)
        } else if let before = paragraphAttributions.last(where: { $0.position < open }) {
          // `“A,” said Okafor. Dana Ortiz disagreed. “B.”`: not Okafor's.
          guard
            !namesAnotherPerson(
              before.position..<open, sentences: layout.sentences,
              speaker: before.attribution.speaker)
          else { continue }
          quoteAttribution[index] = before.attribution.continued
        } else if let after = paragraphAttributions.first(where: { $0.position > open }) {
          quoteAttribution[index] = after.attribution.continued
        } else if open == layout.tokens.lowerBound, let last = previousParagraphLast {
          guard
            !namesAnotherPerson(
              previousParagraphEnd..<open, sentences: previousSentences,
              speaker: last.speaker)
          else { continue }
          quoteAttribution[index] = last.continued
        }
      }
      previousSentences = layout.sentences
      // Where the next paragraph's continuation starts looking for another person's name:
      // after the last cue, else after the last quote (`“B.” Dana Ortiz disagreed.`).
      if let last = paragraphAttributions.last {
        previousParagraphEnd = last.position
      } else if index > nextQuote {
        previousParagraphEnd = marked[index - 1].close ?? marked[index - 1].open
      } else {
        previousParagraphEnd = layout.tokens.upperBound
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
  /// or a document ending at a colon (or at a capitalised `Says`, `Said`, `Warns`: `Harbour
  /// Board Says Ferry Will Run`) attributes what follows to it. A label opened by `the` (`The
  /// Latest:`) is a rubric, not a source.
  mutating func headlineAttribution() {
    guard article.layout.count > 1, let first = article.layout.first,
      first.role == .headline || first.role == .body
    else { return }
    let range = first.tokens
    // `Harbour Board Says Ferry Will Run in May`: in a headline a capitalised `Says` after
    // the source stands where the colon would.
    let saysWords = ["says", "say", "said", "warns"]
    guard range.filter({ tokens[$0].isWord }).count <= 30,
      let colon = range.prefix(8).first(where: {
        tokens[$0].quote < 0
          && (tokens[$0].kind == .colon
            || (tokens[$0].kind == .word && tokens[$0].isCapitalised
              && saysWords.contains(self.parser.lowerWord($0))))
      }),
      colon > range.lowerBound
    else { return }
    let end = trimmedEnd(range)
    // `Tuesday’s Morning Email:` is a rubric named by a day, not a source.
    let timed = C.weekday | C.timeName | C.timeWord
    let parser = self.parser
    func isTimed(_ index: Int) -> Bool {
      var word = parser.lowerWord(index)
      for suffix in ["'s", "’s"] where word.hasSuffix(suffix) { word.removeLast(suffix.count) }
      return tokens[index].classes & timed != 0 || WordLists.weekdays.contains(word)
    }
    guard end - (colon + 1) >= 3,
      (range.lowerBound..<colon).allSatisfy({ tokens[$0].quote < 0 && !isTimed($0) }),
      parser.lowerWord(range.lowerBound) != "the",
      let mention = parser.subject(range.lowerBound..<colon), mention.form != .pronoun,
      mention.tokens.upperBound == colon,
      let speaker = resolve(mention, at: range.lowerBound)
    else { return }
    addIndirect((colon + 1)..<end, attribution(nil, speaker), 0)
  }

  // MARK: - Sentences

  /// Reads one sentence's cues left to right and attributes its quotes.
  ///
  /// Each accepted cue is handled by the first step whose sentence shape it fits (see the
  /// steps below, in order); a step records the attribution, adds any indirect quote and
  /// says where scanning resumes. Direct quotes of the sentence that no cue claimed as its
  /// tail then take the nearest attribution (`attachDirectQuotes`).
  mutating func processSentence(_ sentence: Range<Int>, paragraph: Int) {
    var scan = SentenceScan(sentence: sentence, paragraph: paragraph)
    var index = sentence.lowerBound
    while index < sentence.upperBound {
      let token = tokens[index]
      guard index >= scan.consumedUntil, token.quote < 0, token.kind == .word, token.cue >= 0,
        let (cueIndex, length) = matchCue(index, sentence)
      else {
        index += 1
        continue
      }
      let behaviour = lexicon.cueBehaviours[cueIndex]
      guard acceptCue(index, index + length, behaviour, sentence) else {
        index += 1
        continue
      }
      let cue = CueSite(
        start: index, end: index + length, behaviour: behaviour,
        text: parser.text(index..<(index + length)))
      index = handleCue(cue, &scan)
    }
    attachDirectQuotes(sentence, &scan)
    if scan.attributions.isEmpty,
      let subject = colonClauseSubject(before: sentence.upperBound, sentence),
      let speaker = resolveSubject(subject, at: subject.tokens.lowerBound, scan)
    {
      // `Tom Okafor put it plainly:` closing its paragraph: the quote paragraph after it.
      scan.record(attribution(nil, speaker), at: subject.tokens.lowerBound)
    }
    paragraphAttributions.append(contentsOf: scan.attributions)
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
      && (end == range.lowerBound || !parser.looksLikeVerb(end))
    {
      end += 1
    }
    var start = range.lowerBound
    if start < end && ["the", "a", "an"].contains(parser.lowerWord(start)) { start += 1 }
    // `the website from`: a modifier cut short ends before its function word.
    while end - start > 1 && parser.opensPhrase(end - 1) { end -= 1 }
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
    // Headline fragments, rubric words, quantifiers: no entity, no speaker.
    guard let mention = parser.entity(mention) else { return nil }
    // `Okafor spoke first. Ruth Vance took the podium. She said …`: Vance, not Okafor.
    let person = mention.form == .pronoun ? intervening(agreeingWith: mention) : nil
    // `NATO's secretary general` is a person the article names elsewhere, not whoever was
    // the subject just before.
    let recent =
      mention.form == .roleReference && !tokens[mention.tokens.lowerBound].isPossessive
      ? describedSubject(mention) : nil
    let speaker = resolver.resolve(
      person ?? mention, fullerName: { parser.fullerName($0, before: position) },
      namedReferent: { parser.namedReferent($0, before: $0.tokens.lowerBound) ?? recent })
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

  /// Adds a reported clause, unless it is a single word (`said little`) or a short phrase
  /// opened by a preposition (`according to her, in a statement, “…”` gives no clause
  /// `in a statement`): neither reports what was said.
  mutating func addIndirect(_ range: Range<Int>, _ attribution: Attribution, _ paragraph: Int) {
    guard !range.isEmpty else { return }
    let words = range.filter { tokens[$0].isWord }.count
    if words < 2 && !range.contains(where: { tokens[$0].quote >= 0 }) { return }
    if words <= 4 && parser.opensPhrase(range.lowerBound) { return }
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
      guard let attribution = chain.compactMap({ attributions[$0] }).first,
        chain.count > 1 || !isTitle(quote)
      else { continue }
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
