/// The steps of reading one sentence (`ExtractionRun.processSentence`), one per shape of
/// attribution. Each step is tried in the order of `handleCue`; the first that fits
/// records the attribution and returns the token where scanning resumes.

/// What a sentence scan has found so far.
struct SentenceScan {
  let sentence: Range<Int>
  let paragraph: Int
  /// The attributions of the sentence with the token index of their cue.
  var attributions: [(position: Int, attribution: Attribution)] = []
  /// The speaker of the sentence's latest attribution (`…, and urged …` reuses it).
  var lastSpeaker: Int?
  /// Tokens before this one belong to a clause or frame already read.
  var consumedUntil: Int

  init(sentence: Range<Int>, paragraph: Int) {
    self.sentence = sentence
    self.paragraph = paragraph
    self.consumedUntil = sentence.lowerBound
  }

  /// Records an attribution made at `position`.
  mutating func record(_ attribution: Attribution, at position: Int) {
    attributions.append((position, attribution))
    lastSpeaker = attribution.speaker
  }
}

/// An accepted cue: its tokens, its behaviour and its words as written.
struct CueSite {
  var start: Int
  var end: Int
  var behaviour: CueBehaviour
  var text: String
}

extension ExtractionRun {
  typealias Region = (tail: Int?, region: Range<Int>)

  /// Hands a cue to the first step that fits its sentence shape; returns where to resume.
  mutating func handleCue(_ cue: CueSite, _ scan: inout SentenceScan) -> Int {
    if let resume = attributeLeadIn(cue, &scan) { return resume }
    var (tail, region) = subjectRegion(before: cue, scan)
    if let quote = tail,
      opensInsideAnOpeningPhrase(quote, scan.sentence)
        || (!region.isEmpty && tokens[region.lowerBound].classes & C.conjunction != 0),
      let start = forwardClauseStart(cue.end, cue.behaviour, scan.sentence),
      opensClause(at: start, trimmedEnd(scan.sentence))
    {
      // `Walking in to chants of “Tolls! Tolls!,” the senator said his campaign was …`: a
      // quotation inside the reporter's opening phrase is not what the speaker of a cue
      // with a clause of its own said. `…, saying, “Q,” but he denied that …`: after a
      // conjunction the cue opens a clause of its own too.
      tail = nil
    }
    if let tail, region.isEmpty { return invertedDirect(cue, tail: tail, &scan) }
    if cue.behaviour == .accordingTo { return accordingTo(cue, region: region, &scan) }
    if tail == nil, let resume = attributeAsFrame(cue, region: region, &scan) { return resume }
    if tail == nil, let inverted = invertedIndirect(region, cue.end, cue.behaviour, scan.sentence) {
      // `CLAUSE, said S(, role).`
      if let speaker = resolve(inverted.mention, at: cue.start) {
        let attribution = attribution(cue.text, speaker)
        scan.record(attribution, at: cue.start)
        addIndirect(inverted.clause, attribution, scan.paragraph)
      }
      scan.consumedUntil = scan.sentence.upperBound
      return scan.sentence.upperBound
    }
    return subjectBeforeCue(cue, tail: tail, region: region, &scan)
  }

  /// The index of the token that ends a closed quote's words: the one before its closing
  /// mark, or before an inner closing mark that closes with it (`“… ‘Who pays?’” Ortiz
  /// asked.`, whose punctuation stands before the inner mark).
  func closingPunctuation(of quote: MarkedQuote, close: Int) -> Int {
    tokens[close - 1].kind == .mark && close - 2 > quote.open ? close - 2 : close - 1
  }

