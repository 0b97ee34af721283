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
  /// The name, the pronoun, the description (leading article dropped); for a role reference
  /// the description without `the`.
  var text: String
  /// Lower-case words of the name, for matching later mentions; for a role reference its
  /// head noun and then its capitalised modifiers.
  var words: [String]
  var role: String?
  var kind: SpeakerKind
  /// Where the mention is written: the token range of the name, pronoun or description.
  var tokens: Range<Int>
  /// The gender the mention tells (an honorific, a listed first name, `he`/`she`), if any.
  var gender: Gender? = nil
  /// Lower-case words the name's titles, tags and places say about the speaker
  /// (`TitleDescriptors`), for matching later descriptions.
  var descriptors: [String] = []
}

/// A person's grammatical gender as far as the text tells it, for pronoun agreement.
enum Gender: Sendable, Hashable {
  /// Told by `Mr.`, `he` or a listed male first name.
  case male
  /// Told by `Ms.`, `Mrs.`, `she` or a listed female first name.
  case female
}

/// Turns the words around a cue into speakers and keeps track of who is who over an
/// article.
///
/// A mention is parsed from the comma-separated chunks of the subject: chunks that open with
/// a preposition or participle (`In Geneva`, `asked whether …`, `speaking on …`), relative
/// clauses (`who …`), ages and party tags (`R-Mo.`) are skipped; a name is the first run of
/// capitalised words that starts the chunk or follows an honorific, title, role noun or `the`
/// and is not followed by one nor used as a modifier (`Pentagon spokesperson Cmdr. Jessica
/// McNulty` → `Jessica McNulty`; `Sen. James M. Inhofe of Oklahoma` → `James M. Inhofe`;
/// `Elementary school teacher Teresa Galati` → `Teresa Galati`); what precedes the name in its
/// chunk, or a neighbouring appositive chunk, is the role. Time phrases, trailing adverbs and
/// leading conjunctions are not part of a speaker (`The Pentagon on Monday` → `Pentagon`).
///
/// Later mentions are resolved against the speakers seen so far, so that one person or
/// organisation is one speaker:
/// - a name whose words are a contiguous part of an earlier full name (`Inhofe`, `Mbuyi
///   Kalala`, `el-Tayeb`) is that speaker, and failing that the first fuller mention of the
///   same surname anywhere earlier in the article is used; a fuller name after a surname
///   (`Knights`, then `Michael Knights`) becomes the speaker's name;
/// - `he`/`she` go (unless the extractor has found another subject of their gender, or of a
///   gender nothing tells, named since the last speaker: `ExtractionRun.intervening`) to the
///   most recent person whose
///   gender agrees (from `Mr.`/`Ms.`/`Mrs.`, a listed first name, or the pronouns already
///   used for them; unknown agrees with both),
///   `they` to the most recent group or organisation (or people named together, `Okafor and
///   Vance`; never one person), `it` to the most recent organisation or document;
/// - a definite description (`the spokesman`, `the rookie defenceman`, `the ministry`) to the
///   most recent speaker whose role (or, for an organisation, name) holds its head noun and
///   its capitalised words; failing that, for a person, to the most recent name the article
///   writes with those words as a title or appositive (`MentionParser.namedReferent`:
///   `Vermont Sen. Tom Okafor` for `the Vermont senator`), and failing that to the person
///   the extractor finds named as a subject just before (`ExtractionRun.describedSubject`);
///   `the company` with no such speaker to the most recent organisation.
public struct SpeakerResolver: Sendable {
  /// The speakers found so far, in order of first mention.
  public private(set) var speakers: [Speaker] = []
  private var words: [[String]] = []
  private var genders: [Gender?] = []
  private var descriptors: [[String]] = []
  private var recency: [Int] = []
  private var clock = 0

  /// Creates an empty resolver.
  public init() {}

