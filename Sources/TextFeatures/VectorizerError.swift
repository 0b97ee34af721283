/// Why a vectorizer configuration or a fit was refused; each message says what to change.
public enum VectorizerError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The n-gram range is empty, starts below 1 or is longer than
  /// ``NGramRange/maximumLength``.
  case invalidNGramRange(lowerBound: Int, upperBound: Int)
  /// The text is not of the form `N` or `N-M`.
  case unparsableNGramRange(String)
  /// The number of hash bits is outside ``FeatureHasher/bitRange``.
  case invalidHashBits(Int)
  /// A document-frequency limit is out of range (`option` is `min-df` or `max-df`).
  case invalidDocumentFrequencyLimit(option: String, limit: DocumentFrequencyLimit)
  /// The text is not a count (`2`), a fraction (`0.5`) or a percentage (`50%`).
  case unparsableDocumentFrequencyLimit(String)
  /// The maximum document frequency admits fewer documents than the minimum; when it can
  /// only be decided against the corpus, `documentCount` is its size.
  case maxDocumentFrequencyBelowMinimum(
    minimum: DocumentFrequencyLimit, maximum: DocumentFrequencyLimit, documentCount: Int?)
  /// `maxFeatures` is not positive.
  case invalidMaxFeatures(Int)
  /// Vocabulary pruning was requested together with feature hashing.
  case pruningWithHashing
  /// Both word and character n-grams are switched off.
  case noFeatureKinds
  /// The thread count is below 1 or above ``VectorizerConfiguration/maximumThreadCount``.
  case invalidThreadCount(Int)
  /// `fit` was given no documents.
  case noDocuments
  /// No document produced a single token.
  case noTerms(documentCount: Int)
  /// Every term was pruned by the document-frequency limits.
  case emptyVocabulary(documentCount: Int, candidateTermCount: Int)

  /// What went wrong and what to do about it.
  public var description: String {
    switch self {
    case .invalidNGramRange(let lower, let upper):
      return
        "an n-gram range must be N or LOW-HIGH with 1 <= LOW <= HIGH <= "
        + "\(NGramRange.maximumLength), got \(lower)-\(upper); try 1-2"
    case .unparsableNGramRange(let text):
      return
        "an n-gram range must be N or LOW-HIGH with 1 <= LOW <= HIGH <= "
        + "\(NGramRange.maximumLength), got \(text); try 1-2"
    case .invalidHashBits(let bits):
      return
        "the hash size (--hash-bits) must be from \(FeatureHasher.bitRange.lowerBound) to "
        + "\(FeatureHasher.bitRange.upperBound), got \(bits); try 18 (262,144 columns)"
    case .invalidDocumentFrequencyLimit(let option, let limit):
      let what = option == "max-df" ? "maximum" : "minimum"
      return
        "the \(what) document frequency (--\(option)) must be a count of at least 1 or a "
        + "fraction from 0.0 to 1.0, got \(limit)"
    case .unparsableDocumentFrequencyLimit(let text):
      return
        "Cannot read the document-frequency limit '\(text)'; write a count (2), a fraction "
        + "(0.5) or a percentage (50%)"
    case .maxDocumentFrequencyBelowMinimum(let minimum, let maximum, let documentCount):
      let corpus = documentCount.map { " for \($0) documents" } ?? ""
      return
        "--max-df \(maximum) admits fewer documents than --min-df \(minimum)\(corpus); "
        + "raise --max-df or lower --min-df"
    case .invalidMaxFeatures(let count):
      return
        "the feature limit (--max-features) must be at least 1, got \(count); omit it to "
        + "keep every term"
    case .pruningWithHashing:
      return
        "--min-df, --max-df and --max-features need a vocabulary and have no effect with "
        + "--hash-bits; remove them or remove --hash-bits"
    case .noFeatureKinds:
      return "Both word and character n-grams are off; enable at least one of them"
    case .invalidThreadCount(let threads):
      return
        "the thread count (--threads) must be from 1 to "
        + "\(VectorizerConfiguration.maximumThreadCount), got \(threads); omit it to use one "
        + "thread per processor"
    case .noDocuments:
      return "Cannot fit a vectorizer on zero documents; provide at least one document"
    case .noTerms(let documentCount):
      return
        "None of the \(documentCount) documents contains a word, number, URL, mention or "
        + "hashtag; check the text column"
    case .emptyVocabulary(let documentCount, let candidates):
      return
        "After pruning, no terms remain (\(candidates) terms in \(documentCount) documents); "
        + "try a lower --min-df or a higher --max-df"
    }
  }
}
