import Foundation
import LinearAlgebra
import StanceTestSupport
import Testing

@testable import TextFeatures

/// Term weighting by hand, round trips, threads and configuration errors.
struct VectorizerTests {
  /// df: a = 2, b = 1, c = 2, d = 1; n = 3.
  static let corpus = ["a b", "a a c", "c d"]
  static let idfA = log(4.0 / 3.0) + 1  // ln((1 + 3) / (1 + 2)) + 1 = 1.2876820724517808
  static let idfB = log(4.0 / 2.0) + 1  // ln((1 + 3) / (1 + 1)) + 1 = 1.6931471805599454

  /// Dense rows of `corpus` under `weighting`.
  static func rows(_ weighting: TermWeighting) throws -> [[Double]] {
    let (vectorizer, matrix) = try Vectorizer.fitTransform(
      corpus, configuration: VectorizerConfiguration(wordNGrams: .unigrams, weighting: weighting))
    #expect(vectorizer.vocabulary?.terms.map(\.text) == ["a", "b", "c", "d"])
    #expect(matrix == vectorizer.transform(corpus))
    return (0..<matrix.rowCount).map { row in (0..<4).map { Double(matrix[row, $0]) } }
  }

  /// Whether two dense rows agree within `tolerance`.
  static func agree(_ actual: [[Double]], _ expected: [[Double]], tolerance: Double) -> Bool {
    actual.count == expected.count
      && zip(actual, expected).allSatisfy { maxAbsoluteDifference($0, $1) <= tolerance }
  }

  /// 6,000 documents whose character 2–3 grams make more terms than one slot region holds.
  static func manyTerms(threads: Int) throws -> ([String], VectorizerConfiguration) {
    let documents = (0..<6000).map { index in
      "term\(index) shared w\(index % 97) caf\u{E9} \(index % 13) #tag\(index % 7)"
    }
    let configuration = VectorizerConfiguration(
      characterNGrams: try NGramRange(2...3), threads: threads)
    return (documents, configuration)
  }

