import Testing
import TextFeatures

/// Documents far larger than any sentence: one 10 MB word, and a few-MB line of many
/// words, go through the tokenizer and the vectorizer without a crash and with exact
/// results.
@Suite struct LargeTextRobustnessTests {
  /// 10 MB of one repeated letter: a single word token.
  static let tenMegabyteWord = String(repeating: "a", count: 10 << 20)

  @Test func tenMegabyteWordIsOneToken() {
    let tokens = Tokenizer().tokenize(Self.tenMegabyteWord)
    #expect(tokens.tokens.count == 1)
    #expect(tokens.tokens.first?.range.count == 10 << 20)
    #expect(tokens.tokens.first?.kind == .word)
  }

  @Test func tenMegabyteWordIsOneFeature() throws {
    let documents = [Self.tenMegabyteWord, "short text", ""]
    let fitted = try Vectorizer.fitTransform(
      documents, configuration: VectorizerConfiguration(wordNGrams: .unigrams))
    // The long word, "short", "text".
    #expect(fitted.vectorizer.featureCount == 3)
    #expect(fitted.matrix.entries(ofRow: 0).map(\.value) == [1])
    #expect(fitted.matrix.entries(ofRow: 2).isEmpty)
    let column = try #require(fitted.matrix.entries(ofRow: 0).first?.column)
    #expect(fitted.vectorizer.featureName(at: column).utf8.count == 10 << 20)
  }

  @Test func tenMegabyteWordHashesIntoOneBucket() throws {
    let fitted = try Vectorizer.fitTransform(
      [Self.tenMegabyteWord], configuration: VectorizerConfiguration(hashBits: 4))
    #expect(fitted.matrix.entries(ofRow: 0).count == 1)
    // One term, L2-normalised: its value is ±1.
    #expect(fitted.matrix.entries(ofRow: 0).map { abs($0.value) } == [1])
  }

  @Test func fourMegabyteLineOfWordsCountsEveryWord() throws {
    // 4 MiB of "w0 w1 … w9 " repeated: ten distinct words, each ~140,000 times.
    let unit = (0..<10).map { "w\($0)" }.joined(separator: " ") + " "
    let repeats = (4 << 20) / unit.utf8.count
    let line = String(repeating: unit, count: repeats)
    let tokens = Tokenizer().tokenize(line)
    #expect(tokens.tokens.count == 10 * repeats)
    let fitted = try Vectorizer.fitTransform(
      [line, "w0"],
      configuration: VectorizerConfiguration(
        weighting: TermWeighting(scheme: .termFrequency, normalization: .disabled)))
    // Unigrams w0…w9 and bigrams "w0 w1" … "w8 w9", "w9 w0".
    #expect(fitted.vectorizer.featureCount == 20)
    let values = fitted.matrix.entries(ofRow: 0).map(\.value)
    // Raw counts are exact in Float up to 2^24.
    #expect(values.filter { $0 == Float(repeats) }.count == 19)
    #expect(values.filter { $0 == Float(repeats - 1) }.count == 1)
  }
}
