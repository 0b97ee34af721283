/// A reference to a speaker as written in one place of the text.
struct Mention {
  enum Form {
    /// A proper name (`Lt. Col. Seydou Diarra`, `Diarra`, `RIA Novosti`).
    case name
    /// `he`, `she`, `they`.
    case pronoun
    /// `the spokesman`, `the imam`: a role noun referring back.
    case roleReference
    /// An unnamed speaker described in words (`a senior State Department official`).
    case description
  }

  var form: Form
  /// The name, the pronoun, the role noun or the description (leading article dropped).
  var text: String
  /// Lower-case words of the name, for matching later mentions.
  var words: [String]
  var role: String?
  var kind: SpeakerKind
  /// Where the mention is written: the token range of the name, pronoun or description.
  var tokens: Range<Int>
}

/// Turns the words around a cue into speakers and keeps track of who is who over an
/// article.
///
/// A mention is parsed from the comma-separated chunks of the subject: chunks that open with
/// a preposition or participle (`In Geneva`, `asked whether …`, `speaking on …`), relative
/// clauses (`who …`) and ages are skipped; a name is the first run of capitalised words that
/// starts the chunk or follows an honorific, title or role noun and is not followed by one
/// (`Pentagon spokesperson Cmdr. Jessica McNulty` → `Jessica McNulty`; `Sen. James M. Inhofe of
/// Oklahoma` → `James M. Inhofe`); what precedes the name in its chunk, or a neighbouring
/// appositive chunk, is the role. Later mentions are resolved against the speakers seen so
/// far: a name whose words are a contiguous part of an earlier full name (`Inhofe`, `Mbuyi
/// Kalala`, `el-Tayeb`) is that speaker, and failing that the first fuller mention of the
/// same surname anywhere earlier in the article is used; `he`/`she` go to the most recent
/// person, `they` to the most recent speaker; `the spokesman` to the most recent speaker
/// whose role contains the noun.
public struct SpeakerResolver: Sendable {
  /// The speakers found so far, in order of first mention.
  public private(set) var speakers: [Speaker] = []
  private var words: [[String]] = []
  private var recency: [Int] = []
  private var clock = 0

  /// Creates an empty resolver.
  public init() {}

  /// Resolves a mention to a speaker index, adding a speaker if it is new.
  ///
  /// - Returns: The speaker index, or `nil` for a pronoun or role noun with nothing to refer
  ///   back to.
  mutating func resolve(_ mention: Mention, fullerName: (Mention) -> Mention?) -> Int? {
    clock += 1
    switch mention.form {
    case .pronoun:
      let wantPerson = mention.text != "they"
      let candidates = speakers.indices.filter { !wantPerson || speakers[$0].kind == .person }
      guard let best = candidates.max(by: { recency[$0] < recency[$1] }) else { return nil }
      recency[best] = clock
      return best
    case .roleReference:
      let noun = mention.text.lowercased()
      let candidates = speakers.indices.filter { index in
        let role = (speakers[index].role ?? "").lowercased()
        let name = speakers[index].isNamed ? "" : speakers[index].name.lowercased()
        return Self.containsWord(role, noun) || Self.containsWord(name, noun)
      }
      if let best = candidates.max(by: { recency[$0] < recency[$1] }) {
        recency[best] = clock
        return best
      }
      return add(mention)
    case .description:
      let key = mention.text.lowercased()
      if let found = speakers.indices.first(where: { speakers[$0].name.lowercased() == key }) {
        recency[found] = clock
        return found
      }
      return add(mention)
    case .name:
      if let found = match(mention.words) {
        recency[found] = clock
        if speakers[found].role == nil, let role = mention.role { speakers[found].role = role }
        return found
      }
      if let fuller = fullerName(mention) {
        if let found = match(fuller.words) {
          recency[found] = clock
          return found
        }
        var merged = fuller
        merged.role = merged.role ?? mention.role
        return add(merged)
      }
      return add(mention)
    }
  }

  private func match(_ mentionWords: [String]) -> Int? {
    guard !mentionWords.isEmpty else { return nil }
    var best: Int?
    for index in speakers.indices where speakers[index].isNamed {
      let name = words[index]
      guard name.count >= mentionWords.count else { continue }
      var found = false
      for offset in 0...(name.count - mentionWords.count)
      where Array(name[offset..<(offset + mentionWords.count)]) == mentionWords {
        found = true
        break
      }
      if found && (best.map { recency[index] > recency[$0] } ?? true) { best = index }
    }
    return best
  }

  private mutating func add(_ mention: Mention) -> Int {
    let speaker = Speaker(
      name: mention.text, role: mention.role, kind: mention.kind,
      isNamed: mention.form == .name)
    speakers.append(speaker)
    words.append(mention.words)
    recency.append(clock)
    return speakers.count - 1
  }

  private static func containsWord(_ text: String, _ word: String) -> Bool {
    text.split(whereSeparator: { !$0.isLetter && $0 != "-" }).contains { $0 == word }
  }
}