  /// Releasing the lookup table and rebuilding it (on several threads, with more terms than
  /// one slot region) leaves the vectorizer equal and its transforms unchanged.
  @Test(arguments: [1, 2, 3])
  func releasedLookupsAreRebuiltTheSame(threads: Int) throws {
    let (documents, configuration) = try Self.manyTerms(threads: threads)
    let (fitted, matrix) = try Vectorizer.fitTransform(documents, configuration: configuration)
    #expect(fitted.featureCount > 8192)
    var released = fitted
    released.releaseLookups()
    #expect(released == fitted)
    #expect(released.vocabulary?.table.hasSlots == false)
    released.restoreLookups()
    #expect(released.vocabulary?.table.hasSlots == true)
    #expect(released == fitted)
    #expect(released.transform(documents) == matrix)
    #expect(
      released.transform(["term7 shared unknown"]) == fitted.transform(["term7 shared unknown"]))
  }

  /// A fit that skips the lookup table returns the same vectorizer and matrix; restoring
  /// the table then gives the same transforms.
  @Test(arguments: [1, 2, 3])
  func fitWithoutLookupsMatchesTheFullFit(threads: Int) throws {
    let (documents, configuration) = try Self.manyTerms(threads: threads)
    let (fitted, matrix) = try Vectorizer.fitTransform(documents, configuration: configuration)
    var (bare, bareMatrix) = try Vectorizer.fitTransform(
      documents, configuration: configuration, buildsLookups: false)
    #expect(bare.vocabulary?.table.hasSlots == false)
    #expect(bare == fitted)
    #expect(bareMatrix == matrix)
    bare.restoreLookups()
    #expect(bare.transform(documents) == matrix)
    #expect(bare.transform(["term7 shared unknown"]) == fitted.transform(["term7 shared unknown"]))
  }

  @Test func tfidfByHand() throws {
    let idf = try #require(
      Vectorizer.fit(Self.corpus, configuration: VectorizerConfiguration(wordNGrams: .unigrams))
        .inverseDocumentFrequencies)
    // Tolerance: a few ulps of a logarithm.
    #expect(maxAbsoluteDifference(idf, [Self.idfA, Self.idfB, Self.idfA, Self.idfB]) < 1e-15)
    let a = Self.idfA
    let b = Self.idfB
    let norm1 = (a * a + b * b).squareRoot()
    let expected = [
      [a / norm1, b / norm1, 0, 0],  // 0.6053485081062916, 0.7959605415681652
      [2 / 5.0.squareRoot(), 0, 1 / 5.0.squareRoot(), 0],  // idf(a) = idf(c) cancels
      [0, 0, a / norm1, b / norm1],
    ]
    // Values are stored as Float: 1e-7 covers the rounding.
    #expect(Self.agree(try Self.rows(.tfidf), expected, tolerance: 1e-7))
    // The same numbers as printed by scikit-learn 1.9.1's TfidfVectorizer.
    #expect(abs(expected[0][0] - 0.6053485081062916) < 1e-15)
    #expect(abs(expected[0][1] - 0.7959605415681652) < 1e-15)
  }

  @Test func sublinearTermFrequency() throws {
    let tf = 1 + log(2.0)
    let norm = (tf * tf + 1).squareRoot()
    // Row 2: a·(1 + ln 2), c·1, and idf(a) = idf(c) cancels in the norm;
    // scikit-learn: [0.8610369959439763, 0, 0.5085423203783267, 0].
    let rows = try Self.rows(TermWeighting(sublinearTermFrequency: true))
    #expect(maxAbsoluteDifference(rows[1], [tf / norm, 0, 1 / norm, 0]) < 1e-7)
    #expect(abs(tf / norm - 0.8610369959439763) < 1e-15)
  }

  @Test func rawCountsBinaryAndUnnormalised() throws {
    let counts = try Self.rows(TermWeighting(scheme: .termFrequency, normalization: .disabled))
    #expect(counts == [[1, 1, 0, 0], [2, 0, 1, 0], [0, 0, 1, 1]])
    let binary = try Self.rows(TermWeighting(scheme: .binary, normalization: .disabled))
    #expect(binary == [[1, 1, 0, 0], [1, 0, 1, 0], [0, 0, 1, 1]])
    let idfOnly = try Self.rows(TermWeighting(normalization: .disabled))
    #expect(maxAbsoluteDifference(idfOnly[1], [2 * Self.idfA, 0, Self.idfA, 0]) < 1e-6)
    let l2Counts = try Self.rows(TermWeighting(scheme: .termFrequency))
    #expect(
      maxAbsoluteDifference(l2Counts[1], [2 / 5.0.squareRoot(), 0, 1 / 5.0.squareRoot(), 0]) < 1e-7)
  }

  @Test func unknownTermsAndEmptyDocuments() throws {
    let vectorizer = try Vectorizer.fit(
      Self.corpus, configuration: VectorizerConfiguration(wordNGrams: .unigrams))
    let matrix = vectorizer.transform(["zzz yyy", "", "A, b!"])
    #expect(matrix.rowCount == 3)
    #expect(matrix.entries(ofRow: 0).isEmpty)
    #expect(matrix.entries(ofRow: 1).isEmpty)
    #expect(matrix.entries(ofRow: 2).map(\.column) == [0, 1])
    #expect(vectorizer.transform([]).rowCount == 0)
  }

  @Test func bigramsAndCharacterNGramsTogether() throws {
    let configuration = VectorizerConfiguration(
      wordNGrams: .unigramsAndBigrams, characterNGrams: try NGramRange(3...3),
      weighting: TermWeighting(scheme: .termFrequency, normalization: .disabled))
    let (vectorizer, matrix) = try Vectorizer.fitTransform(["ab ab"], configuration: configuration)
    #expect(
      vectorizer.vocabulary?.terms.map(\.description) == [
        "ab", "ab ab", "char:\" ab\"", "char:\"ab \"",
      ])
    #expect(matrix.entries(ofRow: 0).map(\.value) == [2, 1, 2, 2])
  }

  @Test func threadsDoNotChangeResults() throws {
    var generator = SplitMix64(seed: 7)
    let words = ["rate", "hike", "Fed", "cut", "peace", "talks", "war", "M\u{00FC}ller", "3.5"]
    let documents = (0..<200).map { _ in
      (0..<(1 + Int(generator.next() % 12))).map { _ in
        words[Int(generator.next() % UInt64(words.count))]
      }.joined(separator: " ")
    }
    for hashBits in [nil, 12] as [Int?] {
      let single = VectorizerConfiguration(
        wordNGrams: .unigramsAndBigrams, characterNGrams: try NGramRange(2...3), hashBits: hashBits)
      var parallel = single
      parallel.threads = 3
      let (one, oneMatrix) = try Vectorizer.fitTransform(documents, configuration: single)
      let (three, threeMatrix) = try Vectorizer.fitTransform(documents, configuration: parallel)
      #expect(one.vocabulary == three.vocabulary)
      #expect(one.inverseDocumentFrequencies == three.inverseDocumentFrequencies)
      #expect(oneMatrix == threeMatrix)
      #expect(three.transform(documents) == oneMatrix)
    }
  }

  /// Documents whose terms share long prefixes (8, 16 and more bytes, the lengths the
  /// merge of per-thread vocabularies keys on), with non-ASCII text and character n-grams.
  static func prefixHeavyDocuments(count: Int, seed: UInt64) -> [String] {
    var generator = SplitMix64(seed: seed)
    let stems = [
      "government", "governments", "governmental", "gov", "a", "ab", "abcdefgh", "abcdefghi",
      "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnopqr", "\u{00FC}ber",
      "\u{00DC}ber", "x\u{00E9}", "ceasefire", "ceasefires", "3.5", "#fed", "@user_1",
    ]
    return (0..<count).map { _ in
      (0..<(1 + Int(generator.next() % 10))).map { _ in
        stems[Int(generator.next() % UInt64(stems.count))]
      }.joined(separator: " ")
    }
  }

  @Test(
    "the vocabulary merged from thread blocks equals a naive sorted count",
    arguments: [1, 2, 3, 5, 8])
  func mergedVocabularyMatchesNaiveCount(threads: Int) throws {
    let documents = Self.prefixHeavyDocuments(count: 300, seed: 11)
    let characters = try NGramRange(3...4)
    var configuration = VectorizerConfiguration(
      wordNGrams: .unigramsAndBigrams, characterNGrams: characters, threads: threads)
    var frequencies: [Term: Int] = [:]
    for document in documents {
      let tokens = configuration.tokenizer.tokenize(document)
      var seen = Set<Term>()
      for text in tokens.wordNGrams(.unigramsAndBigrams) { seen.insert(Term(text)) }
      for text in tokens.characterNGrams(characters) {
        seen.insert(Term(text, kind: .characterNGram))
      }
      for term in seen { frequencies[term, default: 0] += 1 }
    }
    let expected = frequencies.keys.sorted()
    let vocabulary = try #require(
      try Vectorizer.fit(documents, configuration: configuration).vocabulary)
    #expect(vocabulary.terms == expected)
    #expect(vocabulary.documentFrequencies == expected.map { frequencies[$0] ?? 0 })

    // Pruning: min-df 2, then the 50 most frequent (ties by bytes), re-sorted.
    configuration.minDocumentFrequency = .count(2)
    configuration.maxFeatures = 50
    let ranked = expected.filter { (frequencies[$0] ?? 0) >= 2 }.sorted {
      let left = frequencies[$0] ?? 0
      let right = frequencies[$1] ?? 0
      return left != right ? left > right : $0 < $1
    }
    let pruned = try #require(
      try Vectorizer.fit(documents, configuration: configuration).vocabulary)
    #expect(pruned.terms == Array(ranked.prefix(50)).sorted())
  }

  @Test("fitTransform gives the same bits for any thread count", arguments: [2, 3, 5, 8])
  func fitTransformIsThreadInvariant(threads: Int) throws {
    let documents = Self.prefixHeavyDocuments(count: 400, seed: 5)
    for (minimum, maxFeatures) in [(1, nil), (2, 60)] as [(Int, Int?)] {
      let single = VectorizerConfiguration(
        wordNGrams: .unigramsAndBigrams, characterNGrams: try NGramRange(2...3),
        minDocumentFrequency: .count(minimum), maxFeatures: maxFeatures)
      var parallel = single
      parallel.threads = threads
      let (one, oneMatrix) = try Vectorizer.fitTransform(documents, configuration: single)
      let (many, manyMatrix) = try Vectorizer.fitTransform(documents, configuration: parallel)
      #expect(one.vocabulary == many.vocabulary)
      #expect(one.vocabulary?.documentFrequencies == many.vocabulary?.documentFrequencies)
      #expect(oneMatrix.rowStarts == manyMatrix.rowStarts)
      #expect(oneMatrix.columnIndices == manyMatrix.columnIndices)
      #expect(oneMatrix.values.map(\.bitPattern) == manyMatrix.values.map(\.bitPattern))
      #expect(many.transform(documents) == oneMatrix)
    }
  }

  @Test(
    "a large vocabulary built on several threads finds every term at its column",
    arguments: [1, 2, 3])
  func largeVocabularyLookups(threads: Int) throws {
    // About 6,000 distinct words and 19,000 bigrams: enough slots that the final table's
    // slots are filled by several threads.
    var generator = SplitMix64(seed: 3)
    let letters: [Character] = Array("abcdefghijklmnopqrstuvwxyz")
    func word() -> String {
      let length = 2 + Int(generator.next() % 5)
      var text = ""
      for _ in 0..<length {
        let letter = Int(generator.next() % 3) + Int(generator.next() % 2) * 10
        text.append(letters[letter])
      }
      return text
    }
    let documents = (0..<2_000).map { _ in (0..<10).map { _ in word() }.joined(separator: " ") }
    let configuration = VectorizerConfiguration(threads: threads)
    let (vectorizer, matrix) = try Vectorizer.fitTransform(documents, configuration: configuration)
    let vocabulary = try #require(vectorizer.vocabulary)
    #expect(vocabulary.count > 10_000)
    for (column, term) in vocabulary.terms.enumerated() {
      #expect(vocabulary.index(of: term) == column)
    }
    #expect(vocabulary.index(of: Term("not a term")) == nil)
    #expect(vectorizer.transform(documents) == matrix)
  }

  @Test func codableRoundTrip() throws {
    for configuration in [
      VectorizerConfiguration(
        wordNGrams: .unigramsAndBigrams, characterNGrams: try NGramRange(2...4),
        minDocumentFrequency: .count(1), maxDocumentFrequency: .fraction(0.9),
        weighting: TermWeighting(sublinearTermFrequency: true)),
      VectorizerConfiguration(foldsCase: false, wordNGrams: .unigrams, hashBits: 8),
    ] {
      let documents = ["Rate hike now", "No rate hike", "Peace talks, M\u{00FC}ller says"]
      let vectorizer = try Vectorizer.fit(documents, configuration: configuration)
      let data = try JSONEncoder().encode(vectorizer)
      let decoded = try JSONDecoder().decode(Vectorizer.self, from: data)
      #expect(decoded == vectorizer)
      #expect(decoded.transform(documents) == vectorizer.transform(documents))
    }
  }

  @Test func decodingRefusesCorruptState() throws {
    let vectorizer = try Vectorizer.fit(
      ["b a"], configuration: VectorizerConfiguration(wordNGrams: .unigrams))
    let json = try #require(String(data: JSONEncoder().encode(vectorizer), encoding: .utf8))
    for corrupt in [
      json.replacingOccurrences(of: "[\"a\",\"b\"]", with: "[\"b\",\"a\"]"),  // unsorted
      json.replacingOccurrences(of: "\"tokenizerSpec\":1", with: "\"tokenizerSpec\":2"),
      json.replacingOccurrences(
        of: "\"documentFrequencies\":[1,1]", with: "\"documentFrequencies\":[1]"),
    ] {
      #expect(corrupt != json)
      #expect(throws: DecodingError.self) {
        try JSONDecoder().decode(Vectorizer.self, from: Data(corrupt.utf8))
      }
    }
  }

  @Test func configurationDecodingUsesDefaultsAndValidates() throws {
    let decoded = try JSONDecoder().decode(VectorizerConfiguration.self, from: Data("{}".utf8))
    #expect(decoded == VectorizerConfiguration())
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(
        VectorizerConfiguration.self, from: Data(#"{"maxFeatures": 0}"#.utf8))
    }
  }

  static let badConfigurations: [(VectorizerConfiguration, VectorizerError)] = [
    (VectorizerConfiguration(wordNGrams: nil), .noFeatureKinds),
    (
      VectorizerConfiguration(wordNGrams: .unigrams, minDocumentFrequency: .count(0)),
      .invalidDocumentFrequencyLimit(option: "min-df", limit: .count(0))
    ),
    (
      VectorizerConfiguration(wordNGrams: .unigrams, maxDocumentFrequency: .fraction(1.5)),
      .invalidDocumentFrequencyLimit(option: "max-df", limit: .fraction(1.5))
    ),
    (
      VectorizerConfiguration(wordNGrams: .unigrams, minDocumentFrequency: .fraction(.nan)),
      .invalidDocumentFrequencyLimit(option: "min-df", limit: .fraction(.nan))
    ),
    (
      VectorizerConfiguration(
        wordNGrams: .unigrams, minDocumentFrequency: .count(5), maxDocumentFrequency: .count(2)),
      .maxDocumentFrequencyBelowMinimum(minimum: .count(5), maximum: .count(2), documentCount: nil)
    ),
    (
      VectorizerConfiguration(
        wordNGrams: .unigrams,
        minDocumentFrequency: .fraction(0.5), maxDocumentFrequency: .fraction(0.2)),
      .maxDocumentFrequencyBelowMinimum(
        minimum: .fraction(0.5), maximum: .fraction(0.2), documentCount: nil)
    ),
    (VectorizerConfiguration(wordNGrams: .unigrams, maxFeatures: 0), .invalidMaxFeatures(0)),
    (VectorizerConfiguration(wordNGrams: .unigrams, hashBits: 40), .invalidHashBits(40)),
    (
      VectorizerConfiguration(wordNGrams: .unigrams, minDocumentFrequency: .count(2), hashBits: 10),
      .pruningWithHashing
    ),
    (VectorizerConfiguration(wordNGrams: .unigrams, threads: 0), .invalidThreadCount(0)),
  ]

  @Test("invalid configurations are refused", arguments: badConfigurations)
  func badConfiguration(configuration: VectorizerConfiguration, error: VectorizerError) {
    // Compared by message, because a NaN limit never equals itself.
    #expect(message(of: { try configuration.validate() }) == error.description)
    #expect(
      message(of: { _ = try Vectorizer.fit(["a"], configuration: configuration) })
        == error.description)
  }

  @Test func corpusErrors() {
    #expect(throws: VectorizerError.noDocuments) {
      try Vectorizer.fit([], configuration: VectorizerConfiguration(wordNGrams: .unigrams))
    }
    #expect(throws: VectorizerError.noTerms(documentCount: 2)) {
      try Vectorizer.fit(["", "?!"], configuration: VectorizerConfiguration(wordNGrams: .unigrams))
    }
    #expect(throws: VectorizerError.noTerms(documentCount: 1)) {
      try Vectorizer.fit(
        ["..."], configuration: VectorizerConfiguration(wordNGrams: .unigrams, hashBits: 4))
    }
    #expect(
      VectorizerError.emptyVocabulary(documentCount: 3, candidateTermCount: 7).description
        == "After pruning, no terms remain (7 terms in 3 documents); try a lower --min-df or a "
        + "higher --max-df")
  }
}

/// The message of the error `body` throws, or `nil`.
private func message(of body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch {
    return "\(error)"
  }
}
