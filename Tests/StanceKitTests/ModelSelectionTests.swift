import Classifier
import Evaluation
import Foundation
import StanceKit
import StanceTestSupport
import Testing
import TextFeatures

/// Generated corpora whose best settings are known.
enum SelectionFixtures {
  static let filler = [
    "the", "a", "we", "they", "said", "today", "market", "talks", "plan", "policy", "new", "vote",
  ]

  /// Class `up` contains the bigram "rates rise", class `down` the bigram "rise rates"; both
  /// use the same words, so unigrams cannot tell them apart and bigrams can.
  static func wordOrder(count: Int, seed: UInt64) -> (texts: [String], labels: [String]) {
    var random = SplitMix64(seed: seed)
    var texts: [String] = []
    var labels: [String] = []
    for index in 0..<count {
      var words = (0..<6).map { _ in filler[Int(random.next() % UInt64(filler.count))] }
      let up = index % 2 == 0
      let position = Int(random.next() % 5)
      words.insert(contentsOf: up ? ["rates", "rise"] : ["rise", "rates"], at: position)
      texts.append(words.joined(separator: " "))
      labels.append(up ? "up" : "down")
    }
    return (texts, labels)
  }

  /// Three classes, each with its own cue word, and a `noise` fraction of labels replaced
  /// at random: a huge C makes such a model over-confident.
  static func noisy(count: Int, noise: Double, seed: UInt64) -> (texts: [String], labels: [String])
  {
    var random = SplitMix64(seed: seed)
    let classes = ["against", "favor", "none"]
    let cues = ["oppose", "support", "maybe"]
    var texts: [String] = []
    var labels: [String] = []
    for index in 0..<count {
      let k = index % 3
      var words = (0..<5).map { _ in filler[Int(random.next() % UInt64(filler.count))] }
      words.append("w\(random.next() % 400)")
      words.insert(cues[k], at: Int(random.next() % 5))
      texts.append(words.joined(separator: " "))
      labels.append(random.nextUnit() < noise ? classes[Int(random.next() % 3)] : classes[k])
    }
    return (texts, labels)
  }

  /// Speakers: each speaker says four quotes with one label.
  static func speakers(count: Int) -> [String] {
    (0..<count).map { "speaker\(($0 / 2) % (count / 8) * 2 + $0 % 2)" }
  }
}

@Suite struct CrossValidationTests {
  static let data = SelectionFixtures.wordOrder(count: 120, seed: 7)

  @Test func foldsAreStratifiedDisjointAndCoverEveryRow() throws {
    let labels = Self.data.labels + Array(repeating: "flat", count: 23)
    let folds = try CrossValidation.folds(
      labels: labels, configuration: CrossValidationConfiguration(folds: 5, seed: 3))
    #expect(folds.count == 5)
    var seen = [Int](repeating: 0, count: labels.count)
    for fold in folds {
      for row in fold.test { seen[row] += 1 }
      #expect(Set(fold.training).isDisjoint(with: fold.test))
      #expect(fold.training.count + fold.test.count == labels.count)
    }
    #expect(seen.allSatisfy { $0 == 1 })
    for label in ["up", "down", "flat"] {
      let counts = folds.map { fold in fold.test.filter { labels[$0] == label }.count }
      #expect((counts.max() ?? 0) - (counts.min() ?? 0) <= 1, "\(label): \(counts)")
    }
  }

  @Test func groupedFoldsNeverSplitAGroup() throws {
    let labels = Self.data.labels
    let groups = SelectionFixtures.speakers(count: labels.count)
    let folds = try CrossValidation.folds(
      labels: labels, groups: groups, configuration: CrossValidationConfiguration(folds: 4))
    var foldOfGroup: [String: Int] = [:]
    var seen = [Int](repeating: 0, count: labels.count)
    for (index, fold) in folds.enumerated() {
      #expect(!fold.test.isEmpty)
      for row in fold.test {
        seen[row] += 1
        #expect(foldOfGroup[groups[row], default: index] == index)
        foldOfGroup[groups[row]] = index
      }
    }
    #expect(seen.allSatisfy { $0 == 1 })
    // 30 groups of 4 and two balanced classes: every fold holds both classes.
    for fold in folds {
      #expect(Set(fold.test.map { labels[$0] }).count == 2)
    }
  }

