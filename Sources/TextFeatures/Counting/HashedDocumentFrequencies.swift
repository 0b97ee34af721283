import StanceSupport

/// Fits a hashing vectorizer on documents delivered in chunks, so the corpus is never held
/// whole: each bucket's document frequency is a running sum over the chunks.
///
/// Gives the vectorizer ``Vectorizer/fit(_:configuration:)`` gives on all the documents
/// at once (equal, with the same idf): a bucket's document frequency is the number of
/// documents with an entry in it, whatever the chunks. Hashing mode only: a vocabulary
/// needs every candidate term before it can prune.
///
/// ```swift
/// var frequencies = try HashedDocumentFrequencies(configuration: hashing)
/// for chunk in chunks { frequencies.add(chunk) }
/// let vectorizer = try frequencies.vectorizer()
/// ```
///
/// Memory: one count per bucket (8 bytes × 2^bits) and one chunk's counted rows.
public struct HashedDocumentFrequencies: Sendable {
  /// The settings being fitted; ``VectorizerConfiguration/hashBits`` is set.
  public let configuration: VectorizerConfiguration
  private let hasher: FeatureHasher
  private var frequencies: [Int]
  /// The documents added so far.
  public private(set) var documentCount = 0

  /// Starts a fit with no documents.
  ///
  /// - Parameter configuration: The settings; validated, and ``VectorizerConfiguration/hashBits``
  ///   must be set.
  /// - Throws: ``VectorizerError`` for an invalid configuration.
  public init(configuration: VectorizerConfiguration) throws(VectorizerError) {
    try configuration.validate()
    precondition(configuration.hashBits != nil, "HashedDocumentFrequencies needs hashBits")
    self.configuration = configuration
    hasher = try FeatureHasher(bits: configuration.hashBits ?? 0)
    frequencies = [Int](repeating: 0, count: hasher.bucketCount)
  }

  /// Counts the buckets of `documents`, the next documents in training order.
  ///
  /// - Complexity: O(total text length), on ``VectorizerConfiguration/threads`` threads.
  public mutating func add(_ documents: [String]) {
    let ranges = DocumentBlocks.ranges(documents, count: configuration.threads)
    let blocks = Parallel.map(ranges) { [hasher, configuration] range in
      FeatureCounter.countHashed(documents, range, hasher: hasher, configuration: configuration)
    }
    for block in blocks {
      for column in block.columns { frequencies[Int(column)] += 1 }
    }
    documentCount += documents.count
  }

  /// The fitted vectorizer.
  ///
  /// - Throws: ``VectorizerError/noDocuments`` when nothing was added,
  ///   ``VectorizerError/noTerms(documentCount:)`` when no document had a term.
  /// - Complexity: O(2^bits).
  public func vectorizer() throws(VectorizerError) -> Vectorizer {
    guard documentCount > 0 else { throw VectorizerError.noDocuments }
    var columns: [Int32] = []
    var counts: [Int] = []
    for (column, frequency) in frequencies.enumerated() where frequency > 0 {
      columns.append(Int32(column))
      counts.append(frequency)
    }
    guard !columns.isEmpty else { throw VectorizerError.noTerms(documentCount: documentCount) }
    return Vectorizer(
      configuration: configuration, vocabulary: nil, hasher: hasher,
      documentCount: documentCount, hashedColumns: columns, hashedDocumentFrequencies: counts)
  }
}
