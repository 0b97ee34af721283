/// Cue matching and clause boundaries for `ExtractionRun`: which lexicon cue stands at a
/// token, whether it reports speech there, and where the reported clause around it starts
/// (its end is `QuoteExtractor+ClauseEnds.swift`'s).
extension ExtractionRun {
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
      // `X asked, “Q?”`: the question itself follows; `“Q?” X asked.`: it comes before.
      if opensDirectQuote(after: cueEnd, sentence) || closesDirectQuote(before: index, sentence)
        || quoteAfterAskedObject(cueEnd, sentence)
      {
        return true
      }
      // `Ortiz asked the board whether …`: the question a named asker put; `Ortiz, asked
      // whether …, said` and `when asked whether` are passives with no asker.
      if askedQuestionStart(cueEnd, sentence) != nil {
        return index > sentence.lowerBound && tokens[index - 1].kind == .word
          && !["when", "if", "after", "before", "once", "as", "unless", "until", "while"]
            .contains(parser.lowerWord(index - 1))
      }
      // `asked about …`, `asked for …` are no speech.
      if cueEnd < sentence.upperBound
        && ["whether", "if", "about", "how", "why", "when", "what", "for"].contains(
          parser.lowerWord(cueEnd))
      {
        return false
      }
      // `called for an inquiry`: what is called for is the quote, whatever follows.
      // `his call for`, `the original call for`: a noun after a possessive or determiner.
      if parser.lowerWord(cueEnd - 1) == "for" {
        let previous = tokens[index - 1]
        return !previous.isPossessive && previous.classes & C.determiner == 0
          && cueEnd + 1 < sentence.upperBound && tokens[cueEnd].kind == .word
          && tokens[cueEnd].quote < 0
      }
      // `accused the board of hiding …`: `of` stands where the others have `to`.
      let linker = parser.lowerWord(index).hasPrefix("accus") ? "of" : "to"
      var position = cueEnd
      while position < min(sentence.upperBound, cueEnd + 8) {
        let token = tokens[position]
        if token.kind != .word && token.kind != .number { return false }
        if token.classes & C.auxiliary != 0 { return false }
        if parser.lowerWord(position) == linker { return position > cueEnd }
        position += 1
      }
      return false
    case .thatClause:
      // `A poll showed that 72 percent of riders said …`: the report inside is the quote.
      guard let start = thatClauseStart(after: cueEnd, sentence) else { return false }
      return !(start..<sentence.upperBound).contains {
        tokens[$0].cue >= 0 && tokens[$0].quote < 0
          && lexicon.cueBehaviours[Int(tokens[$0].cue)] == .clauseOptionalThat
      }
    case .quoteFollows:
      // `X continued:` closing its paragraph introduces the quote paragraph after it.
      let endsWithColon =
        cueEnd + 1 == sentence.upperBound && tokens[cueEnd].kind == .colon
      return opensDirectQuote(after: cueEnd, sentence) || endsWithColon
    case .directOnly:
      if quoteClosesBeforeSubject(of: index, sentence) { return true }
      if mannerClauseStart(cueEnd, sentence) != nil { return true }
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

  /// Whether a direct quote closes right before a cue and its subject (`“Q?” Mrs. Ortiz
  /// asked`, `“Q?” asked Ortiz`): a closing mark, an optional comma, then at most five words.
  func closesDirectQuote(before index: Int, _ sentence: Range<Int>) -> Bool {
    var position = index - 1
    var words = 0
    while position >= sentence.lowerBound && tokens[position].kind == .word
      && tokens[position].quote < 0 && words < 5
    {
      position -= 1
      words += 1
    }
    if position >= sentence.lowerBound && tokens[position].kind == .comma { position -= 1 }
    guard position > sentence.lowerBound, tokens[position].kind == .mark,
      tokens[position - 1].quote >= 0
    else { return false }
    let quote = article.markedQuotes[Int(tokens[position - 1].quote)]
    return quote.close == position
  }

