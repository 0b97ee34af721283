/// Appositives (`MentionParser`): the chunks that describe a name rather than name a speaker
/// of their own, so that a name written inside them (`Mara Vance, a spokeswoman for Mr.
/// Okafor, said`) or a place that ends them (`…, a welder from Lakeview, South Carolina,
/// said`) is not taken for the subject.
extension MentionParser {
  /// The chunk of the subject region whose name the rest of the region describes, if any.
  ///
  /// The first name chunk of a person (two words or more, or after an honorific or title)
  /// that holds nothing after its name but a bracket, `of PLACE` or `and NAME` (`Sen. Tom
  /// Okafor (D-Vt.)`, `Dana Ortiz of Westport`), when every chunk after it up to the cue is
  /// part of its appositive: a chunk that opens as a description (a lower-case word that is
  /// no verb, an article or possessive, a number, a relative word, a capitalised possessive,
  /// a capitalised word before `of`), a tag, a chunk that is no speaker (a phrase opened by a
  /// preposition or participle, a time phrase), or a place of at most three capitalised
  /// words after one of those (`… from Lakeview, South Carolina`) or after a name ending in
  /// `of PLACE`. A chunk opened by a
  /// conjunction is a subject of its own and ends the search (`…, and Dana Ortiz said`).
  ///
  /// - Complexity: O(chunks × tokens of the region); the region is a sentence's subject.
  func appositiveHead(_ parts: [Range<Int>], _ kinds: [ChunkKind]) -> Int? {
    for head in parts.indices.dropLast() {
      guard case .name(let mention) = kinds[head], !isRegion(mention),
        isPersonHead(mention, parts[head]), let ofPlace = barePlace(mention, parts[head])
      else { continue }
      var afterAppositive = false
      var describesHead = true
      for index in (head + 1)..<parts.count {
        let chunk = parts[index]
        let token = tokens[chunk.lowerBound]
        if token.kind == .word && token.classes & C.conjunction != 0 {
          describesHead = false
          break
        }
        var isSkip = false
        if case .skip = kinds[index] { isSkip = true }
        if opensAppositive(chunk) || isTag(chunk) || isSkip {
          afterAppositive = true
        } else if !((afterAppositive || (index == head + 1 && ofPlace)) && isPlace(chunk)) {
          describesHead = false
          break
        }
      }
      if describesHead { return head }
    }
    return nil
  }

  /// Whether a name is a US state or a Canadian province (`New Hampshire`, `Ont.`): a place,
  /// which heads no appositive and names no speaker before the cue's own chunk.
  func isRegion(_ mention: Mention) -> Bool {
    if WordLists.statesAndProvinces.contains(mention.text.lowercased()) { return true }
    // `Toronto, Ont.`, `Salem, N.H.`: an abbreviated state or province on its own.
    return mention.tokens.count == 1 && isAbbreviatedRegion(mention.tokens.lowerBound)
  }

  /// Whether the word is a US state or Canadian province abbreviated with its dot (`N.H.`,
  /// `Ont.`; `TitleDescriptors.states` and `provinces`).
  func isAbbreviatedRegion(_ index: Int) -> Bool {
    guard tokens[index].kind == .word, tokens[index].hasAbbreviationDot else { return false }
    var word = lowerWord(index)
    if word.hasSuffix(".") { word.removeLast() }
    return TitleDescriptors.states[word] != nil || TitleDescriptors.provinces.contains(word)
  }

  /// Whether a name chunk can head appositives: a person's name of two words or more, or
  /// one after an honorific or title (`Mr. Okafor`), in a chunk not opened by a subordinator
  /// or relative word (`When Ms. Ortiz, …, recommended …`); a lone capitalised word
  /// (`Regardless, the board said`) is no head.
  private func isPersonHead(_ mention: Mention, _ chunk: Range<Int>) -> Bool {
    guard mention.kind == .person,
      tokens[chunk.lowerBound].classes & (C.subordinator | C.relative | C.asWord) == 0,
      !["when", "while", "as", "if", "after", "before"].contains(lowerWord(chunk.lowerBound))
    else { return false }
    if mention.words.count >= 2 { return true }
    let before = mention.tokens.lowerBound - 1
    return before >= chunk.lowerBound && tokens[before].classes & (C.honorific | C.title) != 0
  }

  /// Whether a chunk is a place closing an appositive (`South Carolina`, `Ala.`): at most
  /// three capitalised words, none an honorific or title.
  private func isPlace(_ chunk: Range<Int>) -> Bool {
    chunk.count <= 4
      && chunk.allSatisfy { index in
        tokens[index].kind == .period
          || (tokens[index].kind == .word && tokens[index].isCapitalised
            && tokens[index].classes & (C.honorific | C.title) == 0)
      }
  }

