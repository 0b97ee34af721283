/// Quotes that no cue claimed (`ExtractionRun.run`): before such a quote continues the
/// paragraph's speaker, a frame right after it that names someone else takes it.
extension ExtractionRun {
  /// What a frame after a quote says about its speaker.
  enum FramedQuote {
    /// The frame names a speaker.
    case speaker(Attribution)
    /// The frame's subject is someone who is no speaker of ours (`the audience`): the quote
    /// is nobody's we can name, and does not continue the paragraph's speaker.
    case someoneElse
  }

  /// The speaker a short frame names right after a quote that opens its sentence and ends
  /// an utterance (`“Not now,” Tom Okafor growled.`, `“Who pays?” sighed Dana Ortiz.`),
  /// whatever its verb; `someoneElse` when the frame's subject is no speaker (`“Out!” the
  /// crowd yelled.`).
  ///
  /// The quote opens its sentence and its last word inside the marks (or inside an inner
  /// quotation closing with it, `“… ‘Who pays?’” Ortiz growled.`) is followed by `,`, `!` or
  /// `?`; after the closing mark come at most ten words with no other quote up to the
  /// sentence end: either a lower-case verb (a past tense or a word in `-ed`) and the
  /// speaker (`exclaimed Clinton's introducer, actress …`), or a subject of at most six
  /// words and then such a verb or a present form in `-s` (`Tom Okafor concludes`). A
  /// scare quote such as `“Hamilton,” the musical, opened …` names no speaker: `musical`
  /// heads no description. The frame says someone else is speaking, so the paragraph's
  /// speaker does not go on.
  ///
  /// - Complexity: O(words of the frame) plus the mention parse.
  mutating func frameAfterQuote(_ quote: MarkedQuote, _ sentences: [Range<Int>]) -> FramedQuote? {
    guard let close = quote.close, close > quote.open + 1, close + 2 < tokens.count,
      [.comma, .question, .exclamation].contains(
        tokens[closingPunctuation(of: quote, close: close)].kind),
      let opening = sentences.first(where: { $0.contains(quote.open) }),
      !(opening.lowerBound..<quote.open).contains(where: { tokens[$0].isWord }),
      let sentence = sentences.first(where: { $0.contains(close + 1) })
    else { return nil }
    let end = trimmedEnd(sentence)
    let frame = (close + 1)..<max(close + 1, end)
    guard !frame.isEmpty,
      frame.allSatisfy({ tokens[$0].quote < 0 && tokens[$0].kind != .mark }),
      frame.filter({ tokens[$0].isWord }).count <= 10
    else { return nil }
    let mention: Mention?
    let verb: Int
    if isFrameVerb(frame.lowerBound, present: false) {
      verb = frame.lowerBound
      mention = parser.invertedSubject((verb + 1)..<end)
    } else if let found = frame.prefix(7).dropFirst().first(where: {
      isFrameVerb($0, present: true)
    }) {
      verb = found
      mention = parser.subject(frame.lowerBound..<verb).flatMap {
        $0.tokens.upperBound == verb ? $0 : nil
      }
    } else {
      return nil
    }
    guard let mention, let speaker = resolve(mention, at: frame.lowerBound) else {
      // `“Mexico!” the audience screamed back.`: someone no speaker row can name.
      // `“It just came out,” she said.` after a man's quotes: a pronoun that agrees with no
      // speaker is someone else, not the paragraph's speaker going on.
      if mention?.form == .pronoun && mention?.gender != nil { return .someoneElse }
      let opensNounPhrase =
        tokens[frame.lowerBound].kind == .word
        && (tokens[frame.lowerBound].isCapitalised
          || tokens[frame.lowerBound].classes & C.determiner != 0)
      return verb > frame.lowerBound && opensNounPhrase ? .someoneElse : nil
    }
    return .speaker(attribution(parser.text(verb..<(verb + 1)), speaker))
  }

  /// Whether the word can be the verb of a frame: lower case, a past tense or in `-ed`, or
  /// with `present`, a form in `-s` that heads no description (`concludes`, not `officials`).
  private func isFrameVerb(_ index: Int, present: Bool) -> Bool {
    let token = tokens[index]
    guard token.kind == .word, !token.isCapitalised,
      token.classes & (C.that | C.auxiliary | C.preposition | C.determiner) == 0
    else { return false }
    if parser.looksLikeVerb(index) { return true }
    guard present, token.end - token.start >= 4 else { return false }
    return parser.lowerWord(index).hasSuffix("s") && !parser.isHead(index)
  }

  /// Whether a sentence that starts in `range` (outside quotes) opens with a person's name
  /// other than `speaker`'s (`Dana Ortiz disagreed.` between `“A,” said Tom Okafor.` and a
  /// quote with no cue): the quote after it does not continue Okafor.
  ///
  /// The name is a run of capitalised name words of two or more, or one after an honorific
  /// or title (`Ms. Ortiz`), followed by a lower-case word; it is another person's when the
  /// speaker's name does not hold its last word.
  ///
  /// - Complexity: O(sentences of the paragraphs in `range` + tokens of their openings).
  func namesAnotherPerson(
    _ range: Range<Int>, sentences: [Range<Int>], speaker: Int
  ) -> Bool {
    let name = resolver.speakers[speaker].name.lowercased()
    for sentence in sentences
    where range.contains(sentence.lowerBound) && tokens[sentence.lowerBound].quote < 0 {
      var index = sentence.lowerBound
      var titled = false
      while index < sentence.upperBound && tokens[index].kind == .word
        && tokens[index].isCapitalised && tokens[index].classes & (C.honorific | C.title) != 0
      {
        titled = true
        index += 1
      }
      let start = index
      while index < sentence.upperBound && tokens[index].kind == .word
        && parser.isNameToken(tokens[index])
      {
        index += 1
      }
      guard index > start, index - start >= 2 || titled, index < sentence.upperBound,
        tokens[index].kind == .word, !tokens[index].isCapitalised
      else { continue }
      let surname = parser.lowerWord(index - 1)
      if !name.split(separator: " ").contains(where: { $0 == surname }) { return true }
    }
    return false
  }
}
