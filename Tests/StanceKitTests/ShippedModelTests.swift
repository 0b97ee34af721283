import Classifier
import Foundation
import StanceKit
import StanceTestSupport
import Testing

/// The models in `models/`: they load, have the documented labels, reach on the test
/// split the metrics their cards report, and are reproduced by retraining.
@Suite struct ShippedModelTests {
  struct Shipped: Sendable, CustomStringConvertible {
    let name: String
    let corpus: String
    let labels: [String]
    var description: String { name }
  }

  static let models = [
    Shipped(
      name: "stance", corpus: "stance/quotes.csv", labels: ["conciliatory", "hawkish", "neutral"]),
    Shipped(
      name: "sentiment", corpus: "sentiment/sentences.csv",
      labels: ["negative", "neutral", "positive"]),
  ]

  private static func modelPath(_ name: String) -> String {
    Fixtures.repositoryRoot.appendingPathComponent("models/\(name).stance").path
  }

  @Test(arguments: models)
  func reachesTheMetricsOfItsCard(_ shipped: Shipped) throws {
    let (pipeline, metadata) = try ModelFile.read(path: Self.modelPath(shipped.name))
    #expect(pipeline.labels == shipped.labels)
    #expect(metadata.selection != nil)

    let test = try Dataset.read(
      path: Fixtures.data(shipped.corpus).path, filter: RowFilter(column: "split", values: ["test"])
    )
    let truth = test.labels.map { shipped.labels.firstIndex(of: $0) ?? -1 }
    let features = pipeline.features(test.texts)
    // The pipeline's labels: with a deployment prior they are the adjusted argmax.
    let scores = pipeline.model.decisionValues(features)
    let predicted = pipeline.predictions(
      decisionValues: scores, probabilities: pipeline.probabilities(decisionValues: scores))
    let accuracy = Double(zip(truth, predicted).filter { $0 == $1 }.count) / Double(truth.count)

    let card =
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: Fixtures.repositoryRoot.appendingPathComponent(
            "models/\(shipped.name).test.json"))) as? [String: Any]
    let recorded = try #require(card)
    #expect(recorded["n"] as? Int == test.examples.count)
    // Labels are discrete; the same model gives the same predictions on any BLAS.
    #expect(abs(accuracy - (recorded["accuracy"] as? Double ?? .nan)) <= 1e-6)
    var logLoss = 0.0
    let probabilities = pipeline.probabilities(features: features)
    for (row, label) in truth.enumerated() { logLoss -= log(probabilities[row, label]) }
    logLoss /= Double(truth.count)
    #expect(abs(logLoss - (recorded["log_loss"] as? Double ?? .nan)) <= 1e-6)

    // The card quotes these figures.
    let text = try String(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent(
        "models/\(shipped.name).MODEL_CARD.md"), encoding: .utf8)
    let macroF1 = recorded["macro_f1"] as? Double ?? .nan
    #expect(text.contains(String(format: "macro-F1 **%.4f**", macroF1)))
  }

  @Test(arguments: models)
  func retrainingReproducesTheModel(_ shipped: Shipped) throws {
    let path = Self.modelPath(shipped.name)
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let (pipeline, metadata) = try ModelFile.read(path: path)
    let selection = try #require(metadata.selection)
    let data = try Dataset.read(
      path: Fixtures.data(shipped.corpus).path,
      filter: RowFilter(column: "split", values: ["train", "dev"]))
    let retrained =
      if let calibration = metadata.calibration {
        try selection.fitBest(
          texts: data.texts, labels: data.labels, calibration: calibration.method
        ).pipeline
      } else {
        try selection.fitBest(texts: data.texts, labels: data.labels)
      }
    #expect(retrained.vectorizer == pipeline.vectorizer)
    // The shipped models use trust-region Newton, which calls no BLAS routine: the same
    // bytes under reference BLAS and OpenBLAS alike.
    #expect(retrained.model.weights.storage == pipeline.model.weights.storage)
    #expect(try ModelFile.encode(retrained, metadata: metadata) == bytes)
  }
}
