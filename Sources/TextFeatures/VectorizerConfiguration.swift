/// Every vectorizer setting as one validated, Codable value.
///
/// The defaults are scikit-learn's `TfidfVectorizer` (lowercase, `min_df=1`, `max_df=1.0`,
/// no feature cap, tf-idf with smooth idf and L2 rows) except that word n-grams default to
/// 1–2, as `TfidfVectorizer(ngram_range=(1, 2))`: stance often turns on a pair of words
/// ("no cuts", "more hikes") that unigrams cannot see.
///
/// Call ``validate()`` (``Vectorizer/fit(_:configuration:)`` does) to check every rule in
/// one place; the CLI calls the same function, so API and CLI users read the same message.
public struct VectorizerConfiguration: Hashable, Sendable, Codable {
  /// Whether tokens are lowercased (tokenizer rule 4).
  public var foldsCase: Bool
  /// Word n-gram lengths, or `nil` for no word features.
  public var wordNGrams: NGramRange?
  /// `char_wb` character n-gram lengths, or `nil` (the default) for none.
  public var characterNGrams: NGramRange?
  /// Terms in fewer documents than this are dropped (vocabulary mode only).
  public var minDocumentFrequency: DocumentFrequencyLimit
  /// Terms in more documents than this are dropped (vocabulary mode only).
  public var maxDocumentFrequency: DocumentFrequencyLimit
  /// Keep only this many terms, the most frequent by document frequency; `nil` keeps all.
  ///
  /// Ties are broken by term bytes, ascending. Unlike scikit-learn, which ranks by total
  /// count, the ranking uses document frequency.
  public var maxFeatures: Int?
  /// Feature hashing with `2^hashBits` columns instead of a vocabulary, or `nil` (the
  /// default) for a vocabulary.
  public var hashBits: Int?
  /// How counts become values.
  public var weighting: TermWeighting
  /// Worker threads for tokenizing and counting; results do not depend on it.
  public var threads: Int
  /// Whether words in a negation scope are marked `NOT_word`; off by default.
  ///
  /// See ``NegationMarking`` (the CLI's `--negation`). Word n-grams join the marked forms, and
  /// character n-grams are taken from them.
  public var marksNegation: Bool = false
  /// Function words dropped before n-grams are formed (``StopWordList``, the CLI's
  /// `--stop-words english`), or `nil` (the default) to keep every token.
  public var stopWords: StopWordList? = nil
  /// A polarity lexicon whose hits add four counted features (``Lexicon``, the CLI's
  /// `--lexicon FILE`), or `nil` (the default) for none.
  public var lexicon: Lexicon? = nil

  /// The most threads accepted (the same limit as the trainer's): more buys no speed on
  /// any current machine, and a count near `Int.max` would overflow the partitioning of
  /// the documents.
  public static let maximumThreadCount = 1024

  /// Creates a configuration; the defaults are those described on the type.
  ///
  /// - Parameters:
  ///   - foldsCase: Lowercase tokens; on by default.
  ///   - wordNGrams: Word n-gram lengths; 1–2 by default.
  ///   - characterNGrams: Character n-gram lengths; off by default.
  ///   - minDocumentFrequency: Minimum document frequency; `.count(1)` by default.
  ///   - maxDocumentFrequency: Maximum document frequency; `.fraction(1.0)` by default.
  ///   - maxFeatures: Feature cap; none by default.
  ///   - hashBits: Hashing mode bits; off by default.
  ///   - weighting: Term weighting; tf-idf with L2 rows by default.
  ///   - threads: Worker threads; 1 by default.
  public init(
    foldsCase: Bool = true, wordNGrams: NGramRange? = .unigramsAndBigrams,
    characterNGrams: NGramRange? = nil,
    minDocumentFrequency: DocumentFrequencyLimit = .count(1),
    maxDocumentFrequency: DocumentFrequencyLimit = .fraction(1),
    maxFeatures: Int? = nil, hashBits: Int? = nil, weighting: TermWeighting = .tfidf,
    threads: Int = 1
  ) {
    self.foldsCase = foldsCase
    self.wordNGrams = wordNGrams
    self.characterNGrams = characterNGrams
    self.minDocumentFrequency = minDocumentFrequency
    self.maxDocumentFrequency = maxDocumentFrequency
    self.maxFeatures = maxFeatures
    self.hashBits = hashBits
    self.weighting = weighting
    self.threads = threads
  }

  /// The tokenizer these settings describe.
  public var tokenizer: Tokenizer {
    Tokenizer(foldsCase: foldsCase, marksNegation: marksNegation, stopWords: stopWords)
  }

  /// Checks every rule that does not depend on the corpus.
  ///
  /// Rules: at least one n-gram kind is on; `min-df`/`max-df` counts are at least 1 and
  /// fractions in `0 ... 1`; when both limits are counts or both are fractions, the
  /// maximum is not below the minimum (mixed kinds are checked by `fit` against the corpus
  /// size); `maxFeatures` is positive; `hashBits` is in ``FeatureHasher/bitRange`` and is
  /// not combined with pruning; `threads` is from 1 to ``maximumThreadCount``.
  ///
  /// - Throws: The first ``VectorizerError`` found.
  public func validate() throws(VectorizerError) {
    guard wordNGrams != nil || characterNGrams != nil else {
      throw VectorizerError.noFeatureKinds
    }
    try minDocumentFrequency.validate(option: "min-df")
    try maxDocumentFrequency.validate(option: "max-df")
    let inverted: Bool
    switch (minDocumentFrequency, maxDocumentFrequency) {
    case (.count(let low), .count(let high)): inverted = high < low
    case (.fraction(let low), .fraction(let high)): inverted = high < low
    default: inverted = false
    }
    if inverted {
      throw VectorizerError.maxDocumentFrequencyBelowMinimum(
        minimum: minDocumentFrequency, maximum: maxDocumentFrequency, documentCount: nil)
    }
    if let maxFeatures, maxFeatures < 1 { throw VectorizerError.invalidMaxFeatures(maxFeatures) }
    if let hashBits {
      _ = try FeatureHasher(bits: hashBits)
      if minDocumentFrequency != .count(1) || maxDocumentFrequency != .fraction(1)
        || maxFeatures != nil
      {
        throw VectorizerError.pruningWithHashing
      }
    }
    guard (1...Self.maximumThreadCount).contains(threads) else {
      throw VectorizerError.invalidThreadCount(threads)
    }
  }

