/// Where names and described speakers begin and end inside a chunk (`MentionParser`): the
/// run of name words, what makes a capitalised word a modifier rather than a name, and the
/// nouns that head a description.
extension MentionParser {
  /// Whether the word can head a described speaker: a role, group, organisation or
  /// document noun, or a capitalised title (`the Wisconsin Republican`).
  func isHead(_ index: Int) -> Bool {
    let token = tokens[index]
    // `the neurosurgeon’s decision`: a possessive names whose thing it is, not the speaker.
    guard token.kind == .word, !token.isPossessive else { return false }
    if token.classes & (C.roleNoun | C.groupNoun | C.document) != 0 { return true }
    if token.classes & C.organisation != 0 {
      // Words that make a name an organisation but head nothing in lower case (`the news`).
      return token.isCapitalised
        || !["news", "press", "white", "house", "watch", "nations", "service"]
          .contains(lowerWord(index))
    }
    return (token.isCapitalised && token.classes & C.title != 0) || isAgentNoun(index)
      || isPluralRoleNoun(index)
  }

  /// The first run of name words that starts the chunk or follows an honorific, title,
  /// role noun, capitalised possessive, `the`, or an article and adjectives at the chunk's
  /// start (`A defensive Obama`), and is not itself followed by a title, role noun or capital,
  /// nor used as a modifier of a noun after it (`Elementary school teacher Teresa Galati`,
  /// `Surrey mayoral candidate Doug McCallum`, `the Republican nominee`).
  func nameRun(_ range: Range<Int>) -> Range<Int>? {
    var previousAllows = true
    var afterThe = false
    var sawPreposition = false
    var index = range.lowerBound
    while index < range.upperBound {
      let token = tokens[index]
      // `de Blasio`: a name may open with a lower-case particle.
      let particleStart =
        token.kind == .word && token.classes & C.particle != 0 && index + 1 < range.upperBound
        && isNameToken(tokens[index + 1])
      if previousAllows && (isNameToken(at: index, in: range) || particleStart) {
        let end = nameEnd(index + 1, range)
        if end == range.upperBound || !isFollowBlocker(tokens[end]) {
          if !modifiesNoun(end, range, afterThe: afterThe) {
            // `Resident Kim Tran said …`: a noun for an ordinary person opening the chunk
            // before a name of two words or more describes the name.
            if index == range.lowerBound && describesName(index..<end) {
              return (index + 1)..<end
            }
            return index..<end
          }
        }
        index = end
        previousAllows = false
        afterThe = false
        continue
      }
      let isArticle = token.kind == .word && ["the", "a", "an"].contains(lowerWord(index))
      // `The Pentagon`, `the White House`: a name after `the` only at the chunk's start
      // (`a fellow at the Washington Institute` is a description).
      afterThe = index == range.lowerBound && isArticle && lowerWord(index) == "the"
      // `Gallup's Jeffrey M. Jones`, `Florida's Rick Wilson`: a capitalised possessive names
      // where the person is from, and the name follows; not inside a prepositional phrase
      // (`a sociologist at the University of Tartu's Narva College`).
      sawPreposition = sawPreposition || token.classes & C.preposition != 0
      let possessive = token.isCapitalised && token.isPossessive && !sawPreposition
      // `GOP presidential contender Ben Carson`: an agent noun may head the title too.
      previousAllows =
        afterThe || adjectivesAfterArticle(index, range)
        || (token.kind == .word
          && ((token.isCapitalised && token.classes & (C.honorific | C.title) != 0)
            || possessive || token.classes & C.roleNoun != 0 || isAgentNoun(index)
            || isPluralRoleNoun(index)))
      index += 1
    }
    return nil
  }

  /// Whether a run of name words opens with a noun for an ordinary person that describes
  /// the person's name after it (`Resident Kim Tran`): at least two name words follow, none
  /// of them an organisation, group, document or role word (`Parent Teacher Association`,
  /// `Voter Registration Office` stay whole).
  func describesName(_ run: Range<Int>) -> Bool {
    guard run.count >= 3, WordLists.personDescriptors.contains(lowerWord(run.lowerBound))
    else { return false }
    let heads = C.organisation | C.groupNoun | C.document | C.roleNoun
    return !run.dropFirst().contains { tokens[$0].classes & heads != 0 }
  }

