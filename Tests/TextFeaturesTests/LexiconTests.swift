import Foundation
import LinearAlgebra
import Testing

@testable import TextFeatures

/// Polarity lexicon features (``Lexicon``): the checks on entries, the pseudo-terms a
/// document gets, and their path through vocabulary and hashing vectorizers.
struct LexiconTests {
  static let entries: [Lexicon.Entry] = [
    .init(term: "good", valence: 2), .init(term: "superb", valence: 3),
    .init(term: "bad", valence: -2), .init(term: "failure", valence: -1),
  ]
  static func lexicon() throws -> Lexicon { try Lexicon(name: "test", entries: entries) }

  /// The pseudo-term counts of `text`, by feature name.
  static func hits(_ text: String, negation: Bool) throws -> [String: Int] {
    let tokenized = Tokenizer(marksNegation: negation).tokenize(text)
    var hits: [Int] = []
    try lexicon().appendHits(in: tokenized, from: 0, to: &hits)
    var counts: [String: Int] = [:]
    for hit in hits { counts[Term(Lexicon.pseudoTerms[hit]).description, default: 0] += 1 }
    return counts
  }

  @Test("each listed word adds |valence| occurrences of its polarity")
  func counts() throws {
    #expect(
      try Self.hits("A good, superb day; a bad failure.", negation: false)
        == ["lexicon:positive": 5, "lexicon:negative": 3])
    #expect(try Self.hits("Nothing listed here", negation: false).isEmpty)
    // Lookups are exact on the case-folded token: "goods" is another word.
    #expect(try Self.hits("GOOD goods", negation: false) == ["lexicon:positive": 2])
  }

  @Test("words in a negation scope count towards the negated pseudo-terms")
  func negation() throws {
    #expect(
      try Self.hits("This is not good or bad, but good.", negation: true)
        == ["lexicon:not-positive": 2, "lexicon:not-negative": 2, "lexicon:positive": 2])
    // Without negation marking the scope is not known.
    #expect(
      try Self.hits("This is not good.", negation: false) == ["lexicon:positive": 2])
  }

  @Test("bad entries are refused with a message naming them")
  func checks() {
    #expect(throws: LexiconError.empty) { try Lexicon(name: "x", entries: []) }
    #expect(throws: LexiconError.duplicateTerm("good")) {
      try Lexicon(
        name: "x", entries: [.init(term: "good", valence: 1), .init(term: "good", valence: 2)])
    }
    #expect(throws: LexiconError.invalidValence(term: "good", valence: 4)) {
      try Lexicon(name: "x", entries: [.init(term: "good", valence: 4)])
    }
    #expect(throws: LexiconError.invalidValence(term: "meh", valence: 0)) {
      try Lexicon(name: "x", entries: [.init(term: "meh", valence: 0)])
    }
    #expect(throws: LexiconError.invalidTerm("very good")) {
      try Lexicon(name: "x", entries: [.init(term: "very good", valence: 1)])
    }
    #expect(
      LexiconError.duplicateTerm("good").description
        == "the lexicon lists 'good' twice; keep one line per word")
  }

  @Test("the vocabulary gets the pseudo-terms as word features with tf-idf values")
  func vocabularyMode() throws {
    var configuration = VectorizerConfiguration(wordNGrams: .unigrams)
    configuration.lexicon = try Self.lexicon()
    let documents = ["good good news", "bad news", "news"]
    let (vectorizer, matrix) = try Vectorizer.fitTransform(documents, configuration: configuration)
    let names = (0..<vectorizer.featureCount).map { vectorizer.featureName(at: $0) }
    #expect(names == ["lexicon:negative", "lexicon:positive", "bad", "good", "news"])
    // Row 0: good ×2 and lexicon:positive ×4 (valence 2, twice), news ×1; idf as
    // scikit-learn's smooth idf, then L2.
    let idfRare = log(4.0 / 2.0) + 1
    let idfNews = log(4.0 / 4.0) + 1
    let raw = [4 * idfRare, 2 * idfRare, idfNews]
    let norm = sqrt(raw.map { $0 * $0 }.reduce(0, +))
    let row = matrix.entries(ofRow: 0)
    #expect(row.map(\.column) == [1, 3, 4])
    for (entry, expected) in zip(row, raw) {
      #expect(abs(Double(entry.value) - expected / norm) < 1e-6)
    }
    // A document without listed words gets no pseudo-terms; transform equals the fit.
    #expect(matrix.entries(ofRow: 2).map(\.column) == [4])
    #expect(vectorizer.transform(documents) == matrix)
  }

  @Test("hashing mode hashes the pseudo-terms like any word")
  func hashingMode() throws {
    var configuration = VectorizerConfiguration(wordNGrams: .unigrams, hashBits: 20)
    configuration.lexicon = try Self.lexicon()
    let vectorizer = try Vectorizer.fit(["superb"], configuration: configuration)
    let row = vectorizer.transform(["superb"]).entries(ofRow: 0)
    let hasher = try FeatureHasher(bits: 20)
    let expected = Set(
      [Lexicon.pseudoTermHashes[0], FeatureHasher.hash(Array("superb".utf8), kind: .wordNGram)]
        .map { hasher.bucket(of: $0) })
    #expect(Set(row.map(\.column)) == expected)
  }

  @Test("the lexicon is stored with the settings and read back")
  func codable() throws {
    var configuration = VectorizerConfiguration()
    configuration.lexicon = try Self.lexicon()
    let vectorizer = try Vectorizer.fit(["a good day", "a bad day"], configuration: configuration)
    let data = try JSONEncoder().encode(vectorizer)
    let decoded = try JSONDecoder().decode(Vectorizer.self, from: data)
    #expect(decoded == vectorizer)
    #expect(try decoded.configuration.lexicon == Self.lexicon())
    #expect(decoded.transform(["so good"]) == vectorizer.transform(["so good"]))
    // A configuration without a lexicon encodes no "lexicon" key (older model headers).
    let plain = try JSONEncoder().encode(VectorizerConfiguration())
    #expect(!String(decoding: plain, as: UTF8.self).contains("lexicon"))
  }
}
