import Testing

@testable import TextFeatures

/// Word n-grams (sklearn `_word_ngrams`) and `char_wb` character n-grams.
struct NGramTests {
  @Test func wordNGramsJoinWithOneSpace() throws {
    let tokenized = Tokenizer().tokenize("Rate  hike, now!")
    #expect(
      tokenized.wordNGrams(try NGramRange(1...2))
        == ["rate", "hike", "now", "rate hike", "hike now"])
    #expect(tokenized.wordNGrams(try NGramRange(3...3)) == ["rate hike now"])
    // Longer than the document: nothing of that length.
    #expect(
      tokenized.wordNGrams(try NGramRange(2...5)) == ["rate hike", "hike now", "rate hike now"])
    #expect(Tokenizer().tokenize("").wordNGrams(.unigramsAndBigrams) == [])
  }

  @Test(arguments: [1...1, 1...2, 2...3, 1...4, 3...6])
  func incrementalWordHashesEqualTheFeatureHash(lengths: ClosedRange<Int>) throws {
    let tokenized = Tokenizer().tokenize("Fed’s rate hike: 2.5% — not now, @fed #Rates ΣΑΣ")
    let words = try NGramRange(lengths)
    var expected: [(Range<Int>, UInt64)] = []
    var scratch: [Int] = []
    tokenized.forEachNGram(words: words, characters: nil, scalarStarts: &scratch) {
      buffer, range, kind in
      expected.append((range, FeatureHasher.hash(buffer, range, kind: kind)))
    }
    var found: [(Range<Int>, UInt64)] = []
    var states: [UInt64] = []
    tokenized.forEachWordNGramHash(words, states: &states) { found.append(($0, $1)) }
    #expect(found.map(\.0) == expected.map(\.0))
    #expect(found.map(\.1) == expected.map(\.1))
    #expect(found.count == tokenized.wordNGramCount(words))
  }

  // Expected values from scikit-learn 1.9.1:
  // CountVectorizer(analyzer="char_wb", ngram_range=(2, 3)).build_analyzer()("ab")
  @Test func characterNGramsPadEachToken() throws {
    let range = try NGramRange(2...3)
    #expect(Tokenizer().tokenize("ab").characterNGrams(range) == [" a", "ab", "b ", " ab", "ab "])
    // Over Unicode scalars, not bytes.
    #expect(
      Tokenizer().tokenize("n\u{00E9}").characterNGrams(range)
        == [" n", "n\u{00E9}", "\u{00E9} ", " n\u{00E9}", "n\u{00E9} "])
    // Tokens are padded separately: no n-gram spans two tokens.
    #expect(
      Tokenizer().tokenize("ab c").characterNGrams(try NGramRange(3...3))
        == [" ab", "ab ", " c "])
  }

  // sklearn: analyzer("a") with (2, 3) → [' a', 'a ', ' a ']; with (3, 5) → [' a '];
  // analyzer("ab") with (3, 5) → [' ab', 'ab ', ' ab '].
  @Test func shortWordYieldsItselfOnce() throws {
    let tokenizer = Tokenizer()
    #expect(tokenizer.tokenize("a").characterNGrams(try NGramRange(2...3)) == [" a", "a ", " a "])
    #expect(tokenizer.tokenize("a").characterNGrams(try NGramRange(3...5)) == [" a "])
    #expect(
      tokenizer.tokenize("ab").characterNGrams(try NGramRange(3...5)) == [" ab", "ab ", " ab "])
  }

  @Test func rangeValidation() throws {
    #expect(try NGramRange(1...2) == .unigramsAndBigrams)
    #expect(try NGramRange(parsing: "1-3") == NGramRange(1...3))
    #expect(try NGramRange(parsing: "2") == NGramRange(2...2))
    #expect(throws: VectorizerError.invalidNGramRange(lowerBound: 0, upperBound: 2)) {
      try NGramRange(0...2)
    }
    #expect(throws: VectorizerError.invalidNGramRange(lowerBound: 3, upperBound: 1)) {
      try NGramRange(lowerBound: 3, upperBound: 1)
    }
    #expect(throws: VectorizerError.invalidNGramRange(lowerBound: 1, upperBound: 17)) {
      try NGramRange(1...17)
    }
    #expect(throws: VectorizerError.unparsableNGramRange("1-x")) { try NGramRange(parsing: "1-x") }
    #expect(throws: VectorizerError.unparsableNGramRange("1-2-3")) {
      try NGramRange(parsing: "1-2-3")
    }
  }
}
