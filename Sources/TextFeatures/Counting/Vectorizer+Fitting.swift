import LinearAlgebra
import StanceSupport

/// Fitting: counting the training documents into blocks of rows and learning the
/// vocabulary (or the buckets' document frequencies) from them.
extension Vectorizer {
  /// Counts the training documents and learns the features, keeping the counted rows of
  /// each block of documents and, in vocabulary mode, each block's map from provisional ids
  /// to columns and the hash of each term.
  ///
  /// In vocabulary mode the vocabulary's lookup slots are not built yet: the caller builds
  /// them from `hashes` (``placeLookupSlots(hashes:)``) once it needs less memory.
  static func fitCounting(_ documents: [String], configuration: VectorizerConfiguration)
    throws(VectorizerError)
    -> (
      vectorizer: Vectorizer, blocks: [CountedRows], newIndices: [[ProvisionalColumn]]?,
      hashes: [UInt64]
    )
  {
    try configuration.validate()
    guard !documents.isEmpty else { throw VectorizerError.noDocuments }
    let ranges = DocumentBlocks.ranges(documents, count: configuration.threads)
    if let bits = configuration.hashBits {
      let hasher = try FeatureHasher(bits: bits)
      let blocks = Parallel.map(ranges) { range in
        FeatureCounter.countHashed(documents, range, hasher: hasher, configuration: configuration)
      }
      let (columns, frequencies) = bucketDocumentFrequencies(blocks)
      guard !columns.isEmpty else {
        throw VectorizerError.noTerms(documentCount: documents.count)
      }
      let vectorizer = Vectorizer(
        configuration: configuration, vocabulary: nil, hasher: hasher,
        documentCount: documents.count, hashedColumns: columns,
        hashedDocumentFrequencies: frequencies)
      return (vectorizer, blocks, nil, [])
    }
    let (candidates, blocks) = CandidateTerms.counting(
      documents, ranges, configuration: configuration)
    let (vocabulary, hashes, columns) = try Vocabulary.pruning(
      candidates, documentCount: documents.count, configuration: configuration)
    let vectorizer = Vectorizer(
      configuration: configuration, vocabulary: vocabulary, hasher: nil,
      documentCount: documents.count)
    return (vectorizer, blocks, candidates.blockColumns(columns), hashes)
  }

  /// The buckets that occur in `blocks`, ascending, and the number of rows holding each.
  ///
  /// Each block's columns are sorted on their own (concurrently), then the sorted runs are
  /// merged.
  private static func bucketDocumentFrequencies(_ blocks: [CountedRows])
    -> (columns: [Int32], frequencies: [Int])
  {
    let sorted = Parallel.map(blocks.count) { blocks[$0].columns.sorted() }
    var heads = [Int](repeating: 0, count: sorted.count)
    var columns: [Int32] = []
    var frequencies: [Int] = []
    while true {
      var smallest = Int32.max
      var found = false
      for block in sorted.indices where heads[block] < sorted[block].count {
        smallest = min(smallest, sorted[block][heads[block]])
        found = true
      }
      guard found else { break }
      var frequency = 0
      for block in sorted.indices {
        var head = heads[block]
        while head < sorted[block].count && sorted[block][head] == smallest {
          frequency += 1
          head += 1
        }
        heads[block] = head
      }
      columns.append(smallest)
      frequencies.append(frequency)
    }
    return (columns, frequencies)
  }
}
