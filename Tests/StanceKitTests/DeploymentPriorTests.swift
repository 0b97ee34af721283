import Classifier
import Evaluation
import Foundation
import LinearAlgebra
import StanceKit
import StanceSupport
import StanceTestSupport
import Testing
import TextFeatures

/// The deployment prior: parsing `--deployment-prior`, its factors, and a model file that
/// stores one and is read with its probabilities adjusted.
@Suite struct DeploymentPriorTests {
  static let shares = ["conciliatory": 0.1, "hawkish": 0.1, "neutral": 0.8]

  @Test func parsesLabelSharePairs() throws {
    let prior = try DeploymentPrior.parse(
      "neutral=0.8,hawkish=0.1,conciliatory=0.1", source: "test")
    #expect(prior.shares == Self.shares)
    #expect(prior.source == "test")
    #expect(
      prior.text(labels: ["conciliatory", "hawkish", "neutral"])
        == "conciliatory 0.1000, hawkish 0.1000, neutral 0.8000 (test)")
  }

  @Test func refusesMalformedShares() {
    #expect(throws: DeploymentPriorError.malformed("neutral")) {
      try DeploymentPrior.parse("neutral,hawkish=1", source: "")
    }
    #expect(throws: DeploymentPriorError.repeatedLabel("a")) {
      try DeploymentPrior.parse("a=0.5,a=0.5", source: "")
    }
    #expect(throws: DeploymentPriorError.invalidShare(label: "b", share: 0)) {
      try DeploymentPrior.parse("a=1,b=0", source: "")
    }
    #expect(throws: DeploymentPriorError.sumIsNotOne(0.9)) {
      try DeploymentPrior.parse("a=0.5,b=0.4", source: "")
    }
  }

  @Test func factorsAreSharesOverTrainingShares() throws {
    let prior = DeploymentPrior(shares: Self.shares, source: "")
    let factors = try prior.factors(
      labels: ["conciliatory", "hawkish", "neutral"], trainingPriors: [0.25, 0.25, 0.5])
    #expect(maxAbsoluteDifference(factors, [0.4, 0.4, 1.6]) < 1e-15)
    #expect(
      throws: DeploymentPriorError.labelsDiffer(
        prior: ["conciliatory", "hawkish", "neutral"], model: ["a", "b", "c"])
    ) {
      try prior.factors(labels: ["a", "b", "c"], trainingPriors: [0.3, 0.3, 0.4])
    }
  }

  @Test func aModelFileWithAPriorIsReadWithAdjustedProbabilities() throws {
    let (pipeline, plain) = try ModelFileFixtures.fitted(
      try ModelFileFixtures.vocabularySettings())
    var metadata = plain
    metadata.deploymentPrior = DeploymentPrior(shares: Self.shares, source: "test")
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("model.stance")
    try ModelFile.write(pipeline, metadata: metadata, to: path)
    let loaded = try ModelFile.read(path: path)

    #expect(loaded.metadata == metadata)
    // The fixture corpus has 30 examples of each class: training shares 1/3 each.
    let factors = [0.3, 0.3, 2.4]
    #expect(maxAbsoluteDifference(loaded.pipeline.priorFactors ?? [], factors) < 1e-12)
    let texts = ModelFileFixtures.heldOut
    let expected = PriorShift.adjust(pipeline.probabilities(texts), factors: factors)
    let got = loaded.pipeline.probabilities(texts)
    #expect(maxAbsoluteDifference(got.storage, expected.storage) < 1e-12)
    // An unknown-word text has the training shares; adjusted, the neutral share wins.
    #expect(loaded.pipeline.predict(["xyzzy plugh"]) == ["neutral"])
  }

  @Test func aPriorThatDoesNotFitTheLabelsMakesTheFileInconsistent() throws {
    let (pipeline, plain) = try ModelFileFixtures.fitted(
      try ModelFileFixtures.vocabularySettings())
    var metadata = plain
    metadata.deploymentPrior = DeploymentPrior(shares: ["a": 0.5, "b": 0.5], source: "")
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("model.stance")
    try ModelFile.write(pipeline, metadata: metadata, to: path)
    #expect {
      _ = try ModelFile.read(path: path)
    } throws: { error in
      guard case .inconsistent(_, let detail) = error as? ModelFileError else { return false }
      return detail.contains("are not the model's")
    }
  }
}
