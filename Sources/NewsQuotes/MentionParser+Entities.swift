/// The last check a mention passes before it becomes a speaker: it must name an entity.
///
/// See docs/quotes.md, "Speakers". Headline fragments in Title Case, rubric words,
/// quantifiers and number phrases are no speakers; a plural title before a name is cut;
/// plural heads make a group and organisation heads an organisation.
extension MentionParser {
  /// Function words that a name never holds capitalised after its first word: a capitalised
  /// one marks a headline in Title Case (`Harbour Chief On Tolls`), not a name.
  static let titleCaseFunctionWords = Set([
    "on", "to", "for", "about", "with", "in", "at", "after", "over", "against", "vs",
    "between", "from", "into", "by", "of", "is", "are", "was", "just",
  ]).union(headlineVerbs)
  /// Verbs of headlines (`Okafor Slams Ortiz`), never inside a name.
  static let headlineVerbs: Set<String> = [
    "says", "slams", "endorses", "reveals", "makes", "blasts", "rips", "tells", "warns",
    "responds", "admits", "accuses", "attacks", "defends", "praises", "urges", "conflates",
    "demands", "explains", "destroys", "mocks", "trashes", "unloads", "nominates",
  ]
  /// Interjections and rubric words that label a headline (`Wow:`, `Breaking:`), and
  /// question words: never a speaker's name.
  static let rubricWords: Set<String> = [
    "wow", "watch", "breaking", "exclusive", "update", "video", "report", "analysis",
    "opinion", "live", "photos", "listen", "read", "see", "here", "why", "how", "what",
    "editorial", "commentary", "explainer", "recap",
  ]
  /// Quantifiers: never a name on their own (`Much of the anger …`); `Neither`/`Either`
  /// before a name is cut (`Neither Okafor nor …`).
  static let quantifierWords: Set<String> = [
    "much", "many", "most", "some", "all", "each", "both", "few", "several", "none", "any",
    "half", "less", "more", "neither", "either", "enough", "plenty", "another", "other",
    "every", "lots",
  ]
  /// Plural nouns for people that the agent endings miss or that stand capitalised alone
  /// (`Prosecutors said …`; a capitalised `Sanders` is a name, so endings are not enough).
  static let pluralPeopleNouns: Set<String> = [
    "prosecutors", "journalists", "authors", "speakers", "participants", "attendees",
    "senators", "independents", "forecasters", "trackers", "specialists", "backers",
    "unionists", "elders", "officials", "sources", "aides", "analysts", "experts",
    "historians", "economists", "pollsters", "scholars", "editors", "writers", "viewers",
    "readers", "listeners", "bloggers", "insiders", "observers", "organizers", "officers",
    "judges", "governors", "mayors", "legislators", "representatives",
  ]
  /// Names that end in `-ly` like an adverb (`Beverly`, `Kimberly`).
  static let namesInLy: Set<String> = [
    "beverly", "kimberly", "connolly", "donnelly", "kennelly", "mcnally", "mcanally",
  ]
  /// Plural titles before a name (`Senators Mara Vance and …`): cut from the name.
  static let pluralTitles: Set<String> = [
    "senators", "sens", "representatives", "reps", "governors", "govs", "generals", "gens",
    "presidents", "congressmen", "congresswomen", "justices", "judges", "mayors",
    "ministers", "drs", "messrs", "councillors", "councilors", "secretaries", "candidates",
  ]
  /// Head words of organisation names that `for`, `of` or `on` and capitalised words may
  /// follow (`Centre for Harbour Studies`, `Club for Growth`, `Council on Ports`).
  static let organisationHeads: Set<String> = [
    "center", "centre", "club", "council", "institute", "foundation", "fund", "committee",
    "association", "league", "alliance", "society", "coalition", "union", "federation",
    "network", "office", "department", "ministry", "bureau", "board", "commission",
    "agency", "service", "university", "college", "school", "academy", "corporation",
    "trust", "forum", "caucus", "conference", "organization", "organisation", "project",
    "bank", "museum", "church", "movement", "initiative", "partnership", "secretariat",
  ]

  /// Whether `for`, `of` or `on` at `index` joins an organisation head before it to the
  /// capitalised name word after it (`Center for Responsive Politics`).
  func joinsOrganisationName(_ index: Int, _ range: Range<Int>) -> Bool {
    guard index > range.lowerBound, index + 1 < range.upperBound,
      tokens[index].kind == .word, !tokens[index].isCapitalised,
      ["for", "of", "on"].contains(lowerWord(index)),
      Self.organisationHeads.contains(lowerWord(index - 1)),
      tokens[index + 1].kind == .word, !tokens[index + 1].isPossessive
    else { return false }
    return isNameToken(tokens[index + 1])
  }

