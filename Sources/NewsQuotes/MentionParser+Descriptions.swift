/// Described speakers (`MentionParser`): where an unnamed speaker's description starts and
/// ends, poll shares, and the kind its head noun gives.
extension MentionParser {
  /// An unnamed speaker (`a senior State Department official`), a definite description that
  /// refers back (`the spokeswoman`, `the rookie defenceman`, `the ministry`), or nothing.
  ///
  /// The description runs up to its head noun (a role, group, organisation or document
  /// noun) and keeps what follows only when a modifier opens it (`source familiar with …`,
  /// `study by the planning office`); anything else after the head is the rest of a clause
  /// (`The judge rubbed his chin and said` → `judge`). A phrase with no such noun is not a
  /// speaker (`therefore lower costs`, `press conferences to find the mayor's`).
  func describedSpeaker(_ range: Range<Int>) -> ChunkKind {
    let relative = relativeClauseStart(in: range)
    let beforeRelative = range.lowerBound..<(relative ?? range.upperBound)
    // A long relative clause is allowed when it reports no speech of its own (`A senior
    // official who spoke on condition of anonymity because …`; not `a Clinton endorser …
    // who suggested that …`).
    let longClauseAllowed =
      relative.map { start in !(start..<range.upperBound).contains { tokens[$0].cue >= 0 } }
      ?? false
    if beforeRelative.contains(where: {
      tokens[$0].classes & C.auxiliary != 0 || tokens[$0].kind == .mark
    }) || (longClauseAllowed ? beforeRelative : range).count > 12
      || range[(relative ?? range.upperBound)...].contains(where: {
        tokens[$0].kind == .mark
      })
    {
      return .skip
    }
    var body = range
    let firstWord = lowerWord(body.lowerBound)
    let isThe = firstWord == "the"
    if ["the", "a", "an"].contains(firstWord) { body = (body.lowerBound + 1)..<body.upperBound }
    if let group = afterShare(body) { body = group }
    // `three in four`, `one in 10` with no group named: a poll figure, not a speaker.
    if body.count >= 2 && lowerWord(body.lowerBound + 1) == "in"
      && (tokens[body.lowerBound].kind == .number
        || WordLists.shareWords.contains(lowerWord(body.lowerBound)))
    {
      return .skip
    }
    if opensPhrase(body.lowerBound) && !isAdjectiveBeforeHead(body.lowerBound) { return .skip }
    // The head is the last head noun before the first function word (`Republican
    // presidential candidate` → `candidate`; `judge rubbed his chin` → `judge`).
    let stop =
      C.determiner | C.preposition | C.conjunction | C.relative | C.auxiliary | C.pronoun
      | C.that | C.subordinator
    var head: Int?
    for index in body {
      // `no presidential candidate is calling for …`, `carries no official powers`: a
      // negated noun names nobody.
      // `No fewer than 40 residents` and `no longer` negate nobody.
      if tokens[index].kind == .word && !tokens[index].hasAbbreviationDot
        && lowerWord(index) == "no" && head == nil
        && !(index + 1 < body.upperBound
          && ["fewer", "more", "less", "longer"].contains(lowerWord(index + 1)))
      {
        return .skip
      }
      if index > body.lowerBound && tokens[index].classes & stop != 0
        && !isAdjectiveBeforeHead(index)
      {
        break
      }
      // `of` ends the search: `members of the council` → `members`, `those surveyed
      // disapprove of President …` → `surveyed`; with no head before it the phrase names a
      // thing (`the right of business owners`; a share of a group was taken by `afterShare`).
      // `an average of 10 percent of voters` goes on to the group.
      let shareFollows =
        index + 1 < body.upperBound
        && (tokens[index + 1].kind == .number
          || WordLists.shareWords.contains(lowerWord(index + 1)))
      if index > body.lowerBound && lowerWord(index) == "of" && !shareFollows {
        if head == nil { return .skip }
        break
      }
      if isHead(index) { head = index }
    }
    guard let head else { return .skip }
    var end = head + 1
    let modifiers = [
      "of", "at", "for", "from", "with", "in", "on", "by", "to", "close", "familiar",
      "involved", "briefed", "who", "based", "inside", "within", "near",
    ]
    if end < body.upperBound && tokens[end].kind == .word
      && modifiers.contains(lowerWord(end))
    {
      // The modifier ends before a verb of the sentence (`an operative inside the depot
      // tried to …`, `a poll in June showed that …`).
      var stopAt = end + 1
      while stopAt < body.upperBound && !looksLikeVerb(stopAt) { stopAt += 1 }
      end = stopAt
    }
    // `authors of the “…”`: a modifier cut short by a quotation ends before its function words.
    while end > head + 1 && (tokens[end - 1].classes & stop != 0 || lowerWord(end - 1) == "of") {
      end -= 1
    }
    // `a Times poll in December`: a time phrase ending the modifier is not part of it.
    if end > head + 1, let time = timePhraseStart(body.lowerBound..<end), time > head {
      end = time
    }
    body = body.lowerBound..<end
    let last = tokens[end - 1]
    let kind = roleKind(body)
    // `NATO's secretary general`, `Canada's health minister`: a capitalised possessive
    // before a person's role refers back like `the` does.
    let isPossessor =
      !isThe && tokens[body.lowerBound].isCapitalised && tokens[body.lowerBound].isPossessive
      && body.count >= 2 && kind == .person
    if (isThe || isPossessor) && body.count <= 4 && !last.isCapitalised
      && (kind == .person || kind == .organisation)
    {
      // The head noun, then the capitalised modifiers the earlier mention must share (a
      // possessor without its `'s`: `NATO's secretary general` needs `NATO`).
      let named = body.filter { $0 < head && tokens[$0].isCapitalised }.map { index in
        let word = lowerWord(index)
        guard tokens[index].isPossessive else { return word }
        return word.hasSuffix("'s") ? String(word.dropLast(2)) : String(word.dropLast())
      }
      return .role(
        Mention(
          form: .roleReference, text: text(body), words: [lowerWord(head)] + named, role: nil,
          kind: kind, tokens: body))
    }
    return .role(
      Mention(form: .description, text: text(body), words: [], role: nil, kind: kind, tokens: body))
  }