  /// Whether the word before a cue leaves it a report of speech.
  ///
  /// A form of `be` before a participle makes it passive (`was told`, `is said to`), but not
  /// before `-ing` (`is saying`); `has said`, `will say` and a name that looks like a modal
  /// (`Elizabeth May said`) stay. A capitalised cue after a word is part of a name
  /// (`United States`), a participle after a possessive is an adjective (`his repeated slips`),
  /// and a cue that is also a plural noun needs a subject-like word before it (`the report
  /// states that`, not `swing states that`).
  func acceptAfter(_ previous: Token, cue index: Int) -> Bool {
    let cue = tokens[index]
    if previous.kind == .word && previous.classes & C.beForm != 0 {
      return parser.lowerWord(index).hasSuffix("ing")
    }
    if cue.isCapitalised && (previous.kind == .word || previous.kind == .number) { return false }
    if isPassiveAfterAdverbs(index) { return false }
    // `his repeated mistakes`, `the senator’s stated aim`: after a possessive a participle is
    // an adjective (a noun cue, `his warning that …`, stays).
    if previous.kind == .word && parser.lowerWord(index).hasSuffix("ed")
      && (previous.isPossessive
        || ["his", "her", "their", "its", "our", "my", "your"].contains(
          parser.lowerWord(index - 1)))
    {
      return false
    }
    if cue.classes & C.nounLikeCue != 0 {
      let subjectLike = C.pronoun | C.roleNoun | C.groupNoun | C.organisation | C.document
      // `over the Baltic states`: a capitalised modifier after an article or preposition.
      if previous.isCapitalised && index >= 2 && tokens[index - 2].kind == .word
        && tokens[index - 2].classes & (C.determiner | C.preposition) != 0
      {
        return false
      }
      return previous.kind == .word
        && (previous.isCapitalised || previous.classes & subjectLike != 0)
        && previous.classes & C.determiner == 0
    }
    return true
  }

  /// Whether a cue in `-ed` is a passive past up to three adverbs or time words (`what's
  /// today typically called “…”`, `was later described as`): a name for something, no
  /// speaker's words.
  func isPassiveAfterAdverbs(_ index: Int) -> Bool {
    guard parser.lowerWord(index).hasSuffix("ed") else { return false }
    var position = index - 1
    var skipped = 0
    while position >= 0 && skipped < 3 && tokens[position].kind == .word
      && !tokens[position].isCapitalised
      && (parser.lowerWord(position).hasSuffix("ly")
        || tokens[position].classes & (C.trailingAdverb | C.timeWord) != 0)
    {
      position -= 1
      skipped += 1
    }
    guard skipped > 0, position >= 0, tokens[position].kind == .word else { return false }
    let word = parser.lowerWord(position)
    return tokens[position].classes & C.beForm != 0
      || (!tokens[position].isCapitalised && word.hasSuffix("'s"))
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
    if let start = thatAfterAside(cueEnd, end), behaviour != .thatClause { return start }
    switch behaviour {
    case .clauseOptionalThat:
      if next.kind == .word && next.classes & C.that != 0 {
        return cueEnd + 1 < end ? cueEnd + 1 : nil
      }
      // `said Tuesday the province would …`: a time phrase, then a clause.
      if let start = clauseAfterTimePhrase(cueEnd, end) { return start }
      // `said there were …`: `there` before a verb opens the clause.
      if next.kind == .word && next.classes & C.clauseSubject != 0 && cueEnd + 1 < end
        && tokens[cueEnd + 1].classes & C.auxiliary != 0
      {
        return cueEnd
      }
      if next.kind == .word && next.classes & (C.preposition | C.adverbial) != 0 {
        return thatWithin(9) ?? pronounClauseWithin(cueEnd, end, limit: 9)
          ?? farThatClauseStart(cueEnd, end) ?? clauseAfterAdverb(cueEnd, end)
      }
      // `declined to say whether …`, `would not say if …`: a question left open, no clause
      // (`said whether or not the bill passes, …` keeps its clause).
      if next.kind == .word
        && ((parser.lowerWord(cueEnd) == "whether" && parser.lowerWord(cueEnd + 1) != "or")
          || (parser.lowerWord(cueEnd) == "if" && leavesAQuestionOpen(cueEnd - 1)))
      {
        return nil
      }
      // `said flatly the cranes were late`: an adverb no list holds.
      if let start = clauseAfterAdverb(cueEnd, end) { return start }
      if next.kind == .word || next.kind == .number { return cueEnd }
      if next.kind == .mark && cueEnd + 1 < tokens.count && tokens[cueEnd + 1].quote >= 0 {
        return cueEnd
      }
      return nil
    case .clauseNeedsThat:
      // `vowed to fight on`, `promised to build …`: a commitment and its infinitive.
      if next.kind == .word && next.classes & C.to != 0 && cueEnd + 2 < end
        && tokens[cueEnd + 1].kind == .word && isCommitmentCue(cueEnd - 1)
      {
        return cueEnd
      }
      let isTell = ["told", "tell", "tells", "telling"].contains(parser.lowerWord(cueEnd - 1))
      return thatWithin(10) ?? clauseAfterTimePhrase(cueEnd, end)
        ?? (isTell ? toldQuestionStart(cueEnd, end) : nil)
        ?? bareClauseStart(cueEnd, end) ?? mixedClauseStart(cueEnd, sentence)
        ?? quotedClauseStart(cueEnd, end) ?? farThatClauseStart(cueEnd, end)
    case .objectThenInfinitive:
      if let question = askedQuestionStart(cueEnd, sentence) { return question }
      return opensDirectQuote(after: cueEnd, sentence) || quoteAfterAskedObject(cueEnd, sentence)
        ? nil : cueEnd
    case .thatClause:
      return thatClauseStart(after: cueEnd, sentence)
    case .directOnly:
      return mannerClauseStart(cueEnd, sentence)
    default:
      return nil
    }
  }

