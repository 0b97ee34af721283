/// Frames opened by `as` around a reported clause (`As Raman noted, CLAUSE`, `CLAUSE, as
/// Raman said.`), a step of `ExtractionRun.handleCue`.
extension ExtractionRun {
  /// `As Raman noted, the piers were never repaired.` / `The piers were never repaired, as
  /// Raman noted.`: the subject follows `as` (opening the sentence, after at most a
  /// connective, or opening the last chunk before the cue) and the clause is the rest of the
  /// sentence on the other side of the comma.
  ///
  /// Fronted, a comma must follow the cue within five words (`As Raman noted on Tuesday,`);
  /// at the end, at most four words may follow it (`…, as Raman said on Tuesday.`). The
  /// clause holds at least three words.
  ///
  /// - Returns: The clause and the subject's tokens, or nil when the sentence has no such
  ///   frame.
  func asFrame(_ cue: CueSite, region: Range<Int>, _ sentence: Range<Int>)
    -> (clause: Range<Int>, subject: Range<Int>)?
  {
    guard !region.isEmpty, cue.behaviour != .directOnly, cue.behaviour != .quoteFollows,
      cue.behaviour != .objectThenInfinitive
    else { return nil }
    let end = trimmedEnd(sentence)
    let parts = parser.chunks(region)
    guard let last = parts.last else { return nil }
    var asIndex = last.lowerBound
    if tokens[asIndex].classes & C.conjunction != 0 && parts.count == 1 { asIndex += 1 }
    guard asIndex + 1 < cue.start, tokens[asIndex].kind == .word,
      tokens[asIndex].classes & C.asWord != 0
    else { return nil }
    let subject = (asIndex + 1)..<cue.start
    if parts.count == 1 {
      // Fronted: `As Raman noted (on Tuesday), CLAUSE`.
      var comma = cue.end
      while comma < min(end, cue.end + 5) && tokens[comma].kind == .word { comma += 1 }
      guard comma < end, tokens[comma].kind == .comma, tokens[comma].quote < 0 else {
        return nil
      }
      let clause = (comma + 1)..<clauseEndIndex(comma + 1, sentence)
      return clause.filter({ tokens[$0].isWord }).count >= 3 ? (clause, subject) : nil
    }
    // At the end: `CLAUSE, as Raman noted (on Tuesday).`
    guard end - cue.end <= 4, (cue.end..<end).allSatisfy({ tokens[$0].kind == .word }) else {
      return nil
    }
    var clauseEnd = last.lowerBound
    while clauseEnd > region.lowerBound
      && (tokens[clauseEnd - 1].kind == .comma || tokens[clauseEnd - 1].kind == .dash)
    {
      clauseEnd -= 1
    }
    let clause = region.lowerBound..<clauseEnd
    return clause.filter({ tokens[$0].isWord }).count >= 3 ? (clause, subject) : nil
  }

  /// Attributes an `as` frame (`asFrame`); returns where scanning resumes, or nil when the
  /// sentence has no such frame or its subject names nobody.
  mutating func attributeAsFrame(_ cue: CueSite, region: Range<Int>, _ scan: inout SentenceScan)
    -> Int?
  {
    guard let frame = asFrame(cue, region: region, scan.sentence),
      let mention = parser.subject(frame.subject),
      let speaker = resolve(mention, at: cue.start)
    else { return nil }
    let attribution = attribution(cue.text, speaker)
    scan.record(attribution, at: cue.start)
    if !isWholeQuote(frame.clause) { addIndirect(frame.clause, attribution, scan.paragraph) }
    scan.consumedUntil = max(frame.clause.upperBound, cue.end)
    return scan.consumedUntil
  }
}

