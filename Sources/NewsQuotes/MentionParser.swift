/// Reads speaker mentions out of token ranges (see `SpeakerResolver` for the rules).
struct MentionParser {
  let tokens: [Token]
  let bytes: UnsafeBufferPointer<UInt8>

  enum ChunkKind {
    case name(Mention)
    case pronoun(Mention)
    case role(Mention)
    case skip
  }

  typealias C = Lexicon.Class

  func text(_ range: Range<Int>) -> String {
    guard !range.isEmpty else { return "" }
    return String(
      decoding: UnsafeBufferPointer(
        rebasing: bytes[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end]),
      as: UTF8.self)
  }

  func lowerWord(_ index: Int) -> String {
    let token = tokens[index]
    let end = token.hasAbbreviationDot ? token.end - 1 : token.end
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<end]), as: UTF8.self)
      .lowercased().map { $0 == "’" ? "'" : $0 }
      .reduce(into: "") { $0.append($1) }
  }

  /// Comma-separated chunks of a range (commas inside quotes do not split).
  func chunks(_ range: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = range.lowerBound
    for index in range
    where tokens[index].quote < 0
      && (tokens[index].kind == .comma || tokens[index].kind == .dash
        || tokens[index].kind == .colon || tokens[index].kind == .semicolon)
    {
      if index > start { result.append(start..<index) }
      start = index + 1
    }
    if start < range.upperBound { result.append(start..<range.upperBound) }
    return result
  }

  func isNameToken(_ token: Token) -> Bool {
    token.kind == .word && token.isCapitalised && !token.isPossessive
      && token.classes
        & (C.honorific | C.title | C.determiner | C.pronoun | C.adverbial
          | C.relative | C.conjunction | C.subordinator | C.quantifier | C.weekday) == 0
  }

  /// Whether the word is a preposition (`of` included) that opens a phrase.
  func opensPhrase(_ index: Int) -> Bool {
    tokens[index].kind == .word
      && (tokens[index].classes & C.preposition != 0 || lowerWord(index) == "of")
  }

  /// A name word at `index`, or a capitalised title word that names an institution with
  /// the organisation word after it (`State Department`, `Foreign Ministry`).
  ///
  /// Not a capitalised `Of` or preposition, nor an adverb in `-ly` opening the chunk before a
  /// lower-case word or number (`Fully 55 percent of voters`; `Kelly Ayotte` stays a name).
  func isNameToken(at index: Int, in range: Range<Int>) -> Bool {
    let token = tokens[index]
    if opensPhrase(index) { return false }
    // `Four in 10 riders`: a number word opening a sentence.
    if index == range.lowerBound && Self.isNumberWord(lowerWord(index)) {
      return false
    }
    // `Dec. 8`, `the No. 2 Republican`: an abbreviated month or number sign.
    if token.kind == .word && token.hasAbbreviationDot
      && (isMonth(index) || lowerWord(index) == "no" || lowerWord(index) == "no.")
    {
      return false
    }
    if index == range.lowerBound && index + 1 < range.upperBound && token.kind == .word
      && lowerWord(index).hasSuffix("ly")
      && (tokens[index + 1].kind == .number || !tokens[index + 1].isCapitalised)
    {
      return false
    }
    if isNameToken(token) { return true }
    guard token.kind == .word, token.isCapitalised, token.classes & C.title != 0,
      !token.isPossessive, index + 1 < range.upperBound
    else { return false }
    let next = tokens[index + 1]
    return isNameToken(next) && next.classes & C.organisation != 0
  }

  /// The words around a speaker that are not part of it, cut from a chunk: leading
  /// conjunctions, subordinators, quantifiers and `as` (`But`, `If`, `some`, `one of`), then a
  /// trailing time phrase or adverb (`on Monday`, `last week`, `also`, `privately`).
  func trimmed(_ chunk: Range<Int>) -> Range<Int> {
    let leading = C.conjunction | C.subordinator | C.quantifier
    var start = chunk.lowerBound
    var end = chunk.upperBound
    // `even as advocates … called for`: `as` opening a clause is no part of its subject.
    while start < end && tokens[start].kind == .word
      && (tokens[start].classes & leading != 0
        || (tokens[start].classes & C.asWord != 0 && end - start > 1))
    {
      start += 1
      // `one of the officials`: the partitive goes with the quantifier.
      if start < end && tokens[start].kind == .word && lowerWord(start) == "of" { start += 1 }
    }
    while end - start > 1 {
      if let phrase = timePhraseStart(start..<end) {
        end = phrase
      } else if isTrailingAdverb(end - 1) {
        end -= 1
      } else {
        break
      }
    }
    return start..<end
  }

  /// Whether the word is an adverb that may trail a speaker (`also`, `then`, a word in `-ly`
  /// that is not a known noun such as `family`).
  func isTrailingAdverb(_ index: Int) -> Bool {
    let token = tokens[index]
    guard token.kind == .word, !token.isCapitalised else { return false }
    if token.classes & C.trailingAdverb != 0 { return true }
    let length = token.end - token.start
    guard length >= 6, bytes[token.end - 2] == UInt8(ascii: "l"),
      bytes[token.end - 1] == UInt8(ascii: "y"),
      token.classes & (C.roleNoun | C.groupNoun | C.organisation | C.document) == 0
    else { return false }
    return !["family", "assembly", "supply", "rally", "monopoly", "anomaly"].contains(
      lowerWord(index))
  }

  /// Where a time phrase that ends `range` starts, leaving at least one word before it.
  ///
  /// The phrase is made of weekdays, months, lower-case time words (`morning`, `week`,
  /// `time`), numbers, prepositions, `the`, `this`, `last`, `next`, `early`, `late` and `of`,
  /// and holds a weekday or a time word, or a month after a preposition or beside a number
  /// (`on Monday`, `Wednesday afternoon`, `at the time`, `in July`, `on Feb. 5`; not
  /// `Elizabeth May`).
  func timePhraseStart(_ range: Range<Int>) -> Int? {
    let support = C.preposition | C.determiner
    var start = range.upperBound
    var hasTime = false
    var hasMonth = false
    var hasAnchor = false
    while start - 1 > range.lowerBound {
      let token = tokens[start - 1]
      if token.kind == .number {
        hasAnchor = true
      } else if token.kind != .word {
        break
      } else if token.classes & C.weekday != 0 {
        hasTime = true
      } else if token.classes & C.timeWord != 0 && !token.isCapitalised {
        hasTime = true
      } else if token.classes & C.timeName != 0 {
        hasMonth = true
      } else if !token.isCapitalised
        && (token.classes & support != 0
          || ["of", "early", "late", "mid", "next"].contains(lowerWord(start - 1)))
      {
        if token.classes & C.preposition != 0 { hasAnchor = true }
      } else {
        break
      }
      start -= 1
    }
    guard hasTime || (hasMonth && hasAnchor) else { return nil }
    // The phrase starts at its first time word or the preposition before it.
    while start < range.upperBound && tokens[start].kind == .word
      && tokens[start].classes & (C.weekday | C.timeWord | C.timeName | C.preposition) == 0
      && !["last", "next", "early", "late", "this"].contains(lowerWord(start))
    {
      start += 1
    }
    return start < range.upperBound ? start : nil
  }

  /// A party or state tag written after a name (`R-Mo.`, `D-Calif`, `Tenn.`): a role, never
  /// a speaker.
  func isTag(_ chunk: Range<Int>) -> Bool {
    // The tag's own full stop may stand as a token of its own (`R-Mo.,`).
    guard chunk.count == 1 || (chunk.count == 2 && tokens[chunk.upperBound - 1].kind == .period)
    else { return false }
    let token = tokens[chunk.lowerBound]
    guard token.kind == .word, token.isCapitalised, token.classes & C.honorific == 0 else {
      return false
    }
    let length = token.end - token.start
    if length >= 3 && bytes[token.start + 1] == UInt8(ascii: "-")
      && [UInt8(ascii: "D"), UInt8(ascii: "R"), UInt8(ascii: "I")].contains(bytes[token.start])
    {
      return true
    }
    return (token.hasAbbreviationDot || token.isDotted) && length <= 7
      && token.classes & (C.timeName | C.abbreviation) == 0
  }

  func isFollowBlocker(_ token: Token) -> Bool {
    token.kind == .word
      && (token.isCapitalised
        || token.classes & (C.roleNoun | C.title | C.groupNoun | C.organisation) != 0)
  }

  /// Whether a chunk is a dateline glued to its paragraph (`WASHINGTON (AP)` before a
  /// dash): words in capitals only, with at most a date and a parenthesised agency, and a
  /// dash after it.
  func isDateline(_ chunk: Range<Int>) -> Bool {
    guard chunk.upperBound < tokens.count, tokens[chunk.upperBound].kind == .dash else {
      return false
    }
    var words = 0
    var depth = 0
    for index in chunk {
      let token = tokens[index]
      switch token.kind {
      case .openParen: depth += 1
      case .closeParen: depth -= 1
      case .word where depth == 0 && isMonth(index):
        // `WASHINGTON, Dec. 8 (AP) —`: the date of a dateline.
        words += 1
      case .number where depth == 0:
        continue
      case .word where depth == 0:
        guard token.end - token.start >= 3, isAllCapitals(index) else { return false }
        words += 1
      case .period where depth == 0 && index > chunk.lowerBound && isMonth(index - 1):
        continue
      case .word, .comma, .period: if depth == 0 && token.kind != .word { return false }
      default: return false
      }
    }
    return words > 0
  }

  /// Whether the word is a month or its abbreviation (`Dec.`).
  func isMonth(_ index: Int) -> Bool {
    var word = lowerWord(index)
    if word.hasSuffix(".") { word.removeLast() }
    return tokens[index].kind == .word && WordLists.timeNames.contains(word)
  }

  /// Whether the word at `index` has no lower-case ASCII letter.
  func isAllCapitals(_ index: Int) -> Bool {
    let token = tokens[index]
    for position in token.start..<token.end where bytes[position] >= 0x61 && bytes[position] <= 0x7A
    {
      return false
    }
    return true
  }

  /// Classifies one chunk.
  func classify(_ chunk: Range<Int>) -> ChunkKind {
    if isDateline(chunk) { return .skip }
    var start = chunk.lowerBound
    while start < chunk.upperBound && tokens[start].classes & C.conjunction != 0 { start += 1 }
    guard start < chunk.upperBound else { return .skip }
    // `which he called`, `what he called`: the pronoun after a relative word.
    // `where Councillor Raman told`: a name after `where` is the subject of its clause.
    if tokens[start].classes & C.relative != 0 {
      guard start + 1 < chunk.upperBound,
        tokens[start + 1].classes & C.pronoun != 0
          || (lowerWord(start) == "where" && tokens[start + 1].isCapitalised)
      else {
        return .skip
      }
      start += 1
    }
    // `When Tom Okafor said …`, `While Ortiz said …`: the subject of the subordinate clause.
    if start + 1 < chunk.upperBound, ["when", "while", "as"].contains(lowerWord(start)) {
      start += 1
    }
    let first = tokens[start]
    // `36 percent of riders`, `4 in 10 riders`: a poll share or count opens with its number.
    let countsAGroup =
      first.kind == .number && start + 1 < chunk.upperBound
      && (WordLists.shareWords.contains(lowerWord(start + 1)) || lowerWord(start + 1) == "in")
    if first.kind != .word && first.kind != .mark && !countsAGroup { return .skip }
    if first.classes & C.pronoun != 0, let pronoun = pronoun(start, chunk.upperBound) {
      return pronoun
    }
    if first.classes & C.adverbial != 0 && first.classes & C.determiner == 0
      && !isAdjectiveBeforeHead(start)
    {
      return .skip
    }
    if first.classes & (C.determiner | C.roleNoun | C.title) == 0 {
      let word = lowerWord(start)
      // `holding signs`, `Holding signs, the protesters …`: a participle phrase. Capitalised,
      // only when a lower-case word follows, so that `Manning` or `Reed` stays a name.
      let participle = word.count > 4 && (word.hasSuffix("ing") || word.hasSuffix("ed"))
      let lowerNext =
        start + 1 < chunk.upperBound && tokens[start + 1].kind == .word
        && !tokens[start + 1].isCapitalised
      if participle && (!first.isCapitalised || lowerNext)
        && !describesNamedPerson(start..<chunk.upperBound)
      {
        return .skip
      }
    }
    start = clauseSubjectStart(start..<chunk.upperBound)
    let range = trimmed(start..<chunk.upperBound)
    guard !range.isEmpty, !isTag(range), timePhraseStart(range) != range.lowerBound else {
      return .skip
    }
    if tokens[range.lowerBound].classes & C.pronoun != 0,
      let pronoun = pronoun(range.lowerBound, range.upperBound)
    {
      return pronoun
    }
    // `Research suggests …`: a document noun capitalised at the sentence start is no name.
    if range.count == 1 && tokens[range.lowerBound].classes & C.document != 0 {
      return describedSpeaker(range)
    }
    if let name = nameRun(range) { return .name(nameMention(name, in: range)) }
    return describedSpeaker(range)
  }

  /// Whether a chunk opening with a word in `-ed` or `-ing` is a description before a name
  /// (`undecided ferry pilot Dana Ortiz`, `said retired harbour engineer Tom Okafor`), not
  /// a participle phrase (`holding signs`, `Asked about Tom Okafor`).
  ///
  /// Up to three lower-case words (no preposition) and then a role noun, right before a run
  /// of name words that ends the chunk.
  func describesNamedPerson(_ chunk: Range<Int>) -> Bool {
    var index = chunk.lowerBound + 1
    while index < min(chunk.upperBound, chunk.lowerBound + 4) {
      let token = tokens[index]
      guard token.kind == .word, token.quote < 0, token.classes & C.preposition == 0,
        lowerWord(index) != "of"
      else { return false }
      if token.classes & C.roleNoun != 0 && index + 1 < chunk.upperBound {
        return ((index + 1)..<chunk.upperBound).allSatisfy { isNameToken(tokens[$0]) }
      }
      index += 1
    }
    return false
  }

  /// Where the subject of a cue starts when the chunk holds a clause of the reporter's.
  ///
  /// After the last `when`, `because`, `although` … that a name, pronoun or
  /// title follows (`The vote was delayed because Ortiz told …` → `Ortiz`), after `after`,
  /// `before` or `since` with a time unit before it (`three days after Ortiz told`), or after a verb
  /// and `that` (`A poll showed that 72 percent of riders said …`), or, before `to` and an
  /// infinitive cue, after a causative verb (`Pressure drives the mayor to say …` → `the
  /// mayor`). Not after
  /// prepositions (`Trump went after Bush, calling him …` keeps `Trump`).
  func clauseSubjectStart(_ chunk: Range<Int>) -> Int {
    var start = chunk.lowerBound
    var index = chunk.lowerBound + 1
    // `… drives the mayor to say`: the chunk ends with `to` before an infinitive cue.
    let infinitiveCue =
      chunk.count > 1 && tokens[chunk.upperBound - 1].kind == .word
      && lowerWord(chunk.upperBound - 1) == "to"
    while index + 1 < chunk.upperBound {
      let token = tokens[index]
      let next = tokens[index + 1]
      // `A senior official who spoke on condition of anonymity because he was not
      // authorised …`: a subordinator inside a relative clause after the head noun opens no
      // subject.
      if token.kind == .word && !token.isCapitalised
        && WordLists.clauseOpeners.contains(lowerWord(index))
        && (relativeClauseStart(in: chunk).map({ index < $0 }) ?? true)
        && (isNameToken(next) || next.classes & C.pronoun != 0
          || (next.isCapitalised && next.classes & (C.honorific | C.title) != 0)
          || (lowerWord(index) == "why" && next.kind == .word && next.isCapitalised
            && next.isPossessive))
      {
        // `That's why Rubio's team thinks …`: after `why` a possessive name opens the subject.
        start = index + 1
      } else if token.kind == .word && !token.isCapitalised
        && ["after", "before", "since"].contains(lowerWord(index))
        && WordLists.timeUnits.contains(lowerWord(index - 1))
        && (isNameToken(next) || next.classes & C.pronoun != 0
          || (next.isCapitalised && next.classes & (C.honorific | C.title) != 0))
      {
        // `The vote comes three days after Ortiz told …`: a time before `after` makes it a
        // subordinator.
        start = index + 1
      } else if token.kind == .word && token.classes & C.that != 0 && !token.isCapitalised
        && tokens[index - 1].kind == .word && looksLikeVerb(index - 1)
      {
        // `A poll showed that 72 percent of riders said …`: after `VERB that`.
        start = index + 1
      } else if token.kind == .word && !token.isCapitalised
        && (token.classes & C.that != 0 || ["than", "what", "which"].contains(lowerWord(index))
          || (["and", "but"].contains(lowerWord(index)) && !tokens[index - 1].isCapitalised
            && (start..<index).contains(where: looksLikeVerb)))
        && (namesTheRest(index + 1, chunk) || describesTheRest(index + 1, chunk))
      {
        // `The debate grew so heated that Gov. Tom Okafor said …`, `Ortiz has won twice and
        // Okafor strongly suggested …`, `a trend that the harbour board predicts`, `less
        // credit than aides say`, `a ruling blocking what Republicans called …`: a clause of
        // its own whose subject ends the chunk (not `on Twitter and Instagram`, two names
        // joined).
        start = index + 1
      } else if token.kind == .word && !token.isCapitalised && infinitiveCue
        && WordLists.causativeVerbs.contains(lowerWord(index))
      {
        // `Criticism within the party drives the mayor to say …`: the one made to speak is
        // the object of the causative verb, not its subject.
        start = index + 1
      }
      index += 1
    }
    return start
  }

  /// A pronoun mention; `it` only on its own (`it has become what Ms. Gruzdeva …` is read
  /// on as any other chunk).
  private func pronoun(_ index: Int, _ end: Int) -> ChunkKind? {
    let word = lowerWord(index)
    if word == "it" && end - index > 1 { return nil }
    let kind: SpeakerKind = word == "they" ? .group : word == "it" ? .organisation : .person
    let gender: Gender? = word == "he" ? .male : word == "she" ? .female : nil
    return .pronoun(
      Mention(
        form: .pronoun, text: word, words: [], role: nil, kind: kind,
        tokens: index..<(index + 1), gender: gender))
  }

  /// The mention of a name run, with the role written before it in its chunk, its kind and
  /// the gender an honorific or a listed first name tells.
  private func nameMention(_ name: Range<Int>, in range: Range<Int>) -> Mention {
    // `A weary Ortiz`: an article and adjectives are no role.
    let before = range.lowerBound..<name.lowerBound
    let onlyAdjectives =
      !before.isEmpty && ["the", "a", "an"].contains(lowerWord(before.lowerBound))
      && before.allSatisfy { !tokens[$0].isCapitalised || $0 == before.lowerBound }
      && !before.contains { tokens[$0].classes & (C.roleNoun | C.title) != 0 }
    let role = onlyAdjectives ? nil : trimmedRole(before)
    var nameWords: [String] = []
    var kind = SpeakerKind.person
    for index in name {
      nameWords.append(lowerWord(index))
      if tokens[index].classes & (C.organisation | C.place) != 0 { kind = .organisation }
    }
    if let role, roleKind(role.range) == .organisation && role.range.count <= 4 {
      kind = .organisation
    }
    // `the Pentagon`, `The Associated Press`: a person is not `the` anything.
    if name.lowerBound > range.lowerBound && lowerWord(name.lowerBound - 1) == "the" {
      kind = .organisation
    }
    var gender: Gender?
    if name.lowerBound > 0 && tokens[name.lowerBound - 1].kind == .word {
      switch lowerWord(name.lowerBound - 1) {
      case "mr": gender = .male
      case "mrs", "ms", "miss": gender = .female
      default: break
      }
    }
    if gender == nil && kind == .person { gender = Self.gender(ofName: nameWords) }
    var mention = Mention(
      form: .name, text: text(name), words: nameWords, role: role?.text, kind: kind,
      tokens: name, gender: gender)
    if kind == .person { mention.descriptors = descriptors(around: name, in: range) }
    return mention
  }

  /// What the titles and places written around a name say about the person
  /// (`Florida Sen.` → `florida`, `senator`; `(I-Vt.)` → `independent`, `vermont`; `of Ohio`
  /// → `ohio`): see `TitleDescriptors`.
  func descriptors(around name: Range<Int>, in range: Range<Int>) -> [String] {
    var words: [String] = []
    for index in range.lowerBound..<name.lowerBound where tokens[index].kind == .word {
      let token = tokens[index]
      let word = lowerWord(index)
      if token.classes & (C.honorific | C.title) != 0 {
        words += TitleDescriptors.words(ofTitle: word)
      } else if token.isCapitalised && token.classes & C.determiner == 0 {
        words.append(word)
      }
    }
    var index = name.upperBound
    while index < range.upperBound {
      let word = lowerWord(index)
      if tokens[index].kind == .word && word.count >= 3 && word.dropFirst().first == "-" {
        words += TitleDescriptors.words(ofTag: word)
      } else if word == "of" {
        var next = index + 1
        while next < range.upperBound && tokens[next].kind == .word && tokens[next].isCapitalised {
          words.append(lowerWord(next))
          next += 1
        }
        break
      }
      index += 1
    }
    return words
  }

  /// The gender a listed first name tells, for a name of two words or more.
  static func gender(ofName words: [String]) -> Gender? {
    guard words.count >= 2, let first = words.first else { return nil }
    if WordLists.maleFirstNames.contains(first) { return .male }
    if WordLists.femaleFirstNames.contains(first) { return .female }
    return nil
  }

  /// The speaker of a subject region before a cue: the last name chunk, else the last
  /// pronoun, else the first unnamed description; the role comes from the name's own chunk or
  /// the neighbouring appositive.
  ///
  /// With `pronounBeforeCue`, a pronoun chunk right before the cue wins over a name in an
  /// earlier chunk (`Take action now, they said`); the caller asks again without it when
  /// that pronoun refers to nobody yet.
  func subject(
    _ range: Range<Int>, lastChunkOnly: Bool = false, pronounBeforeCue: Bool = true
  ) -> Mention? {
    var parts = chunks(range)
    if lastChunkOnly, let last = parts.last { parts = [last] }
    // `WESTPORT, Dec. 8 (AP) — Officials said`: the place before the dated dateline goes too.
    if let dateline = parts.lastIndex(where: isDateline) {
      parts = Array(parts[(dateline + 1)...])
    }
    let kinds = parts.map(classify)
    var nameIndex: Int?
    var pronoun: Mention?
    var firstRole: (Int, Mention)?
    for (index, kind) in kinds.enumerated() {
      switch kind {
      case .name(let mention):
        // `In Iowa, where Mrs. Clinton won, exit polls suggested`: a name in a `where` clause
        // is the subject only of a cue that ends that clause.
        if index + 1 < parts.count && lowerWord(parts[index].lowerBound) == "where" { break }
        // `At the town hall in Hudson, New Hampshire Monday, the supporter said`: a state or
        // province before the cue's own chunk is a place (`Texas argued` keeps the state).
        if index + 1 < parts.count && isRegion(mention) { break }
        // `The woman from Regina, Sask., said`: an abbreviated state is never the speaker.
        if isRegion(mention) && tokens[mention.tokens.lowerBound].hasAbbreviationDot { break }
        nameIndex = index
      case .pronoun(let mention): pronoun = mention
      case .role(let mention): if firstRole == nil { firstRole = (index, mention) }
      case .skip: break
      }
    }
    // `Take action now, they said`: a pronoun chunk right before the cue is its subject; a
    // name in an earlier chunk belongs to the reported clause.
    if pronounBeforeCue, parts.count > 1, let lastKind = kinds.last,
      case .pronoun(let mention) = lastKind
    {
      return mention
    }
    // `…, but analysts said`: a chunk the cue follows that opens with a conjunction is a new
    // subject of its own.
    if let last = parts.last, parts.count > 1, tokens[last.lowerBound].classes & C.conjunction != 0,
      let lastKind = kinds.last
    {
      switch lastKind {
      case .name(let mention), .pronoun(let mention), .role(let mention): return mention
      case .skip: break
      }
    }
    // `The board heard from Dana Ortiz, who said`: the person `who` refers to.
    if let antecedent = relativeAntecedent(parts) { return antecedent }
    // `Mara Vance, a spokeswoman for Mr. Okafor, said`: a name in an appositive describes
    // the name before it.
    let head = appositiveHead(parts, kinds)
    if let head { nameIndex = head }
    if let nameIndex, case .name(var mention) = kinds[nameIndex] {
      // `Texas told the court …`: a state speaks as its government.
      if isRegion(mention) { mention.kind = .organisation }
      if mention.role == nil {
        if nameIndex > 0, case .role(let role) = kinds[nameIndex - 1], role.form != .pronoun {
          mention.role = appositive(parts[nameIndex - 1])
        } else if nameIndex + 1 < kinds.count, case .role = kinds[nameIndex + 1] {
          mention.role = appositive(parts[nameIndex + 1])
        } else if head != nil, case .name = kinds[nameIndex + 1],
          opensAppositive(parts[nameIndex + 1]),
          tokens[parts[nameIndex + 1].lowerBound].classes & C.relative == 0
        {
          // `a spokeswoman for Mr. Okafor`: an appositive holding a name is a role too.
          mention.role = appositive(parts[nameIndex + 1])
        } else if nameIndex + 1 < parts.count && isTag(parts[nameIndex + 1]) {
          mention.role = text(parts[nameIndex + 1])
        }
      }
      if nameIndex + 1 < parts.count && isTag(parts[nameIndex + 1]) {
        mention.descriptors += TitleDescriptors.words(
          ofTag: lowerWord(parts[nameIndex + 1].lowerBound))
      }
      return mention
    }
    if let pronoun { return pronoun }
    return firstRole?.1
  }

  /// Whether the capitalised words after a name from `start` to `index` make its run a
  /// headline.
  ///
  /// They do with an auxiliary (`Will Twitter Be Next?`) or a capitalised function word
  /// (`ESPN Fires Schilling Over …`) among them, or when the whole run is Title Case
  /// (`Disavow Lindsey Graham Endorsement`). A headline verb, or a word in `-s`, right after
  /// the name ends the name instead (`Dana Ortiz Praises …`, `Dana Ortiz Announces Run …`).
  func goesOnPastName(_ start: Int, _ index: Int) -> Bool {
    var runEnd = index
    while runEnd + 1 < tokens.count && isNameToken(tokens[runEnd + 1])
      && !WordLists.nameSuffixes.contains(lowerWord(runEnd + 1))
    {
      runEnd += 1
    }
    guard runEnd > index else { return false }
    let next = lowerWord(index + 1)
    if Self.headlineVerbs.contains(next) { return false }
    let headlineWord = ((index + 1)...runEnd).contains {
      tokens[$0].classes & C.auxiliary != 0 || Self.titleCaseFunctionWords.contains(lowerWord($0))
    }
    let verbLike = next.hasSuffix("s") && !next.hasSuffix("ss")
    return headlineWord || (!verbLike && isTitleCaseRun(start...runEnd))
  }

  /// The first fuller mention of the same name earlier in the article: a run of name words
  /// ending in the mention's last word (`Gen. Mamadou Keïta` for `Keïta`).
  func fullerName(_ mention: Mention, before limit: Int) -> Mention? {
    guard let last = mention.words.last else { return nil }
    let lastBytes = Array(last.utf8)
    for index in 0..<min(limit, tokens.count) where tokens[index].kind == .word {
      // Cheap byte check first (same length, same first byte ignoring case), then the word.
      let token = tokens[index]
      let length = (token.hasAbbreviationDot ? token.end - 1 : token.end) - token.start
      guard length >= lastBytes.count - 2, length <= lastBytes.count + 2,
        Lexicon.lower(bytes[token.start]) == lastBytes.first.map(Lexicon.lower),
        lowerWord(index).utf8.elementsEqual(lastBytes)
      else { continue }
      var start = index
      while start > 0 {
        let previous = tokens[start - 1]
        if isNameToken(previous) || (previous.classes & C.particle != 0 && previous.kind == .word) {
          start -= 1
        } else {
          break
        }
      }
      while start < index && tokens[start].classes & C.particle != 0 && !tokens[start].isCapitalised
      {
        start += 1
      }
      // `Okafor Slams Dana Ortiz`: a headline in Title Case gives no fuller name, nor does
      // one that goes on past the name (`Will Twitter Be Next?`: `goesOnPastName`).
      start = fullerNameStart(start, index)
      // `Did Donald Trump …?`: a question's auxiliary opens no name (`Will` and `May` may).
      if start < index && tokens[start].classes & C.auxiliary != 0
        && !WordLists.auxiliariesThatAreNames.contains(lowerWord(start))
      {
        start += 1
      }
      if isTitleCaseRun(start...index) || goesOnPastName(start, index)
        || (start..<index).dropFirst().contains(where: { tokens[$0].classes & C.auxiliary != 0 })
      {
        // `Why Does Israel …`: an auxiliary inside the run makes it a headline too.
        continue
      }
      if index + 1 - start > mention.words.count {
        let words = (start...index).map(lowerWord)
        return Mention(
          form: .name, text: text(start..<(index + 1)), words: words, role: mention.role,
          kind: mention.kind, tokens: mention.tokens,
          gender: mention.gender ?? Self.gender(ofName: words))
      }
    }
    return nil
  }
}
