import Testing
import TextFeatures

/// Rebuilding vocabularies and vectorizers from stored parts, and refusing broken parts.
@Suite struct StoredStateTests {
  private static let documents = [
    "Peace talks resume today", "We will never surrender", "talks über peace",
    "the ceasefire holds", "we will strike back",
  ]

  private static func fitted(hashBits: Int? = nil) throws -> Vectorizer {
    try Vectorizer.fit(
      documents,
      configuration: VectorizerConfiguration(
        characterNGrams: try NGramRange(2...3), hashBits: hashBits))
  }

  @Test func flattenedTermsRebuildTheSameVocabularyAndVectorizer() throws {
    let vectorizer = try Self.fitted()
    let vocabulary = try #require(vectorizer.vocabulary)
    let flat = vocabulary.flattenedTerms()
    #expect(flat.starts.count == vocabulary.count + 1 && flat.starts.last == flat.bytes.count)
    #expect(flat.kinds.first == .wordNGram && flat.kinds.last == .characterNGram)
    let firstCharacter = try #require(flat.kinds.firstIndex(of: .characterNGram))
    let text = String(
      decoding: flat.bytes[flat.starts[firstCharacter]..<flat.starts[firstCharacter + 1]],
      as: UTF8.self)
    #expect(Term(text, kind: .characterNGram) == vocabulary.term(at: firstCharacter))

    let rebuilt = try Vocabulary(
      flattenedBytes: flat.bytes, starts: flat.starts, kinds: flat.kinds,
      documentFrequencies: vocabulary.documentFrequencies, documentCount: 5)
    #expect(rebuilt == vocabulary)
    let again = try Vectorizer(configuration: vectorizer.configuration, vocabulary: rebuilt)
    #expect(again == vectorizer)
    #expect(again.transform(Self.documents) == vectorizer.transform(Self.documents))
  }