/// The end of a reported clause inside a relative clause (`Ortiz, who said the piers were
/// sound, voted for the plan`).
extension ExtractionRun {
  /// Where the clause reported by a cue whose subject is `who` after a comma ends.
  ///
  /// At the first comma after which a verb or a cue comes (the sentence's own predicate,
  /// `, voted`, `, said`), else at `clauseEnd`. Auxiliaries and adverbs may stand between
  /// `who` and the cue (`, who had long said`).
  func relativeClauseEnd(cueStart: Int, clauseStart: Int, clauseEnd: Int) -> Int {
    var position = cueStart - 1
    while position > 0 && tokens[position].kind == .word
      && (tokens[position].classes & (C.auxiliary | C.trailingAdverb) != 0
        || ["long", "never", "not"].contains(parser.lowerWord(position))
        || parser.lowerWord(position).hasSuffix("ly"))
    {
      position -= 1
    }
    guard position > 0, tokens[position].kind == .word, parser.lowerWord(position) == "who",
      tokens[position - 1].kind == .comma
    else { return clauseEnd }
    var index = clauseStart + 1
    while index + 1 < clauseEnd {
      let next = tokens[index + 1]
      if tokens[index].kind == .comma && tokens[index].quote < 0 && next.kind == .word
        && next.classes & C.that == 0 && (parser.looksLikeVerb(index + 1) || next.cue >= 0)
      {
        return index
      }
      index += 1
    }
    return clauseEnd
  }
}

/// The subject of a participle cue.
extension ExtractionRun {
  /// Whether a participle cue after a comma (`…, adding that …`, `…,” adding …`) shares the
  /// speaker the sentence already has: what stands between is the object of the earlier cue
  /// (`Ortiz told the hosts of “Harbour Morning,” adding …`), not a subject.
  func sharesTheSpeaker(_ cue: CueSite, _ scan: SentenceScan) -> Bool {
    guard scan.lastSpeaker != nil, cue.start > scan.sentence.lowerBound,
      parser.lowerWord(cue.start).hasSuffix("ing")
    else { return false }
    var before = cue.start - 1
    if tokens[before].kind == .mark && before > scan.sentence.lowerBound { before -= 1 }
    return tokens[before].kind == .comma
  }
}

/// The antecedent of a `he`/`she` that refers to no speaker yet.
extension ExtractionRun {
  /// The person a sentence before is about, for a `he`/`she` that has no speaker to refer
  /// to (`Tom Okafor arrived late. He said …`), when the genders agree.
  ///
  /// The sentence before is searched first, then the one before it: the name the sentence
  /// before opens with, else the first person's name that a verb follows in its chunk (the
  /// subject of a clause: `On Monday, Tom Okafor visited …`; not `Okafor’s plan`).
  func openingPerson(agreeingWith pronoun: Mention) -> Mention? {
    guard pronoun.kind == .person else { return nil }
    let sentences = [previousSentence, sentenceBeforePrevious]
    for (distance, sentence) in sentences.enumerated() {
      guard let sentence, let person = subjectPerson(in: sentence, opening: distance == 0)
      else { continue }
      return agrees(person, pronoun) ? person : nil
    }
    // `Tom Okafor visited the depot. (three sentences with no person) He said …`: further
    // back, the latest sentence with a person as a subject whose gender is known and agrees.
    for sentence in earlierSentences.reversed() {
      if let person = subjectPerson(in: sentence, opening: false), person.gender != nil,
        person.gender == pronoun.gender
      {
        return person
      }
    }
    return nil
  }