  /// Resolves a mention to a speaker index, adding a speaker if it is new.
  ///
  /// - Returns: The speaker index, or `nil` for a pronoun or role noun with nothing to refer
  ///   back to.
  ///
  /// - Parameters:
  ///   - mention: The mention.
  ///   - fullerName: A fuller mention of the same name earlier in the text, if any.
  ///   - namedReferent: The named person the text gives a definite description's words
  ///     (`the Vermont senator` after `Vermont Sen. Tom Okafor`), used when no speaker's role
  ///     matches it.
  mutating func resolve(
    _ mention: Mention, fullerName: (Mention) -> Mention?,
    namedReferent: (Mention) -> Mention? = { _ in nil }
  ) -> Int? {
    clock += 1
    let found: Int?
    switch mention.form {
    case .pronoun:
      found = pronounTarget(mention)
      if let found, genders[found] == nil { genders[found] = mention.gender }
    case .roleReference:
      if let target = referenceTarget(mention) {
        found = target
      } else if let named = namedReferent(mention) {
        // `the Vermont senator`: the person the article named with those words.
        let target = nameTarget(named, fullerName: fullerName)
        descriptors[target].append(
          contentsOf: mention.words.filter {
            !descriptors[target].contains($0)
          })
        found = target
      } else {
        found = add(mention)
      }
    case .description:
      found = sameSpelling(mention) ?? add(mention)
    case .name:
      found =
        (mention.kind == .person ? nil : sameSpelling(mention))
        ?? nameTarget(mention, fullerName: fullerName)
    }
    if let found {
      for word in mention.descriptors where !descriptors[found].contains(word) {
        descriptors[found].append(word)
      }
    }
    if let found {
      recency[found] = clock
      // `the congresswoman`, `Mara Vance, the party's chairwoman`: a gendered role noun.
      if genders[found] == nil && speakers[found].kind == .person {
        genders[found] = Self.gender(ofRole: [speakers[found].role, mention.text])
      }
    }
    return found
  }

