import Testing

@testable import TextFeatures

/// Vocabulary construction: sorted indices, document frequencies, pruning.
struct VocabularyTests {
  /// df: a = 3, b = 2, c = 1, d = 1, e = 1 over n = 4 documents.
  static let corpus = ["a b", "a c a", "a b d", "e"]

  static func words(
    _ minimum: DocumentFrequencyLimit = .count(1), _ maximum: DocumentFrequencyLimit = .fraction(1),
    maxFeatures: Int? = nil
  ) throws -> [String] {
    let configuration = VectorizerConfiguration(
      wordNGrams: .unigrams,
      minDocumentFrequency: minimum, maxDocumentFrequency: maximum, maxFeatures: maxFeatures)
    let vectorizer = try Vectorizer.fit(corpus, configuration: configuration)
    return try #require(vectorizer.vocabulary).terms.map(\.text)
  }

  @Test func documentFrequenciesAndSortedIndices() throws {
    let vectorizer = try Vectorizer.fit(
      ["b a \u{00E4} B", "a"], configuration: VectorizerConfiguration(wordNGrams: .unigrams))
    let vocabulary = try #require(vectorizer.vocabulary)
    #expect(vocabulary.terms.map(\.text) == ["a", "b", "\u{00E4}"])
    #expect(vocabulary.documentFrequencies == [2, 1, 1])
    #expect(vocabulary.documentCount == 2)
    #expect(vocabulary.index(of: Term("\u{00E4}")) == 2)
    #expect(vocabulary.index(of: Term("z")) == nil)
    #expect(vectorizer.featureName(at: 1) == "b")
    #expect(vectorizer.featureCount == 3)
  }

  @Test func noPruningKeepsEverything() throws {
    #expect(try Self.words() == ["a", "b", "c", "d", "e"])
  }

  @Test(
    "min-df and max-df as counts and fractions",
    arguments: [
      (DocumentFrequencyLimit.count(2), DocumentFrequencyLimit.fraction(1), ["a", "b"]),
      (.fraction(0.5), .fraction(1), ["a", "b"]),  // 0.5 · 4 = 2 documents
      (.fraction(0.3), .fraction(1), ["a", "b"]),  // 1.2 documents: df 1 is below
      (.count(1), .count(2), ["b", "c", "d", "e"]),
      (.count(1), .fraction(0.5), ["b", "c", "d", "e"]),
      (.count(1), .fraction(0.7), ["b", "c", "d", "e"]),  // 2.8 documents: df 3 is above
      (.count(2), .count(2), ["b"]),
    ])
  func pruning(
    minimum: DocumentFrequencyLimit, maximum: DocumentFrequencyLimit, expected: [String]
  ) throws {
    #expect(try Self.words(minimum, maximum) == expected)
  }

  @Test func maxFeaturesRanksByDocumentFrequencyThenBytes() throws {
    #expect(try Self.words(maxFeatures: 2) == ["a", "b"])
    // c, d and e tie at df 1: the smallest bytes win, then indices are re-sorted.
    #expect(try Self.words(maxFeatures: 3) == ["a", "b", "c"])
    #expect(try Self.words(maxFeatures: 4) == ["a", "b", "c", "d"])
    #expect(try Self.words(maxFeatures: 99) == ["a", "b", "c", "d", "e"])
  }

  @Test func pruningEverythingIsAnError() {
    #expect(throws: VectorizerError.emptyVocabulary(documentCount: 4, candidateTermCount: 5)) {
      try Self.words(.count(5))
    }
  }

  @Test func maxBelowMinAgainstTheCorpus() {
    // 0.5 · 4 = 2 documents < 3.
    #expect(
      throws: VectorizerError.maxDocumentFrequencyBelowMinimum(
        minimum: .count(3), maximum: .fraction(0.5), documentCount: 4)
    ) { try Self.words(.count(3), .fraction(0.5)) }
  }

  @Test func wordAndCharacterFeaturesNeverCollide() throws {
    let configuration = VectorizerConfiguration(
      wordNGrams: .unigrams, characterNGrams: try NGramRange(2...2))
    let vectorizer = try Vectorizer.fit(["ab xaby"], configuration: configuration)
    let vocabulary = try #require(vectorizer.vocabulary)
    let wordIndex = try #require(vocabulary.index(of: Term("ab")))
    let characterIndex = try #require(vocabulary.index(of: Term("ab", kind: .characterNGram)))
    #expect(wordIndex != characterIndex)
    // Word n-grams first, then character n-grams, each by bytes.
    #expect(
      vocabulary.terms.map(\.description) == [
        "ab", "xaby", "char:\" a\"", "char:\" x\"", "char:\"ab\"", "char:\"b \"", "char:\"by\"",
        "char:\"xa\"", "char:\"y \"",
      ])
    #expect(vocabulary.documentFrequencies == [1, 1, 1, 1, 1, 1, 1, 1, 1])
  }

  @Test func documentFrequencyLimitParsing() throws {
    #expect(try DocumentFrequencyLimit(parsing: "2") == .count(2))
    #expect(try DocumentFrequencyLimit(parsing: "1.0") == .fraction(1))
    #expect(try DocumentFrequencyLimit(parsing: "0.25") == .fraction(0.25))
    #expect(try DocumentFrequencyLimit(parsing: "50%") == .fraction(0.5))
    #expect(throws: VectorizerError.unparsableDocumentFrequencyLimit("two")) {
      try DocumentFrequencyLimit(parsing: "two")
    }
  }
}
