import Foundation
import LinearAlgebra
import Testing

@testable import TextFeatures

/// Negation scope marking (``NegationMarking``) and stop-word removal (``StopWordList``)
/// on their own and through the vectorizer.
struct NegationMarkingTests {
  static let marking = Tokenizer(marksNegation: true)

  static let scopes: [(String, [String])] = [
    // The issue's example: the scope runs to the period.
    (
      "I do not think we will attack.",
      ["i", "do", "not", "NOT_think", "NOT_we", "NOT_will", "NOT_attack"]
    ),
    // A comma ends the scope; so do ; : ! ? and dashes.
    ("We won't stop, we will respond.", ["we", "won't", "NOT_stop", "we", "will", "respond"]),
    ("no talks; war", ["no", "NOT_talks", "war"]),
    ("never again: peace", ["never", "NOT_again", "peace"]),
    ("not now \u{2014} later", ["not", "NOT_now", "later"]),
    ("not now! later? no. yes", ["not", "NOT_now", "later", "no", "yes"]),
    // Curly apostrophes are contractions too (the tokenizer writes them as ASCII ').
    ("They don\u{2019}t want war", ["they", "don't", "NOT_want", "NOT_war"]),
    ("We CAN'T accept", ["we", "can't", "NOT_accept"]),
    ("we cannot accept it", ["we", "cannot", "NOT_accept", "NOT_it"]),
    // Double negation is not cancelled: a negator keeps the scope open and is not marked.
    ("not without conditions", ["not", "without", "NOT_conditions"]),
    ("never, not once", ["never", "not", "NOT_once"]),
    // The scope ends at the document's end, and a period inside U.S. does not end it.
    ("not the U.S. forces", ["not", "NOT_the", "NOT_u", "NOT_s", "NOT_forces"]),
    // Numbers are marked; mentions, hashtags and URLs are not, and the scope goes on.
    ("no 2 @user #tag troops", ["no", "NOT_2", "@user", "#tag", "NOT_troops"]),
    // Quote marks do not end a scope; a word merely containing "not" is no negator.
    (
      "not \u{201C}ready\u{201D} nothing knot tie",
      ["not", "NOT_ready", "nothing", "NOT_knot", "NOT_tie"]
    ),
    ("knots tie", ["knots", "tie"]),
  ]

  @Test("scopes run from a negator to clause punctuation", arguments: scopes)
  func scope(text: String, expected: [String]) {
    #expect(Self.marking.tokenTexts(text) == expected)
  }

  @Test("without marking, the tokens and their flags are those of spec v1")
  func offByDefault() {
    let text = "I do not think, we will attack."
    let plain = Tokenizer().tokenize(text)
    #expect(plain.tokenTexts == ["i", "do", "not", "think", "we", "will", "attack"])
    #expect(plain.tokens.allSatisfy { !$0.startsClause })
    #expect(Tokenizer(marksNegation: false) == Tokenizer())
  }

  @Test("case is kept when folding is off, and the prefix never equals a token")
  func caseKept() {
    let tokenizer = Tokenizer(foldsCase: false, marksNegation: true)
    #expect(tokenizer.tokenTexts("We will NOT Attack") == ["We", "will", "NOT", "NOT_Attack"])
    // `_` is a separator, so a text cannot spell a marked form.
    #expect(Self.marking.tokenTexts("NOT_attack") == ["not", "NOT_attack"])
  }

