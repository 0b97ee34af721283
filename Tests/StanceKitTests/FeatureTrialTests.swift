import Classifier
import StanceKit
import StanceTestSupport
import Testing
import TextFeatures

@Suite struct FeatureTrialTests {
  static let search = RegularizationSearch(path: [0.1, 1, 10, 100], folds: 3, seed: 2)

  /// Every word is new (a random stem), and the class shows only in the words' endings:
  /// word n-grams never repeat between folds, character n-grams carry the endings.
  static func endings(count: Int, seed: UInt64) -> (texts: [String], labels: [String]) {
    var random = SplitMix64(seed: seed)
    let letters = Array("bcdfghklmnprstvw")
    var texts: [String] = []
    var labels: [String] = []
    for index in 0..<count {
      let ending = index % 2 == 0 ? "ation" : "ously"
      let words = (0..<3).map { _ in
        String((0..<5).map { _ in letters[Int(random.next() % UInt64(letters.count))] })
          + ending
      }
      texts.append(words.joined(separator: " "))
      labels.append(index % 2 == 0 ? "noun" : "adverb")
    }
    return (texts, labels)
  }

  @Test func characterNGramsAreKeptWhenOnlyWordEndingsCarryTheClass() throws {
    let data = Self.endings(count: 90, seed: 4)
    let (choice, vectorizer) = try RegularizationSelection.chooseWithFeatureTrials(
      texts: data.texts, labels: data.labels, search: Self.search)
    let trial = try #require(choice.featureTrials?.first)
    #expect(choice.featureTrials?.count == 1)
    #expect(trial.kept)
    #expect(trial.feature == "character 2-5 n-grams")
    #expect(vectorizer.characterNGrams == .twoToFive)
    #expect(vectorizer.wordNGrams == .unigramsAndBigrams)
    #expect(choice.c == trial.c)
    let words = try #require(choice.bestPoint)
    #expect(trial.score.mean < words.score.mean)
    // Words alone are no better than a guess between two classes here.
    #expect(words.score.mean > 0.6)
    #expect(choice.text.contains("character 2-5 n-grams kept (log_loss"))
  }

  @Test func theTrialKeepsWhicheverScoresBetterAndLeavesTheWordsOtherwise() throws {
    // Word order decides the class; character n-grams inside words cannot see it.
    let data = SelectionFixtures.wordOrder(count: 120, seed: 7)
    let words = try RegularizationSelection.choose(
      texts: data.texts, labels: data.labels, search: Self.search)
    let (choice, vectorizer) = try RegularizationSelection.chooseWithFeatureTrials(
      texts: data.texts, labels: data.labels, search: Self.search)
    let trial = try #require(choice.featureTrials?.first)
    let best = try #require(choice.bestPoint)
    #expect(choice.points == words.points)
    #expect(trial.classWeighting == words.classWeighting)
    #expect(trial.kept == (trial.score.mean < best.score.mean))
    if trial.kept {
      #expect(vectorizer.characterNGrams == .twoToFive && choice.c == trial.c)
    } else {
      #expect(vectorizer == VectorizerConfiguration() && choice.c == words.c)
      #expect(choice.text.contains("character 2-5 n-grams not kept"))
    }
  }

  @Test func aLexiconTrialBuildsOnTheKeptCharactersAndIsKeptWhenItHelps() throws {
    // The words are new in every text; a lexicon knows the polarity of each.
    var random = SplitMix64(seed: 3)
    let good = ["splendid", "wonderful", "superb", "delightful", "excellent", "lovely"]
    let bad = ["dreadful", "awful", "terrible", "horrible", "dismal", "miserable"]
    var texts: [String] = []
    var labels: [String] = []
    for index in 0..<90 {
      let list = index % 2 == 0 ? good : bad
      let word = list[Int(random.next() % UInt64(list.count))]
      texts.append("the w\(index)x \(word) day")
      labels.append(index % 2 == 0 ? "positive" : "negative")
    }
    // Hold out whole words: each fold tests on polarity words its training never saw.
    let groups = texts.map { String($0.split(separator: " ")[2]) }
    let lexicon = try Lexicon(
      name: "test",
      entries: good.map { Lexicon.Entry(term: $0, valence: 2) }
        + bad.map { Lexicon.Entry(term: $0, valence: -2) })
    let (choice, vectorizer) = try RegularizationSelection.chooseWithFeatureTrials(
      texts: texts, labels: labels, groups: groups, search: Self.search, lexicon: lexicon)
    let trials = try #require(choice.featureTrials)
    #expect(trials.map(\.feature) == ["character 2-5 n-grams", "lexicon test"])
    #expect(trials[1].kept)
    #expect(vectorizer.lexicon == lexicon)
    #expect(vectorizer.characterNGrams == (trials[0].kept ? .twoToFive : nil))
    #expect(choice.c == trials[1].c)
    #expect(trials[1].score.mean < min(trials[0].score.mean, choice.bestPoint?.score.mean ?? 0))
    // A lexicon the vectorizer already has is not tried again.
    var given = VectorizerConfiguration()
    given.lexicon = lexicon
    let (again, _) = try RegularizationSelection.chooseWithFeatureTrials(
      texts: texts, labels: labels, groups: groups, vectorizer: given, search: Self.search,
      characterNGrams: nil, lexicon: lexicon)
    #expect(again.featureTrials == nil)
  }

  @Test func noTrialWithGivenCharacterNGramsOrAboveTheDocumentLimit() throws {
    let data = Self.endings(count: 60, seed: 9)
    var given = VectorizerConfiguration()
    given.characterNGrams = try NGramRange(lowerBound: 3, upperBound: 4)
    let (withGiven, kept) = try RegularizationSelection.chooseWithFeatureTrials(
      texts: data.texts, labels: data.labels, vectorizer: given, search: Self.search)
    #expect(withGiven.featureTrials == nil)
    #expect(kept == given)
    let (overLimit, words) = try RegularizationSelection.chooseWithFeatureTrials(
      texts: data.texts, labels: data.labels, search: Self.search, documentLimit: 59)
    #expect(overLimit.featureTrials == nil)
    #expect(words == VectorizerConfiguration())
    #expect(!overLimit.text.contains("character"))
  }
}
