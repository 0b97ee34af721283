import LinearAlgebra
import StanceSupport

/// A fitted text vectorizer: documents in, one CSR row of weighted n-gram features per
/// document out.
///
/// ```
/// text ─Tokenizer─▶ tokens ─n-grams─▶ terms ─Vocabulary | FeatureHasher─▶ columns
///      ─counts─▶ tf(c) · idf(t) ─L2─▶ SparseMatrix row
/// ```
///
/// There is no unfitted vectorizer: ``fit(_:configuration:)`` and
/// ``fitTransform(_:configuration:)`` are the only ways to get one, so `transform` on an
/// unfitted value cannot compile. With the default ``VectorizerConfiguration`` and the same
/// tokens, the output equals scikit-learn's
/// `TfidfVectorizer(lowercase=False, tokenizer=<spec v1>, token_pattern=None)`.
///
/// The value is `Codable` (configuration, vocabulary or hashed document frequencies, and
/// the corpus size; idf is recomputed), so a model file can store it.
public struct Vectorizer: Sendable, Equatable, Codable {
  /// The settings this vectorizer was fitted with.
  public let configuration: VectorizerConfiguration
  /// The learned vocabulary; `nil` in hashing mode.
  public private(set) var vocabulary: Vocabulary?
  /// The feature hasher; `nil` in vocabulary mode.
  public let hasher: FeatureHasher?
  /// The number of training documents `n`.
  public let documentCount: Int
  /// The per-column inverse document frequencies, or `nil` unless the weighting is tf-idf.
  ///
  /// Each is `ln((1 + n) / (1 + df)) + 1`. In hashing mode `df` is the number of training
  /// documents with at least one term in the bucket. Derived from the document
  /// frequencies, so equality ignores it; empty between ``releaseLookups()`` and
  /// ``restoreLookups()`` in vocabulary mode.
  public private(set) var inverseDocumentFrequencies: [Double]?
  /// Hashing mode: the buckets seen in training, ascending.
  let hashedColumns: [Int32]
  /// Hashing mode: the document frequency of each bucket in ``hashedColumns``.
  let hashedDocumentFrequencies: [Int]

  /// Assembles a vectorizer from checked parts and derives idf.
  init(
    configuration: VectorizerConfiguration, vocabulary: Vocabulary?, hasher: FeatureHasher?,
    documentCount: Int, hashedColumns: [Int32] = [], hashedDocumentFrequencies: [Int] = []
  ) {
    self.configuration = configuration
    self.vocabulary = vocabulary
    self.hasher = hasher
    self.documentCount = documentCount
    self.hashedColumns = hashedColumns
    self.hashedDocumentFrequencies = hashedDocumentFrequencies
    inverseDocumentFrequencies = Self.inverseDocumentFrequencies(
      configuration: configuration, vocabulary: vocabulary, hasher: hasher,
      documentCount: documentCount, hashedColumns: hashedColumns,
      hashedDocumentFrequencies: hashedDocumentFrequencies)
  }

  /// The idf of every column, or `nil` unless the weighting is tf-idf.
  ///
  /// - Complexity: O(columns); a `log` per distinct small document frequency.
  private static func inverseDocumentFrequencies(
    configuration: VectorizerConfiguration, vocabulary: Vocabulary?, hasher: FeatureHasher?,
    documentCount: Int, hashedColumns: [Int32], hashedDocumentFrequencies: [Int]
  ) -> [Double]? {
    guard configuration.weighting.usesInverseDocumentFrequency else { return nil }
    if let vocabulary {
      // Most terms share a few small document frequencies: compute each idf once.
      var known = [Double](repeating: -1, count: Swift.min(documentCount, 4096) + 1)
      return vocabulary.documentFrequencies.map { frequency in
        if frequency < known.count && known[frequency] >= 0 { return known[frequency] }
        let idf = TermWeighting.inverseDocumentFrequency(
          documentFrequency: frequency, documentCount: documentCount)
        if frequency < known.count { known[frequency] = idf }
        return idf
      }
    } else {
      var idf = [Double](
        repeating: TermWeighting.inverseDocumentFrequency(
          documentFrequency: 0, documentCount: documentCount),
        count: hasher?.bucketCount ?? 0)
      for (column, frequency) in zip(hashedColumns, hashedDocumentFrequencies) {
        idf[Int(column)] = TermWeighting.inverseDocumentFrequency(
          documentFrequency: frequency, documentCount: documentCount)
      }
      return idf
    }
  }