  /// Where the clause of a manner of speaking starts, if it reports one.
  ///
  /// `Okafor shot back that Ortiz had …`, `joked that the ferry …`: right after a `that`
  /// that follows the cue at once and opens a clause with a subject and a verb. These cues
  /// otherwise attribute only a quotation beside them (`“Q,” Ortiz barked`); `that` after
  /// `called` or `described` is a pronoun (`called that a mistake`), so those are not among
  /// them.
  func mannerClauseStart(_ cueEnd: Int, _ sentence: Range<Int>) -> Int? {
    let end = trimmedEnd(sentence)
    guard cueEnd > 1, cueEnd + 1 < end else { return nil }
    let last = parser.lowerWord(cueEnd - 1)
    let cue = last == "back" ? parser.lowerWord(cueEnd - 2) + " back" : last
    guard WordLists.mannersOfSpeaking.contains(cue),
      tokens[cueEnd].kind == .word, tokens[cueEnd].classes & C.that != 0,
      opensClause(at: cueEnd + 1, end)
    else { return nil }
    return cueEnd + 1
  }

  /// Whether the cue `say` at `index` is refused or negated (`declined to say`, `refused to
  /// say`, `would not say`, `never say`, `wouldn't say`): an `if` after it opens a question,
  /// not a condition (`They say if the tolls rise …`, `went on to say if …` keep their
  /// clause).
  func leavesAQuestionOpen(_ index: Int) -> Bool {
    guard index > 1, parser.lowerWord(index) == "say", tokens[index - 1].kind == .word else {
      return false
    }
    let previous = parser.lowerWord(index - 1)
    if previous == "to" {
      let refusals = ["declined", "declines", "declining", "refused", "refuses", "refusing"]
      return refusals.contains(parser.lowerWord(index - 2))
    }
    return ["not", "never"].contains(previous)
      || WordLists.negatedAuxiliaries.contains(previous)
  }

  /// Where a clause holding a quotation starts after a cue that needs `that`.
  ///
  /// `admitted the old plan “did not work,” and …`, `pledged to fix the “broken” ferry
  /// schedule`: after such a cue (not a form of `tell`, whose object may come before a
  /// quotation of the speaker's own), one to ten words with no punctuation and then a
  /// quotation that is no title: the words and the quotation are one reported clause
  /// starting right after the cue.
  func mixedClauseStart(_ cueEnd: Int, _ sentence: Range<Int>) -> Int? {
    guard cueEnd > 0,
      !["told", "tell", "tells", "telling"].contains(parser.lowerWord(cueEnd - 1))
    else { return nil }
    let end = trimmedEnd(sentence)
    var position = cueEnd
    while position < min(end, cueEnd + 11) {
      let token = tokens[position]
      if token.kind == .mark && token.quote < 0 && position > cueEnd && position + 1 < end
        && tokens[position + 1].quote >= 0
      {
        let quote = article.markedQuotes[Int(tokens[position + 1].quote)]
        return quote.open == position && !isTitle(quote) ? cueEnd : nil
      }
      guard token.kind == .word || token.kind == .number, token.quote < 0 else { return nil }
      position += 1
    }
    return nil
  }

  /// Where the question after `asked`/`asks` starts.
  ///
  /// A question word (`whether`, `if`, `what`, `how`, `why`, `who`) right after the cue or
  /// after an object of at most four words with no auxiliary, preposition or `that`
  /// (`asked the board whether …`), with at least two words after it.
  func askedQuestionStart(_ cueEnd: Int, _ sentence: Range<Int>) -> Int? {
    guard cueEnd > 0, ["asked", "asks"].contains(parser.lowerWord(cueEnd - 1)) else {
      return nil
    }
    let end = trimmedEnd(sentence)
    let questions: Set<String> = ["whether", "if", "what", "how", "why", "who"]
    var position = cueEnd
    while position < min(end, cueEnd + 5) {
      let token = tokens[position]
      guard token.kind == .word, token.quote < 0 else { return nil }
      if questions.contains(parser.lowerWord(position)) {
        return position + 2 < end ? position : nil
      }
      guard token.classes & (C.auxiliary | C.preposition | C.that) == 0 else { return nil }
      position += 1
    }
    return nil
  }