  @Test func fewerGroupsThanFoldsIsATypedError() {
    let labels = ["a", "b", "a", "b", "a", "b"]
    let groups = ["x", "x", "y", "y", "z", "z"]
    #expect {
      _ = try CrossValidation.folds(
        labels: labels, groups: groups, configuration: CrossValidationConfiguration(folds: 4))
    } throws: { error in
      guard case .folds(.fewerGroupsThanFolds(groups: 3, folds: 4)) = error as? ModelSelectionError
      else { return false }
      return true
    }
  }

  @Test func sameSeedSameFoldsOtherSeedOtherFolds() throws {
    let labels = Self.data.labels
    let groups = SelectionFixtures.speakers(count: labels.count)
    for grouping in [nil, groups] {
      let a = try CrossValidation.folds(
        labels: labels, groups: grouping, configuration: CrossValidationConfiguration(seed: 1))
      let b = try CrossValidation.folds(
        labels: labels, groups: grouping, configuration: CrossValidationConfiguration(seed: 1))
      let c = try CrossValidation.folds(
        labels: labels, groups: grouping, configuration: CrossValidationConfiguration(seed: 2))
      #expect(a == b)
      #expect(a != c)
    }
  }

  @Test func resultsDoNotDependOnTheThreadCount() throws {
    let (texts, labels) = Self.data
    let groups = SelectionFixtures.speakers(count: labels.count)
    func run(_ threads: Int) throws -> CrossValidationResult {
      try CrossValidation.run(
        texts: texts, labels: labels, groups: groups,
        training: TrainingConfiguration(c: 3, threads: 1),
        configuration: CrossValidationConfiguration(folds: 4, seed: 5, threads: threads))
    }
    let one = try run(1)
    let two = try run(2)
    #expect(one == two)
    #expect(one.folds.count == 4)
    // Bigrams separate the classes (a test bigram can be unseen in a small grouped fold).
    #expect(one.accuracy.mean > 0.95)
    #expect(one.labelF1.count == 2)
  }

  @Test func summariesAreMeanAndPopulationDeviation() throws {
    let (texts, labels) = Self.data
    let result = try CrossValidation.run(
      texts: texts, labels: labels, vectorizer: VectorizerConfiguration(wordNGrams: .unigrams),
      configuration: CrossValidationConfiguration(folds: 3, threads: 1))
    let values = result.folds.map(\.logLoss)
    let mean = values.reduce(0, +) / 3
    let deviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
    #expect(isClose(result.logLoss.mean, mean, tolerance: 1e-12))  // same sums, reordered at most
    #expect(isClose(result.logLoss.standardDeviation, deviation, tolerance: 1e-12))
    // `f1:up,down` is the mean of the two labels' F1, fold by fold.
    let perFold = try result.foldValues(.f1(labels: ["up", "down"]))
    for (fold, value) in zip(result.folds, perFold) {
      #expect(isClose(value, (fold.labelF1[0] + fold.labelF1[1]) / 2, tolerance: 1e-15))
    }
    #expect(throws: ModelSelectionError.self) { try result.score(.f1(labels: ["sideways"])) }
    let json = try JSONEncoder().encode(result)
    #expect(try JSONDecoder().decode(CrossValidationResult.self, from: json) == result)
    #expect(result.text.contains("macro_f1"))
  }

  @Test(arguments: ["macro_f1", "accuracy", "log_loss", "weighted_f1", "f1:against,favor"])
  func metricSpellingsRoundTrip(spelling: String) throws {
    #expect(try SelectionMetric(parsing: spelling).description == spelling)
  }

  @Test func unknownMetricIsRejected() {
    #expect(throws: ModelSelectionError.self) { try SelectionMetric(parsing: "auc") }
    #expect(throws: ModelSelectionError.self) { try SelectionMetric(parsing: "f1:") }
  }
}

@Suite struct GridSearchTests {
  static let data = SelectionFixtures.wordOrder(count: 120, seed: 11)

  @Test func picksBigramsWhenOnlyWordOrderSeparatesTheClasses() throws {
    let (texts, labels) = Self.data
    let grid = ParameterGrid(c: [1, 10], wordNGrams: [.unigrams, .unigramsAndBigrams])
    let result = try GridSearch.run(
      texts: texts, labels: labels, grid: grid, training: TrainingConfiguration(threads: 1),
      configuration: CrossValidationConfiguration(folds: 4, threads: 2))
    #expect(result.entries.count == 4)
    #expect(result.best.point.vectorizer.wordNGrams == .unigramsAndBigrams)
    #expect(result.best.score.mean == 1)
    // Unigrams see the same words in both classes: no better than chance.
    let unigram = try #require(result.entries.last)
    #expect(unigram.point.vectorizer.wordNGrams == .unigrams)
    #expect(unigram.score.mean < 0.75)
    // Shared work: 4 folds × 2 vectorizer settings, not 4 × 4.
    #expect(result.work.vectorizerFits == 8)
    #expect(result.work.naiveVectorizerFits == 16)
    #expect(result.work.modelFits == 16)
    #expect(result.work.warmStartedFits == 8)
  }

  @Test func logLossRanksATinyCLast() throws {
    let (texts, labels) = Self.data
    let grid = ParameterGrid(c: [10, 1e-4, 1])
    let result = try GridSearch.run(
      texts: texts, labels: labels, grid: grid, training: TrainingConfiguration(threads: 1),
      configuration: CrossValidationConfiguration(folds: 3, threads: 1), metric: .logLoss)
    #expect(result.entries.map(\.point.training.c) == [10, 1, 1e-4])
    let scores = result.entries.map(\.score.mean)
    #expect(scores == scores.sorted())
    // C = 1e-4 barely moves from the uniform prediction, log loss ≈ ln 2.
    #expect(isClose(scores[2], log(2.0), tolerance: 1e-2))
  }