  /// Where a fuller name found before `index` starts once a plural title, `Neither` or a
  /// noun for an ordinary person opening it is cut (`Senators Mara Vance`, `Neither Tom
  /// Okafor nor …`, `Resident Kim Tran`), and, in a run of
  /// more than three words, at a listed first name among the last three (`Harbour Board
  /// Chair Dana Ortiz` → `Dana Ortiz`).
  func fullerNameStart(_ start: Int, _ index: Int) -> Int {
    var start = start
    while start < index
      && (Self.pluralTitles.contains(lowerWord(start))
        || ["neither", "either"].contains(lowerWord(start))
        || describesName(start..<(index + 1)))
    {
      start += 1
    }
    if index + 1 - start > 3,
      let first = (max(start, index - 2)..<index).first(where: {
        WordLists.maleFirstNames.contains(lowerWord($0))
          || WordLists.femaleFirstNames.contains(lowerWord($0))
      })
    {
      start = first
    }
    return start
  }

  /// Whether a name found for a shorter one (`fullerName`) is a run of Title Case words
  /// rather than a name: it holds a capitalised function word (`Chief On Tolls`), or more
  /// than three words (`Okafor Slams Dana Ortiz`).
  func isTitleCaseRun(_ run: ClosedRange<Int>) -> Bool {
    if run.count > 3 { return true }
    return run.contains { tokens[$0].isCapitalised && isTitleCaseFunctionWord($0) }
  }

  private func isTitleCaseFunctionWord(_ index: Int) -> Bool {
    tokens[index].kind == .word && Self.titleCaseFunctionWords.contains(lowerWord(index))
  }

  /// The mention as a speaker, or `nil` when it names no entity.
  ///
  /// A name or description that holds a capitalised function word after its first word, or
  /// a capitalised adverb in `-ly` inside it (`Okafor Quietly Backs Ortiz`), is a headline
  /// fragment; a name of one rubric word or quantifier (`Wow`, `Much`) is none; a description
  /// that counts a share (`average of 10 percent`) is none. A plural title or `Neither`
  /// before a name is cut; a plural head makes the speaker a group, an organisation head
  /// (`Club for Growth`) an organisation. O(words of the mention).
  func entity(_ mention: Mention) -> Mention? {
    if mention.form == .roleReference {
      var result = mention
      result.kind = entityKind(mention)
      return result
    }
    guard mention.form == .name || mention.form == .description else { return mention }
    if mention.form == .name && isTownBeforeState(mention.tokens) { return nil }
    let words = mention.tokens.filter { tokens[$0].kind == .word }
    guard let first = words.first else { return mention }
    for index in words.dropFirst() where tokens[index].isCapitalised {
      let word = lowerWord(index)
      let adverb =
        mention.form == .name && index != words.last && word.count >= 7 && word.hasSuffix("ly")
        && !Self.namesInLy.contains(word)
      if adverb || isTitleCaseFunctionWord(index) {
        return headlineSpeaker(mention, before: index)
      }
    }
    let firstWord = lowerWord(first)
    // `Report:` over a story is a document that speaks (kept); `Wow:`, `Much of …` are none.
    if words.count == 1 && tokens[first].isCapitalised && mention.kind != .document
      && (Self.rubricWords.contains(firstWord) || Self.quantifierWords.contains(firstWord))
    {
      return nil
    }
    if mention.form == .description && countsAShare(mention.tokens) {
      return sharedGroup(after: mention.tokens.upperBound)
    }
    var result = mention
    if mention.form == .name && words.count == 1 && Self.organisationHeads.contains(firstWord) {
      result = withCapitalisedModifiers(mention)
    }
    if mention.form == .name && words.count > 1
      && (Self.pluralTitles.contains(firstWord) || ["neither", "either"].contains(firstWord))
    {
      result = renamed(mention, from: words[1])
    }
    result.kind = entityKind(result)
    return result
  }

  /// Whether a name is a town written with its state or province after a comma (`a Salem,
  /// N.H., resident`, `Gibsons, B.C.`): a place, never a speaker.
  func isTownBeforeState(_ name: Range<Int>) -> Bool {
    // `Tom Okafor, Ohio, said`: a person's name (a listed first name) is no town.
    let words = name.filter { tokens[$0].kind == .word }.map(lowerWord)
    if Self.gender(ofName: words) != nil { return false }
    let comma = name.upperBound
    guard comma + 1 < tokens.count, tokens[comma].kind == .comma,
      tokens[comma + 1].kind == .word, tokens[comma + 1].isCapitalised
    else { return false }
    // The state closes the place: a comma or the sentence's end follows it.
    let after = comma + 2
    guard after >= tokens.count || tokens[after].kind == .comma || tokens[after].isTerminator
    else { return false }
    var word = lowerWord(comma + 1)
    if word.hasSuffix(".") { word.removeLast() }
    return isAbbreviatedRegion(comma + 1) || WordLists.statesAndProvinces.contains(word)
  }