  /// Where the clause of a `.thatClause` cue starts.
  ///
  /// After a `that` right after the cue or after at most three time words, prepositions or
  /// adverbs in `-ly` (`found last week that`, `showed on Tuesday that`); a `that` further
  /// on belongs to a noun (`find themselves atop a party that …`). A clause opened by a
  /// quotation is no clause.
  func thatClauseStart(after cueEnd: Int, _ sentence: Range<Int>) -> Int? {
    let end = trimmedEnd(sentence)
    let between = C.timeWord | C.timeName | C.weekday | C.preposition | C.trailingAdverb
    var position = cueEnd
    while position < min(end, cueEnd + 4) {
      let token = tokens[position]
      guard token.kind == .word || token.kind == .number, token.quote < 0 else { return nil }
      if token.classes & C.that != 0 {
        guard position + 1 < end, tokens[position + 1].kind != .mark else { return nil }
        return position + 1
      }
      let word = parser.lowerWord(position)
      guard
        token.kind == .number || token.classes & between != 0 || word == "the"
          || word.hasSuffix("ly")
      else { return nil }
      position += 1
    }
    return nil
  }

  /// Where a clause without `that` starts after a phrase that opens with a preposition or
  /// adverb.
  ///
  /// `said in a statement on Thursday they would …`: at a subject pronoun followed by a word
  /// (within `limit` words, with no punctuation or relative word before it). Not after a
  /// subordinator (`said after he learned …` tells when, not what).
  func pronounClauseWithin(_ cueEnd: Int, _ end: Int, limit: Int) -> Int? {
    let subordinators: Set<String> = [
      "after", "before", "when", "while", "since", "because", "as", "until", "once",
    ]
    if subordinators.contains(parser.lowerWord(cueEnd)) { return nil }
    var position = cueEnd + 1
    while position + 1 < min(end, cueEnd + limit) {
      let token = tokens[position]
      guard token.kind == .word || token.kind == .number, token.quote < 0,
        token.classes & C.relative == 0
      else { return nil }
      if token.classes & C.clauseSubject != 0 && tokens[position + 1].kind == .word {
        return position
      }
      position += 1
    }
    return nil
  }

