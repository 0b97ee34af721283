/// The named person a definite description refers to when no speaker's role tells
/// (`MentionParser`): `the Vermont senator` after `Vermont Sen. Tom Okafor`, `the former
/// harbour master` after `Dana Ortiz, the former harbour master,`, whether or not that
/// person was quoted before. The name has two words at least.
extension MentionParser {
  /// The most recent name before `limit` that the article itself gives the description's
  /// words: its head noun (or a title abbreviating it, `Sen.` for `senator`) written as a
  /// title before the name (`Vermont Sen. Tom Okafor`, `harbour master Dana Ortiz`, with at
  /// most three words between) or in an appositive right after it (`Dana Ortiz, the former
  /// harbour master,`), and its capitalised modifiers and the words after its head (`of
  /// state`) among the words of that title or appositive or the name's tags (`(D-Vt.)`).
  ///
  /// Only for a person; `nil` when no such name is found.
  ///
  /// - Complexity: O(tokens before `limit`); run only for a description no speaker's role
  ///   matched.
  func namedReferent(_ mention: Mention, before limit: Int) -> Mention? {
    guard mention.form == .roleReference, mention.kind == .person,
      let head = mention.words.first
    else { return nil }
    let forms = Set([head] + TitleDescriptors.titles.filter { $0.value.contains(head) }.map(\.key))
    let lengths = Set(forms.map(\.utf8.count))
    var required = Array(mention.words.dropFirst())
    if let headIndex = mention.tokens.first(where: { lowerWord($0) == head }) {
      required += ((headIndex + 1)..<mention.tokens.upperBound)
        .filter { tokens[$0].kind == .word && tokens[$0].classes & C.preposition == 0 }
        .map(lowerWord)
    }
    var index = min(limit, tokens.count)
    while index > 0 {
      index -= 1
      let token = tokens[index]
      let length = (token.hasAbbreviationDot ? token.end - 1 : token.end) - token.start
      guard token.kind == .word, lengths.contains(length),
        forms.contains(lowerWord(index))
      else { continue }
      // `vice president`, `deputy governor`: another title than the description's.
      if index > 0, tokens[index - 1].kind == .word,
        ["vice", "deputy", "assistant", "associate", "lieutenant", "under", "acting"].contains(
          lowerWord(index - 1)), !mention.words.contains(lowerWord(index - 1)),
        !mention.text.lowercased().contains(lowerWord(index - 1))
      {
        continue
      }
      if let found = nameAfterTitle(index, required) ?? nameBeforeAppositive(index, required) {
        return found
      }
    }
    return nil
  }

  /// The person named right after a title word at `index` (`Sen. Tom Okafor`, `secretary of
  /// state Dana Ortiz`), when the words from three before the title to the name and the
  /// name's tags hold `required`.
  private func nameAfterTitle(_ index: Int, _ required: [String]) -> Mention? {
    // `secretary of state Dana Ortiz`, `Sen. Tom Okafor`: between the title and the name only
    // capitalised words, `of` or `for` and lower-case words after them, none a verb,
    // relative or determiner (not `source who identified Okafor`, `president of the Harbour
    // Trust`, `lawmaker wants Okafor banned`).
    var start = index + 1
    let stop = C.determiner | C.relative | C.that | C.pronoun | C.auxiliary | C.conjunction
    var afterOf = false
    while start < min(tokens.count, index + 5) && tokens[start].kind == .word
      && !(isNameToken(tokens[start]) && tokens[start].classes & C.honorific == 0)
    {
      let isOf = ["of", "for"].contains(lowerWord(start))
      guard tokens[start].classes & stop == 0, !looksLikeVerb(start),
        isOf || tokens[start].isCapitalised || afterOf
      else { return nil }
      afterOf = afterOf || isOf
      start += 1
    }
    guard start < tokens.count, start < index + 5, isNameToken(tokens[start]) else { return nil }
    var end = start
    while end < tokens.count && (isNameToken(tokens[end]) || tokens[end].classes & C.particle != 0)
      && tokens[end].kind == .word
    {
      end += 1
    }
    let window = max(0, index - 3)..<min(tokens.count, end + 4)
    return person(start..<end, title: index, window: window, required)
  }

  /// The person named right before the appositive that holds the title word at `index`
  /// (`Dana Ortiz, the former harbour master,`).
  private func nameBeforeAppositive(_ index: Int, _ required: [String]) -> Mention? {
    var comma = index
    while comma > max(0, index - 7) && tokens[comma].kind == .word { comma -= 1 }
    guard comma > 0, tokens[comma].kind == .comma, tokens[comma - 1].kind == .word,
      isNameToken(tokens[comma - 1])
    else { return nil }
    var start = comma - 1
    while start > 0 && tokens[start - 1].kind == .word
      && (isNameToken(tokens[start - 1]) || tokens[start - 1].classes & C.particle != 0)
    {
      start -= 1
    }
    // The appositive holds no verb and closes after the title's phrase (`Tom, were greeted by
    // an organizer` is a clause).
    guard
      ((comma + 1)..<index).allSatisfy({
        !looksLikeVerb($0) && tokens[$0].classes & C.preposition == 0
      })
    else { return nil }
    var close = index + 1
    while close < tokens.count && tokens[close].kind == .word && close < index + 8 { close += 1 }
    guard close < tokens.count,
      [.comma, .period, .semicolon, .dash, .closeParen].contains(tokens[close].kind)
    else { return nil }
    return person(start..<comma, title: index, window: (comma + 1)..<close, required)
  }

  /// A person's name mention for `name` when the window's words (with the title's spelled
  /// out forms and the name's tags) hold every required word.
  private func person(
    _ name: Range<Int>, title: Int, window: Range<Int>, _ required: [String]
  ) -> Mention? {
    // Two words at least (`President Okafor` may be any Okafor), not after `the` or `a`
    // (`The Harbour Times`).
    guard name.count >= 2, name.count <= 4,
      name.lowerBound == 0 || tokens[name.lowerBound - 1].classes & C.determiner == 0
    else { return nil }
    var words: Set<String> = []
    for position in window where tokens[position].kind == .word {
      for word in TitleDescriptors.words(ofTitle: lowerWord(position)) { words.insert(word) }
      let word = lowerWord(position)
      if word.count >= 3 && word.dropFirst().first == "-" {
        words.formUnion(TitleDescriptors.words(ofTag: word))
      }
    }
    guard required.allSatisfy(words.contains),
      case .name(let mention) = classify(name), mention.kind == .person,
      mention.tokens == name
    else { return nil }
    return mention
  }
}
