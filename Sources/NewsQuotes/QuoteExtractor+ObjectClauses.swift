/// Reported clauses that open further from their cue for `ExtractionRun`: a `that` after a
/// long object or a programme title (`told a rally in Dover, Kent, on Monday that …`), a
/// quotation right after the cue that the clause goes on past (`testified “hundreds” of
/// bolts were …`), and a question word after the object of `told` (`told them why …`).
extension ExtractionRun {
  /// Where the clause starts when `that` stands further after a speech cue than the
  /// nearby look (`thatWithin`) reaches.
  ///
  /// `told an audience at a book fair in Dover last week that …`, `said on Harbour Radio’s
  /// “Morning Tide” that …`: `that` within 14 words of the cue, with only words, numbers,
  /// commas and titles in quotation marks before it (no other quotation, no relative word,
  /// no auxiliary, which would make it a clause of its own), and a word or an opening mark
  /// after it that is no verb: `the pages that were turned over` is a relative clause.
  func farThatClauseStart(_ cueEnd: Int, _ end: Int) -> Int? {
    var position = cueEnd
    var words = 0
    while position < end && words <= 14 {
      let token = tokens[position]
      if token.kind == .mark && token.quote < 0 && position + 1 < end
        && tokens[position + 1].quote >= 0
      {
        let quote = article.markedQuotes[Int(tokens[position + 1].quote)]
        guard quote.open == position, let close = quote.close, close < end, isTitle(quote)
        else { return nil }
        words += 1
        position = close + 1
        continue
      }
      guard token.quote < 0,
        token.kind == .word || token.kind == .number || token.kind == .comma
      else { return nil }
      if token.kind == .word {
        if token.classes & C.that != 0 {
          guard position > cueEnd, tokens[position - 1].kind != .comma, position + 1 < end,
            tokens[position + 1].kind == .word || tokens[position + 1].kind == .mark,
            tokens[position + 1].classes & C.auxiliary == 0, !parser.looksLikeVerb(position + 1)
          else { return nil }
          return position + 1
        }
        guard token.classes & (C.relative | C.auxiliary) == 0,
          token.cue < 0 || matchCue(position, position..<end) == nil
        else { return nil }
        words += 1
      }
      position += 1
    }
    return nil
  }

  /// Where the clause starts when a quotation opens right after a cue that needs `that`
  /// and the reporter's sentence goes on after it.
  ///
  /// `The engineer testified “hundreds” of bolts had never been checked.`: the quotation
  /// is the start of the reported clause, which runs past its closing mark; a lower-case
  /// word that is no cue must follow that mark (a quotation that ends the sentence, or is
  /// followed by `, said S`, stays a direct quote).
  func quotedClauseStart(_ cueEnd: Int, _ end: Int) -> Int? {
    let mark = tokens[cueEnd]
    guard mark.kind == .mark, mark.quote < 0, cueEnd + 1 < end, tokens[cueEnd + 1].quote >= 0
    else { return nil }
    let quote = article.markedQuotes[Int(tokens[cueEnd + 1].quote)]
    guard quote.open == cueEnd, let close = quote.close, close + 1 < end, !isTitle(quote) else {
      return nil
    }
    let next = tokens[close + 1]
    guard next.kind == .word, next.quote < 0, !next.isCapitalised,
      next.cue < 0 || matchCue(close + 1, (close + 1)..<end) == nil
    else {
      return nil
    }
    return cueEnd
  }

  /// Where the question starts after the object of `told`.
  ///
  /// `Dana Ortiz told the council why the ferry had stopped.`: one to four words of
  /// object (no punctuation, auxiliary, preposition or `that`), then a question word
  /// (`why`, `how`, `what`, `when`, `whether` …) with at least two words after it.
  func toldQuestionStart(_ cueEnd: Int, _ end: Int) -> Int? {
    var position = cueEnd
    while position < min(end, cueEnd + 5) {
      let token = tokens[position]
      guard token.kind == .word, token.quote < 0 else { return nil }
      if position > cueEnd && token.classes & C.questionWord != 0 && !token.isCapitalised {
        return position + 2 < end ? position : nil
      }
      guard token.classes & (C.auxiliary | C.preposition | C.that | C.relative) == 0 else {
        return nil
      }
      position += 1
    }
    return nil
  }

  /// Whether the question a named asker put follows the object of `asked`/`asks`.
  ///
  /// `Dana Ortiz then asked the crowd, “Can the ferry stay?”`, `Mara Vance asks at the
  /// depot: “Any questions?”`: one to five words with no punctuation, auxiliary or `that`,
  /// then a comma (or a colon after a lower-case word) and an opening mark.
  func quoteAfterAskedObject(_ cueEnd: Int, _ sentence: Range<Int>) -> Bool {
    guard cueEnd > 0, ["asked", "asks"].contains(parser.lowerWord(cueEnd - 1)) else {
      return false
    }
    var position = cueEnd
    while position < min(sentence.upperBound, cueEnd + 6) {
      let token = tokens[position]
      // `asked Mara Vance: “…”`: a name before a colon is the label of the quote, no object.
      if position > cueEnd
        && (token.kind == .comma || (token.kind == .colon && !tokens[position - 1].isCapitalised))
      {
        return opensDirectQuote(after: position, sentence)
      }
      guard token.kind == .word || token.kind == .number, token.quote < 0,
        token.classes & (C.auxiliary | C.that) == 0
      else { return false }
      position += 1
    }
    return false
  }

