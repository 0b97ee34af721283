/// Commitments, the reporter's contrasts, manners of speaking and colon clauses for
/// `ExtractionRun`: where a reported clause starts after `vowed to …`, where one ends before
/// `, but the board refused …`, which quotation `“Q!” Okafor barked` attributes, and who
/// speaks the quotation after `The mayor put it plainly: “…”`.
extension ExtractionRun {
  /// Whether a quotation closes right before the cue at `index` and its subject
  /// (`“Get off the pier!” Okafor barked.`): at most four words, none of them a cue,
  /// between the closing mark (and an optional comma) and the cue, so `said in a statement
  /// posted online` does not make `posted` attribute the quotation before it.
  func quoteClosesBeforeSubject(of index: Int, _ sentence: Range<Int>) -> Bool {
    guard index > sentence.lowerBound else { return false }
    var back = index - 1
    while back > sentence.lowerBound && index - back <= 4 && tokens[back].kind == .word
      && tokens[back].cue < 0
    {
      back -= 1
    }
    return tokens[back].kind != .word && closesDirectQuote(before: index, sentence)
  }

  /// Whether the word at `index` is a cue of commitment (`vowed`, `promised`, `pledged`,
  /// `threatened`), whose infinitive reports what was promised.
  func isCommitmentCue(_ index: Int) -> Bool {
    let word = parser.lowerWord(index)
    return ["vow", "promis", "pledg", "threaten"].contains { word.hasPrefix($0) }
  }

  /// Whether `, but` at `index` opens a clause with a subject of its own.
  ///
  /// `…, but the board refused to comment`, `…, but he did not say when`: `but` and then a
  /// subject pronoun, or a determiner or possessive with at most three words, or one or two
  /// name words, followed by a verb. The reporter's contrast ends the reported clause; `…,
  /// but necessary` (no subject) does not.
  func opensContrastClause(_ index: Int, _ end: Int) -> Bool {
    guard index + 2 < end, tokens[index].kind == .word, tokens[index].quote < 0,
      parser.lowerWord(index) == "but"
    else { return false }
    var position = index + 1
    let first = tokens[position]
    // `…, but that he would not …`: a second reported clause, part of the report.
    guard first.kind == .word, first.quote < 0, first.classes & C.that == 0 else {
      return false
    }
    if first.classes & C.clauseSubject != 0 && first.classes & C.pronoun != 0 {
      position += 1
    } else if first.classes & C.determiner != 0 || first.isPossessive
      || ["his", "her", "their", "its"].contains(parser.lowerWord(position))
    {
      position += 1
      var words = 0
      while position < end && words < 3 && tokens[position].kind == .word
        && tokens[position].quote < 0 && !parser.looksLikeVerb(position)
        && tokens[position].classes & C.auxiliary == 0
      {
        position += 1
        words += 1
      }
    } else {
      var names = 0
      while position < end && names < 2 && parser.isNameToken(tokens[position]) {
        position += 1
        names += 1
      }
      guard names > 0 else { return false }
    }
    guard position < end, tokens[position].kind == .word, tokens[position].quote < 0 else {
      return false
    }
    // `…, but the owners were told …`: a passive report goes on with the clause.
    if tokens[position].classes & C.beForm != 0 && position + 1 < end
      && tokens[position + 1].cue >= 0
    {
      return false
    }
    return tokens[position].classes & C.auxiliary != 0 || parser.looksLikeVerb(position)
  }

  /// Where the clause starts after an aside set off by commas or dashes between a cue and
  /// `that` (`said, however, that …`, `said — on the radio, as it happens — that …`): one
  /// to eight words with no quotation, then the closing comma or dash and `that`.
  func thatAfterAside(_ cueEnd: Int, _ end: Int) -> Int? {
    guard cueEnd + 3 < end, tokens[cueEnd].kind == .comma || tokens[cueEnd].kind == .dash
    else { return nil }
    let opener = tokens[cueEnd].kind
    var position = cueEnd + 1
    while position < min(end, cueEnd + 10) {
      let token = tokens[position]
      if token.kind == opener && position > cueEnd + 1 {
        guard position + 2 < end, tokens[position + 1].kind == .word,
          tokens[position + 1].classes & C.that != 0, tokens[position + 2].isWord
        else { return nil }
        return position + 2
      }
      guard token.isWord || token.kind == .comma, token.quote < 0 else { return nil }
      position += 1
    }
    return nil
  }

  /// Whether `, and` at `index` opens a second predicate of the sentence's subject.
  ///
  /// `Ortiz said the piers were sound, and voted for the plan`: `and` and then a past tense
  /// or an auxiliary with no subject of its own. The predicate is the reporter's account
  /// and ends the reported clause.
  func opensSharedPredicate(_ index: Int, _ end: Int) -> Bool {
    guard index + 2 < end, tokens[index].kind == .word, tokens[index].quote < 0,
      parser.lowerWord(index) == "and", tokens[index + 1].kind == .word,
      tokens[index + 1].quote < 0, !tokens[index + 1].isCapitalised,
      tokens[index + 1].classes & (C.that | C.clauseSubject | C.determiner) == 0
    else { return false }
    let next = index + 1
    return tokens[next].classes & C.auxiliary != 0 || parser.looksLikeVerb(next)
  }

  /// The subject of a clause that a colon ends right before a quotation (`The harbour
  /// board, in its reply, put it plainly: “Q”`, `A spokesman could only quip: “Q”`).
  ///
  /// The first chunk of the sentence that is no phrase opened by a preposition or
  /// participle and has a verb after its first word gives the subject, up to that verb; the
  /// verb is no form of `be` (`The schedule was simple: “…”` says nothing), and the subject
  /// is a name, a pronoun, or a description with a listed role, group, organisation or
  /// document noun. The colon follows a lower-case word (`asked Mara Vance: “…?”` names
  /// whom the question was put to); a label alone (`Okafor:`) is `colonLabel`'s.
  func colonClauseSubject(before open: Int, _ sentence: Range<Int>) -> Mention? {
    let colon = open - 1
    // `The board then asked Mara Vance: “…?”`: a name before the colon is who is
    // addressed, not a clause's end.
    guard colon > sentence.lowerBound + 1, tokens[colon].kind == .colon,
      tokens[colon].quote < 0, tokens[colon - 1].kind == .word,
      !tokens[colon - 1].isCapitalised
    else { return nil }
    guard let clause = firstClauseVerb(sentence.lowerBound..<colon),
      // `The schedule was simple: “…”`: a copula describes the quotation; nobody says it.
      tokens[clause.verb].classes & C.beForm == 0,
      let mention = parser.subject(clause.subject)
    else { return nil }
    switch mention.form {
    case .name, .pronoun: return mention
    case .description, .roleReference: return hasListedHead(mention) ? mention : nil
    }
  }
}
