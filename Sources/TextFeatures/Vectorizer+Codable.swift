import Foundation

extension Vectorizer {
  // MARK: - Codable

  /// The tokenizer spec version this code implements; a stored vectorizer with another
  /// version is refused.
  public static let tokenizerSpecVersion = 1
  /// The feature hash version this code implements (see ``FeatureHasher``).
  public static let featureHashVersion = 1

  private enum CodingKeys: String, CodingKey {
    case tokenizerSpec
    case featureHash
    case configuration
    case documentCount
    case vocabulary
    case hashedColumns
    case hashedDocumentFrequencies
  }

  /// Encodes the settings and the learned state (idf is derived on decoding).
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Self.tokenizerSpecVersion, forKey: .tokenizerSpec)
    try container.encode(Self.featureHashVersion, forKey: .featureHash)
    try container.encode(configuration, forKey: .configuration)
    try container.encode(documentCount, forKey: .documentCount)
    try container.encodeIfPresent(vocabulary, forKey: .vocabulary)
    if hasher != nil {
      try container.encode(hashedColumns, forKey: .hashedColumns)
      try container.encode(hashedDocumentFrequencies, forKey: .hashedDocumentFrequencies)
    }
  }

  /// Decodes a fitted vectorizer, checking versions, then every invariant of a fit through
  /// the one restore path (``init(restoring:documentCount:learned:)``).
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` for another spec version or inconsistent
  ///   state.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func corrupted(_ message: String) -> DecodingError {
      .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: message))
    }
    let spec = try container.decode(Int.self, forKey: .tokenizerSpec)
    let hash = try container.decode(Int.self, forKey: .featureHash)
    guard spec == Self.tokenizerSpecVersion, hash == Self.featureHashVersion else {
      throw corrupted(
        "this vectorizer uses tokenizer spec \(spec) and feature hash \(hash); this StanceKit "
          + "reads spec \(Self.tokenizerSpecVersion) and hash \(Self.featureHashVersion); "
          + "upgrade StanceKit or retrain the model")
    }
    let configuration = try container.decode(VectorizerConfiguration.self, forKey: .configuration)
    let documentCount = try container.decode(Int.self, forKey: .documentCount)
    let learned: LearnedState
    if configuration.hashBits != nil {
      learned = .bucketList(
        columns: try container.decode([Int32].self, forKey: .hashedColumns),
        frequencies: try container.decode([Int].self, forKey: .hashedDocumentFrequencies))
    } else {
      learned = .vocabulary(try container.decode(Vocabulary.self, forKey: .vocabulary))
    }
    do {
      self = try Vectorizer(
        restoring: configuration, documentCount: documentCount, learned: learned)
    } catch {
      throw corrupted(error.description)
    }
  }
}