  /// Whether only a bracket, `of PLACE` or `and NAME` follows the name in its chunk; `nil`
  /// when something else does, else whether it ends in `of PLACE`.
  private func barePlace(_ mention: Mention, _ chunk: Range<Int>) -> Bool? {
    guard mention.form == .name else { return nil }
    var index = mention.tokens.upperBound
    var ofPlace = false
    var depth = 0
    while index < chunk.upperBound {
      let token = tokens[index]
      switch token.kind {
      case .openParen: depth += 1
      case .closeParen: depth -= 1
      case .period: break
      case .word where depth > 0 || token.isCapitalised: break
      case .word where ["of", "and"].contains(lowerWord(index)):
        ofPlace = lowerWord(index) == "of"
      default:
        if depth == 0 { return nil }
      }
      index += 1
    }
    return ofPlace
  }

  /// Whether a chunk opens as a description of someone named before it: a lower-case word
  /// that is no conjunction (`president of …`, `who …`), an article or possessive
  /// determiner, a number (an age), a capitalised possessive (`Okafor's senior adviser`),
  /// capitalised words before a lower-case role noun (`HTA member`) or a capitalised word
  /// before `of` (`Republican of Ohio`).
  func opensAppositive(_ chunk: Range<Int>) -> Bool {
    let first = chunk.lowerBound
    let token = tokens[first]
    if token.kind == .number { return true }
    guard token.kind == .word, token.classes & C.conjunction == 0 else { return false }
    // `recommended that …`: a verb opens a predicate, not a description.
    if !token.isCapitalised { return !looksLikeVerb(first) }
    if token.classes & (C.determiner | C.relative) != 0 { return true }
    if token.isPossessive { return true }
    if first + 1 < chunk.upperBound, tokens[first + 1].kind == .mark,
      first + 2 < chunk.upperBound, tokens[first + 2].kind == .word,
      !tokens[first + 2].isCapitalised
    {
      // `Okafor' senior adviser`: a possessive written with an apostrophe alone.
      return true
    }
    // `HTA member in the 1980s`, `Harbour Trust adviser`: up to three capitalised words
    // before a lower-case role noun, with no name after it (`Harbour Trust chair Dana Ortiz`
    // names a new subject).
    var index = first
    while index < min(chunk.upperBound, first + 3) && tokens[index].kind == .word
      && tokens[index].isCapitalised
    {
      index += 1
    }
    if index < chunk.upperBound && tokens[index].kind == .word && !tokens[index].isCapitalised
      && tokens[index].classes & C.roleNoun != 0
      && !(index + 1 < chunk.upperBound && isNameToken(tokens[index + 1]))
    {
      return true
    }
    return first + 1 < chunk.upperBound && lowerWord(first + 1) == "of"
      && tokens[first + 1].kind == .word && !tokens[first + 1].isCapitalised
  }

  /// Whether a chunk is a description, a name inside it included (`a former spokesman for
  /// the Harbour Ministry`): a described speaker, or a name that does not open the chunk.
  private func describes(_ chunk: Range<Int>) -> Bool {
    switch classify(chunk) {
    case .role(let description): return description.form != .pronoun
    case .name(let mention): return mention.tokens.lowerBound - chunk.lowerBound >= 2
    case .pronoun, .skip: return false
    }
  }

  /// The person named after an inverted cue's description (`said the board's chief
  /// engineer, Tom Okafor`): the name chunk right after a chunk that opens as a description,
  /// with that description as the role.
  func nameAfterDescription(_ parts: [Range<Int>]) -> Mention? {
    guard parts.count >= 2, opensAppositive(parts[0]), describes(parts[0]),
      case .name(var mention) = classify(parts[1]), mention.kind == .person,
      mention.tokens.lowerBound == parts[1].lowerBound
        || (parts[1].lowerBound..<mention.tokens.lowerBound).allSatisfy({
          tokens[$0].classes & (C.honorific | C.title) != 0
        })
    else { return nil }
    mention.role = mention.role ?? text(parts[0])
    return mention
  }

