import Classifier
import Foundation
import StanceKit
import StanceTestSupport
import Testing
import TextFeatures

/// The tune axes for negation and max-df, the `macro_recall` metric, grid progress, and
/// explanations without function words.
@Suite struct FeatureSelectionTests {
  /// Texts whose class only negation marking can tell.
  ///
  /// Class `up`: "not fall, rise …"; class `down`: "not rise, fall …". Every text has the
  /// same words, so unigrams cannot tell the classes apart; negation marking can
  /// (`NOT_fall` against `NOT_rise`).
  static let negated: (texts: [String], labels: [String]) = {
    var random = SplitMix64(seed: 5)
    var texts: [String] = []
    var labels: [String] = []
    for index in 0..<80 {
      let up = index % 2 == 0
      let filler = SelectionFixtures.filler[Int(random.next() % 12)]
      texts.append((up ? "not fall, rise " : "not rise, fall ") + filler)
      labels.append(up ? "up" : "down")
    }
    return (texts, labels)
  }()

  @Test func storedGridResultsHoldTheLexiconOnceAndReadItBack() throws {
    let (texts, labels) = Self.negated
    var grid = ParameterGrid(c: [1, 10], wordNGrams: [.unigrams])
    grid.lexiconUses = [false, true]
    var base = VectorizerConfiguration()
    base.lexicon = try Lexicon(
      name: "moves",
      entries: [.init(term: "rise", valence: 2), .init(term: "fall", valence: -2)])
    let result = try GridSearch.run(
      texts: texts, labels: labels, grid: grid, vectorizer: base,
      training: TrainingConfiguration(threads: 1),
      configuration: CrossValidationConfiguration(folds: 2, threads: 1))
    #expect(result.entries.count { $0.point.vectorizer.lexicon != nil } == 2)
    let encoded = try JSONEncoder().encode(result)
    let text = String(decoding: encoded, as: UTF8.self)
    // Four points, two of them with the lexicon: its entries are written once.
    #expect(text.components(separatedBy: "\"rise\"").count - 1 == 1)
    let decoded = try JSONDecoder().decode(GridSearchResult.self, from: encoded)
    #expect(decoded == result)
  }

  @Test func negationAxisFindsTheOnlySettingThatSeparatesTheClasses() throws {
    let (texts, labels) = Self.negated
    var grid = ParameterGrid(c: [10], wordNGrams: [.unigrams])
    grid.negations = [false, true]
    let result = try GridSearch.run(
      texts: texts, labels: labels, grid: grid, training: TrainingConfiguration(threads: 1),
      configuration: CrossValidationConfiguration(folds: 4, threads: 1),
      metric: .macroRecall)
    #expect(result.entries.count == 2)
    #expect(result.best.point.vectorizer.marksNegation)
    #expect(result.best.score.mean == 1)
    #expect(try #require(result.entries.last).score.mean < 0.75)
    #expect(result.best.point.description.hasSuffix(" negation=on"))
    // macro_recall is kept per fold and is what the ranking used.
    let recall = try #require(result.best.result.macroRecall)
    #expect(recall.mean == 1)
    #expect(try result.best.result.foldValues(.macroRecall) == [1, 1, 1, 1])
  }

  @Test func macroRecallIsAMetricSpelling() throws {
    let metric = try SelectionMetric(parsing: "macro_recall")
    #expect(metric == .macroRecall && metric.description == "macro_recall")
    #expect(!metric.lowerIsBetter)
  }

  @Test func unsetAxesKeepTheBaseSettingsAndSetAxesOverrideThem() throws {
    var base = VectorizerConfiguration()
    base.marksNegation = true
    base.maxDocumentFrequency = .fraction(0.8)
    let training = TrainingConfiguration(threads: 1)
    let plain = ParameterGrid(c: [1])
    #expect(plain.count == 1)
    let kept = try #require(plain.points(vectorizer: base, training: training).first)
    #expect(kept.vectorizer.marksNegation && kept.vectorizer.maxDocumentFrequency == .fraction(0.8))
    #expect(kept.description.hasSuffix(" max_df=0.8 negation=on"))

    var grid = ParameterGrid(c: [1, 2])
    grid.maxDocumentFrequencies = [.fraction(1), .fraction(0.5)]
    grid.negations = [false, true]
    #expect(grid.count == 8)
    let points = grid.points(vectorizer: VectorizerConfiguration(), training: training)
    #expect(points.count == 8)
    #expect(
      points.map { "\($0.vectorizer.maxDocumentFrequency) \($0.vectorizer.marksNegation)" }
        == [
          "1.0 false", "1.0 false", "1.0 true", "1.0 true", "0.5 false", "0.5 false",
          "0.5 true", "0.5 true",
        ])
    grid.negations = []
    #expect(throws: ModelSelectionError.self) {
      try grid.validate(vectorizer: VectorizerConfiguration(), training: training)
    }
  }

  @Test func progressIsReportedOncePerTaskInOrder() throws {
    let (texts, labels) = SelectionFixtures.wordOrder(count: 60, seed: 3)
    let grid = ParameterGrid(c: [1, 10], wordNGrams: [.unigrams, .unigramsAndBigrams])
    let reports = ProgressLog()
    _ = try GridSearch.run(
      texts: texts, labels: labels, grid: grid, training: TrainingConfiguration(threads: 1),
      configuration: CrossValidationConfiguration(folds: 3, threads: 2)
    ) { reports.append($0) }
    let all = reports.values
    #expect(all.map(\.completedTasks) == Array(1...6))
    #expect(all.allSatisfy { $0.totalTasks == 6 && $0.totalFits == 12 })
    #expect(all.map(\.completedFits) == [2, 4, 6, 8, 10, 12])
    #expect(all[1].secondsLeft(elapsed: 10) == 20)
    #expect(
      GridSearchProgress(completedTasks: 0, totalTasks: 6, completedFits: 0, totalFits: 12)
        .secondsLeft(elapsed: 3) == nil)
  }

  @Test func explanationsCanLeaveOutFunctionWords() throws {
    let texts = [
      "to the table with them", "to the front against them", "to the table for talks",
      "to the front for war",
    ]
    let labels = ["calm", "war", "calm", "war"]
    let pipeline = try Pipeline.fit(
      texts: texts, labels: labels, training: TrainingConfiguration(c: 10, threads: 1))
    let all = pipeline.explain("to the table", forClass: 0, count: 10).map(\.feature)
    let shown = pipeline.explain("to the table", forClass: 0, count: 10, hiding: .english)
      .map(\.feature)
    #expect(all.contains("to the") && all.contains("table"))
    #expect(shown == all.filter { $0 != "to" && $0 != "the" && $0 != "to the" })
    #expect(shown.contains("table") && shown.contains("the table"))
  }
}

/// Collects progress reports from whichever thread sends them.
private final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [GridSearchProgress] = []

  func append(_ report: GridSearchProgress) {
    lock.lock()
    defer { lock.unlock() }
    stored.append(report)
  }

  var values: [GridSearchProgress] {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
}
