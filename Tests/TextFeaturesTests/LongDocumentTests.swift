import StanceTestSupport
import Testing

@testable import TextFeatures

/// Reading a long document segment by segment gives exactly what reading it at once gives:
/// the same tokens, the same n-grams, the same counts.
@Suite struct LongDocumentTests {
  /// Text that exercises every tokenizer rule near whitespace: URLs, mentions, hashtags,
  /// joiners, numbers with separators, non-ASCII letters and case, final sigma, CRLF.
  static let mixed =
    "RT @user_1: See https://x.org/a?b=1. #Fed won’t cut; rates 2.5% or 1,000 bps?\r\n"
    + "ΟΔΟΣ Straße naïve co-operate — \u{201C}no deal,\u{201D} she said.\t#tag_x U.S. "
    + "www.example.com/path, don't  stop\n"

  /// A seeded text of `count` words drawn from a small vocabulary, with `mixed` inserted.
  static func text(words count: Int, seed: UInt64) -> String {
    var generator = SplitMix64(seed: seed)
    let vocabulary = ["talks", "peace", "Rates", "hike", "won't", "de-escalate", "2,000", "é"]
    var parts: [String] = []
    for index in 0..<count {
      parts.append(vocabulary[Int(generator.next() % UInt64(vocabulary.count))])
      if index % 97 == 0 { parts.append(mixed) }
    }
    return parts.joined(separator: " ")
  }

  /// The token texts of `text` read in segments of `length` bytes, keeping `carried`.
  private func segmentedTokens(_ text: String, length: Int, carried: Int) -> [String] {
    var tokenized = TokenizedText()
    var texts: [String] = []
    LongDocument.forEachSegment(of: text, length: length) { segment in
      let firstNew = Tokenizer().tokenize(segment: segment, after: &tokenized, keepingLast: carried)
      #expect(tokenized.tokenTexts.prefix(firstNew).count == firstNew)
      texts += tokenized.tokens[firstNew...].map { tokenized.text(of: $0) }
    }
    return texts
  }

  @Test(arguments: [1, 7, 64, 1000], [0, 2])
  func segmentsGiveTheTokensOfTheWholeDocument(length: Int, carried: Int) {
    let text = Self.text(words: 3000, seed: 7)
    let whole = Tokenizer().tokenize(text).tokenTexts
    #expect(segmentedTokens(text, length: length, carried: carried) == whole)
  }

  @Test func segmentsEndJustAfterWhitespaceAndCoverTheDocument() {
    let text = "one two  three\nfour" + String(repeating: "x", count: 50) + " five"
    var segments: [String] = []
    LongDocument.forEachSegment(of: text, length: 10) { segment in
      segments.append(String(decoding: segment, as: UTF8.self))
    }
    #expect(segments.joined() == text)
    #expect(segments.dropLast().allSatisfy { [" ", "\n"].contains($0.last) })
    // A run longer than a segment stays whole.
    #expect(segments.contains("four" + String(repeating: "x", count: 50) + " "))
  }

  @Test(arguments: [5, 64, 333])
  func segmentedNGramsAndHashesMatchTheWholeDocument(length: Int) throws {
    let text = Self.text(words: 2000, seed: 11)
    let words = NGramRange.unigramsAndBigrams
    let trigrams = try NGramRange(1...3)
    let characters = try NGramRange(2...4)
    let whole = Tokenizer().tokenize(text)
    var expected = whole.wordNGrams(trigrams) + whole.characterNGrams(characters)
    var expectedHashes: [UInt64] = []
    var states: [UInt64] = []
    whole.forEachWordNGramHash(words, states: &states) { _, hash in expectedHashes.append(hash) }

    var found: [String] = []
    var hashes: [UInt64] = []
    var tokenized = TokenizedText()
    var scratch: [Int] = []
    LongDocument.forEachSegment(of: text, length: length) { segment in
      let firstNew = Tokenizer().tokenize(segment: segment, after: &tokenized, keepingLast: 2)
      tokenized.forEachNGram(
        words: trigrams, characters: characters, scalarStarts: &scratch, firstNewToken: firstNew
      ) { buffer, range, _ in
        found.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self))
      }
      #expect(
        tokenized.wordNGramCount(words, firstNewToken: firstNew)
          == words.lengths.reduce(0) { total, n in
            total + max(0, tokenized.tokens.count - max(firstNew, n - 1))
          })
      tokenized.forEachWordNGramHash(words, states: &states, firstNewToken: firstNew) { _, hash in
        hashes.append(hash)
      }
    }
    expected.sort()
    found.sort()
    #expect(found == expected)
    #expect(hashes.sorted() == expectedHashes.sorted())
  }

  /// A document above ``LongDocument/threshold``: its row holds each n-gram's count, in
  /// the fit and in a later transform, in vocabulary and in hashing mode.
  @Test func longDocumentsAreCountedAsAWhole() throws {
    var text = Self.text(words: 1, seed: 3)
    var seed: UInt64 = 20
    while text.utf8.count <= LongDocument.threshold + LongDocument.segmentLength {
      text += " " + Self.text(words: 20_000, seed: seed)
      seed += 1
    }
    let whole = Tokenizer().tokenize(text).wordNGrams(.unigramsAndBigrams)
    var counts: [String: Int] = [:]
    for ngram in whole { counts[ngram, default: 0] += 1 }
    let configuration = VectorizerConfiguration(
      weighting: TermWeighting(scheme: .termFrequency, normalization: .disabled))
    let fitted = try Vectorizer.fitTransform([text, "peace talks"], configuration: configuration)
    let row = fitted.matrix.entries(ofRow: 0)
    #expect(row.count == counts.count)
    for (column, value) in row {
      #expect(value == Float(counts[fitted.vectorizer.featureName(at: column)] ?? -1))
    }
    #expect(fitted.vectorizer.transform([text]).entries(ofRow: 0).map(\.value) == row.map(\.value))
    // Hashing: each bucket holds the signed sum of its n-grams' counts.
    var hashing = configuration
    hashing.hashBits = 12
    let hasher = try FeatureHasher(bits: 12)
    var sums: [Int: Double] = [:]
    for (ngram, count) in counts {
      let (bucket, sign) = hasher.bucketAndSign(of: ngram)
      sums[bucket, default: 0] += Double(sign * count)
    }
    let hashed = try Vectorizer.fitTransform([text], configuration: hashing).matrix
    let expected = sums.filter { $0.value != 0 }.sorted { $0.key < $1.key }
    #expect(hashed.entries(ofRow: 0).map(\.column) == expected.map(\.key))
    #expect(hashed.entries(ofRow: 0).map(\.value) == expected.map { Float($0.value) })
  }
}