  /// Equal configuration, vocabulary (or hasher and bucket frequencies) and corpus size;
  /// idf, derived from those, and the lookup slots are not compared.
  public static func == (lhs: Vectorizer, rhs: Vectorizer) -> Bool {
    lhs.configuration == rhs.configuration && lhs.vocabulary == rhs.vocabulary
      && lhs.hasher == rhs.hasher && lhs.documentCount == rhs.documentCount
      && lhs.hashedColumns == rhs.hashedColumns
      && lhs.hashedDocumentFrequencies == rhs.hashedDocumentFrequencies
  }

  /// Learns the vocabulary (or bucket document frequencies) and idf from `documents`.
  ///
  /// - Parameters:
  ///   - documents: The training documents, at least one.
  ///   - configuration: The settings; validated first.
  /// - Returns: The fitted vectorizer.
  /// - Throws: A ``VectorizerError``: an invalid configuration, no documents, no tokens,
  ///   `max-df` below `min-df` for this corpus size, or nothing left after pruning.
  /// - Complexity: O(total text length + T log T) for T distinct terms.
  public static func fit(_ documents: [String], configuration: VectorizerConfiguration)
    throws(VectorizerError) -> Vectorizer
  {
    var fitted = try fitCounting(documents, configuration: configuration)
    fitted.vectorizer.placeLookupSlots(hashes: fitted.hashes)
    return fitted.vectorizer
  }

  /// Fits on `documents` and returns their matrix too, tokenizing each document once.
  ///
  /// - Parameters:
  ///   - documents: The training documents, at least one.
  ///   - configuration: The settings; validated first.
  /// - Returns: The fitted vectorizer and the `documents.count × featureCount` matrix,
  ///   equal to `vectorizer.transform(documents)`.
  /// - Throws: As ``fit(_:configuration:)``.
  public static func fitTransform(_ documents: [String], configuration: VectorizerConfiguration)
    throws(VectorizerError) -> (vectorizer: Vectorizer, matrix: SparseMatrix)
  {
    try fitTransform(documents, configuration: configuration, buildsLookups: true)
  }

  /// Fits on `documents` and returns their matrix too, building the vocabulary's lookup
  /// table only when asked.
  ///
  /// A caller that only trains on the matrix for a while (as `Pipeline.fit` does) can pass
  /// `buildsLookups: false`: the vectorizer then comes back as after ``releaseLookups()``,
  /// without the vocabulary's lookup slots (16 bytes per slot, about 270 MB for 6.5
  /// million terms), which are neither built nor held until ``restoreLookups()``.
  ///
  /// - Parameters:
  ///   - documents: The training documents, at least one.
  ///   - configuration: The settings; validated first.
  ///   - buildsLookups: Whether the returned vectorizer can ``transform(_:)`` right away.
  /// - Returns: The fitted vectorizer and the `documents.count × featureCount` matrix,
  ///   equal to `vectorizer.transform(documents)`.
  /// - Throws: As ``fit(_:configuration:)``.
  public static func fitTransform(
    _ documents: [String], configuration: VectorizerConfiguration, buildsLookups: Bool
  ) throws(VectorizerError) -> (vectorizer: Vectorizer, matrix: SparseMatrix) {
    var (vectorizer, blocks, newIndices, hashes) = try fitCounting(
      documents, configuration: configuration)
    let matrix = vectorizer.matrix(from: blocks, newIndices: newIndices, rowCount: documents.count)
    // The counted rows are gone before the lookup slots take their memory.
    _ = consume blocks
    _ = consume newIndices
    if buildsLookups {
      vectorizer.placeLookupSlots(hashes: hashes)
    } else {
      vectorizer.releaseLookups()
    }
    return (vectorizer, matrix)
  }

