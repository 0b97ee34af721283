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
          | C.relative | C.conjunction) == 0
  }

  func isFollowBlocker(_ token: Token) -> Bool {
    token.kind == .word
      && (token.isCapitalised
        || token.classes & (C.roleNoun | C.title | C.groupNoun | C.organisation) != 0)
  }

  /// Classifies one chunk.
  func classify(_ chunk: Range<Int>) -> ChunkKind {
    var start = chunk.lowerBound
    while start < chunk.upperBound && tokens[start].classes & C.conjunction != 0 { start += 1 }
    guard start < chunk.upperBound else { return .skip }
    var first = tokens[start]
    // `which he called`, `what he called`: the pronoun after a relative word.
    if first.classes & C.relative != 0 {
      if start + 1 < chunk.upperBound && tokens[start + 1].classes & C.pronoun != 0 {
        start += 1
        first = tokens[start]
      } else {
        return .skip
      }
    }
    if first.kind != .word && first.kind != .mark { return .skip }
    let range = start..<chunk.upperBound
    if first.classes & C.pronoun != 0 {
      let word = lowerWord(start)
      return .pronoun(
        Mention(
          form: .pronoun, text: word, words: [], role: nil,
          kind: word == "they" ? .group : .person, tokens: start..<(start + 1)))
    }
    if first.classes & C.adverbial != 0 && first.classes & C.determiner == 0 { return .skip }
    if !first.isCapitalised && first.classes & (C.determiner | C.roleNoun | C.title) == 0 {
      let word = lowerWord(start)
      if word.hasSuffix("ing") || word.hasSuffix("ed") { return .skip }
    }
    if let name = nameRun(range) {
      let role = trimmedRole(range.lowerBound..<name.lowerBound)
      var nameWords: [String] = []
      var kind = SpeakerKind.person
      for index in name {
        nameWords.append(lowerWord(index))
        if tokens[index].classes & (C.organisation | C.place) != 0 { kind = .organisation }
      }
      if let role, roleKind(role.range) == .organisation && role.range.count <= 4 {
        kind = .organisation
      }
      return .name(
        Mention(
          form: .name, text: text(name), words: nameWords, role: role?.text, kind: kind,
          tokens: name))
    }
    // No name: an unnamed speaker, a role noun referring back, or a clause.
    if range.contains(where: { tokens[$0].classes & C.auxiliary != 0 || tokens[$0].kind == .mark })
      || range.count > 12
    {
      return .skip
    }
    var body = range
    let startsWithArticle =
      tokens[body.lowerBound].classes & C.determiner != 0
      && ["the", "a", "an"].contains(lowerWord(body.lowerBound))
    let isThe = startsWithArticle && lowerWord(body.lowerBound) == "the"
    if startsWithArticle { body = (body.lowerBound + 1)..<body.upperBound }
    guard !body.isEmpty else { return .skip }
    let last = tokens[body.upperBound - 1]
    if isThe && body.count <= 2 && last.classes & (C.roleNoun | C.title) != 0
      && last.classes & C.organisation == 0
    {
      return .role(
        Mention(
          form: .roleReference, text: lowerWord(body.upperBound - 1), words: [], role: nil,
          kind: .person, tokens: body))
    }
    // A lower-case phrase of more than three words with no role, group, organisation or
    // document noun is a clause fragment (`routine that campaign staff prepare`), not a
    // speaker.
    let speakerNoun = C.roleNoun | C.groupNoun | C.organisation | C.document | C.title | C.place
    if !tokens[body.lowerBound].isCapitalised && body.count > 3
      && !body.contains(where: { tokens[$0].classes & speakerNoun != 0 })
    {
      return .skip
    }
    return .role(
      Mention(
        form: .description, text: text(body), words: [], role: nil, kind: roleKind(body),
        tokens: body))
  }

  /// The first run of name words that starts the chunk or follows an honorific, title or
  /// role noun, and is not itself followed by a title, role noun or capital.
  func nameRun(_ range: Range<Int>) -> Range<Int>? {
    var previousAllows = true
    var index = range.lowerBound
    while index < range.upperBound {
      let token = tokens[index]
      if previousAllows && isNameToken(token) {
        var end = index + 1
        while end < range.upperBound {
          let next = tokens[end]
          if isNameToken(next) {
            end += 1
          } else if next.kind == .word && next.classes & C.particle != 0
            && end + 1 < range.upperBound
            && isNameToken(tokens[end + 1])
          {
            end += 2
          } else {
            break
          }
        }
        if end == range.upperBound || !isFollowBlocker(tokens[end]) { return index..<end }
        index = end
        previousAllows = false
        continue
      }
      previousAllows =
        token.kind == .word
        && ((token.isCapitalised && token.classes & (C.honorific | C.title) != 0)
          || token.classes & C.roleNoun != 0)
      index += 1
    }
    return nil
  }

  private func trimmedRole(_ range: Range<Int>) -> (text: String, range: Range<Int>)? {
    var start = range.lowerBound
    var end = range.upperBound
    while end > start && tokens[end - 1].classes & C.honorific != 0 && tokens[end - 1].isCapitalised
    {
      end -= 1
    }
    while start < end && tokens[start].classes & C.honorific != 0 && tokens[start].isCapitalised {
      start += 1
    }
    guard start < end else { return nil }
    return (text(start..<end), start..<end)
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

  /// The speaker of a subject region before a cue: the last name chunk, else the last
  /// pronoun, else the first unnamed description; the role comes from the name's own chunk or
  /// the neighbouring appositive.
  func subject(_ range: Range<Int>, lastChunkOnly: Bool = false) -> Mention? {
    var parts = chunks(range)
    if lastChunkOnly, let last = parts.last { parts = [last] }
    let kinds = parts.map(classify)
    var nameIndex: Int?
    var pronoun: Mention?
    var firstRole: (Int, Mention)?
    for (index, kind) in kinds.enumerated() {
      switch kind {
      case .name: nameIndex = index
      case .pronoun(let mention): pronoun = mention
      case .role(let mention): if firstRole == nil { firstRole = (index, mention) }
      case .skip: break
      }
    }
    if let nameIndex, case .name(var mention) = kinds[nameIndex] {
      if mention.role == nil {
        if nameIndex > 0, case .role(let role) = kinds[nameIndex - 1], role.form == .description {
          mention.role = text(parts[nameIndex - 1])
        } else if nameIndex + 1 < kinds.count, case .role = kinds[nameIndex + 1] {
          mention.role = text(parts[nameIndex + 1])
        }
      }
      return mention
    }
    if let pronoun { return pronoun }
    return firstRole?.1
  }

  /// The speaker named after an inverted cue (`said Aminata Guindo, deputy mayor of …`).
  func invertedSubject(_ range: Range<Int>) -> Mention? {
    let parts = chunks(range)
    guard let first = parts.first else { return nil }
    switch classify(first) {
    case .name(var mention):
      if mention.role == nil {
        for part in parts.dropFirst() {
          if case .role(let role) = classify(part), role.form == .description {
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
      if index + 1 - start > mention.words.count {
        let words = (start...index).map(lowerWord)
        return Mention(
          form: .name, text: text(start..<(index + 1)), words: words, role: mention.role,
          kind: mention.kind, tokens: mention.tokens)
      }
    }
    return nil
  }
}