  /// The person a `he`/`she` refers to when another subject of its gender was named or
  /// described since the mention resolved last.
  ///
  /// The pronoun's own sentence up to it is read, then the sentence before, then the one
  /// before that (`sentencesBefore`). The first with a person's name as a subject
  /// (`subjectPerson`, outside quotation marks) decides: that person, when the name was
  /// written after the mention resolved last and its gender is known (an honorific, a listed
  /// first name, or what the article already told of the speaker the name resolves to) and
  /// agrees with the pronoun. A subject whose gender nothing tells (a full name, or a name
  /// already quoted) is taken when the speaker the pronoun would otherwise go to is of
  /// unknown gender too, or when there is none; a name already quoted is taken in any case
  /// when it is the subject of the pronoun's own sentence or the one right before
  /// (`Markwart laughed. “…,” she said.`). Failing a name, a description of the pronoun's
  /// gender opening one of those sentences (`describedPerson`); otherwise no one, and the
  /// pronoun keeps the usual rule (the most recent agreeing speaker). A sentence with no
  /// named subject (`He has spent forty years …`) is passed over. `Trump spoke. Cruz
  /// admitted that …, and “…,” he said.`: Cruz, resolved last, keeps the quote, since Trump
  /// was named before him.
  func intervening(agreeingWith pronoun: Mention) -> Mention? {
    guard pronoun.kind == .person, let gender = pronoun.gender else { return nil }
    let at = pronoun.tokens.lowerBound
    let lastResolved = lastMention?.tokens.lowerBound ?? -1
    guard lastResolved + 1 < at else { return nil }
    // No name written since the mention resolved last (`Okafor said …. He added …`): no
    // other named subject to find, but perhaps a described one.
    let named =
      (lastResolved + 1..<at).contains(where: {
        tokens[$0].quote < 0 && parser.isNameToken(tokens[$0])
      }) ? namedSubject(before: at, whole: 2, after: lastResolved) : nil
    // `Finance Minister Katrine Conroy did not attend. “…,” she said.`: a subject whose
    // gender nothing tells is taken too when no speaker is known to be of that gender.
    if let (sentence, person) = named, person.tokens.lowerBound > lastResolved,
      let entity = parser.entity(person), entity.kind == .person,
      entity.form == .name,
      person.gender == gender
        || (person.gender == nil && (looksLikeFullName(entity) || resolver.knows(name: entity))
          && !resolver.targetsSpeakerOfKnownGender(pronoun))
        || (person.gender == nil && resolver.knows(name: entity)
          && sentencesBefore(at, whole: 1).contains(sentence))
    {
      return entity
    }
    return describedPerson(ofGender: gender, before: at, after: lastResolved)
  }

  /// The person described, not named, as the subject of the pronoun's sentence or the one
  /// before it, when the description's noun tells the pronoun's gender.
  ///
  /// `The woman who started the chant identified herself …. “…,” she said`: the woman, not
  /// the woman quoted before her. Only a description that opens its sentence, written after
  /// the mention resolved last; a sentence opening with a name or nothing a person is passed
  /// over.
  private func describedPerson(ofGender gender: Gender, before position: Int, after floor: Int)
    -> Mention?
  {
    func roleGender(_ index: Int) -> Gender? {
      guard tokens[index].kind == .word else { return nil }
      return SpeakerResolver.gender(ofRoleWord: parser.lowerWord(index))
    }
    for sentence in sentencesBefore(position, whole: 1) {
      guard sentence.upperBound - 1 > floor, tokens[sentence.lowerBound].quote < 0,
        // The noun within the first four words (`The woman`, `A retired Halifax nurse`).
        let head = (sentence.lowerBound..<min(sentence.upperBound, sentence.lowerBound + 4))
          .first(where: { roleGender($0) != nil }),
        roleGender(head) == gender
      else { continue }
      let chunks = parser.chunks(sentence)
      guard let first = chunks.first, first.lowerBound > floor, head < first.upperBound,
        case .role(let description) = parser.classify(first.lowerBound..<(head + 1)),
        description.kind == .person, description.form != .pronoun
      else { continue }
      // `One local woman, Karen Robison, pulled …`, `his wife, Jane, offered …`: the name in
      // the appositive right after the description.
      if first.upperBound == head + 1, chunks.count > 2,
        case .name(let name) = parser.classify(chunks[1]),
        name.kind == .person, var entity = parser.entity(name)
      {
        entity.gender = entity.gender ?? gender
        return entity
      }
      return parser.entity(description)
    }
    return nil
  }