  /// Where `who` stands when `, who CUE` follows a speaker named after a cue.
  ///
  /// `“Not this week,” said Tom Okafor, who said the piers were sound.`: a comma (after the
  /// name and at most five words of role), `who`, at most two adverbs or auxiliaries, then an
  /// accepted cue that is no manner of speaking; the relative clause reports a statement of
  /// its own.
  func relativeCue(after mentionEnd: Int, _ end: Int, _ sentence: Range<Int>) -> Int? {
    var position = mentionEnd
    while position < min(end, mentionEnd + 8) {
      let token = tokens[position]
      if token.kind == .word && parser.lowerWord(position) == "who" {
        guard position > mentionEnd, tokens[position - 1].kind == .comma else { return nil }
        // `who also said`, `who has said`, `who later said`: as `relativeAntecedent` reads it.
        var cue = position + 1
        while cue < min(end, position + 3) && tokens[cue].cue < 0
          && (parser.isTrailingAdverb(cue) || tokens[cue].classes & C.auxiliary != 0)
        {
          cue += 1
        }
        guard cue < end, tokens[cue].quote < 0, tokens[cue].cue >= 0,
          let (index, length) = matchCue(cue, sentence)
        else { return nil }
        let behaviour = lexicon.cueBehaviours[index]
        guard behaviour == .clauseOptionalThat || behaviour == .clauseNeedsThat,
          acceptCue(cue, cue + length, behaviour, sentence)
        else { return nil }
        return position
      }
      guard token.quote < 0, token.kind == .word || token.kind == .comma else { return nil }
      position += 1
    }
    return nil
  }

  /// Where the clause starts after `said` and one trailing adverb (`also`, a word in `-ly`).
  ///
  /// `Tom Okafor said publicly the cranes were late.`, `The board has said repeatedly “the
  /// next council” should choose.`: the adverb, then a word that is no preposition,
  /// conjunction, relative word or cue, or a quotation the sentence goes on past
  /// (`quotedClauseStart`); `said early in the day …` opens no clause.
  func clauseAfterAdverb(_ cueEnd: Int, _ end: Int) -> Int? {
    let adverb = tokens[cueEnd]
    guard adverb.quote < 0, parser.isTrailingAdverb(cueEnd), cueEnd + 2 < end
    else { return nil }
    let next = tokens[cueEnd + 1]
    if next.kind == .mark { return quotedClauseStart(cueEnd + 1, end) }
    // `said last week …` is a time phrase (`clauseAfterTimePhrase`), not an adverb.
    let excluded = C.preposition | C.conjunction | C.relative | C.that | C.timeWord | C.weekday
    guard next.kind == .word, next.quote < 0, next.classes & excluded == 0, next.cue < 0 else {
      return nil
    }
    return cueEnd + 1
  }
}

/// A clause with no `that` after a time phrase.
extension ExtractionRun {
  /// Where the clause starts after a time phrase that follows the cue (`said Tuesday the
  /// province would …`, `said on Monday the plan came …`, `said last week the money had …`).
  ///
  /// The phrase is at most four words, weekdays, lower-case time words and `on`, `last`,
  /// `this`, `late`, `early`, `next`, and holds a weekday or a time word. What follows must
  /// open a clause: a subject pronoun before a word, `the` or a possessive and at most six
  /// words before a verb, or a name followed within two words by a verb (a verb is a form
  /// of `be` or `have`, a modal or a past tense: `MentionParser.looksLikeVerb`). A `that`
  /// after the phrase is left to the rules for `that`.
  func clauseAfterTimePhrase(_ cueEnd: Int, _ end: Int) -> Int? {
    let joiners: Set<String> = ["on", "last", "this", "late", "early", "next"]
    var scan = cueEnd
    var phraseEnd: Int?
    while scan < min(end, cueEnd + 4) {
      let token = tokens[scan]
      guard token.kind == .word, token.quote < 0, !token.isPossessive else { break }
      if token.classes & (C.weekday | C.timeWord) != 0 {
        phraseEnd = scan + 1
      } else if token.isCapitalised || !joiners.contains(parser.lowerWord(scan)) {
        break
      }
      scan += 1
    }
    // The phrase ends at its last time word (`Sunday on CNN` is no time phrase).
    guard let position = phraseEnd, position + 2 < end, tokens[position].kind == .word,
      tokens[position].quote < 0
    else { return nil }
    return opensClause(at: position, end) ? position : nil
  }

  /// Whether a clause with a subject and a verb opens at `position`: a subject pronoun before
  /// a word, `the` or a possessive and at most six words before a verb, or a name followed
  /// within two words by a verb (a form of `be` or `have`, a modal or a past tense:
  /// `MentionParser.looksLikeVerb`).
  func opensClause(at position: Int, _ end: Int) -> Bool {
    guard position + 2 < end, tokens[position].kind == .word, tokens[position].quote < 0
    else { return false }
    let first = tokens[position]
    if first.classes & C.clauseSubject != 0 && tokens[position + 1].kind == .word {
      return true
    }
    let isVerb = { (index: Int) in
      self.parser.looksLikeVerb(index) && self.tokens[index].classes & C.that == 0
    }
    let verbs: Range<Int>
    if WordLists.determiners.contains(parser.lowerWord(position))
      && tokens[position].classes & C.that == 0
    {
      // `the money for the piers had …`: a verb within six words, none of them punctuation,
      // `of`, a relative word or `that` (`the death of a man injured …` names a thing).
      var next = position + 1
      while next < min(end, position + 7) && tokens[next].kind == .word && !isVerb(next) {
        if parser.lowerWord(next) == "of" || tokens[next].classes & (C.relative | C.that) != 0 {
          return false
        }
        next += 1
      }
      verbs = next..<min(end, next + 1)
    } else if parser.isNameToken(first) {
      var next = position + 1
      while next < end && parser.isNameToken(tokens[next]) { next += 1 }
      verbs = next..<min(end, next + 2)
    } else {
      return false
    }
    return verbs.contains(where: isVerb)
  }
}
