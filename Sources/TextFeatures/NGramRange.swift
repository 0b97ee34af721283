/// A validated range of n-gram lengths, such as `1...2` for unigrams and bigrams.
///
/// Invariant: `1 <= lowerBound <= upperBound <= NGramRange.maximumLength`.
public struct NGramRange: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The shortest n-gram length.
  public let lowerBound: Int
  /// The longest n-gram length.
  public let upperBound: Int

  /// The longest n-gram length accepted (word or character).
  public static let maximumLength = 16

  /// Single tokens only (scikit-learn's default `ngram_range=(1, 1)`).
  public static let unigrams = NGramRange(validated: 1, 1)
  /// Single tokens and pairs of adjacent tokens.
  public static let unigramsAndBigrams = NGramRange(validated: 1, 2)
  /// Lengths 2 to 5: the character n-grams that `stance train` tries on its own when it
  /// chooses `C` (``NGramRange/unigramsAndBigrams`` words stay beside them).
  public static let twoToFive = NGramRange(validated: 2, 5)

  /// Creates a range from `lowerBound` to `upperBound`, inclusive.
  ///
  /// - Parameters:
  ///   - lowerBound: The shortest length, at least 1.
  ///   - upperBound: The longest length, at least `lowerBound` and at most
  ///     ``maximumLength``.
  /// - Throws: ``VectorizerError/invalidNGramRange(lowerBound:upperBound:)``.
  public init(lowerBound: Int, upperBound: Int) throws(VectorizerError) {
    guard lowerBound >= 1, lowerBound <= upperBound, upperBound <= Self.maximumLength else {
      throw VectorizerError.invalidNGramRange(lowerBound: lowerBound, upperBound: upperBound)
    }
    self.lowerBound = lowerBound
    self.upperBound = upperBound
  }

  /// Creates a range from a closed range such as `1...2`.
  ///
  /// - Parameter range: The lengths.
  /// - Throws: ``VectorizerError/invalidNGramRange(lowerBound:upperBound:)``.
  public init(_ range: ClosedRange<Int>) throws(VectorizerError) {
    try self.init(lowerBound: range.lowerBound, upperBound: range.upperBound)
  }

  /// Parses the command-line form `"1-2"` (or `"2"` for `2-2`).
  ///
  /// - Parameter text: `"N"` or `"N-M"` with decimal integers.
  /// - Throws: ``VectorizerError/unparsableNGramRange(_:)`` or
  ///   ``VectorizerError/invalidNGramRange(lowerBound:upperBound:)``.
  public init(parsing text: String) throws(VectorizerError) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2,
      let lower = Int(parts[0]), let upper = Int(parts[parts.count - 1])
    else { throw VectorizerError.unparsableNGramRange(text) }
    try self.init(lowerBound: lower, upperBound: upper)
  }

  private init(validated lowerBound: Int, _ upperBound: Int) {
    self.lowerBound = lowerBound
    self.upperBound = upperBound
  }

  /// The lengths as a closed range.
  public var lengths: ClosedRange<Int> { lowerBound...upperBound }

  /// The command-line form, `"1-2"`.
  public var description: String { "\(lowerBound)-\(upperBound)" }

  private enum CodingKeys: String, CodingKey {
    case lowerBound
    case upperBound
  }

  /// Decodes a range, refusing invalid bounds.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` when the bounds are invalid.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let lower = try container.decode(Int.self, forKey: .lowerBound)
    let upper = try container.decode(Int.self, forKey: .upperBound)
    do {
      try self.init(lowerBound: lower, upperBound: upper)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
    }
  }
}
