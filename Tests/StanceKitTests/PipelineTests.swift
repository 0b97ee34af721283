import Classifier
import Foundation
import StanceKit
import StanceTestSupport
import Testing

/// The whole chain, text to probabilities, against scikit-learn on the parity corpus.
///
/// `data/fixtures/parity/reference.json` holds what `TfidfVectorizer(ngram_range=(1, 2))`
/// followed by `LogisticRegression(C=1.0)` gives on the same CSV files (written by
/// `Benchmarks/peers/sklearn_parity.py`). Here StanceKit reads the CSV itself, tokenises,
/// vectorises and trains, so the test covers the reader, the tokenizer, the vocabulary,
/// tf-idf and the solver together.
@Suite struct PipelineTests {
  private struct Reference: Decodable {
    struct Model: Decodable {
      let intercept: [Double]
      let testProbabilities: [[Double]]

      enum CodingKeys: String, CodingKey {
        case intercept
        case testProbabilities = "test_probabilities"
      }
    }
    let labels: [String]
    let vocabulary: [String]
    let models: [String: Model]
  }

  private static func dataset(_ name: String) throws -> Dataset {
    try Dataset.read(path: Fixtures.data("fixtures/parity/\(name)").path)
  }

  @Test(arguments: [(ClassWeighting.none, "C1"), (.balanced, "C1_balanced")])
  func probabilitiesMatchScikitLearnFromRawText(weighting: ClassWeighting, model: String) throws {
    let reference = try JSONDecoder().decode(
      Reference.self, from: Fixtures.contents(of: "fixtures/parity/reference.json"))
    let expected = try #require(reference.models[model])
    let train = try Self.dataset("train.csv")
    let test = try Self.dataset("test.csv")

    let pipeline = try Pipeline.fit(
      texts: train.texts, labels: train.labels,
      training: TrainingConfiguration(
        c: 1, classWeighting: weighting, tolerance: 1e-10, maximumIterations: 10_000))
    #expect(pipeline.labels == reference.labels)
    #expect(pipeline.vectorizer.featureCount == reference.vocabulary.count)
    #expect(pipeline.report.stopReason == .converged)
    // Float32 feature values against sklearn's float64 ones: differences of order 1e-7.
    #expect(maxAbsoluteDifference(pipeline.model.intercepts, expected.intercept) <= 1e-4)
    let probabilities = pipeline.probabilities(test.texts)
    #expect(
      maxAbsoluteDifference(probabilities.storage, expected.testProbabilities.flatMap { $0 })
        <= 1e-4)
  }

  @Test func predictsAndExplainsWithFeatureNames() throws {
    let train = try Self.dataset("train.csv")
    let pipeline = try Pipeline.fit(texts: train.texts, labels: train.labels)
    let text = "We will retaliate with force if the blockade is not lifted."
    let predicted = try #require(pipeline.predict([text]).first)
    let classIndex = try #require(pipeline.labels.firstIndex(of: predicted))
    let explanation = pipeline.explain(text, forClass: classIndex, count: 3)
    #expect(explanation.count == 3)
    #expect(explanation.map(\.contribution) == explanation.map(\.contribution).sorted(by: >))
    // Each contribution is exactly the feature's weight for the class times its value in
    // this text's row.
    let row = pipeline.features([text])
    for item in explanation {
      let column = try #require(
        (0..<pipeline.vectorizer.featureCount).first {
          pipeline.vectorizer.featureName(at: $0) == item.feature
        })
      let expected = pipeline.model.weights[column, classIndex] * Double(row[0, column])
      #expect(item.contribution == expected, "\(item.feature)")
    }
    // The scores that explanations decompose add up to the decision value.
    let all = pipeline.explain(text, forClass: classIndex, count: .max)
    let decision = pipeline.model.decisionValues(row)[0, classIndex]
    let total = all.reduce(pipeline.model.intercepts[classIndex]) { $0 + $1.contribution }
    #expect(isClose(total, decision, tolerance: 1e-12))
  }

  @Test func unseenWordsGiveTheInterceptOnlyPrediction() throws {
    let train = try Self.dataset("train.csv")
    let pipeline = try Pipeline.fit(texts: train.texts, labels: train.labels)
    let probabilities = pipeline.probabilities(["zzyzx qwvk", "", "!!! ???"])
    let intercepts = pipeline.model.intercepts
    let largest = intercepts.max() ?? 0
    let total = intercepts.reduce(0) { $0 + exp($1 - largest) }
    let softmax = intercepts.map { exp($0 - largest) / total }
    for row in 0..<3 {
      #expect(maxAbsoluteDifference(probabilities.row(row), softmax) <= 1e-12)
    }
  }

  @Test func bothSolversReachTheSameOptimum() throws {
    let train = try Self.dataset("train.csv")
    for weighting in [ClassWeighting.none, .balanced] {
      let objectives = try [Solver.lbfgs, .newton].map { solver in
        try Pipeline.fit(
          texts: train.texts, labels: train.labels,
          training: TrainingConfiguration(
            solver: solver, classWeighting: weighting, tolerance: 1e-10,
            maximumIterations: 10_000)
        ).report.finalObjective
      }
      // The brief's bar: the same objective to 1e-8 relative.
      #expect(isClose(objectives[0], objectives[1], tolerance: 1e-8))
    }
  }

  @Test func codableRoundTripAndWidthCheck() throws {
    let train = try Self.dataset("train.csv")
    let pipeline = try Pipeline.fit(
      texts: Array(train.texts.prefix(60)), labels: Array(train.labels.prefix(60)))
    let data = try JSONEncoder().encode(pipeline)
    let decoded = try JSONDecoder().decode(Pipeline.self, from: data)
    #expect(decoded == pipeline)

    // A model narrower than its vectorizer is refused at decoding, not at prediction.
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var model = try #require(object["model"] as? [String: Any])
    var weights = try #require(model["weights"] as? [String: Any])
    let columns = try #require(weights["columns"] as? Int)
    weights["rows"] = 1
    weights["storage"] = [Double](repeating: 0, count: columns)
    model["weights"] = weights
    object["model"] = model
    let narrowed = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Pipeline.self, from: narrowed) }
  }

  @Test func mismatchedLabelsAreRefused() {
    #expect(throws: PipelineError.self) {
      try Pipeline.fit(texts: ["a", "b"], labels: ["x"])
    }
    do {
      _ = try Pipeline.fit(texts: ["a", "b"], labels: ["x"])
    } catch {
      #expect(error.description == "2 texts but 1 labels; every text needs exactly one label")
    }
  }

  @Test func oneClassIsATrainingError() throws {
    do {
      _ = try Pipeline.fit(texts: ["a b", "b c"], labels: ["x", "x"])
      Issue.record("training on one class must fail")
    } catch {
      guard case .training = error else {
        Issue.record("expected a training error, got \(error)")
        return
      }
    }
  }
}