  private enum CodingKeys: String, CodingKey {
    case foldsCase
    case wordNGrams
    case characterNGrams
    case minDocumentFrequency
    case maxDocumentFrequency
    case maxFeatures
    case hashBits
    case weighting
    case threads
    case marksNegation = "negation"
    case stopWords
    case lexicon
  }

  /// Decodes a configuration; absent keys take their defaults, and the result is
  /// validated.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` carrying the ``VectorizerError`` message when
  ///   the settings are invalid.
  public init(from decoder: any Decoder) throws {
    let defaults = VectorizerConfiguration()
    let container = try decoder.container(keyedBy: CodingKeys.self)
    foldsCase = try container.decodeIfPresent(Bool.self, forKey: .foldsCase) ?? defaults.foldsCase
    if container.contains(.wordNGrams) {
      wordNGrams = try container.decodeIfPresent(NGramRange.self, forKey: .wordNGrams)
    } else {
      wordNGrams = defaults.wordNGrams
    }
    characterNGrams = try container.decodeIfPresent(NGramRange.self, forKey: .characterNGrams)
    minDocumentFrequency =
      try container.decodeIfPresent(DocumentFrequencyLimit.self, forKey: .minDocumentFrequency)
      ?? defaults.minDocumentFrequency
    maxDocumentFrequency =
      try container.decodeIfPresent(DocumentFrequencyLimit.self, forKey: .maxDocumentFrequency)
      ?? defaults.maxDocumentFrequency
    maxFeatures = try container.decodeIfPresent(Int.self, forKey: .maxFeatures)
    hashBits = try container.decodeIfPresent(Int.self, forKey: .hashBits)
    weighting =
      try container.decodeIfPresent(TermWeighting.self, forKey: .weighting) ?? defaults.weighting
    threads = try container.decodeIfPresent(Int.self, forKey: .threads) ?? defaults.threads
    // Absent in model files written before negation marking and stop words: both off.
    marksNegation = try container.decodeIfPresent(Bool.self, forKey: .marksNegation) ?? false
    stopWords = try container.decodeIfPresent(StopWordList.self, forKey: .stopWords)
    lexicon = try container.decodeIfPresent(Lexicon.self, forKey: .lexicon)
    do {
      try validate()
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
    }
  }

  /// Encodes every setting but `threads` (an execution choice that never changes the
  /// result); `nil` settings are written as JSON `null` so that an absent word n-gram range
  /// is not mistaken for the default.
  ///
  /// `negation`, `stopWords` and `lexicon` are written only when on, so a model without them has the
  /// same header as before they existed.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(foldsCase, forKey: .foldsCase)
    try container.encode(wordNGrams, forKey: .wordNGrams)
    try container.encode(characterNGrams, forKey: .characterNGrams)
    try container.encode(minDocumentFrequency, forKey: .minDocumentFrequency)
    try container.encode(maxDocumentFrequency, forKey: .maxDocumentFrequency)
    try container.encode(maxFeatures, forKey: .maxFeatures)
    try container.encode(hashBits, forKey: .hashBits)
    try container.encode(weighting, forKey: .weighting)
    if marksNegation { try container.encode(true, forKey: .marksNegation) }
    try container.encodeIfPresent(stopWords, forKey: .stopWords)
    try container.encodeIfPresent(lexicon, forKey: .lexicon)
  }

  /// Whether two configurations vectorise identically; `threads` is ignored, since it
  /// changes only the speed (and it is not encoded, so a model file does not depend on it).
  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.foldsCase == rhs.foldsCase && lhs.wordNGrams == rhs.wordNGrams
      && lhs.characterNGrams == rhs.characterNGrams
      && lhs.minDocumentFrequency == rhs.minDocumentFrequency
      && lhs.maxDocumentFrequency == rhs.maxDocumentFrequency
      && lhs.maxFeatures == rhs.maxFeatures && lhs.hashBits == rhs.hashBits
      && lhs.weighting == rhs.weighting && lhs.marksNegation == rhs.marksNegation
      && lhs.stopWords == rhs.stopWords && lhs.lexicon == rhs.lexicon
  }

  /// Hashes the settings that ``==(_:_:)`` compares.
  ///
  /// - Parameter hasher: The hasher.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(foldsCase)
    hasher.combine(wordNGrams)
    hasher.combine(characterNGrams)
    hasher.combine(minDocumentFrequency)
    hasher.combine(maxDocumentFrequency)
    hasher.combine(maxFeatures)
    hasher.combine(hashBits)
    hasher.combine(weighting)
    hasher.combine(marksNegation)
    hasher.combine(stopWords)
    hasher.combine(lexicon)
  }
}