  /// The weighted, normalised feature rows of `documents`; terms the vocabulary does not
  /// know are skipped, so a document of unknown words is an all-zero row.
  ///
  /// - Parameter documents: Any documents (possibly none).
  /// - Returns: A `documents.count × featureCount` CSR matrix with `Float` values.
  /// - Complexity: O(total text length); runs on ``VectorizerConfiguration/threads``
  ///   threads with the same result for any thread count.
  public func transform(_ documents: [String]) -> SparseMatrix {
    precondition(
      vocabulary?.table.hasSlots ?? true,
      "Vectorizer.transform after releaseLookups(); call restoreLookups() first")
    let blocks = DocumentBlocks.ranges(documents, count: configuration.threads)
    let counted = Parallel.map(blocks) { range in
      if let vocabulary {
        return FeatureCounter.countKnown(
          documents, range, vocabulary: vocabulary, configuration: configuration)
      } else if let hasher {
        return FeatureCounter.countHashed(
          documents, range, hasher: hasher, configuration: configuration)
      }
      var rows = CountedRows()
      for _ in range { rows.endRow() }
      return rows
    }
    return matrix(from: counted, newIndices: nil, rowCount: documents.count)
  }

  /// Frees the vocabulary's lookup table while this vectorizer is not used to transform.
  ///
  /// For example while a model trains on the matrix ``fitTransform(_:configuration:)``
  /// returned: the slots (about 270 MB for 6.5 million terms) and the idf (8 bytes a term,
  /// recomputed from the document frequencies). ``transform(_:)`` must not be called, nor
  /// ``inverseDocumentFrequencies`` read, until ``restoreLookups()``. Terms, equality and
  /// encoding are unaffected; in hashing mode there is nothing to free.
  public mutating func releaseLookups() {
    guard vocabulary != nil else { return }
    vocabulary?.dropLookupSlots()
    if inverseDocumentFrequencies != nil { inverseDocumentFrequencies = [] }
  }

  /// Builds the vocabulary's lookup slots, which a fit builds last, from its terms' hashes.
  private mutating func placeLookupSlots(hashes: [UInt64]) {
    vocabulary?.placeLookupSlots(hashes: hashes, threads: configuration.threads)
  }

  /// Rebuilds what ``releaseLookups()`` freed, on ``VectorizerConfiguration/threads``
  /// threads.
  ///
  /// - Complexity: O(total term bytes / threads + term count).
  public mutating func restoreLookups() {
    guard vocabulary != nil else { return }
    vocabulary?.restoreLookupSlots(threads: configuration.threads)
    // Released idf is empty; nil (no tf-idf) and kept idf stay as they are.
    if inverseDocumentFrequencies?.isEmpty == true {
      inverseDocumentFrequencies = Self.inverseDocumentFrequencies(
        configuration: configuration, vocabulary: vocabulary, hasher: hasher,
        documentCount: documentCount, hashedColumns: hashedColumns,
        hashedDocumentFrequencies: hashedDocumentFrequencies)
    }
  }

  /// The number of columns: the vocabulary size, or `2^hashBits`.
  public var featureCount: Int {
    vocabulary?.count ?? hasher?.bucketCount ?? 0
  }

  /// A readable name for column `column`: the term (``Term/description``) in vocabulary
  /// mode, `hash:<column>` in hashing mode (a bucket has no single term).
  ///
  /// - Parameter column: A column in `0 ..< featureCount`.
  /// - Returns: The name.
  public func featureName(at column: Int) -> String {
    if let vocabulary { return vocabulary.term(at: column).description }
    return "hash:\(column)"
  }

  /// The number of training documents that contain column `column`'s term (vocabulary
  /// mode) or at least one term of bucket `column` (hashing mode).
  ///
  /// - Parameter column: A column in `0 ..< featureCount`.
  /// - Returns: The document frequency.
  public func documentFrequency(ofColumn column: Int) -> Int {
    if let vocabulary { return vocabulary.documentFrequencies[column] }
    var low = 0
    var high = hashedColumns.count
    while low < high {
      let middle = (low + high) / 2
      if Int(hashedColumns[middle]) < column { low = middle + 1 } else { high = middle }
    }
    return low < hashedColumns.count && Int(hashedColumns[low]) == column
      ? hashedDocumentFrequencies[low] : 0
  }
}
