/// The distinct terms of one chunk of training documents, in sorted term order, each with
/// the number of the chunk's documents that hold it: what a vocabulary fit that never holds
/// the whole corpus keeps of a chunk (see ``VocabularySelection``).
///
/// Counted exactly as ``Vectorizer/fit(_:configuration:)`` counts its candidates (same
/// tokenizer, n-grams and merge of blocks), so the document frequencies of several chunks
/// add up to the whole corpus's.
///
/// A term is handed out as its *stored bytes*: a word n-gram's UTF-8 bytes, or a character
/// n-gram's behind the prefix byte `0xFF`, which no UTF-8 text contains. Comparing stored
/// bytes as unsigned, lexicographically (a proper prefix first), is sorted term order
/// (``Term``'s `<`), so chunks can be merged by their bytes alone.
///
/// Memory: the chunk's texts' counted rows while counting, then its distinct terms' bytes
/// and one count each.
public struct ChunkTermCounts: Sendable {
  /// The chunk's terms in sorted order, without lookup slots.
  private let table: TermTable
  /// Each term's document frequency within the chunk, in term order.
  public let documentFrequencies: [Int]
  /// The number of documents counted.
  public let documentCount: Int

  /// Counts the terms of `documents`.
  ///
  /// - Parameters:
  ///   - documents: The next chunk of training documents (possibly none).
  ///   - configuration: The settings; validated; vocabulary mode (``VectorizerConfiguration/hashBits``
  ///     not set).
  /// - Throws: ``VectorizerError`` for an invalid configuration.
  /// - Complexity: O(total text length + T) for T distinct terms, on
  ///   ``VectorizerConfiguration/threads`` threads.
  public init(counting documents: [String], configuration: VectorizerConfiguration)
    throws(VectorizerError)
  {
    try configuration.validate()
    precondition(configuration.hashBits == nil, "ChunkTermCounts counts a vocabulary's terms")
    documentCount = documents.count
    guard !documents.isEmpty else {
      table = TermTable(withoutSlotsArena: [], starts: [0])
      documentFrequencies = []
      return
    }
    let ranges = DocumentBlocks.ranges(documents, count: configuration.threads)
    let candidates = CandidateTerms.counting(documents, ranges, configuration: configuration)
      .candidates
    table = candidates.table(selecting: Array(0..<candidates.count)).table
    documentFrequencies = candidates.documentFrequencies
  }

  /// The number of distinct terms.
  public var count: Int { documentFrequencies.count }

  /// Calls `body` with the stored bytes and the document frequency of every term, in
  /// sorted term order.
  ///
  /// - Parameter body: Receives bytes valid only during the call.
  public func forEachTerm(
    _ body: (_ storedBytes: UnsafeBufferPointer<UInt8>, _ documentFrequency: Int) throws -> Void
  ) rethrows {
    let starts = table.starts
    try table.arena.withUnsafeBufferPointer { arena in
      for index in 0..<count {
        let bytes = UnsafeBufferPointer(rebasing: arena[starts[index]..<starts[index + 1]])
        try body(bytes, documentFrequencies[index])
      }
    }
  }

  /// Compares two stored terms in sorted term order: negative when `left` sorts first,
  /// zero when they are equal.
  ///
  /// - Complexity: O(shorter length).
  public static func compare(
    _ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>
  )
    -> Int
  {
    TermTable.compare(left, 0..<left.count, right, 0..<right.count)
  }
}
