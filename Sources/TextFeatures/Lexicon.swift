/// A polarity lexicon: words with a signed strength, which add four counted features to
/// every document (the CLI's `--lexicon FILE`).
///
/// N-gram features know only the words of the training corpus; a word list written from
/// general knowledge of the language reaches words the corpus never used ("despicable",
/// "superb"), and the model learns how much to trust it. Each token found in the lexicon
/// adds `|valence|` occurrences of one of four pseudo-terms, which are then weighted,
/// normalised and learned like any word feature:
///
/// | token | pseudo-term (feature name) |
/// |---|---|
/// | positive valence | `lexicon:positive` |
/// | negative valence | `lexicon:negative` |
/// | positive valence, in a negation scope | `lexicon:not-positive` |
/// | negative valence, in a negation scope | `lexicon:not-negative` |
///
/// A negation scope is that of ``NegationMarking`` when the vectorizer marks negation; a
/// marked token (`NOT_good`) is looked up without its prefix. Without negation marking
/// only the first two pseudo-terms occur. The pseudo-terms start with byte 0x01, which no
/// token contains, so they never collide with a real n-gram; ``Term/description`` names
/// them without it.
///
/// Lookups are exact on the tokenizer's (case-folded) token; list every inflected form.
/// The lexicon is stored in the model with the vectorizer settings, so a model file
/// carries the list it was trained with.
public struct Lexicon: Hashable, Sendable, Codable {
  /// One word and its valence.
  public struct Entry: Hashable, Sendable, Codable {
    /// The word, as the tokenizer writes it (lowercase when the vectorizer folds case).
    public let term: String
    /// A non-zero strength from -``maximumValence`` to ``maximumValence``.
    public let valence: Int

    /// Creates an entry; ``Lexicon/init(name:entries:)`` checks it.
    ///
    /// - Parameters:
    ///   - term: The word.
    ///   - valence: Its signed strength.
    public init(term: String, valence: Int) {
      self.term = term
      self.valence = valence
    }
  }

  /// The largest strength a word may have.
  public static let maximumValence = 3

  /// A short name shown by `inspect` and in model cards (such as the file's base name).
  public let name: String
  /// The entries, sorted by term bytes, one per term.
  public let entries: [Entry]
  /// Term → valence, derived from ``entries``.
  private let valences: [String: Int8]

  /// The four pseudo-terms, in the order of ``Polarity``.
  public static let pseudoTerms: [String] = [
    "\u{1}lexicon:positive", "\u{1}lexicon:negative", "\u{1}lexicon:not-positive",
    "\u{1}lexicon:not-negative",
  ]

  /// Which pseudo-term a token counts towards.
  enum Polarity: Int {
    case positive = 0
    case negative = 1
    case negatedPositive = 2
    case negatedNegative = 3
  }

  /// Creates a lexicon from entries in any order.
  ///
  /// - Parameters:
  ///   - name: A short name for displays.
  ///   - entries: At least one entry; terms unique, non-empty, without spaces; valences
  ///     non-zero and within ±``maximumValence``.
  /// - Throws: ``LexiconError`` naming the first bad entry.
  public init(name: String, entries: [Entry]) throws(LexiconError) {
    guard !entries.isEmpty else { throw .empty }
    var valences: [String: Int8] = [:]
    valences.reserveCapacity(entries.count)
    for entry in entries {
      try Self.check(entry)
      guard valences.updateValue(Int8(entry.valence), forKey: entry.term) == nil else {
        throw .duplicateTerm(entry.term)
      }
    }
    self.name = name
    self.entries = entries.sorted { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }
    self.valences = valences
  }