  @Test func bucketFrequenciesRebuildTheSameHashingVectorizer() throws {
    let vectorizer = try Self.fitted(hashBits: 10)
    let frequencies = vectorizer.columnDocumentFrequencies
    #expect(frequencies.count == 1024)
    #expect(
      frequencies.indices.allSatisfy {
        frequencies[$0] == vectorizer.documentFrequency(ofColumn: $0)
      })
    let again = try Vectorizer(
      configuration: vectorizer.configuration, documentCount: 5,
      columnDocumentFrequencies: frequencies)
    #expect(again == vectorizer)
  }

  /// Three word terms "a" < "b" < "c" as flat parts, and a way to break one part.
  private static func vocabulary(
    bytes: [UInt8] = Array("abc".utf8), starts: [Int] = [0, 1, 2, 3],
    kinds: [FeatureKind] = [.wordNGram, .wordNGram, .wordNGram],
    frequencies: [Int] = [1, 2, 3], documentCount: Int = 3
  ) throws(VectorizerStateError) -> Vocabulary {
    try Vocabulary(
      flattenedBytes: bytes, starts: starts, kinds: kinds, documentFrequencies: frequencies,
      documentCount: documentCount)
  }

  @Test func brokenVocabularyPartsAreRefused() throws {
    #expect(try Self.vocabulary().terms.map(\.text) == ["a", "b", "c"])
    let cases: [(() throws(VectorizerStateError) -> Vocabulary, String)] = [
      (
        { () throws(VectorizerStateError) in try Self.vocabulary(bytes: Array("acb".utf8)) },
        "sorted"
      ),
      (
        { () throws(VectorizerStateError) in try Self.vocabulary(bytes: Array("aab".utf8)) },
        "unique"
      ),
      (
        { () throws(VectorizerStateError) in
          try Self.vocabulary(kinds: [.wordNGram, .characterNGram, .wordNGram])
        }, "word n-grams come first"
      ),
      ({ () throws(VectorizerStateError) in try Self.vocabulary(starts: [0, 1, 2, 4]) }, "span"),
      (
        { () throws(VectorizerStateError) in try Self.vocabulary(starts: [0, 2, 1, 3]) }, "decrease"
      ),
      (
        { () throws(VectorizerStateError) in try Self.vocabulary(starts: [0, 1, 3]) }, "same terms"
      ),
      (
        { () throws(VectorizerStateError) in try Self.vocabulary(frequencies: [1, 0, 3]) },
        "outside"
      ),
      (
        { () throws(VectorizerStateError) in try Self.vocabulary(frequencies: [1, 2, 4]) },
        "outside"
      ),
      ({ () throws(VectorizerStateError) in try Self.vocabulary(documentCount: 0) }, "at least 1"),
      (
        { () throws(VectorizerStateError) in
          try Self.vocabulary(bytes: [], starts: [0], kinds: [], frequencies: [])
        }, "no terms"
      ),
    ]
    for (build, fragment) in cases {
      #expect {
        _ = try build()
      } throws: { error in
        (error as? VectorizerStateError)?.description.contains(fragment) == true
      }
    }
  }

  @Test func modeAndSettingsMustAgree() throws {
    let vocabulary = try Self.vocabulary()
    #expect(throws: VectorizerStateError.self) {
      try Vectorizer(
        configuration: VectorizerConfiguration(hashBits: 4), vocabulary: vocabulary)
    }
    #expect(throws: VectorizerStateError.self) {
      try Vectorizer(
        configuration: VectorizerConfiguration(), documentCount: 3,
        columnDocumentFrequencies: [Int](repeating: 1, count: 16))
    }
    #expect(throws: VectorizerStateError.self) {
      try Vectorizer(
        configuration: VectorizerConfiguration(hashBits: 4), documentCount: 3,
        columnDocumentFrequencies: [Int](repeating: 1, count: 15))
    }
    #expect(throws: VectorizerStateError.self) {
      try Vectorizer(
        configuration: VectorizerConfiguration(hashBits: 4), documentCount: 3,
        columnDocumentFrequencies: [4] + [Int](repeating: 0, count: 15))
    }
    #expect(throws: VectorizerStateError.self) {
      try Vectorizer(
        configuration: VectorizerConfiguration(wordNGrams: nil), vocabulary: vocabulary)
    }
  }

  /// 20,000 word terms then 6,000 character n-grams, all distinct and sorted, as flat parts.
  private static func largeFlatTerms() -> (bytes: [UInt8], starts: [Int], kinds: [FeatureKind]) {
    var bytes: [UInt8] = []
    var starts = [0]
    var kinds: [FeatureKind] = []
    for (kind, prefix, count) in [
      (FeatureKind.wordNGram, "w", 20_000), (.characterNGram, "c", 6_000),
    ] {
      for index in 0..<count {
        let digits = String(index)
        bytes += Array((prefix + String(repeating: "0", count: 5 - digits.count) + digits).utf8)
        starts.append(bytes.count)
        kinds.append(kind)
      }
    }
    return (bytes, starts, kinds)
  }

  @Test func rebuildingIsTheSameForAnyThreadCount() throws {
    let flat = Self.largeFlatTerms()
    let frequencies = [Int](repeating: 1, count: flat.kinds.count)
    let vocabularies = try [1, 2, 3, 5].map { threads in
      try Vocabulary(
        flattenedBytes: flat.bytes, starts: flat.starts, kinds: flat.kinds,
        documentFrequencies: frequencies, documentCount: 1, threads: threads)
    }
    #expect(vocabularies.allSatisfy { $0 == vocabularies[0] })
    for vocabulary in vocabularies {
      #expect(vocabulary.count == 26_000)
      for index in [0, 1, 12_345, 19_999, 20_000, 20_001, 25_999] {
        #expect(vocabulary.index(of: vocabulary.term(at: index)) == index)
      }
      #expect(vocabulary.term(at: 20_000) == Term("c00000", kind: .characterNGram))
      #expect(vocabulary.index(of: Term("c00000", kind: .wordNGram)) == nil)
    }
    // Two swapped terms late in the list give the same error for any thread count.
    var broken = flat.bytes
    broken.swapAt(flat.starts[15_000] + 5, flat.starts[15_001] + 5)
    for threads in [1, 2, 3, 5] {
      #expect {
        _ = try Vocabulary(
          flattenedBytes: broken, starts: flat.starts, kinds: flat.kinds,
          documentFrequencies: frequencies, documentCount: 1, threads: threads)
      } throws: { error in
        (error as? VectorizerStateError)?.description
          == "the terms are not sorted and unique at term 15001"
      }
    }
  }

  @Test func bufferRebuildEqualsArrayRebuildAndRefusesUnknownKindCodes() throws {
    let flat = Self.largeFlatTerms()
    let frequencies = [Int](repeating: 1, count: flat.kinds.count)
    let codes = flat.kinds.map { $0 == .wordNGram ? UInt8(0) : 1 }
    let fromArrays = try Vocabulary(
      flattenedBytes: flat.bytes, starts: flat.starts, kinds: flat.kinds,
      documentFrequencies: frequencies, documentCount: 1, threads: 2)
    var copied = false
    let fromBuffers = try flat.bytes.withUnsafeBufferPointer { bytes in
      try flat.starts.withUnsafeBufferPointer { starts in
        try codes.withUnsafeBufferPointer { codes in
          try Vocabulary(
            flattenedBytes: bytes, starts: starts, kindCodes: codes,
            documentFrequencies: frequencies, documentCount: 1, threads: 2
          ) { copied = true }
        }
      }
    }
    #expect(copied)
    #expect(fromBuffers == fromArrays)
    #expect(fromBuffers.index(of: fromArrays.term(at: 21_000)) == 21_000)
    var broken = codes
    broken[7] = 2
    #expect {
      _ = try flat.bytes.withUnsafeBufferPointer { bytes in
        try flat.starts.withUnsafeBufferPointer { starts in
          try broken.withUnsafeBufferPointer { codes in
            try Vocabulary(
              flattenedBytes: bytes, starts: starts, kindCodes: codes,
              documentFrequencies: frequencies, documentCount: 1, threads: 1)
          }
        }
      }
    } throws: { error in
      (error as? VectorizerStateError)?.description
        == "the kind code of term 7 is 2; it must be 0 or 1"
    }
  }
}
