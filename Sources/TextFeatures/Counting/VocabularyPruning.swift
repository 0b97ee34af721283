/// How a fit prunes its candidate terms: the document-frequency window and the
/// `maxFeatures` ranking, shared by the in-memory fit (``Vocabulary/pruning(_:documentCount:configuration:)``)
/// and the chunked one (``VocabularySelection``), so both keep the same terms.
///
/// A candidate is admitted when `low <= df <= high` (real thresholds, as scikit-learn
/// compares `min_df`/`max_df`). When more than `maxFeatures` are admitted, the first
/// `maxFeatures` by ``ranksBefore(_:_:)`` stay: higher document frequency first, ties
/// broken by the candidate's rank in sorted term order (its merged index), lower first.
struct VocabularyPruning {
  /// The minimum document frequency, as a threshold in documents.
  let low: Double
  /// The maximum document frequency, as a threshold in documents.
  let high: Double
  /// The feature cap, if any.
  let maxFeatures: Int?
  /// The number of training documents.
  let documentCount: Int
  /// The settings the thresholds come from, for messages.
  private let configuration: VectorizerConfiguration

  /// Resolves the settings' limits against a corpus of `documentCount` documents.
  init(configuration: VectorizerConfiguration, documentCount: Int) {
    self.configuration = configuration
    self.documentCount = documentCount
    low = configuration.minDocumentFrequency.threshold(documentCount: documentCount)
    high = configuration.maxDocumentFrequency.threshold(documentCount: documentCount)
    maxFeatures = configuration.maxFeatures
  }

  /// Whether a term of document frequency `frequency` is within the window.
  @inline(__always)
  func admits(_ frequency: Int) -> Bool {
    let frequency = Double(frequency)
    return frequency >= low && frequency <= high
  }

  /// Whether the candidate `(frequency, index)` ranks before `(otherFrequency, otherIndex)`
  /// for `maxFeatures`: higher document frequency first, then lower merged index.
  @inline(__always)
  static func ranksBefore(
    _ left: (frequency: Int, index: Int), _ right: (frequency: Int, index: Int)
  )
    -> Bool
  {
    left.frequency != right.frequency ? left.frequency > right.frequency : left.index < right.index
  }

  /// Checks that the limits can admit a term at all, before the candidates are pruned.
  ///
  /// - Parameter candidateCount: The number of distinct candidate terms.
  /// - Throws: ``VectorizerError/noTerms(documentCount:)`` when there are none,
  ///   ``VectorizerError/emptyVocabulary(documentCount:candidateTermCount:)`` when the
  ///   minimum exceeds the corpus size, and
  ///   ``VectorizerError/maxDocumentFrequencyBelowMinimum(minimum:maximum:documentCount:)``.
  func checkLimits(candidateCount: Int) throws(VectorizerError) {
    guard candidateCount > 0 else { throw VectorizerError.noTerms(documentCount: documentCount) }
    guard low <= Double(documentCount) else {
      // No term can reach a minimum above the corpus size, whatever the maximum.
      throw VectorizerError.emptyVocabulary(
        documentCount: documentCount, candidateTermCount: candidateCount)
    }
    guard high >= low else {
      throw VectorizerError.maxDocumentFrequencyBelowMinimum(
        minimum: configuration.minDocumentFrequency,
        maximum: configuration.maxDocumentFrequency, documentCount: documentCount)
    }
  }

  /// Checks that pruning kept a term.
  ///
  /// - Throws: ``VectorizerError/emptyVocabulary(documentCount:candidateTermCount:)``.
  func checkKept(_ keptCount: Int, candidateCount: Int) throws(VectorizerError) {
    guard keptCount > 0 else {
      throw VectorizerError.emptyVocabulary(
        documentCount: documentCount, candidateTermCount: candidateCount)
    }
  }
}