  /// The words between the last consumed token and the cue, and the direct quote they follow
  /// if the cue is that quote's tail.
  ///
  /// A closing mark before the cue with nothing but a short phrase in between (at most 14
  /// words, no auxiliary) makes a tail: `“Q,” said S`, `“Q,” S said`. The mark must follow
  /// `,”`, `?”`, `!”`, `.”`, `—”` or be followed by `,` or `—` (or the cue itself), so a
  /// partial quote mid-clause is not one. Leading commas and dashes leave the region.
  func subjectRegion(before cue: CueSite, _ scan: SentenceScan) -> Region {
    var regionStart = max(scan.sentence.lowerBound, scan.consumedUntil)
    var tailQuote: Int?
    var look = cue.start - 1
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
      let inner = tokens[closingPunctuation(of: article.markedQuotes[tail], close: close)]
      let after = tokens[close + 1]
      let punctuated =
        inner.kind == .comma || inner.kind == .question || inner.kind == .exclamation
        || inner.kind == .dash || inner.kind == .period || after.kind == .comma
        || after.kind == .dash || close + 1 == cue.start
      if !punctuated || isEmbeddedTerm(article.markedQuotes[tail]) {
        tailQuote = nil
      } else if isTitle(article.markedQuotes[tail]) {
        // `…, who wrote a book titled “The Long Span,” said …`: a title is no quote to tail;
        // one that closes with a full stop (`cheered “Mayor Okafor.” Many said …`) ends
        // the sentence before the cue's.
        // `On Harbour Radio’s “Morning Tide,” Ortiz said …`: a title closing with a comma
        // ends the phrase before the subject.
        tailQuote = nil
        if inner.kind == .period || inner.kind == .comma { regionStart = close + 1 }
      }
    }
    if let tail = tailQuote {
      regionStart = (article.markedQuotes[tail].close ?? cue.start) + 1
      let words = (regionStart..<cue.start).filter { tokens[$0].isWord }.count
      let hasClause = (regionStart..<cue.start).contains {
        tokens[$0].classes & C.auxiliary != 0
      }
      if words > 14 || hasClause { tailQuote = nil }
    }
    while regionStart < cue.start
      && (tokens[regionStart].kind == .comma || tokens[regionStart].kind == .dash)
    {
      regionStart += 1
    }
    return (tailQuote, regionStart..<cue.start)
  }

  /// Whether a quotation opens inside a phrase of the reporter's that opens its sentence: a
  /// participle or prepositional phrase with no auxiliary (`Walking in to chants of
  /// “Tolls!,”`), not a clause of its own (`The vote was “a betrayal,”`).
  func opensInsideAnOpeningPhrase(_ quote: Int, _ sentence: Range<Int>) -> Bool {
    let open = article.markedQuotes[quote].open
    guard open > sentence.lowerBound + 1 else { return false }
    let before = sentence.lowerBound..<open
    return opensModifier(before) && !before.contains { tokens[$0].classes & C.auxiliary != 0 }
  }

  /// Whether a closed quotation ends with a full stop, question or exclamation mark inside
  /// its closing mark: a sentence of its own before the cue.
  func endsItsSentence(_ quote: Int) -> Bool {
    guard let close = article.markedQuotes[quote].close else { return false }
    let kind = tokens[closingPunctuation(of: article.markedQuotes[quote], close: close)].kind
    return kind == .period || kind == .question || kind == .exclamation
  }

  /// `“Q,” said S, role.`: the speaker follows the cue, up to the next mark or sentence end.
  mutating func invertedDirect(_ cue: CueSite, tail: Int, _ scan: inout SentenceScan) -> Int {
    var end = cue.end
    while end < scan.sentence.upperBound && tokens[end].kind != .mark
      && !tokens[end].isTerminator
    {
      end += 1
    }
    if let mention = parser.invertedSubject(cue.end..<end),
      let speaker = resolve(mention, at: cue.start)
    {
      let attribution = attribution(cue.text, speaker)
      quoteAttribution[tail] = quoteAttribution[tail] ?? attribution
      scan.record(attribution, at: cue.start)
      // `“Q,” said Tom Okafor, who said CLAUSE`: the relative's own cue is read next.
      if let who = relativeCue(after: mention.tokens.upperBound, end, scan.sentence) {
        scan.consumedUntil = who
        return who
      }
    }
    scan.consumedUntil = end
    return end
  }

  /// `according to S, CLAUSE`, `PART, according to S, REST` and `CLAUSE, according to S`.
  ///
  /// The source runs from the cue to the next comma; with fewer than three words before the
  /// cue the clause follows that comma, with three or more words after it (and no
  /// appositive `a …`/`who …`) the clause is the whole sentence around the frame, else the
  /// clause is what comes before the cue.
  mutating func accordingTo(_ cue: CueSite, region: Range<Int>, _ scan: inout SentenceScan)
    -> Int
  {
    let end = trimmedEnd(scan.sentence)
    let regionStart = region.lowerBound
    var comma: Int?
    for position in cue.end..<end
    where tokens[position].kind == .comma && tokens[position].quote < 0 {
      comma = position
      break
    }
    let mention: Mention?
    let clause: Range<Int>
    var before = cue.start
    while before > regionStart && tokens[before - 1].kind == .comma { before -= 1 }
    let wordsBefore = (regionStart..<before).filter { tokens[$0].isWord }.count
    let afterComma = comma.map { ($0 + 1)..<end } ?? end..<end
    let wordsAfter = afterComma.filter { tokens[$0].isWord }.count
    let appositive =
      !afterComma.isEmpty
      && ["a", "an", "which", "who", "whose"].contains(parser.lowerWord(afterComma.lowerBound))
    if let comma, comma + 1 < end, wordsBefore < 3 {
      mention = source(cue.end..<comma)
      clause = (comma + 1)..<end
    } else if let comma, wordsAfter >= 3, !appositive {
      mention = source(cue.end..<comma)
      clause = regionStart..<end
    } else {
      mention = source(cue.end..<(comma ?? end))
      clause = regionStart..<before
    }
    if let mention, let speaker = resolve(mention, at: cue.start), !clause.isEmpty {
      let attribution = attribution(cue.text, speaker)
      scan.record(attribution, at: cue.start)
      // `according to S, in a statement, “Q”`: the quote is S's own words; the direct quote
      // takes this attribution (`attachDirectQuotes`) and no clause is reported around it.
      if !isWholeQuote(quoteAfterPhrase(clause)) {
        addIndirect(clause, attribution, scan.paragraph)
      }
    }
    scan.consumedUntil = scan.sentence.upperBound
    return scan.sentence.upperBound
  }

  /// What follows a short phrase opened by a preposition and a comma or colon at the start
  /// of `clause` (`in a statement, “Q”`, `in an interview released Friday: “Q”`), or
  /// `clause` when it opens otherwise.
  func quoteAfterPhrase(_ clause: Range<Int>) -> Range<Int> {
    guard !clause.isEmpty, parser.opensPhrase(clause.lowerBound) else { return clause }
    var index = clause.lowerBound + 1
    while index < min(clause.upperBound, clause.lowerBound + 8) {
      let token = tokens[index]
      if token.quote >= 0 || token.kind == .mark { return clause }
      if token.kind == .comma || token.kind == .colon { return (index + 1)..<clause.upperBound }
      index += 1
    }
    return clause
  }

  /// Attributes a cue whose subject stands before it.
  ///
  /// Handles `S said (that) CLAUSE`, `S urged Y to …`, `“Q,” S said`, the reverse
  /// `CLAUSE, S said.` / `…, he said, REST.` and the frame `PART, S said, REST`. With no
  /// subject of its own (`…, and urged …`) the sentence's previous speaker is used.
  mutating func subjectBeforeCue(
    _ cue: CueSite, tail: Int?, region: Range<Int>, _ scan: inout SentenceScan
  ) -> Int {
    let sentence = scan.sentence
    var clauseStart = tail == nil ? forwardClauseStart(cue.end, cue.behaviour, sentence) : nil
    if let tail, endsItsSentence(tail),
      let start = forwardClauseStart(cue.end, cue.behaviour, sentence),
      opensClause(at: start, trimmedEnd(sentence))
    {
      // `“… back in class.” Haddad said he would …`: a quotation that ends its own sentence
      // is attributed by the cue, and a clause with a subject and a verb after the cue is a
      // quote too.
      clauseStart = start
    }
    var reverse: (clause: Range<Int>, subject: Range<Int>)?
    if tail == nil && clauseStart == nil && cue.behaviour != .directOnly
      && cue.behaviour != .objectThenInfinitive && cue.behaviour != .quoteFollows
    {
      reverse = reverseClause(region)
    }
    var mention: Mention?
    if let reverse {
      mention = parser.subject(reverse.subject)
    } else if region.isEmpty || sharesTheSpeaker(cue, scan) {
      mention = nil
    } else if let absolute = absoluteSubject(cue, region) {
      // `…, with Sen. Tom Okafor calling it “…”`: the participle's own subject.
      mention = absolute
    } else {
      mention = parser.subject(region)
    }
    if scan.lastSpeaker == nil, isParticipleAfterComma(cue),
      let shared = openingSubject(cue, sentence)
    {
      // `The harbour board gave the mayor some credit, saying …`: the sentence's subject.
      mention = shared
    }
    if mention == nil && scan.lastSpeaker == nil {
      mention = coordinatedSubject(cue, region, sentence)
    }
    var resolved = mention.flatMap { resolve($0, at: cue.start) }
    if resolved == nil, mention?.form == .pronoun, !region.isEmpty,
      let named = parser.subject(reverse?.subject ?? region, pronounBeforeCue: false),
      named.form != .pronoun
    {
      // A pronoun before the cue with nobody to refer to: the name earlier in the sentence.
      resolved = resolve(named, at: cue.start)
    }
    if resolved == nil, scan.lastSpeaker == nil, let pronoun = mention, pronoun.form == .pronoun,
      let person = openingPerson(agreeingWith: pronoun)
    {
      // `Tom Okafor arrived late. He said …`: the person the sentence before opens with.
      resolved = resolve(person, at: cue.start)
      if resolved != nil { lastMention = (pronoun.tokens, .pronoun) }
    }
    guard let speaker = resolved ?? scan.lastSpeaker else { return cue.end }
    let attribution = attribution(cue.text, speaker)
    scan.record(attribution, at: cue.start)
    if let tail {
      quoteAttribution[tail] = quoteAttribution[tail] ?? attribution
      scan.consumedUntil = cue.end
      if clauseStart == nil { return cue.end }
    }
    if tail == nil, let named = namedObjectQuote(cue, sentence) {
      // `called the plan a “disaster”`: the object and the words given to it, one quote.
      addIndirect(named, attribution, scan.paragraph)
      scan.consumedUntil = named.upperBound
      return named.upperBound
    }
    if let clauseStart {
      var clauseEnd = relativeClauseEnd(
        cueStart: cue.start, clauseStart: clauseStart,
        clauseEnd: clauseEndIndex(clauseStart, sentence))
      if opensWithSubordinator(sentence.lowerBound..<cue.start),
        let comma = (clauseStart..<clauseEnd).first(where: {
          tokens[$0].kind == .comma && tokens[$0].quote < 0
        })
      {
        // `While Ortiz said the piers were sound, she …`: the main clause after the comma is
        // the reporter's.
        clauseEnd = comma
      }
      if clauseEnd > clauseStart && !isWholeQuote(clauseStart..<clauseEnd) {
        addIndirect(clauseStart..<clauseEnd, attribution, scan.paragraph)
      }
      scan.consumedUntil = max(clauseEnd, cue.end)
      return scan.consumedUntil
    }
    if reverse == nil, let frame = parentheticalFrame(region, cue.end, sentence) {
      addIndirect(frame, attribution, scan.paragraph)
      scan.consumedUntil = sentence.upperBound
      return sentence.upperBound
    }
    if let reverse {
      let end = trimmedEnd(sentence)
      let goesOn = cue.end < end && tokens[cue.end].kind == .comma && end - (cue.end + 1) >= 3
      // `It was too late, Raman said, so the council voted.`: one clause around the frame;
      // not before a participle phrase (`…, he said, facing five ships`), reported apart.
      if goesOn && !isWholeQuote(reverse.clause) && !parser.lowerWord(cue.end + 1).hasSuffix("ing")
      {
        addIndirect(reverse.clause.lowerBound..<end, attribution, scan.paragraph)
        scan.consumedUntil = sentence.upperBound
        return sentence.upperBound
      }
      if !isWholeQuote(reverse.clause) { addIndirect(reverse.clause, attribution, scan.paragraph) }
      if goesOn { addIndirect((cue.end + 1)..<end, attribution, scan.paragraph) }
      scan.consumedUntil = sentence.upperBound
      return sentence.upperBound
    }
    return cue.end
  }

  /// Whether a sentence opens with a subordinate clause (`While …`, `Even as …`, `Although
  /// …`, `When …`, `Because …`, `If …`), whose first comma ends it: the words before the cue
  /// hold no comma.
  func opensWithSubordinator(_ range: Range<Int>) -> Bool {
    var index = range.lowerBound
    while index < range.upperBound && !tokens[index].isWord { index += 1 }
    guard index < range.upperBound,
      !(index..<range.upperBound).contains(where: { tokens[$0].kind == .comma })
    else { return false }
    if parser.lowerWord(index) == "even" && index + 1 < range.upperBound { index += 1 }
    let openers: Set<String> = [
      "while", "when", "as", "although", "though", "because", "if", "whereas", "once",
      "unless", "since",
    ]
    return openers.contains(parser.lowerWord(index))
  }

  /// The object of a naming cue and the quoted words it is given, as one quote.
  ///
  /// `called the plan a “disaster”`, `described him as “reckless” and “rude”`: after
  /// `call`/`describe` (`dub`, `label`, `brand`), one to eight words with no punctuation and
  /// no preposition (`described the talks in a statement as “…”` keeps the quotation
  /// alone) ending in `a`, `an` or `as`, or words and then a term of at most three words
  /// that opens with no article (`called the board “reckless”`), then a quotation that
  /// closes in the sentence (and a second one after `and`/`or`). With no words before the
  /// quotation (`called “…”`) the quotation alone is the quote.
  func namedObjectQuote(_ cue: CueSite, _ sentence: Range<Int>) -> Range<Int>? {
    let naming: Set<String> = [
      "called", "calling", "calls", "call", "described", "describing", "describes", "dubbed",
      "labeled", "labelled", "branded",
    ]
    guard cue.behaviour == .directOnly, cue.end - cue.start == 1,
      naming.contains(parser.lowerWord(cue.start))
    else { return nil }
    func closeOfQuote(openingAt position: Int) -> Int? {
      guard position + 1 < sentence.upperBound, tokens[position].kind == .mark,
        tokens[position + 1].quote >= 0,
        let close = article.markedQuotes[Int(tokens[position + 1].quote)].close,
        close < sentence.upperBound
      else { return nil }
      return close
    }
    var position = cue.end
    while position < min(sentence.upperBound, cue.end + 8),
      tokens[position].kind == .word || tokens[position].kind == .number,
      tokens[position].quote < 0, tokens[position].classes & C.preposition == 0
    {
      position += 1
    }
    guard position > cue.end, var close = closeOfQuote(openingAt: position) else { return nil }
    if position == cue.end + 1 || !["a", "an", "as"].contains(parser.lowerWord(position - 1)) {
      // `called the board “reckless”`: a short term with no article of its own names the
      // object too; `called the plan “a waste of money”` keeps the quotation alone.
      let inner = (position + 1)..<close
      guard inner.filter({ tokens[$0].isWord }).count <= 3,
        let first = inner.first(where: { tokens[$0].isWord }),
        !["a", "an", "the"].contains(parser.lowerWord(first))
      else { return nil }
    }
    if close + 2 < sentence.upperBound, ["and", "or"].contains(parser.lowerWord(close + 1)),
      let second = closeOfQuote(openingAt: close + 2)
    {
      close = second
    }
    return cue.end..<(close + 1)
  }

  /// The subject a coordinated cue shares with the sentence (`He is careful to call it “Q,”
  /// and says …`, `Other engineers with no role in the project objected and said …`): when
  /// the cue follows `and`/`but`, the noun phrase the sentence opens with, up to its first
  /// verb (a description only when such a verb ends it).
  func coordinatedSubject(_ cue: CueSite, _ region: Range<Int>, _ sentence: Range<Int>)
    -> Mention?
  {
    guard cue.start > sentence.lowerBound, !region.isEmpty,
      tokens[cue.start - 1].kind == .word, tokens[cue.start - 1].classes & C.conjunction != 0
    else { return nil }
    return openingSubject(cue, sentence)
  }

  /// The subject of the sentence's first clause.
  ///
  /// The first chunk (not a phrase opened by a preposition or a participle, `After the
  /// storm,`, `Walking to the depot,`) with a verb after its first word, up to that verb
  /// (within twelve tokens). A place or time chunk with no verb (`Salem, New Hampshire,`,
  /// `Hours later,`) is skipped.
  func openingSubject(_ cue: CueSite, _ sentence: Range<Int>) -> Mention? {
    guard let clause = firstClauseVerb(sentence.lowerBound..<cue.start) else { return nil }
    return parser.subject(clause.subject)
  }

  /// The first clause's subject tokens and verb in `region`.
  ///
  /// The first chunk not opened by a preposition or a participle that has a verb after its
  /// first word (within twelve tokens); `subject` runs from the chunk's start to that verb.
  /// Chunks with no verb (`Salem, New Hampshire,`, `Hours later,`) are skipped.
  func firstClauseVerb(_ region: Range<Int>) -> (subject: Range<Int>, verb: Int)? {
    for chunk in parser.chunks(region) where !opensModifier(chunk) {
      let body = (chunk.lowerBound + 1)..<min(chunk.upperBound, chunk.lowerBound + 12)
      guard let verb = body.first(where: { parser.looksLikeVerb($0) }) else { continue }
      return (chunk.lowerBound..<verb, verb)
    }
    return nil
  }

  /// Direct quotes of the sentence that no cue claimed as its tail take the nearest
  /// attribution before them in the sentence (`S said: “Q”`, `S said the army would “Q”`),
  /// else the nearest after; `“Q” — S` names S with no cue.
  mutating func attachDirectQuotes(_ sentence: Range<Int>, _ scan: inout SentenceScan) {
    for quote in quotesOpening(in: sentence) where quoteAttribution[quote] == nil {
      let marked = article.markedQuotes[quote]
      if marked.continues != nil { continue }
      if let label = colonLabel(before: marked.open, sentence),
        let speaker = resolve(label, at: label.tokens.lowerBound)
      {
        // `Bush: “The mission is to destroy ISIS.”`: the name before the colon says it.
        let attribution = attribution(nil, speaker)
        quoteAttribution[quote] = attribution
        scan.attributions.append((label.tokens.lowerBound, attribution))
      } else if scan.attributions.isEmpty,
        let subject = colonClauseSubject(before: marked.open, sentence),
        let speaker = resolveSubject(subject, at: subject.tokens.lowerBound, scan)
      {
        // `The harbour board, in its reply, put it plainly: “Q”`: the clause's subject.
        let attribution = attribution(nil, speaker)
        quoteAttribution[quote] = attribution
        scan.record(attribution, at: subject.tokens.lowerBound)
      } else if let before = scan.attributions.last(where: { $0.position < marked.open }) {
        quoteAttribution[quote] = before.attribution
      } else if let after = scan.attributions.first(where: { $0.position > marked.open }) {
        quoteAttribution[quote] = after.attribution
      } else if let close = marked.close, close + 1 < sentence.upperBound,
        tokens[close + 1].kind == .dash
      {
        let end = trimmedEnd(sentence)
        if close + 2 < end, let mention = parser.invertedSubject((close + 2)..<end),
          mention.form == .name || (mention.form == .description && hasListedHead(mention)),
          let speaker = resolve(mention, at: close + 2)
        {
          let attribution = attribution(nil, speaker)
          quoteAttribution[quote] = attribution
          scan.attributions.append((close + 2, attribution))
        }
      }
    }
  }
}