  /// Whether a name reads as a person's full name when nothing tells its gender: two or
  /// three words on one line, none in capitals only, none a function word (`FULL TEXT`,
  /// `Had Sanders`, `Come Savage` are not).
  private func looksLikeFullName(_ name: Mention) -> Bool {
    let words = name.tokens.filter { tokens[$0].kind == .word }
    guard (2...3).contains(words.count), words.count == name.tokens.count,
      !parser.text(name.tokens).contains("\n")
    else { return false }
    let function = C.auxiliary | C.determiner | C.preposition | C.conjunction | C.adverbial
    return words.allSatisfy {
      !parser.isAllCapitals($0) && tokens[$0].classes & function == 0
        && parser.lowerWord($0).count > 1
    }
  }

  /// The person a definite description that matches no speaker's role refers back to: the
  /// person named as the subject of its own sentence before it, else of the sentence before
  /// (`Marco Rubio spoke over the boos. The Florida senator said …`).
  ///
  /// The first of these with a person as a subject decides, and only for a name of two words
  /// or more or one already resolved to a speaker, whose gender (if the name or the article
  /// tells it) agrees with a gendered role noun, who carries no title of another office
  /// (`Gov. Mara Vance` is no `the senator`), in a sentence that does not hold the
  /// description's noun itself (`Former vice president Dana Ortiz` is no `the president`).
  /// Descriptions headed by a noun for someone usually left unnamed (`the spokesman`, `the
  /// official`: `WordLists.anonymousRoleNouns`), or by a noun the article used before with
  /// `a`, `one` or `another` (`One lawmaker …`, and also `Okafor, a lawmaker,`: the rule
  /// errs towards leaving the description alone), refer to no one this way.
  func describedSubject(_ mention: Mention) -> Mention? {
    guard mention.form == .roleReference, mention.kind == .person,
      let head = mention.words.first, !WordLists.anonymousRoleNouns.contains(head)
    else { return nil }
    let start = mention.tokens.lowerBound
    let headIndex = mention.tokens.first { parser.lowerWord($0) == head } ?? start
    guard !introducesUnnamed(headIndex) else { return nil }
    let gender = SpeakerResolver.gender(ofRole: [mention.text])
    // `Former vice president Dana Ortiz …. The president said`: another title.
    guard let (sentence, person) = namedSubject(before: start, whole: 1),
      !sentence.contains(where: { $0 != headIndex && sameWord($0, headIndex) }),
      let entity = parser.entity(person), entity.kind == .person, entity.form == .name,
      entity.words.count >= 2 || resolver.knows(name: entity),
      gender == nil || person.gender == nil || person.gender == gender,
      !holdsAnotherOffice(entity, than: head)
    else { return nil }
    return entity
  }

  /// The first person named as a subject in `sentencesBefore(position, whole:)`.
  ///
  /// The person (`subjectPerson`, outside quotation marks) comes with its sentence and with
  /// the gender the name or the article tells (`resolver.knownGender`). The walk gives up at
  /// a sentence that ends at or before `floor`: nothing written there comes after it.
  private func namedSubject(before position: Int, whole: Int, after floor: Int = -1)
    -> (sentence: Range<Int>, person: Mention)?
  {
    for sentence in sentencesBefore(position, whole: whole) {
      guard sentence.upperBound - 1 > floor else { return nil }
      guard var person = subjectPerson(in: sentence, opening: true),
        tokens[person.tokens.lowerBound].quote < 0
      else { continue }
      person.gender = person.gender ?? resolver.knownGender(ofName: person)
      return (sentence, person)
    }
    return nil
  }

