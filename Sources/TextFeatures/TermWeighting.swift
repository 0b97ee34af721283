import Foundation

/// How a document's term counts become feature values; the defaults are those of
/// scikit-learn's `TfidfVectorizer` (tf-idf, smooth idf, raw tf, L2 rows).
///
/// For a term `t` seen `c` times in a document, with `df(t)` of the `n` training documents
/// containing it:
///
/// ```
/// tf(c)  = c                 raw counts (scheme .termFrequency or .tfidf)
///        = 1 + ln(c)         when sublinearTermFrequency is on (c ≥ 1)
///        = 1                 scheme .binary (presence)
/// idf(t) = ln((1 + n) / (1 + df(t))) + 1     smooth idf, scheme .tfidf only
/// value  = tf(c) · idf(t)    (.tfidf) or tf(c) (otherwise)
/// row    = row / ‖row‖₂      normalization .l2 (an all-zero row stays zero)
/// ```
///
/// The smooth idf adds one to the numerator and the denominator, as if one extra document
/// contained every term once, so it is finite even for terms with `df = n`, and the `+ 1`
/// keeps terms present in every document from being ignored entirely. Textbook idf is
/// `ln(n / df)`; this is scikit-learn's `smooth_idf=True` variant.
public struct TermWeighting: Hashable, Sendable, Codable {
  /// The basic weighting scheme (the CLI's `--weighting`).
  public enum Scheme: String, Hashable, Sendable, Codable, CaseIterable {
    /// 1 when the term occurs, whatever its count.
    case binary
    /// The term frequency (raw count, or sublinear).
    case termFrequency = "tf"
    /// Term frequency times smooth inverse document frequency.
    case tfidf
  }

  /// How each document row is scaled after weighting.
  public enum Normalization: String, Hashable, Sendable, Codable, CaseIterable {
    /// Each non-zero row is divided by its Euclidean norm.
    case l2
    /// Rows are left as weighted.
    case disabled
  }

  /// The basic scheme.
  public var scheme: Scheme
  /// Whether counts are damped to `1 + ln(c)` (no effect with ``Scheme/binary``).
  public var sublinearTermFrequency: Bool
  /// How rows are scaled.
  public var normalization: Normalization

  /// Creates a weighting; the defaults are scikit-learn's `TfidfVectorizer`.
  ///
  /// - Parameters:
  ///   - scheme: The basic scheme, tf-idf by default.
  ///   - sublinearTermFrequency: Whether to use `1 + ln(c)`; off by default.
  ///   - normalization: Row scaling, L2 by default.
  public init(
    scheme: Scheme = .tfidf, sublinearTermFrequency: Bool = false,
    normalization: Normalization = .l2
  ) {
    self.scheme = scheme
    self.sublinearTermFrequency = sublinearTermFrequency
    self.normalization = normalization
  }

  /// scikit-learn's `TfidfVectorizer` defaults: tf-idf, smooth idf, raw tf, L2 rows.
  public static let tfidf = TermWeighting()

  /// Whether values are multiplied by the inverse document frequency.
  public var usesInverseDocumentFrequency: Bool { scheme == .tfidf }

  /// The term-frequency part of a value.
  ///
  /// - Parameter count: How many times the term occurs in the document, at least 1.
  /// - Returns: `1` (binary), `1 + ln(count)` (sublinear) or `count`.
  @inline(__always)
  public func termFrequency(count: Int) -> Double {
    if scheme == .binary { return 1 }
    return sublinearTermFrequency ? 1 + log(Double(count)) : Double(count)
  }

  /// The smooth inverse document frequency `ln((1 + n) / (1 + df)) + 1`.
  ///
  /// - Parameters:
  ///   - documentFrequency: The number of training documents containing the term.
  ///   - documentCount: The number of training documents `n`.
  /// - Returns: The idf, at least 1 when `documentFrequency <= documentCount`.
  ///
  /// The `+ 1`s are added in `Double`, not `Int`: a count read from a model file may be as
  /// large as `Int.max`, and `1 + Int.max` would trap. Below 2^53 the result is the same.
  public static func inverseDocumentFrequency(documentFrequency: Int, documentCount: Int)
    -> Double
  {
    log((Double(documentCount) + 1) / (Double(documentFrequency) + 1)) + 1
  }
}