  /// Whether `outside` or `inside` stands as an adjective before a head noun (`Some outside
  /// experts warned …`, `inside counsel`), not as a preposition.
  func isAdjectiveBeforeHead(_ index: Int) -> Bool {
    index + 1 < tokens.count && ["outside", "inside"].contains(lowerWord(index))
      && isHead(index + 1)
  }

  /// Where a relative clause right after a description's head noun starts, if one does.
  ///
  /// `The paddler who was rescued first said …`: an auxiliary inside such a clause does not
  /// make the chunk a clause of the reporter's. Not after a pronoun (`It means including
  /// people who have …`) nor before an infinitive cue (`the senator who is surfing a wave …
  /// to contend`). O(words of the chunk).
  func relativeClauseStart(in range: Range<Int>) -> Int? {
    guard tokens[range.lowerBound].classes & C.pronoun == 0,
      lowerWord(range.upperBound - 1) != "to"
    else { return nil }
    return range.dropFirst().first {
      ["who", "whose", "which"].contains(lowerWord($0)) && isHead($0 - 1)
    }
  }

  /// Whether a lower-case word reads as the verb of a clause (`that`, an auxiliary, a past
  /// tense in `-ed` or a common irregular one): a described speaker's modifier ends there.
  func looksLikeVerb(_ index: Int) -> Bool {
    let token = tokens[index]
    guard token.kind == .word, !token.isCapitalised else { return false }
    if token.classes & (C.that | C.auxiliary) != 0 { return true }
    let word = lowerWord(index)
    return WordLists.pastTenseVerbs.contains(word)
      || (word.hasSuffix("ed") && !["based", "involved", "briefed", "concerned"].contains(word))
  }

  /// The group after a poll share that opens a description.
  ///
  /// `52 percent of voters`, `a strong majority of Democrats`, `two-thirds of the delegates`
  /// give `voters`, `Democrats`, `delegates` (and `55 percent of all voters` gives `voters`).
  /// A share is a number or a share word (`percent`, `majority`, `half`, …) within the first
  /// four words, before `of`.
  func afterShare(_ body: Range<Int>) -> Range<Int>? {
    var sawShare = false
    var index = body.lowerBound
    while index < min(body.upperBound, body.lowerBound + 5) {
      let token = tokens[index]
      if token.kind == .number || WordLists.shareWords.contains(lowerWord(index)) {
        sawShare = true
      } else if token.kind != .word || (token.isCapitalised && index > body.lowerBound) {
        return nil
      } else if lowerWord(index) == "in" && sawShare && index + 2 < body.upperBound
        && (tokens[index + 1].kind == .number
          || WordLists.shareWords.contains(lowerWord(index + 1)))
      {
        // `four in 10 voters` → `voters`.
        return (index + 2)..<body.upperBound
      } else if lowerWord(index) == "of" {
        guard sawShare else { return nil }
        var start = index + 1
        // `55 percent of all voters`, `half of the riders` → `voters`, `riders`.
        while start + 1 < body.upperBound && ["the", "all"].contains(lowerWord(start)) {
          start += 1
        }
        return start < body.upperBound ? start..<body.upperBound : nil
      }
      index += 1
    }
    return nil
  }

  /// Document, organisation, group or person from the head noun of a description.
  func roleKind(_ range: Range<Int>) -> SpeakerKind {
    var head = range.upperBound - 1
    for index in range
    where index > range.lowerBound
      && tokens[index].kind == .word && !tokens[index].isCapitalised
      && ["for", "of", "at", "in", "from", "on", "with", "who", "by"].contains(lowerWord(index))
    {
      head = index - 1
      break
    }
    guard head >= range.lowerBound else { return .person }
    let token = tokens[head]
    if token.classes & C.document != 0 { return .document }
    if token.classes & C.groupNoun != 0 { return .group }
    if token.classes & (C.organisation | C.place) != 0 { return .organisation }
    return .person
  }
}