  /// Whether a name's titles or role name an office (`Gov.`, `Senator`, `Mayor`) that is
  /// not `head`.
  private func holdsAnotherOffice(_ name: Mention, than head: String) -> Bool {
    var offices = Set(name.descriptors.filter(WordLists.offices.contains))
    let roleWords = (name.role ?? "").lowercased().split(whereSeparator: { !$0.isLetter })
    for word in roleWords.map(String.init) {
      if let spelled = TitleDescriptors.titles[word] {
        offices.formUnion(spelled)
      } else if WordLists.offices.contains(word) {
        offices.insert(word)
      }
    }
    return !offices.isEmpty && !offices.contains(head)
  }

  /// Whether the article has used this noun before with `a`, `an`, `one` or `another` right
  /// before it (`One lawmaker wants …` before `the lawmaker said`).
  private func introducesUnnamed(_ head: Int) -> Bool {
    (1..<max(1, head)).contains { index in
      sameWord(index, head) && tokens[index - 1].kind == .word
        && ["a", "an", "one", "another"].contains(parser.lowerWord(index - 1))
    }
  }

  /// The part of the current sentence before `position`, then sentences read before it.
  ///
  /// Up to `whole` earlier sentences follow the part, latest first. A sentence read after
  /// `position` (a frame resolved at the paragraph's end) is left out; when the sentence
  /// holding `position` is no longer among the two last read, nothing is returned.
  private func sentencesBefore(_ position: Int, whole: Int) -> [Range<Int>] {
    let known = [sentenceBeforePrevious, previousSentence].compactMap { $0 }
    let before = known.filter { $0.upperBound <= position }
    let current =
      known.first { $0.contains(position) }.map { $0.lowerBound..<position }
      ?? before.last.map { $0.upperBound..<position }
    return (current.map { [$0] } ?? []).filter { !$0.isEmpty }
      + before.reversed().prefix(whole)
  }

  /// Whether two word tokens are the same word but for ASCII case, compared byte by byte.
  private func sameWord(_ index: Int, _ other: Int) -> Bool {
    let (a, b) = (tokens[index], tokens[other])
    guard a.kind == .word, b.kind == .word, a.end - a.start == b.end - b.start else {
      return false
    }
    return (0..<(a.end - a.start)).allSatisfy {
      bytes[a.start + $0] | 0x20 == bytes[b.start + $0] | 0x20
    }
  }

  /// Whether a person's name and a pronoun agree in gender, with the gender the name tells
  /// or the article told of its speaker (`Trump` after `Donald Trump`); unknown agrees.
  private func agrees(_ person: Mention, _ pronoun: Mention) -> Bool {
    let gender = person.gender ?? resolver.knownGender(ofName: person)
    return gender == nil || pronoun.gender == nil || gender == pronoun.gender
  }

  /// The first person's name in a sentence that a verb follows in its chunk (or that opens
  /// the sentence, with `opening`).
  private func subjectPerson(in sentence: Range<Int>, opening: Bool) -> Mention? {
    for (index, chunk) in parser.chunks(sentence).enumerated() {
      guard case .name(let name) = parser.classify(chunk), name.kind == .person else {
        continue
      }
      var after = name.tokens.upperBound
      while after < chunk.upperBound && tokens[after].classes & C.trailingAdverb != 0 {
        after += 1
      }
      let isSubject =
        (index == 0 && opening)
        || (after < chunk.upperBound && parser.looksLikeVerb(after)
          && tokens[after].classes & C.that == 0)
      if isSubject { return name }
    }
    return nil
  }
}

/// Phrases before a sentence's subject and participle cues.
extension ExtractionRun {
  /// Whether a chunk is a phrase opened by a preposition or a participle.
  ///
  /// `After the storm`, `Walking to the depot`: a modifier, not the sentence's subject. A
  /// capitalised participle counts only before a lower-case word (`Manning` stays a name).
  func opensModifier(_ chunk: Range<Int>) -> Bool {
    let start = chunk.lowerBound
    guard tokens[start].kind == .word else { return false }
    if parser.opensPhrase(start) { return true }
    let word = parser.lowerWord(start)
    return word.count > 4 && (word.hasSuffix("ing") || word.hasSuffix("ed"))
      && start + 1 < chunk.upperBound && tokens[start + 1].kind == .word
      && !tokens[start + 1].isCapitalised
  }