  /// Where a run of name words that goes on at `index` ends: particles may join name words,
  /// and `of` may once an organisation word is in the run (`Ministry of Defence`,
  /// `Department of Homeland Security`; not `James M. Inhofe of Oklahoma`).
  private func nameEnd(_ index: Int, _ range: Range<Int>) -> Int {
    var end = index
    var isOrganisation = index > 0 && tokens[index - 1].classes & C.organisation != 0
    while end < range.upperBound {
      if isNameToken(at: end, in: range) {
        isOrganisation = isOrganisation || tokens[end].classes & C.organisation != 0
        end += 1
      } else if tokens[end].kind == .word && end + 1 < range.upperBound,
        tokens[end].classes & C.particle != 0 && isNameToken(tokens[end + 1])
          || (isOrganisation && lowerWord(end) == "of" && tokens[end + 1].isCapitalised
            && tokens[end + 1].kind == .word && !tokens[end + 1].isPossessive)
          || joinsOrganisationName(end, range)
      {
        end += 2
      } else {
        break
      }
    }
    return end
  }

  /// Whether the chunk opens with an article and at most two lower-case adjectives ending at
  /// `index` (`A teary-eyed`, `a still-struggling`), after which a name may come.
  private func adjectivesAfterArticle(_ index: Int, _ range: Range<Int>) -> Bool {
    let count = index - range.lowerBound
    guard count >= 1, count <= 2, ["the", "a", "an"].contains(lowerWord(range.lowerBound))
    else { return false }
    let stop = C.determiner | C.preposition | C.conjunction | C.relative | C.pronoun | C.that
    return ((range.lowerBound + 1)...index).allSatisfy { position in
      let token = tokens[position]
      return token.kind == .word && !token.isCapitalised && token.classes & stop == 0
        && token.classes & (C.roleNoun | C.groupNoun | C.organisation | C.document) == 0
    }
  }

  /// Whether the lower-case words from `index` make the name before them a modifier: they
  /// lead within four words to a role, group, organisation, document or agent noun
  /// (`Surrey mayoral candidate`, `GOP presidential candidate`, `Centerview founders`), or,
  /// after `the`, a single word ends the chunk (`the Sanders camp`).
  private func modifiesNoun(_ index: Int, _ range: Range<Int>, afterThe: Bool) -> Bool {
    guard index < range.upperBound else { return false }
    let stop =
      C.determiner | C.preposition | C.conjunction | C.relative | C.auxiliary | C.pronoun
      | C.that | C.adverbial
    var position = index
    while position < min(range.upperBound, index + 4) {
      let token = tokens[position]
      guard token.kind == .word, !token.isCapitalised, token.classes & stop == 0 else {
        return false
      }
      if isModifiedHead(position) { return true }
      // A plural role noun only right after the name or one word later (`Liberal hopefuls`,
      // `GOP party chairs`), not further on (`Facebook activates tool allowing users`).
      if position <= index + 1 && isPluralRoleNoun(position) { return true }
      // `Twitter reported disappointingly flat user …`, `White House cited initial
      // analysis`: a past tense right after the name is its verb, unless the head noun
      // follows it at once (`Republican elected officials`, `Ohio retired teacher`).
      if position == index && looksLikeVerb(position) && position + 1 < range.upperBound
        && !isModifiedHead(position + 1)
      {
        return false
      }
      position += 1
    }
    return afterThe && index + 1 == range.upperBound
  }

  /// Whether the word is a role, group, organisation, document or agent noun that a name
  /// before it may modify.
  private func isModifiedHead(_ index: Int) -> Bool {
    tokens[index].classes & (C.roleNoun | C.groupNoun | C.organisation | C.document) != 0
      || isAgentNoun(index)
  }

