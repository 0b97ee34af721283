/// Fits a vocabulary from the distinct terms of the whole training data, delivered one at a
/// time in sorted term order with their document frequencies (for example a k-way merge of
/// ``ChunkTermCounts`` spilled to files), pruning them as ``Vectorizer/fit(_:configuration:)``
/// does (``VocabularyPruning``).
///
/// Gives the vectorizer the in-memory fit gives on all the documents at once (equal
/// vocabulary, document frequencies and idf): the candidates arrive in the order of the
/// in-memory fit's merged indices, so `min-df`/`max-df` admit the same terms, and
/// `maxFeatures` keeps the same ones with the same tie-breaking (higher document frequency,
/// then earlier in term order).
///
/// ```swift
/// var selection = try VocabularySelection(configuration: settings, documentCount: n)
/// for (bytes, frequency) in mergedTerms { selection.add(storedBytes: bytes, documentFrequency: frequency) }
/// let vectorizer = try selection.vectorizer()
/// ```
///
/// Memory: the admitted terms' bytes and document frequencies (the vocabulary itself); with
/// `maxFeatures`, at most `maxFeatures` terms, held in a heap. Candidates that are not
/// admitted cost nothing but a count.
public struct VocabularySelection: Sendable {
  /// An admitted term: its rank among all candidates, document frequency and stored bytes.
  private struct Kept: Sendable {
    var index: Int
    var frequency: Int
    var bytes: [UInt8]
  }

  /// The settings being fitted.
  public let configuration: VectorizerConfiguration
  private let rule: VocabularyPruning
  /// Without `maxFeatures`: the admitted terms' bytes back to back, where each starts, and
  /// their document frequencies.
  private var arena: [UInt8] = []
  private var starts: [Int] = [0]
  private var frequencies: [Int] = []
  /// With `maxFeatures`: the best terms so far, a heap whose root ranks last.
  private var heap: [Kept] = []
  /// The candidates added so far.
  public private(set) var candidateCount = 0

  /// Starts a selection for a corpus of `documentCount` documents.
  ///
  /// - Parameters:
  ///   - configuration: The settings; validated; vocabulary mode.
  ///   - documentCount: The number of training documents.
  /// - Throws: ``VectorizerError`` for an invalid configuration,
  ///   ``VectorizerError/noDocuments`` when `documentCount` is 0.
  public init(configuration: VectorizerConfiguration, documentCount: Int) throws(VectorizerError) {
    try configuration.validate()
    precondition(configuration.hashBits == nil, "VocabularySelection selects a vocabulary")
    guard documentCount > 0 else { throw VectorizerError.noDocuments }
    self.configuration = configuration
    rule = VocabularyPruning(configuration: configuration, documentCount: documentCount)
  }

  /// Adds the next candidate term, which must sort after every one added before.
  ///
  /// - Parameters:
  ///   - storedBytes: The term's stored bytes (see ``ChunkTermCounts``).
  ///   - documentFrequency: The number of training documents that hold it.
  /// - Complexity: O(term length), plus O(log maxFeatures) when it enters the heap.
  public mutating func add(storedBytes: UnsafeBufferPointer<UInt8>, documentFrequency: Int) {
    let index = candidateCount
    candidateCount += 1
    guard rule.admits(documentFrequency) else { return }
    guard let maxFeatures = rule.maxFeatures else {
      arena.append(contentsOf: storedBytes)
      starts.append(arena.count)
      frequencies.append(documentFrequency)
      return
    }
    let candidate = Kept(index: index, frequency: documentFrequency, bytes: Array(storedBytes))
    if heap.count < maxFeatures {
      heap.append(candidate)
      siftUp(heap.count - 1)
    } else if let root = heap.first, Self.ranksBefore(candidate, root) {
      heap[0] = candidate
      siftDown(0)
    }
  }

  /// The fitted vectorizer, ready to transform.
  ///
  /// - Throws: The in-memory fit's errors for the same corpus:
  ///   ``VectorizerError/noTerms(documentCount:)``,
  ///   ``VectorizerError/emptyVocabulary(documentCount:candidateTermCount:)`` or
  ///   ``VectorizerError/maxDocumentFrequencyBelowMinimum(minimum:maximum:documentCount:)``.
  /// - Complexity: O(V log V) for V kept terms, plus hashing their bytes.
  public func vectorizer() throws(VectorizerError) -> Vectorizer {
    try rule.checkLimits(candidateCount: candidateCount)
    var arena = self.arena
    var starts = self.starts
    var frequencies = self.frequencies
    if rule.maxFeatures != nil {
      // Back into term order.
      for kept in heap.sorted(by: { $0.index < $1.index }) {
        arena.append(contentsOf: kept.bytes)
        starts.append(arena.count)
        frequencies.append(kept.frequency)
      }
    }
    try rule.checkKept(frequencies.count, candidateCount: candidateCount)
    let vocabulary = Vocabulary(
      table: TermTable(withoutSlotsArena: arena, starts: starts),
      documentFrequencies: frequencies, documentCount: rule.documentCount)
    var vectorizer = Vectorizer(
      configuration: configuration, vocabulary: vocabulary, hasher: nil,
      documentCount: rule.documentCount)
    vectorizer.restoreLookups()
    return vectorizer
  }

  /// Whether `left` ranks before `right` for `maxFeatures`.
  private static func ranksBefore(_ left: Kept, _ right: Kept) -> Bool {
    VocabularyPruning.ranksBefore((left.frequency, left.index), (right.frequency, right.index))
  }

  /// Restores the heap order (the root ranks last) upwards from `position`.
  private mutating func siftUp(_ position: Int) {
    var child = position
    while child > 0 {
      let parent = (child - 1) / 2
      guard Self.ranksBefore(heap[parent], heap[child]) else { return }
      heap.swapAt(parent, child)
      child = parent
    }
  }

  /// Restores the heap order (the root ranks last) downwards from `position`.
  private mutating func siftDown(_ position: Int) {
    var parent = position
    while true {
      var last = parent
      let left = 2 * parent + 1
      if left < heap.count && Self.ranksBefore(heap[last], heap[left]) { last = left }
      if left + 1 < heap.count && Self.ranksBefore(heap[last], heap[left + 1]) { last = left + 1 }
      guard last != parent else { return }
      heap.swapAt(parent, last)
      parent = last
    }
  }
}
