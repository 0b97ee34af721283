/// The word lists the extractor consults, compiled into one table.
///
/// Each word maps to a set of classes and (for the first word of a cue) the cue's index. Lookups compare bytes
/// case-insensitively (ASCII) within a bucket chosen by length and first byte; no hashing.
struct Lexicon: Sendable {
  enum Class {
    static let determiner: UInt32 = 1 << 0
    static let pronoun: UInt32 = 1 << 1
    static let honorific: UInt32 = 1 << 2
    static let title: UInt32 = 1 << 3
    static let roleNoun: UInt32 = 1 << 4
    static let adverbial: UInt32 = 1 << 5
    static let relative: UInt32 = 1 << 6
    static let conjunction: UInt32 = 1 << 7
    static let auxiliary: UInt32 = 1 << 8
    static let preposition: UInt32 = 1 << 9
    static let particle: UInt32 = 1 << 10
    static let sentenceStarter: UInt32 = 1 << 11
    static let organisation: UInt32 = 1 << 12
    static let groupNoun: UInt32 = 1 << 13
    static let abbreviation: UInt32 = 1 << 14
    static let numberAbbreviation: UInt32 = 1 << 15
    static let that: UInt32 = 1 << 16
    static let place: UInt32 = 1 << 17
    static let boilerplate: UInt32 = 1 << 18
    static let to: UInt32 = 1 << 19
    static let asWord: UInt32 = 1 << 20
    static let beForm: UInt32 = 1 << 21
    static let clauseSubject: UInt32 = 1 << 22
    static let questionWord: UInt32 = 1 << 23
    static let nounLikeCue: UInt32 = 1 << 24
    static let document: UInt32 = 1 << 25
    static let subordinator: UInt32 = 1 << 26
    static let quantifier: UInt32 = 1 << 27
    static let timeName: UInt32 = 1 << 28
    static let timeWord: UInt32 = 1 << 29
    static let trailingAdverb: UInt32 = 1 << 30
    static let weekday: UInt32 = 1 << 31
  }

  private struct Entry: Sendable {
    var bytes: [UInt8]
    var classes: UInt32
    var cue: Int32
  }

  /// The lexicon of `AttributionCues.english`, built once.
  static let english = Lexicon(cues: .english)

  private var buckets: [[Entry]]
  /// The cues, in the order of `AttributionCues.cues`, as lower-case byte strings per word.
  let cueWords: [[[UInt8]]]
  let cueBehaviours: [CueBehaviour]
  let cueNames: [String]

  private static func bucket(_ length: Int, _ first: UInt8) -> Int {
    (min(length, 31) << 8) | Int(lower(first))
  }

  @inline(__always)
  static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  init(cues: AttributionCues) {
    buckets = Array(repeating: [], count: 32 * 256)
    cueWords = cues.cues.map { cue in cue.words.map { Array($0.lowercased().utf8) } }
    cueBehaviours = cues.cues.map(\.behaviour)
    cueNames = cues.cues.map { $0.words.joined(separator: " ") }
    let lists: [(UInt32, [String])] = [
      (Class.determiner, WordLists.determiners), (Class.pronoun, WordLists.pronouns),
      (Class.honorific, WordLists.honorifics), (Class.title, WordLists.titles),
      (Class.roleNoun, WordLists.roleNouns), (Class.adverbial, WordLists.adverbials),
      (Class.relative, WordLists.relatives), (Class.conjunction, WordLists.conjunctions),
      (Class.auxiliary, WordLists.auxiliaries), (Class.preposition, WordLists.prepositions),
      (Class.particle, WordLists.particles), (Class.sentenceStarter, WordLists.sentenceStarters),
      (Class.organisation, WordLists.organisationWords), (Class.groupNoun, WordLists.groupNouns),
      (Class.abbreviation, WordLists.abbreviations),
      (Class.numberAbbreviation, WordLists.numberAbbreviations), (Class.that, ["that"]),
      (Class.place, WordLists.places), (Class.to, ["to"]), (Class.asWord, ["as"]),
      (Class.beForm, WordLists.beForms), (Class.clauseSubject, WordLists.clauseSubjects),
      (Class.questionWord, WordLists.questionWords),
      (Class.nounLikeCue, WordLists.nounLikeCues), (Class.document, WordLists.documentNouns),
      (Class.subordinator, WordLists.subordinators), (Class.quantifier, WordLists.quantifiers),
      (Class.timeName, WordLists.timeNames), (Class.timeWord, WordLists.timeWords),
      (Class.trailingAdverb, WordLists.trailingAdverbs), (Class.weekday, WordLists.weekdays),
    ]
    for (mask, words) in lists {
      for word in words { add(Array(word.lowercased().utf8), classes: mask, cue: -1) }
    }
    for (index, words) in cueWords.enumerated() {
      guard let first = words.first else { continue }
      add(first, classes: 0, cue: Int32(index))
    }
  }

  private mutating func add(_ bytes: [UInt8], classes: UInt32, cue: Int32) {
    guard let first = bytes.first else { return }
    let slot = Lexicon.bucket(bytes.count, first)
    if let found = buckets[slot].firstIndex(where: { $0.bytes == bytes }) {
      buckets[slot][found].classes |= classes
      if cue >= 0 && buckets[slot][found].cue < 0 { buckets[slot][found].cue = cue }
    } else {
      buckets[slot].append(Entry(bytes: bytes, classes: classes, cue: cue))
    }
  }

  /// Sets `token.classes` and `token.cue` from the table (the token's abbreviation dot, if
  /// any, is not part of the looked-up word).
  func classify(_ token: inout Token, _ bytes: UnsafeBufferPointer<UInt8>) {
    let length = token.end - token.start
    guard length > 0 else { return }
    let slot = Lexicon.bucket(length, bytes[token.start])
    for entry in buckets[slot] where entry.bytes.count == length {
      var equal = true
      for offset in 0..<length
      where Lexicon.lower(bytes[token.start + offset]) != entry.bytes[offset] {
        equal = false
        break
      }
      if equal {
        token.classes = entry.classes
        token.cue = entry.cue
        return
      }
    }
  }

  /// Whether the word token equals `word` (lower-case ASCII), ignoring an abbreviation dot.
  static func equals(_ token: Token, _ word: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let end = token.hasAbbreviationDot ? token.end - 1 : token.end
    guard end - token.start == word.count else { return false }
    for offset in 0..<word.count where lower(bytes[token.start + offset]) != word[offset] {
      return false
    }
    return true
  }
}
