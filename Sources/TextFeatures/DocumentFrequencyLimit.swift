/// A document-frequency bound for vocabulary pruning, as a count or as a fraction of the
/// corpus; the two are distinct cases, so `1` and `1.0` can never be confused.
///
/// Against a corpus of `n` documents a limit resolves to a real threshold:
///
/// ```
/// .count(k)     →  k
/// .fraction(f)  →  f · n
/// ```
///
/// A term is kept when `minimum threshold <= df(term) <= maximum threshold`, exactly as
/// scikit-learn compares `min_df`/`max_df` (no rounding of `f · n`).
public enum DocumentFrequencyLimit: Hashable, Sendable, Codable, CustomStringConvertible {
  /// A number of documents, at least 1.
  case count(Int)
  /// A fraction of the documents, in `0 ... 1`.
  case fraction(Double)

  /// The threshold in documents for a corpus of `documentCount` documents.
  ///
  /// - Parameter documentCount: The number of training documents.
  /// - Returns: `k` for `.count(k)`, `f · documentCount` for `.fraction(f)`.
  public func threshold(documentCount: Int) -> Double {
    switch self {
    case .count(let count): return Double(count)
    case .fraction(let fraction): return fraction * Double(documentCount)
    }
  }

  /// Parses the command-line form: `"2"` is a count, `"0.5"` a fraction, `"50%"` a
  /// percentage (the fraction 0.5).
  ///
  /// - Parameter text: The option's value.
  /// - Throws: ``VectorizerError/unparsableDocumentFrequencyLimit(_:)``.
  public init(parsing text: String) throws(VectorizerError) {
    if text.hasSuffix("%"), let percent = Double(text.dropLast()), percent.isFinite {
      self = .fraction(percent / 100)
    } else if let count = Int(text) {
      self = .count(count)
    } else if text.contains("."), let fraction = Double(text), fraction.isFinite {
      self = .fraction(fraction)
    } else {
      throw VectorizerError.unparsableDocumentFrequencyLimit(text)
    }
  }

  /// Checks the limit's own range.
  ///
  /// - Parameter option: `min-df` or `max-df`, for the message.
  /// - Throws: ``VectorizerError/invalidDocumentFrequencyLimit(option:limit:)``.
  func validate(option: String) throws(VectorizerError) {
    switch self {
    case .count(let count) where count >= 1: return
    case .fraction(let fraction) where fraction.isFinite && fraction >= 0 && fraction <= 1: return
    default: throw VectorizerError.invalidDocumentFrequencyLimit(option: option, limit: self)
    }
  }

  /// `"3"` for a count, `"0.5"` for a fraction.
  public var description: String {
    switch self {
    case .count(let count): return "\(count)"
    case .fraction(let fraction): return "\(fraction)"
    }
  }

  private enum CodingKeys: String, CodingKey {
    case count
    case fraction
  }

  /// Encodes as `{"count": k}` or `{"fraction": f}`.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .count(let count): try container.encode(count, forKey: .count)
    case .fraction(let fraction): try container.encode(fraction, forKey: .fraction)
    }
  }

  /// Decodes `{"count": k}` or `{"fraction": f}`.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` when neither key is present.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let count = try container.decodeIfPresent(Int.self, forKey: .count) {
      self = .count(count)
    } else if let fraction = try container.decodeIfPresent(Double.self, forKey: .fraction) {
      self = .fraction(fraction)
    } else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "a document-frequency limit needs a 'count' or a 'fraction'"))
    }
  }
}