  /// Where a clause without `that` starts after a cue that usually takes one.
  ///
  /// `warned he would …`, `noted what …`, `argued the deal would …` (a form of `be`, `have`
  /// or a modal within six words, with no punctuation before it); after `told`, a short
  /// object comes first (`told reporters she was …`, `told a rally in Ohio they had …`).
  func bareClauseStart(_ cueEnd: Int, _ end: Int) -> Int? {
    let first = tokens[cueEnd]
    // `announced on Wednesday she would …`: a phrase, then a subject pronoun.
    if first.kind == .word && first.quote < 0 && first.classes & C.preposition != 0 {
      return pronounClauseWithin(cueEnd, end, limit: 9)
    }
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
        if position > cueEnd && determinedSubjectAt(position, end) { return position }
      } else if position > cueEnd && token.classes & C.auxiliary != 0 && !token.isCapitalised
        && position - cueEnd <= 6
      {
        return cueEnd
      }
      position += 1
    }
    return nil
  }

  /// `told the council her office had …`, `told reporters the ferry would …`: a possessive
  /// determiner or `the`, one or two lower-case words, then an auxiliary (a form of `be`,
  /// `have` or a modal) open a clause after the object of `told`.
  func determinedSubjectAt(_ position: Int, _ end: Int) -> Bool {
    let determiners: Set<String> = ["the", "his", "her", "their", "its", "our", "my"]
    guard determiners.contains(parser.lowerWord(position)) else { return false }
    for offset in 2...3 where position + offset < end {
      let candidate = tokens[position + offset]
      let between = (position + 1)..<(position + offset)
      guard
        between.allSatisfy({
          tokens[$0].kind == .word && !tokens[$0].isCapitalised
            && tokens[$0].quote < 0 && tokens[$0].classes & C.auxiliary == 0
        })
      else { return false }
      if candidate.kind == .word && candidate.classes & C.auxiliary != 0 { return true }
    }
    return false
  }

  /// `CLAUSE, S said.`: the subject is the last chunk of the region, the clause what comes
  /// before its comma.
  func reverseClause(_ region: Range<Int>) -> (clause: Range<Int>, subject: Range<Int>)? {
    let parts = parser.chunks(region)
    guard parts.count >= 2, let last = parts.last else { return nil }
    // `…, where Raman told …`: the cue belongs to the relative clause; what comes before it
    // is the reporter's.
    if tokens[last.lowerBound].classes & C.relative != 0 { return nil }
    switch parser.classify(last) {
    case .skip: return nil
    default: break
    }
    var subjectStart = last.lowerBound
    // `…, a spokeswoman, Anna White, said`: a short description right before the name is its
    // role, part of the subject.
    if parts.count >= 3, case .name = parser.classify(last), parts[parts.count - 2].count <= 5,
      case .role(let role) = parser.classify(parts[parts.count - 2]), role.form == .description
    {
      subjectStart = parts[parts.count - 2].lowerBound
    }
    var clauseEnd = subjectStart
    while clauseEnd > region.lowerBound
      && (tokens[clauseEnd - 1].kind == .comma || tokens[clauseEnd - 1].kind == .dash)
    {
      clauseEnd -= 1
    }
    var clause = region.lowerBound..<clauseEnd
    // `KELOWNA, B.C. — Hundreds of residents were …, officials said`: a dateline opening the
    // paragraph is not what was said.
    if let dateline = parser.chunks(clause).prefix(2).last(where: parser.isDateline),
      parser.isAllCapitals(clause.lowerBound)
    {
      var start = dateline.upperBound
      while start < clauseEnd && tokens[start].kind == .dash { start += 1 }
      // `NASA — not the Pentagon — will run …` is an aside, not a dateline: the sentence
      // after a dateline opens with a capital.
      if start < clauseEnd && tokens[start].isCapitalised { clause = start..<clauseEnd }
    }
    guard clause.count >= 3 else { return nil }
    // `Of the harbour plan, she said, …`: a lone phrase opened by a preposition is a topic.
    let clauseParts = parser.chunks(clause)
    if clauseParts.count == 1 && parser.opensPhrase(clause.lowerBound)
      && !clause.contains(where: { tokens[$0].classes & C.auxiliary != 0 })
    {
      return nil
    }
    // `Asked whether he would concede, Okafor said …`: the question put to the speaker,
    // whatever verbs it holds, is the reporter's (`Questioned ballots will be counted …, the
    // office said` is a clause).
    let putToTheSpeaker: Set<String> = [
      "by", "about", "whether", "if", "on", "for", "to", "what", "how", "why", "when", "who",
    ]
    if clauseParts.count == 1, clause.count > 1,
      ["asked", "pressed", "questioned"].contains(parser.lowerWord(clause.lowerBound)),
      putToTheSpeaker.contains(parser.lowerWord(clause.lowerBound + 1))
    {
      return nil
    }
    var isClause = false
    var speakerLike = false
    for part in clauseParts {
      if part.contains(where: { tokens[$0].classes & C.auxiliary != 0 || tokens[$0].kind == .mark })
      {
        isClause = true
      }
      // `He later put the questions into a letter, he said`: a past tense after the chunk's
      // first word makes it a clause, though it names someone.
      if part.dropFirst().contains(where: { parser.looksLikeVerb($0) }) { isClause = true }
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
    return (clause, subjectStart..<last.upperBound)
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
    // A quotation after the frame continues the clause (`The plan, she said, “is dead.”`)
    // unless the part before is only a topic (`Of the plan, she said, “…”`).
    // `Asked about the tolls, Okafor said, “…”`: a participle phrase is a topic too.
    let topic =
      parser.opensPhrase(region.lowerBound) || (parts.first.map(isParticiplePhrase) ?? false)
    guard parts.count >= 2, let last = parts.last, cueEnd + 4 <= end,
      tokens[cueEnd].kind == .comma,
      tokens[cueEnd + 1].kind != .mark || !topic
    else { return nil }
    // `The plan, an inside source said, is …`: a short description may frame it too.
    switch parser.classify(last) {
    case .name, .pronoun: break
    case .role(let mention) where mention.form == .description && hasListedHead(mention): break
    default: return nil
    }
    guard last.count <= 4 else { return nil }
    // `But, she added, REST`: a lone connective before the frame is not part of the clause.
    let wordsBefore = (region.lowerBound..<last.lowerBound).filter { tokens[$0].isWord }.count
    return wordsBefore <= 1 ? (cueEnd + 1)..<end : region.lowerBound..<end
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
}
