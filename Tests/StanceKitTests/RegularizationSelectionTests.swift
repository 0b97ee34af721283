import Classifier
import Evaluation
import StanceKit
import StanceTestSupport
import Testing
import TextFeatures

@Suite struct RegularizationSelectionTests {
  static let data = SelectionFixtures.noisy(count: 240, noise: 0.3, seed: 5)
  static let search = RegularizationSearch(path: [0.01, 0.1, 1, 10, 100, 1000], folds: 3, seed: 1)

  @Test func chosenPointIsTheBestScoredAndEachWalkEndsPastALocalBest() throws {
    let choice = try RegularizationSelection.run(
      texts: Self.data.texts, labels: Self.data.labels, search: Self.search)
    #expect(choice.fallback == nil)
    #expect(!choice.grouped)
    let best = try #require(choice.points.min { $0.score.mean < $1.score.mean })
    #expect(choice.c == best.c && choice.classWeighting == best.classWeighting)
    let path = Self.search.path
    for weighting in [ClassWeighting.none, .balanced] {
      let walk = choice.points.filter { $0.classWeighting == weighting }
      // Three equal classes: balanced weights are not tried.
      #expect(walk.isEmpty == (weighting == .balanced))
      if walk.isEmpty { continue }
      let positions = walk.compactMap { point in path.firstIndex(of: point.c) }.sorted()
      #expect(positions.count == walk.count)
      // The walk covers neighbouring values of the path, none twice.
      #expect(positions == Array((positions.first ?? 0)...(positions.last ?? 0)))
      // Its best point is inside: each end is a path end or no better than its neighbour.
      let mean = Dictionary(uniqueKeysWithValues: walk.map { ($0.c, $0.score.mean) })
      if let low = positions.first, low > 0, positions.count > 1 {
        #expect(mean[path[low]] ?? 0 >= mean[path[low + 1]] ?? 0)
      }
      if let high = positions.last, high < path.count - 1, positions.count > 1 {
        #expect(mean[path[high]] ?? 0 >= mean[path[high - 1]] ?? 0)
      }
    }
    // The first walk starts at C = 1.
    #expect(choice.points.first?.c == 1)
    // 30% label noise: the largest C overfits, so no walk reaches it.
    #expect(!choice.points.contains { $0.c == 1000 })
  }

  @Test func balancedWeightsAreTriedForImbalancedClassesOnly() throws {
    // Drop two thirds of the `against` rows: the largest class is then 3× the smallest.
    var texts: [String] = []
    var labels: [String] = []
    var against = 0
    for (index, label) in Self.data.labels.enumerated() {
      if label == "against" {
        against += 1
        if against % 3 != 0 { continue }
      }
      texts.append(Self.data.texts[index])
      labels.append(label)
    }
    let choice = try RegularizationSelection.run(texts: texts, labels: labels, search: Self.search)
    #expect(choice.points.contains { $0.classWeighting == .balanced })
    // A lone weighting is always tried, balanced classes or not.
    var onlyBalanced = Self.search
    onlyBalanced.classWeightings = [.balanced]
    let forced = try RegularizationSelection.run(
      texts: Self.data.texts, labels: Self.data.labels, search: onlyBalanced)
    #expect(forced.classWeighting == .balanced)
    #expect(forced.points.allSatisfy { $0.classWeighting == .balanced })
  }

  @Test func theSameInputsGiveTheSameChoiceForAnyThreadCount() throws {
    var one = TrainingConfiguration()
    one.threads = 1
    var two = TrainingConfiguration()
    two.threads = 2
    let a = try RegularizationSelection.run(
      texts: Self.data.texts, labels: Self.data.labels, training: one, search: Self.search)
    let b = try RegularizationSelection.run(
      texts: Self.data.texts, labels: Self.data.labels, training: two, search: Self.search)
    #expect(a == b)
  }

  @Test func tooFewExamplesKeepTheDefaultsAndSayWhy() throws {
    let choice = try RegularizationSelection.choose(
      texts: ["we will strike", "let us talk", "we attack now", "talks resume"],
      labels: ["hawkish", "conciliatory", "hawkish", "conciliatory"], search: Self.search)
    #expect(choice.points.isEmpty)
    #expect(choice.c == 1 && choice.classWeighting == .none)
    #expect(choice.fallback != nil)
    #expect(choice.text.contains("defaults kept"))
  }

  @Test func tooFewGroupsFallBackToStratifiedFolds() throws {
    let groups = Self.data.texts.indices.map { "speaker\($0 % 2)" }
    let choice = try RegularizationSelection.choose(
      texts: Self.data.texts, labels: Self.data.labels, groups: groups, search: Self.search)
    #expect(choice.fallback == nil)
    #expect(!choice.grouped)
  }

  @Test func trainingPriorsFollowTheClassWeighting() throws {
    let data = TrainingDataSummary(
      documentCount: 4, classCounts: ["a": 1, "b": 3], fingerprint: 0)
    var training = TrainingConfiguration()
    let plain = ModelMetadata(training: training, data: data)
    #expect(maxAbsoluteDifference(plain.trainingPriors(labels: ["a", "b"]), [0.25, 0.75]) < 1e-15)
    training.classWeighting = .balanced
    let balanced = ModelMetadata(training: training, data: data)
    #expect(
      maxAbsoluteDifference(balanced.trainingPriors(labels: ["a", "b"]), [0.5, 0.5]) < 1e-15)
    training.classWeighting = .explicit(["a": 6])
    let explicit = ModelMetadata(training: training, data: data)
    #expect(
      maxAbsoluteDifference(explicit.trainingPriors(labels: ["a", "b"]), [2.0 / 3, 1.0 / 3]) < 1e-15
    )
  }

  @Test func adaptingAPipelineToItsOwnMeanSharesChangesNoLabel() throws {
    let pipeline = try Pipeline.fit(texts: Self.data.texts, labels: Self.data.labels)
    let metadata = ModelMetadata(
      training: TrainingConfiguration(),
      data: try TrainingDataSummary(texts: Self.data.texts, labels: Self.data.labels))
    let priors = metadata.trainingPriors(labels: pipeline.labels)
    let adapted = try pipeline.adaptedToPrior(texts: Self.data.texts, trainingPriors: priors)
    #expect(adapted.estimate.converged)
    // The pipeline's own training texts have shares near its training priors.
    #expect(maxAbsoluteDifference(adapted.estimate.priors, priors) < 0.05)
    #expect(adapted.pipeline.withPriorFactors(nil) == pipeline)
    let same = pipeline.withPriorFactors([1, 1, 1])
    #expect(same.predict(Self.data.texts) == pipeline.predict(Self.data.texts))
    #expect(
      maxAbsoluteDifference(
        same.probabilities(Self.data.texts).storage, pipeline.probabilities(Self.data.texts).storage
      )
        < 1e-12)
  }
}