  /// Whether a lower-case word is the plural of a role noun (`hopefuls`, `councillors`,
  /// `deputies`, `coaches`) or a listed plural noun for people (`Liberal hopefuls Dana Ortiz
  /// and Kim Tran say …`: the party name modifies the plural, and the names follow it).
  ///
  /// Not before an article or possessive determiner, where the word is a verb with its
  /// object (`Tom Okafor heads the union`, `Ortiz chairs the board`); a preposition or a
  /// relative `that` may follow (`Democratic chairs from Jefferson`, `chairs that POLITICO
  /// interviewed`).
  func isPluralRoleNoun(_ index: Int) -> Bool {
    let token = tokens[index]
    // Cheap checks first: this runs for every word a description or name is tried on.
    guard token.kind == .word, !token.isCapitalised, token.end - token.start > 3,
      bytes[token.end - 1] == UInt8(ascii: "s")
    else { return false }
    let word = lowerWord(index)
    if index + 1 < tokens.count, tokens[index + 1].kind == .word,
      tokens[index + 1].classes & C.determiner != 0, tokens[index + 1].classes & C.that == 0
    {
      return false
    }
    if Self.pluralTitles.contains(word) || Self.pluralPeopleNouns.contains(word) { return true }
    var singulars = [String(word.dropLast())]
    if word.hasSuffix("ies") { singulars.append(String(word.dropLast(3)) + "y") }
    if word.hasSuffix("es") { singulars.append(String(word.dropLast(2))) }
    return singulars.contains(where: Self.roleNounSet.contains)
  }

  /// The role nouns as a set, for the plural check.
  static let roleNounSet = Set(WordLists.roleNouns)

  /// Whether a lower-case word not in the lists reads as a noun for people: an agent
  /// ending (`-er`, `-or`, `-ist`, `-ian`, `-eer`, `-man`, `-woman`, `-ee`), or a plural of
  /// one or in `-ants`/`-dents` (`boosters`, `specialists`, `immigrants`, `residents`), and
  /// not one of the common words with those endings that name things
  /// (`WordLists.notAgentNouns`: `power`, `letter`, `incidents` …).
  func isAgentNoun(_ index: Int) -> Bool {
    let token = tokens[index]
    let exclude =
      C.determiner | C.preposition | C.conjunction | C.relative | C.auxiliary | C.pronoun
      | C.that | C.adverbial | C.subordinator | C.quantifier | C.timeWord | C.trailingAdverb
    guard token.kind == .word, !token.isCapitalised, token.classes & exclude == 0,
      token.end - token.start >= 5
    else { return false }
    let lower = lowerWord(index)
    // `the 45-year-old said`, `62-year-old Brenda Okafor`: an age stands for a person.
    if lower.hasSuffix("-year-old") || lower.hasSuffix("-year-olds") { return true }
    // `three`, `runs three`: a number word is a count, never a person.
    if WordLists.numberWords.contains(lower) { return false }
    var word = Substring(lower)
    if word.hasSuffix("s") {
      word = word.dropLast()
      if word.hasSuffix("ant") || word.hasSuffix("dent") {
        return !WordLists.notAgentNouns.contains(String(word))
      }
    }
    let endings = ["er", "or", "ist", "ian", "eer", "man", "ee"]
    return endings.contains { word.count > $0.count + 2 && word.hasSuffix($0) }
      && !WordLists.notAgentNouns.contains(String(word))
  }

  /// The role written before a name in its chunk, without leading articles and
  /// trailing function words.
  func trimmedRole(_ range: Range<Int>) -> (text: String, range: Range<Int>)? {
    var start = range.lowerBound
    var end = range.upperBound
    while end > start && tokens[end - 1].classes & C.honorific != 0 && tokens[end - 1].isCapitalised
    {
      end -= 1
    }
    while start < end
      && ((tokens[start].classes & C.honorific != 0 && tokens[start].isCapitalised)
        || tokens[start].classes & (C.conjunction | C.subordinator) != 0)
    {
      start += 1
    }
    // `candidates such as Sen. Rubio`, `was supported Friday by Sen. Feinstein`, `has
    // become what Ms. Gruzdeva`: a clause before the name is not a role; only what follows
    // its last verb, preposition or relative word is.
    for index in stride(from: end - 1, through: start, by: -1)
    where tokens[index].kind == .word
      && (tokens[index].classes & (C.auxiliary | C.preposition | C.relative) != 0
        || ["as", "by", "such", "than", "like"].contains(lowerWord(index)))
    {
      start = index + 1
      break
    }
    guard start < end,
      (start..<end).contains(where: { tokens[$0].classes & C.determiner == 0 })
    else { return nil }
    return (text(start..<end), start..<end)
  }
}
