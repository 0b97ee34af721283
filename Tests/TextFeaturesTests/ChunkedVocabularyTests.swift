import Testing

@testable import TextFeatures

/// A vocabulary fitted chunk by chunk (``ChunkTermCounts`` merged into
/// ``VocabularySelection``) equals the in-memory fit: same terms in the same order, same
/// document frequencies and idf, same `maxFeatures` tie-breaking, same errors.
struct ChunkedVocabularyTests {
  /// A deterministic corpus over a small lexicon (many equal document frequencies), with
  /// punctuation, case and non-ASCII words.
  static let corpus: [String] = {
    let lexicon = [
      "alpha", "Beta", "gamma", "delta", "épsilon", "zeta", "eta", "theta", "iota", "kappa",
      "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "ypsilon", "not",
      "never", "good", "bad", "!", "?",
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: (state >> 33) % UInt64(bound))
    }
    return (0..<120).map { _ in
      (0..<(1 + next(9))).map { _ in lexicon[next(lexicon.count)] }.joined(separator: " ")
    }
  }()

  /// Fits on `documents` chunk by chunk: counts each chunk, merges the chunks' sorted terms
  /// (a reference merge: one dictionary, sorted by stored bytes) and selects.
  static func chunkedFit(
    _ documents: [String], chunk: Int, configuration: VectorizerConfiguration
  ) throws(VectorizerError) -> Vectorizer {
    var totals: [[UInt8]: Int] = [:]
    var start = 0
    repeat {
      let end = min(start + chunk, documents.count)
      let counts = try ChunkTermCounts(
        counting: Array(documents[start..<end]), configuration: configuration)
      var previous: [UInt8]?
      counts.forEachTerm { bytes, frequency in
        let term = Array(bytes)
        // Each chunk hands its terms out once each, in sorted order.
        if let previous {
          precondition(compare(previous, term) < 0, "chunk terms out of order")
        }
        previous = term
        totals[term, default: 0] += frequency
      }
      start = end
    } while start < documents.count
    var selection = try VocabularySelection(
      configuration: configuration, documentCount: documents.count)
    let sorted = totals.keys.sorted { compare($0, $1) < 0 }
    for term in sorted {
      term.withUnsafeBufferPointer { bytes in
        selection.add(storedBytes: bytes, documentFrequency: totals[term] ?? 0)
      }
    }
    return try selection.vectorizer()
  }

  /// ``ChunkTermCounts/compare(_:_:)`` on arrays.
  static func compare(_ left: [UInt8], _ right: [UInt8]) -> Int {
    left.withUnsafeBufferPointer { left in
      right.withUnsafeBufferPointer { right in ChunkTermCounts.compare(left, right) }
    }
  }

  /// The settings compared, by number: defaults, min-df, max-df, max-features with a
  /// fraction min-df, a tight max-features, a lexicon with negation marking, character
  /// n-grams with sublinear tf and negation marking.
  static func configuration(_ number: Int) throws -> VectorizerConfiguration {
    switch number {
    case 0: return VectorizerConfiguration(threads: 2)
    case 1: return VectorizerConfiguration(minDocumentFrequency: .count(2), threads: 3)
    case 2: return VectorizerConfiguration(maxDocumentFrequency: .fraction(0.1))
    case 3:
      return VectorizerConfiguration(
        minDocumentFrequency: .fraction(0.02), maxFeatures: 40, threads: 2)
    case 4: return VectorizerConfiguration(maxFeatures: 7)
    case 5:
      // Lexicon pseudo-terms (with negated forms) are counted and pruned like any word.
      var configuration = VectorizerConfiguration(minDocumentFrequency: .count(2))
      configuration.marksNegation = true
      configuration.lexicon = try Lexicon(
        name: "test", entries: [.init(term: "good", valence: 2), .init(term: "bad", valence: -3)])
      return configuration
    default:
      var configuration = VectorizerConfiguration(
        wordNGrams: .unigrams, characterNGrams: try NGramRange(2...3), maxFeatures: 150,
        weighting: TermWeighting(sublinearTermFrequency: true))
      configuration.marksNegation = true
      return configuration
    }
  }

  @Test(arguments: 0..<7, [1, 7, 1000])
  func equalsTheInMemoryFit(configurationNumber: Int, chunk: Int) throws {
    let configuration = try Self.configuration(configurationNumber)
    let memory = try Vectorizer.fit(Self.corpus, configuration: configuration)
    let chunked = try Self.chunkedFit(Self.corpus, chunk: chunk, configuration: configuration)
    #expect(chunked == memory)
    let terms = try #require(chunked.vocabulary).terms
    #expect(terms == (try #require(memory.vocabulary)).terms)
    #expect(chunked.inverseDocumentFrequencies == memory.inverseDocumentFrequencies)
    #expect(chunked.transform(Self.corpus) == memory.transform(Self.corpus))
  }

  /// `maxFeatures` cuts inside a group of equal document frequencies: the terms that sort
  /// first stay, whichever chunk saw them first.
  @Test func maxFeaturesBreaksTiesByTermOrder() throws {
    let documents = ["zeta alpha", "beta alpha", "gamma delta"]
    let configuration = VectorizerConfiguration(wordNGrams: .unigrams, maxFeatures: 3)
    let chunked = try Self.chunkedFit(documents, chunk: 1, configuration: configuration)
    let vocabulary = try #require(chunked.vocabulary)
    #expect(vocabulary.terms.map(\.text) == ["alpha", "beta", "delta"])
    #expect(vocabulary.documentFrequencies == [2, 1, 1])
    #expect(chunked == (try Vectorizer.fit(documents, configuration: configuration)))
  }

  /// The same error as the in-memory fit, for the same reason.
  @Test(arguments: [
    (["a b", "b c"], VectorizerConfiguration(minDocumentFrequency: .count(3))),
    (
      ["a b", "b c"],
      VectorizerConfiguration(minDocumentFrequency: .count(2), maxDocumentFrequency: .count(1))
    ),
    (["a b", "c d"], VectorizerConfiguration(minDocumentFrequency: .count(2))),
    (["", "!"], VectorizerConfiguration(wordNGrams: .unigrams)),
  ])
  func sameErrorsAsTheInMemoryFit(documents: [String], configuration: VectorizerConfiguration) {
    var memoryError: VectorizerError?
    var chunkedError: VectorizerError?
    do { _ = try Vectorizer.fit(documents, configuration: configuration) } catch {
      memoryError = error
    }
    do { _ = try Self.chunkedFit(documents, chunk: 1, configuration: configuration) } catch {
      chunkedError = error
    }
    #expect(memoryError != nil)
    #expect(chunkedError == memoryError)
  }

  /// Stored bytes order words before character n-grams, and bytes as unsigned, a prefix
  /// first.
  @Test func storedBytesCompareInTermOrder() {
    let words: [[UInt8]] = [Array("ab".utf8), Array("abc".utf8), Array("é".utf8)]
    let characters: [[UInt8]] = [[FeatureKind.characterNGramPrefix] + Array("a".utf8)]
    let all = words + characters
    for (left, right) in zip(all, all.dropFirst()) {
      #expect(Self.compare(left, right) < 0)
      #expect(Self.compare(right, left) > 0)
    }
    #expect(Self.compare(words[0], words[0]) == 0)
  }
}
