/// A sentence of the reporter's words that ends in a quotation before its frame (`The new
/// toll is a “costly mistake,” Dana Ortiz said.`), a step of `ExtractionRun.handleCue`.
extension ExtractionRun {
  /// The reported sentence around a quotation that opens inside it and closes with a comma
  /// right before the frame.
  ///
  /// `The toll plan was a “costly mistake,” Dana Ortiz said.`, `The piers may be “sound,”
  /// said Priya Raman.`: the quotation closes with a comma inside its mark, the frame
  /// follows (a `say`/`tell`-like cue, with at most five words of subject between the mark
  /// and the cue, or the subject after the cue), and the quotation opens after a word or a
  /// comma of the same sentence (`The ferry, which has run since 1950, “will not …,” said Okafor.`; at least
  /// two words before it, none of them a cue, colon, quotation or
  /// sentence end; not a lone phrase opened by a preposition or participle), and the cue
  /// reports no clause of its own after it. What the speaker said is the sentence up to the closing mark: the
  /// quoted words and the words leading into them. A title in quotation marks (`On Harbour
  /// Radio’s “Morning Tide,” Ortiz said …`) is no such quotation.
  ///
  /// - Returns: The clause, the subject's tokens and whether the subject follows the cue.
  func leadInQuote(before cue: CueSite, _ scan: SentenceScan)
    -> (clause: Range<Int>, subject: Range<Int>, inverted: Bool)?
  {
    guard cue.behaviour == .clauseOptionalThat || cue.behaviour == .clauseNeedsThat else {
      return nil
    }
    let sentence = scan.sentence
    var close = cue.start - 1
    while close > sentence.lowerBound && cue.start - close <= 5 && tokens[close].kind == .word
      && tokens[close].quote < 0
    {
      close -= 1
    }
    guard close > sentence.lowerBound + 1, tokens[close].kind == .mark,
      tokens[close - 1].quote >= 0
    else { return nil }
    let quote = article.markedQuotes[Int(tokens[close - 1].quote)]
    guard quote.close == close, tokens[closingPunctuation(of: quote, close: close)].kind == .comma,
      quote.continues == nil, quote.continuedBy == nil,
      quote.open > sentence.lowerBound,
      tokens[quote.open - 1].isWord || tokens[quote.open - 1].kind == .comma, !isTitle(quote)
    else { return nil }
    var start = max(sentence.lowerBound, scan.consumedUntil)
    guard start < quote.open else { return nil }
    while start < quote.open && !tokens[start].isWord { start += 1 }
    let leadIn = start..<quote.open
    guard leadIn.filter({ tokens[$0].isWord }).count >= 2,
      !leadIn.contains(where: { index in
        let token = tokens[index]
        return token.quote >= 0 || token.kind == .mark || token.kind == .colon
          || token.isTerminator || isAcceptedCue(index, sentence)
      })
    else { return nil }
    // `Despite his “brash style,” Ortiz said …`: a phrase opened by a preposition or a
    // participle is a topic before the subject, not what was said.
    let chunks = parser.chunks(leadIn)
    let topicWords: Set<String> = ["despite", "amid", "unlike", "like", "besides"]
    if chunks.count == 1, let only = chunks.first,
      opensModifier(only) || topicWords.contains(parser.lowerWord(only.lowerBound))
    {
      return nil
    }
    let inverted = close + 1 == cue.start
    // `Despite his “brash style,” Ortiz said the vote would wait.`: a cue with a clause of
    // its own reports that clause.
    if !inverted && forwardClauseStart(cue.end, cue.behaviour, sentence) != nil { return nil }
    return (start..<(close + 1), inverted ? cue.end..<cue.end : (close + 1)..<cue.start, inverted)
  }

  /// Whether an accepted speech cue starts at `index`.
  func isAcceptedCue(_ index: Int, _ sentence: Range<Int>) -> Bool {
    guard tokens[index].kind == .word, tokens[index].cue >= 0,
      let (cue, length) = matchCue(index, sentence)
    else { return false }
    return acceptCue(index, index + length, lexicon.cueBehaviours[cue], sentence)
  }

  /// Attributes a lead-in quote (`leadInQuote`); returns where scanning resumes, or nil when
  /// the sentence has none or its subject names nobody.
  mutating func attributeLeadIn(_ cue: CueSite, _ scan: inout SentenceScan) -> Int? {
    guard let lead = leadInQuote(before: cue, scan) else { return nil }
    var resume = cue.end
    let mention: Mention?
    if lead.inverted {
      while resume < scan.sentence.upperBound && tokens[resume].kind != .mark
        && !tokens[resume].isTerminator
      {
        resume += 1
      }
      mention = parser.invertedSubject(cue.end..<resume)
    } else {
      mention = parser.subject(lead.subject)
    }
    guard let mention, let speaker = resolveSubject(mention, at: cue.start, scan) else {
      return nil
    }
    let attribution = attribution(cue.text, speaker)
    scan.record(attribution, at: cue.start)
    addIndirect(lead.clause, attribution, scan.paragraph)
    scan.consumedUntil = resume
    return resume
  }

  /// Resolves a subject; a `he`/`she` that refers to no speaker yet goes to the person a
  /// sentence before is about (`openingPerson`) when the sentence has no speaker yet.
  mutating func resolveSubject(_ mention: Mention, at position: Int, _ scan: SentenceScan)
    -> Int?
  {
    if let speaker = resolve(mention, at: position) { return speaker }
    guard mention.form == .pronoun, scan.lastSpeaker == nil,
      let person = openingPerson(agreeingWith: mention),
      let speaker = resolve(person, at: position)
    else { return nil }
    lastMention = (mention.tokens, .pronoun)
    return speaker
  }
}