  /// The speaker of a headline fragment in Title Case cut before the capitalised function
  /// word or verb at `index`: the words before it when they are a name of two words or more
  /// or end in a title (`Dana Ortiz Slams …` → `Dana Ortiz`, `Harbour Chief On Tolls` →
  /// `Harbour Chief`), else none (`Final Demand To Okafor`).
  private func headlineSpeaker(_ mention: Mention, before index: Int) -> Mention? {
    let kept = mention.tokens.lowerBound..<index
    let isName = kept.count >= 2 && kept.allSatisfy { isNameToken(tokens[$0]) }
    guard isName || (kept.count >= 2 && isHead(index - 1)) else { return nil }
    var result = mention
    result.tokens = kept
    result.text = text(kept)
    if mention.form == .name {
      result.words = kept.map(lowerWord)
      if result.kind == .person { result.gender = Self.gender(ofName: result.words) }
    } else {
      result.kind = roleKind(kept)
    }
    return entity(result)
  }

  /// The name mention starting at `start` instead (the words before it cut).
  private func renamed(_ mention: Mention, from start: Int) -> Mention {
    var result = mention
    result.tokens = start..<mention.tokens.upperBound
    result.text = text(result.tokens)
    result.words = result.tokens.filter { tokens[$0].kind == .word }.map(lowerWord)
    if result.kind == .person { result.gender = Self.gender(ofName: result.words) }
    return result
  }

  /// An organisation head with the capitalised words written before it (`the State
  /// Department`, `the Harbour Studies Center` rather than `Department`, `Center`), at most
  /// four, no possessive.
  private func withCapitalisedModifiers(_ mention: Mention) -> Mention {
    var start = mention.tokens.lowerBound
    while start > 0 && mention.tokens.lowerBound - start < 4 {
      let token = tokens[start - 1]
      guard token.kind == .word, token.isCapitalised, !token.isPossessive,
        token.classes & (C.determiner | C.pronoun | C.preposition | C.conjunction) == 0
      else { break }
      start -= 1
    }
    guard start < mention.tokens.lowerBound else { return mention }
    var result = renamed(mention, from: start)
    result.kind = .organisation
    result.role = nil
    return result
  }

  /// The kind with plural heads read as groups (`Officials`, `media trackers`) and
  /// organisation heads as organisations (`Club for Growth`).
  private func entityKind(_ mention: Mention) -> SpeakerKind {
    guard mention.kind == .person else { return mention.kind }
    let range = mention.tokens
    if mention.form == .name {
      if range.contains(where: { Self.organisationHeads.contains(lowerWord($0)) })
        && range.count > 1
      {
        return .organisation
      }
      let last = range.upperBound - 1
      let plural =
        tokens[last].classes & C.groupNoun != 0
        || (range.count == 1 && Self.pluralPeopleNouns.contains(lowerWord(last)))
      return plural ? .group : .person
    }
    var head = range.upperBound - 1
    for index in range
    where index > range.lowerBound
      && (opensPhrase(index) || ["familiar", "who", "close"].contains(lowerWord(index)))
    {
      head = index - 1
      break
    }
    guard range.contains(head), tokens[head].kind == .word else { return .person }
    let word = lowerWord(head)
    if tokens[head].classes & C.groupNoun != 0 || Self.pluralPeopleNouns.contains(word)
      || isPluralRoleNoun(head)
    {
      return .group
    }
    let plural = word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("'s")
    return plural && isAgentNoun(head) ? .group : .person
  }

  /// The group a share counts, written after it (`… 10 percent of registered riders said`):
  /// `of` and up to four lower-case words ending in a group noun or a plural noun for people.
  private func sharedGroup(after end: Int) -> Mention? {
    guard end + 1 < tokens.count, tokens[end].kind == .word, lowerWord(end) == "of" else {
      return nil
    }
    var index = end + 1
    while index < min(tokens.count, end + 5), tokens[index].kind == .word,
      !tokens[index].isCapitalised, !opensPhrase(index)
    {
      let word = lowerWord(index)
      let plural = word.hasSuffix("s") && isAgentNoun(index)
      if tokens[index].classes & C.groupNoun != 0 || plural
        || Self.pluralPeopleNouns.contains(word)
      {
        let range = (end + 1)..<(index + 1)
        return Mention(
          form: .description, text: text(range), words: [], role: nil, kind: .group,
          tokens: range)
      }
      index += 1
    }
    return nil
  }

  /// Whether the range holds `of`, a number and a share word (`average of 10 percent`).
  private func countsAShare(_ range: Range<Int>) -> Bool {
    for index in range
    where index + 2 < tokens.count && tokens[index].kind == .word && lowerWord(index) == "of"
      && tokens[index + 1].kind == .number
      && (tokens[index + 2].kind == .word || tokens[index + 2].kind == .mark)
      && ["percent", "%", "per", "percentage"].contains(lowerWord(index + 2))
    {
      return true
    }
    return false
  }
}