  /// The gender a role noun tells (`congresswoman`, `spokesman`, `mother`), if any.
  static func gender(ofRole texts: [String?]) -> Gender? {
    for text in texts.compactMap({ $0 }) {
      for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
        if let gender = gender(ofRoleWord: String(word)) { return gender }
      }
    }
    return nil
  }

  /// The gender one lower-case role noun tells (`woman`, `spokesman`), if any.
  static func gender(ofRoleWord word: String) -> Gender? {
    if WordLists.femaleRoleNouns.contains(word) { return .female }
    return WordLists.maleRoleNouns.contains(word) ? .male : nil
  }

  /// An earlier speaker written the same way but for case, a possessive or `the`
  /// (`Clinton’s campaign` and `Clinton campaign`, `Sources` and `sources`).
  private func sameSpelling(_ mention: Mention) -> Int? {
    let key = Self.spellingKey(mention.text)
    return speakers.indices.first { Self.spellingKey(speakers[$0].name) == key }
  }

  /// Lower case, without possessive endings and a leading `the`.
  static func spellingKey(_ text: String) -> String {
    var words = text.lowercased().split(separator: " ").map { word -> Substring in
      for suffix in ["'s", "’s"] where word.hasSuffix(suffix) {
        return word.dropLast(suffix.count)
      }
      return word
    }
    if words.first == "the" { words.removeFirst() }
    return words.joined(separator: " ")
  }

  /// The most recent speaker a pronoun agrees with.
  private func pronounTarget(_ mention: Mention) -> Int? {
    let candidates = speakers.indices.filter { index in
      let speaker = speakers[index]
      switch mention.text {
      case "it": return speaker.kind == .organisation || speaker.kind == .document
      case "they":
        // Number: a group or organisation, or a pair of people named together (`Okafor and
        // Vance`); not one person.
        return speaker.kind == .group || speaker.kind == .organisation
          || (speaker.kind == .person && speaker.name.contains(" and "))
      default:
        return speaker.kind == .person
          && (genders[index] == nil || mention.gender == nil || genders[index] == mention.gender)
      }
    }
    return candidates.max { recency[$0] < recency[$1] }
  }

  /// The most recent speaker a definite description refers back to, if any.
  private func referenceTarget(_ mention: Mention) -> Int? {
    guard let noun = mention.words.first else { return nil }
    let required = mention.words.dropFirst()
    let isOrganisation = mention.kind == .organisation
    let candidates = speakers.indices.filter { index in
      let speaker = speakers[index]
      guard speaker.kind != .document, !isOrganisation || speaker.kind == .organisation else {
        return false
      }
      // The role's first words: a long appositive (`who was accused by a woman …`) does not
      // make its speaker `the woman`.
      var text = (speaker.role ?? "").lowercased().split(separator: " ").prefix(6)
        .joined(separator: " ")
      if !speaker.isNamed || isOrganisation { text += " " + speaker.name.lowercased() }
      text += " " + descriptors[index].joined(separator: " ")
      // `the premier` is not the `premier's office`.
      return Self.containsWord(text, noun, possessive: false)
        && required.allSatisfy { Self.containsWord(text, $0) }
    }
    if let best = candidates.max(by: { recency[$0] < recency[$1] }) { return best }
    let generic = ["company", "firm", "organisation", "organization", "corporation", "group"]
    guard isOrganisation, required.isEmpty, generic.contains(noun) else { return nil }
    return speakers.indices.filter { speakers[$0].kind == .organisation }
      .max { recency[$0] < recency[$1] }
  }

  /// The speaker a name refers to: an earlier speaker whose name holds it, the speaker of a
  /// fuller mention earlier in the text, an earlier surname that this fuller name completes,
  /// or a new speaker.
  private mutating func nameTarget(_ mention: Mention, fullerName: (Mention) -> Mention?)
    -> Int
  {
    if let found = match(mention.words) {
      if speakers[found].role == nil, let role = mention.role { speakers[found].role = role }
      if genders[found] == nil { genders[found] = mention.gender }
      return found
    }
    if let fuller = fullerName(mention) {
      if let found = match(fuller.words) { return found }
      var merged = fuller
      merged.role = merged.role ?? mention.role
      merged.gender = merged.gender ?? mention.gender
      return add(merged)
    }
    if let shorter = completedSurname(mention) {
      speakers[shorter].name = mention.text
      words[shorter] = mention.words
      speakers[shorter].role = speakers[shorter].role ?? mention.role
      genders[shorter] = genders[shorter] ?? mention.gender
      return shorter
    }
    return add(mention)
  }

  /// An earlier named speaker of the same kind whose words end this longer name
  /// (`Knights` for `Michael Knights`).
  private func completedSurname(_ mention: Mention) -> Int? {
    speakers.indices.last { index in
      speakers[index].isNamed && speakers[index].kind == mention.kind
        && words[index].count < mention.words.count
        && Array(mention.words.suffix(words[index].count)) == words[index]
    }
  }

  /// The gender known for the speaker a name would resolve to (`Cruz` after `Ted Cruz`, or
  /// after `he` was used for him), without resolving it.
  func knownGender(ofName mention: Mention) -> Gender? {
    match(mention.words).flatMap { genders[$0] }
  }

  /// Whether the speaker a pronoun would go to (the most recent one it agrees with) is known
  /// to be of its gender; `false` when there is none or nothing tells that speaker's gender.
  func targetsSpeakerOfKnownGender(_ pronoun: Mention) -> Bool {
    pronounTarget(pronoun).map { genders[$0] != nil } ?? false
  }

  /// Whether a name would resolve to a speaker already seen (`Rubio` after `Marco Rubio`).
  func knows(name mention: Mention) -> Bool {
    match(mention.words) != nil
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
    genders.append(mention.gender)
    descriptors.append([])
    recency.append(clock)
    return speakers.count - 1
  }

  /// Whether `text` holds `word` as a whole word; a possessive (`premier's office`) holds
  /// it only with `possessive` (a modifier may be written `Vermont's`, a head noun not).
  private static func containsWord(_ text: String, _ word: String, possessive: Bool = true)
    -> Bool
  {
    text.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" && $0 != "’" })
      .contains { token in
        guard possessive, let ending = ["'s", "’s", "'", "’"].first(where: token.hasSuffix)
        else { return token == word }
        return token.dropLast(ending.count) == word
      }
  }
}