  @Test("word n-grams join marked tokens; character n-grams come from the marked form")
  func nGrams() throws {
    let tokens = Self.marking.tokenize("not bad, ok")
    #expect(
      tokens.wordNGrams(.unigramsAndBigrams) == [
        "not", "NOT_bad", "ok", "not NOT_bad", "NOT_bad ok",
      ])
    let characters = Self.marking.tokenize("no ab").characterNGrams(try NGramRange(3...3))
    #expect(characters == [" no", "no ", " NO", "NOT", "OT_", "T_a", "_ab", "ab "])
  }

  @Test("the vectorizer marks negation only when configured, and transform agrees with fit")
  func vectorizer() throws {
    let texts = ["we will not attack", "we will attack", "no, we will attack"]
    var configuration = VectorizerConfiguration(wordNGrams: .unigrams)
    let plain = try Vectorizer.fit(texts, configuration: configuration)
    #expect(plain.vocabulary?.terms.map(\.text) == ["attack", "no", "not", "we", "will"])
    configuration.marksNegation = true
    let marked = try Vectorizer.fit(texts, configuration: configuration)
    #expect(
      marked.vocabulary?.terms.map(\.text) == [
        "NOT_attack", "attack", "no", "not", "we", "will",
      ])
    let row = marked.transform(["they will not attack"])
    let names = row.entries(ofRow: 0).map { marked.featureName(at: $0.column) }
    #expect(names == ["NOT_attack", "not", "will"])
  }

  @Test("a long document read in segments marks exactly as when read whole")
  func longDocument() throws {
    // The scope opened by the last "not" of one sentence crosses many segment boundaries.
    let sentence = "we do not think they will attack again "
    let text =
      String(repeating: "yes. " + sentence, count: 22_000) + "not "
      + String(
        repeating: "stop ", count: 60_000)
    var marked = VectorizerConfiguration(wordNGrams: .unigrams)
    marked.marksNegation = true
    let long = try Vectorizer.fit([text], configuration: marked)
    let short = "yes. " + sentence + "yes. " + sentence + "not stop stop"
    let pieces = try Vectorizer.fit([short], configuration: marked)
    #expect(long.vocabulary?.terms.map(\.text) == pieces.vocabulary?.terms.map(\.text))
    #expect(long.vocabulary?.terms.map(\.text).contains("NOT_stop") == true)
  }

  @Test("configurations decode without the new keys as off, and encode them only when on")
  func coding() throws {
    let old = Data(
      #"{"foldsCase":true,"wordNGrams":{"lowerBound":1,"upperBound":2},"weighting":{"scheme":"tfidf","sublinearTermFrequency":false,"normalization":"l2"}}"#
        .utf8)
    let decoded = try JSONDecoder().decode(VectorizerConfiguration.self, from: old)
    #expect(decoded.marksNegation == false && decoded.stopWords == nil)
    let encoded = String(
      decoding: try JSONEncoder().encode(VectorizerConfiguration()), as: UTF8.self)
    #expect(!encoded.contains("negation") && !encoded.contains("stopWords"))
    var on = VectorizerConfiguration()
    on.marksNegation = true
    on.stopWords = .english
    let again = try JSONDecoder().decode(
      VectorizerConfiguration.self, from: try JSONEncoder().encode(on))
    #expect(again == on && again != VectorizerConfiguration())
  }
}

/// ``StopWordList``: the list, tokenizer removal, and the explanation filter.
struct StopWordTests {
  @Test("function words are found case-insensitively, marked or not; others are not")
  func contains() {
    let list = StopWordList.english
    for word in ["the", "To", "there's", "lot", "NOT_for", "a"] {
      #expect(list.contains(word), "\(word)")
    }
    for word in ["not", "no", "without", "will", "must", "against", "attack", "NOT_", "tot"] {
      #expect(!list.contains(word), "\(word)")
    }
    #expect(list.words == list.words.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    #expect(Set(list.words).count == list.words.count)
    #expect(list.words.allSatisfy { !NegationMarking.negators.contains($0) })
  }

  @Test("the tokenizer drops stop words after marking negation, so n-grams skip them")
  func tokenizer() {
    let tokenizer = Tokenizer(marksNegation: true, stopWords: .english)
    let tokens = tokenizer.tokenize("There's a lot of justice: not to attack the group.")
    #expect(tokens.tokenTexts == ["justice", "not", "NOT_attack", "NOT_group"])
    #expect(
      tokens.wordNGrams(.unigramsAndBigrams).suffix(3) == [
        "justice not", "not NOT_attack", "NOT_attack NOT_group",
      ])
    #expect(Tokenizer(stopWords: .english).tokenTexts("the of a") == [])
  }

  @Test("a feature is a function-word feature when every word is one")
  func features() {
    let list = StopWordList.english
    #expect(list.isFunctionWordFeature(Term("a lot")))
    #expect(list.isFunctionWordFeature(Term("there's")))
    #expect(list.isFunctionWordFeature(Term(" to ", kind: .characterNGram)))
    #expect(!list.isFunctionWordFeature(Term(" to", kind: .characterNGram)))
    #expect(!list.isFunctionWordFeature(Term("of justice")))
    #expect(!list.isFunctionWordFeature(Term("not")))
  }
}