  @Test func fitBestEqualsPipelineFitWithTheChosenSettings() throws {
    let (texts, labels) = Self.data
    let grid = ParameterGrid(
      c: [0.5, 4], wordNGrams: [.unigrams, .unigramsAndBigrams],
      classWeightings: [.none, .balanced])
    let training = TrainingConfiguration(threads: 1)
    let result = try GridSearch.run(
      texts: texts, labels: labels, grid: grid, training: training,
      configuration: CrossValidationConfiguration(folds: 3, threads: 2))
    let tuned = try result.fitBest(texts: texts, labels: labels)
    let trained = try Pipeline.fit(
      texts: texts, labels: labels, vectorizer: result.best.point.vectorizer,
      training: result.best.point.training)
    #expect(tuned == trained)
    #expect(result.best.point.training.threads == 1)
    let json = try JSONEncoder().encode(result)
    #expect(try JSONDecoder().decode(GridSearchResult.self, from: json) == result)
    #expect(result.text.contains("best: C="))
  }

  @Test func warmStartedScoresMatchColdStartedOnes() throws {
    let (texts, labels) = SelectionFixtures.noisy(count: 150, noise: 0.2, seed: 4)
    let grid = ParameterGrid(c: [0.3, 1, 3])
    func run(warm: Bool) throws -> GridSearchResult {
      try GridSearch.run(
        texts: texts, labels: labels, grid: grid,
        training: TrainingConfiguration(tolerance: 1e-9, threads: 1),
        configuration: CrossValidationConfiguration(folds: 3, threads: 1, warmStarts: warm))
    }
    let warm = try run(warm: true)
    let cold = try run(warm: false)
    #expect(warm.work.warmStartedFits == 6)
    #expect(cold.work.warmStartedFits == 0)
    for (a, b) in zip(warm.entries, cold.entries) {
      #expect(a.index == b.index)
      // At a relative gradient tolerance of 1e-9 both optima agree to far below 1e-6.
      #expect(isClose(a.result.logLoss.mean, b.result.logLoss.mean, tolerance: 1e-6))
      #expect(a.result.accuracy == b.result.accuracy)
    }
  }

  @Test func emptyAxisAndUnknownMetricLabelAreRejected() {
    let (texts, labels) = Self.data
    #expect(throws: ModelSelectionError.self) {
      try GridSearch.run(texts: texts, labels: labels, grid: ParameterGrid(c: []))
    }
    #expect(throws: ModelSelectionError.self) {
      try GridSearch.run(
        texts: texts, labels: labels, grid: ParameterGrid(), metric: .f1(labels: ["favor"]))
    }
  }
}

@Suite struct CalibrationTests {
  @Test(arguments: [
    CalibrationMethod.heldOut(fraction: 0.3, seed: 2), .crossValidation(folds: 3, seed: 2),
  ])
  func temperatureLowersHeldOutLogLossAndKeepsLabels(method: CalibrationMethod) throws {
    let train = SelectionFixtures.noisy(count: 600, noise: 0.35, seed: 21)
    let test = SelectionFixtures.noisy(count: 600, noise: 0.35, seed: 22)
    let training = TrainingConfiguration(c: 1e4, threads: 1)
    let (calibrated, report) = try Pipeline.fitCalibrated(
      texts: train.texts, labels: train.labels, training: training, method: method)
    #expect(report.fit.temperature > 1)  // an over-confident model is softened
    #expect(report.fit.logLossAfter < report.fit.logLossBefore)
    let raw = try calibrated.withTemperature(1)
    #expect(raw.temperature == 1)
    func logLoss(_ pipeline: Pipeline) throws -> Double {
      let truth = test.labels.compactMap { pipeline.labels.firstIndex(of: $0) }
      return try ProbabilisticMetrics.logLoss(
        probabilities: pipeline.probabilities(test.texts), truth: truth)
    }
    #expect(try logLoss(calibrated) < logLoss(raw) - 0.05)
    #expect(calibrated.predict(test.texts) == raw.predict(test.texts))
  }

  @Test func decodingWithoutTemperatureGivesOne() throws {
    let (texts, labels) = SelectionFixtures.wordOrder(count: 40, seed: 1)
    let pipeline = try Pipeline.fit(
      texts: texts, labels: labels, training: TrainingConfiguration(threads: 1))
    let warmer = try pipeline.withTemperature(2.5)
    let decoded = try JSONDecoder().decode(Pipeline.self, from: JSONEncoder().encode(warmer))
    #expect(decoded == warmer)
    var object = try #require(
      JSONSerialization.jsonObject(with: JSONEncoder().encode(pipeline)) as? [String: Any])
    object["temperature"] = nil
    let legacy = try JSONDecoder().decode(
      Pipeline.self, from: JSONSerialization.data(withJSONObject: object))
    #expect(legacy.temperature == 1)
    #expect(legacy == pipeline)
    #expect(throws: PipelineError.self) { try pipeline.withTemperature(0) }
  }
}