  /// Checks one entry's term and valence.
  private static func check(_ entry: Entry) throws(LexiconError) {
    guard !entry.term.isEmpty,
      !entry.term.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 })
    else { throw .invalidTerm(entry.term) }
    guard entry.valence != 0, abs(entry.valence) <= maximumValence else {
      throw .invalidValence(term: entry.term, valence: entry.valence)
    }
  }

  /// The valence of a token, or `nil` when it is not listed.
  ///
  /// - Parameter token: The token's bytes, without a negation prefix.
  /// - Returns: Its valence.
  /// - Complexity: O(token length); no allocation for tokens of up to 15 bytes.
  func valence(of token: UnsafeBufferPointer<UInt8>) -> Int? {
    valences[String(decoding: token, as: UTF8.self)].map(Int.init)
  }

  /// Appends one pseudo-term index (``Polarity``) per unit of valence of every listed
  /// token of `tokenized` from `firstToken` on.
  ///
  /// - Parameters:
  ///   - tokenized: A tokenized document.
  ///   - firstToken: The first token to look at.
  ///   - hits: Receives the indices into ``pseudoTerms``.
  func appendHits(
    in tokenized: TokenizedText, from firstToken: Int, to hits: inout [Int]
  ) {
    tokenized.bytes.withUnsafeBufferPointer { bytes in
      for token in tokenized.tokens[firstToken...] where token.kind == .word {
        let (word, negated) = NegationMarking.unmarked(
          UnsafeBufferPointer(rebasing: bytes[token.range]))
        guard let valence = valence(of: word) else { continue }
        let polarity: Polarity =
          switch (valence > 0, negated) {
          case (true, false): .positive
          case (false, false): .negative
          case (true, true): .negatedPositive
          case (false, true): .negatedNegative
          }
        hits.append(contentsOf: repeatElement(polarity.rawValue, count: abs(valence)))
      }
    }
  }

  /// The pseudo-terms' bytes, one after the other, and each one's range in them.
  static let pseudoTermBytes: (bytes: [UInt8], ranges: [Range<Int>]) = {
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []
    for term in pseudoTerms {
      let start = bytes.count
      bytes.append(contentsOf: term.utf8)
      ranges.append(start..<bytes.count)
    }
    return (bytes, ranges)
  }()

  /// The feature hash of each pseudo-term (word n-gram kind), in ``pseudoTerms`` order.
  static let pseudoTermHashes: [UInt64] = pseudoTermBytes.bytes.withUnsafeBufferPointer {
    buffer in
    pseudoTermBytes.ranges.map { FeatureHasher.hash(buffer, $0, kind: .wordNGram) }
  }

  /// Whether `text` is one of the pseudo-terms (it starts with byte 0x01).
  public static func isPseudoTerm(_ text: String) -> Bool {
    text.utf8.first == 0x01
  }

  private enum CodingKeys: String, CodingKey {
    case name
    case entries
  }

  /// Decodes and checks a lexicon.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` carrying the ``LexiconError`` message.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let name = try container.decode(String.self, forKey: .name)
    let entries = try container.decode([Entry].self, forKey: .entries)
    do {
      self = try Lexicon(name: name, entries: entries)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }

  /// Encodes the name and the sorted entries.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(entries, forKey: .entries)
  }

  /// Equal names and entries (the lookup table is derived from them).
  public static func == (lhs: Lexicon, rhs: Lexicon) -> Bool {
    lhs.name == rhs.name && lhs.entries == rhs.entries
  }

  /// Hashes the name and entries.
  ///
  /// - Parameter hasher: The hasher.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(entries)
  }
}

/// Why a lexicon was refused.
public enum LexiconError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The lexicon has no entries.
  case empty
  /// A term is empty or holds white space or a control character.
  case invalidTerm(String)
  /// A term is listed twice.
  case duplicateTerm(String)
  /// A valence is zero or beyond ±``Lexicon/maximumValence``.
  case invalidValence(term: String, valence: Int)

  /// What is wrong and how to fix it.
  public var description: String {
    switch self {
    case .empty: return "the lexicon lists no words; give at least one `term,valence` line"
    case .invalidTerm(let term):
      return "the lexicon term '\(term)' is empty or holds a space; list single words"
    case .duplicateTerm(let term):
      return "the lexicon lists '\(term)' twice; keep one line per word"
    case .invalidValence(let term, let valence):
      return
        "the valence of '\(term)' must be a non-zero whole number from "
        + "-\(Lexicon.maximumValence) to \(Lexicon.maximumValence), got \(valence)"
    }
  }
}