  /// The person a relative `who` right before the cue refers to: the name that ends the
  /// chunk before it (`The board heard from Dana Ortiz, who said …` → `Dana Ortiz`), when it
  /// is a person's name of two words or more or one after an honorific or title.
  ///
  /// The last chunk is `who` and at most two adverbs or auxiliaries (`who also`, `who has`).
  func relativeAntecedent(_ parts: [Range<Int>]) -> Mention? {
    guard parts.count >= 2, let last = parts.last, last.count <= 3,
      tokens[last.lowerBound].kind == .word, lowerWord(last.lowerBound) == "who",
      ((last.lowerBound + 1)..<last.upperBound).allSatisfy({
        tokens[$0].kind == .word && !tokens[$0].isCapitalised
          && (tokens[$0].classes & (C.trailingAdverb | C.auxiliary) != 0 || isTrailingAdverb($0))
      })
    else { return nil }
    let chunk = parts[parts.count - 2]
    var start = chunk.upperBound
    while start > chunk.lowerBound
      && (isNameToken(at: start - 1, in: chunk)
        || (tokens[start - 1].kind == .word && tokens[start - 1].classes & C.particle != 0))
    {
      start -= 1
    }
    guard start < chunk.upperBound else { return nil }
    while start > chunk.lowerBound && tokens[start - 1].kind == .word
      && tokens[start - 1].isCapitalised
      && tokens[start - 1].classes & (C.honorific | C.title) != 0
    {
      start -= 1
    }
    guard case .name(let mention) = classify(start..<chunk.upperBound), mention.kind == .person,
      mention.tokens.upperBound == chunk.upperBound,
      mention.words.count >= 2 || mention.tokens.lowerBound > start
    else { return nil }
    return mention
  }

  /// The speaker named after an inverted cue (`said Aminata Guindo, deputy mayor of …`,
  /// `said Dana Ortiz, D-Calif.`).
  func invertedSubject(_ range: Range<Int>) -> Mention? {
    let parts = chunks(range)
    guard let first = parts.first else { return nil }
    // `said the board's chief engineer, Tom Okafor`: the name after the description.
    if let named = nameAfterDescription(parts) { return named }
    switch classify(first) {
    case .name(var mention):
      if mention.role == nil {
        for part in parts.dropFirst() {
          if case .role(let role) = classify(part), role.form == .description {
            mention.role = appositive(part)
            break
          }
          if isTag(part) {
            mention.role = text(part)
            break
          }
        }
      }
      return mention
    case .pronoun(let mention), .role(let mention):
      return mention
    case .skip:
      return nil
    }
  }

  /// An appositive chunk as a role, without a leading conjunction (`but its spokesman` →
  /// `its spokesman`).
  func appositive(_ chunk: Range<Int>) -> String {
    var start = chunk.lowerBound
    while start + 1 < chunk.upperBound
      && tokens[start].classes & (C.conjunction | C.subordinator) != 0
    {
      start += 1
    }
    return text(start..<chunk.upperBound)
  }

  /// Whether the chunk from `index` to its end is a name with its titles and then at most
  /// trailing adverbs (`Gov. Tom Okafor`, `Okafor strongly`).
  func namesTheRest(_ index: Int, _ chunk: Range<Int>) -> Bool {
    var position = index
    var sawName = false
    while position < chunk.upperBound {
      let token = tokens[position]
      if token.kind == .word && isNameToken(token) {
        sawName = true
      } else if !(token.kind == .period
        || (token.kind == .word
          && (token.classes & C.particle != 0
            || (token.isCapitalised && token.classes & (C.honorific | C.title) != 0))))
      {
        break
      }
      position += 1
    }
    guard sawName, position > index else { return false }
    return (position..<chunk.upperBound).allSatisfy(isTrailingAdverb)
  }

  /// Whether the chunk from `index` to its end is a described speaker: an optional article
  /// or possessive, then at most four words with no verb, preposition, relative word or
  /// pronoun, the last a head noun (`the harbour board`, `Border Patrol agents`, `aides`),
  /// then at most trailing adverbs.
  func describesTheRest(_ index: Int, _ chunk: Range<Int>) -> Bool {
    var position = index
    if position < chunk.upperBound && tokens[position].classes & C.determiner != 0 {
      position += 1
    }
    var end = chunk.upperBound
    while end > position && isTrailingAdverb(end - 1) { end -= 1 }
    guard end > position, end - position <= 4, isHead(end - 1) else { return false }
    let stop =
      C.preposition | C.relative | C.that | C.pronoun | C.auxiliary | C.conjunction
      | C.determiner
    return (position..<end).allSatisfy {
      tokens[$0].kind == .word && tokens[$0].classes & stop == 0 && !looksLikeVerb($0)
    }
  }

  /// Whether a word is a number written out (`four`, `twenty-four`, `sixty-six`).
  static func isNumberWord(_ word: String) -> Bool {
    if WordLists.numberWords.contains(word) { return true }
    guard let dash = word.firstIndex(of: "-") else { return false }
    let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    return tens.contains(String(word[..<dash]))
  }
}