  /// Whether a chunk opens with a participle (`Asked about the tolls`, `Speaking to
  /// reporters`), capitalised or not, before a lower-case word.
  func isParticiplePhrase(_ chunk: Range<Int>) -> Bool {
    opensModifier(chunk) && !parser.opensPhrase(chunk.lowerBound)
  }

  /// The subject of a participle cue in an absolute phrase (`…, with Sen. Tom Okafor calling
  /// it …`, `with some engineers warning that …`): the words between `with` opening the
  /// region's last chunk and the cue, when they read as a speaker.
  func absoluteSubject(_ cue: CueSite, _ region: Range<Int>) -> Mention? {
    guard parser.lowerWord(cue.start).hasSuffix("ing"), let last = parser.chunks(region).last,
      last.count >= 2, parser.lowerWord(last.lowerBound) == "with"
    else { return nil }
    return parser.subject((last.lowerBound + 1)..<last.upperBound)
  }

  /// Whether a cue is a participle right after a comma (`…, saying …`, `…, adding that …`).
  func isParticipleAfterComma(_ cue: CueSite) -> Bool {
    cue.start > 0 && tokens[cue.start - 1].kind == .comma
      && parser.lowerWord(cue.start).hasSuffix("ing")
  }
}

/// A speaker's name as a label before a quote.
extension ExtractionRun {
  /// The name in `NAME: “Q”`, a transcript or debate line (`Bush: “The mission is …”`).
  ///
  /// Up to five capitalised words between the colon before the quote's opening mark and the
  /// sentence start, a closing mark, a full stop, a dash (`… — Dana Ortiz: “…”`) or a role
  /// noun (`the harbour engineer Dana Ortiz: “…”`), that read as a name and end at the colon.
  /// `She told reporters on Monday: “…”` has no such label (a lower-case word comes first).
  func colonLabel(before open: Int, _ sentence: Range<Int>) -> Mention? {
    let colon = open - 1
    guard colon > sentence.lowerBound, tokens[colon].kind == .colon, tokens[colon].quote < 0
    else { return nil }
    var start = colon
    while start > sentence.lowerBound && colon - start < 5 && tokens[start - 1].kind == .word
      && tokens[start - 1].isCapitalised && tokens[start - 1].quote < 0
    {
      start -= 1
    }
    guard start < colon else { return nil }
    if start > sentence.lowerBound {
      let previous = tokens[start - 1]
      guard
        previous.kind == .mark || previous.isTerminator || previous.kind == .dash
          || (previous.kind == .word && !previous.isCapitalised
            && previous.classes & (C.roleNoun | C.title) != 0)
      else { return nil }
    }
    guard let mention = parser.subject(start..<colon), mention.form == .name,
      mention.tokens.upperBound == colon
    else { return nil }
    // `Trump Addresses Munich Attack: ‘…’`: four capitalised words and more with no initial
    // and a verb-like word in `-s` after the first are a headline in Title Case, not a name
    // (`Michael P. McDonald:`, `Juan Carlos Ortiz Delgado:` stay names).
    let words = mention.tokens.filter { tokens[$0].kind == .word }
    let hasInitial = words.contains { parser.lowerWord($0).filter(\.isLetter).count == 1 }
    let hasVerb = words.dropFirst().contains {
      let word = parser.lowerWord($0)
      let nameEndings = ["ss", "'s", "’s", "os", "us", "is", "as"]
      return word.hasSuffix("s") && !nameEndings.contains { word.hasSuffix($0) }
        && !WordLists.maleFirstNames.contains(word) && !WordLists.femaleFirstNames.contains(word)
    }
    return words.count >= 4 && !hasInitial && hasVerb ? nil : mention
  }
}
