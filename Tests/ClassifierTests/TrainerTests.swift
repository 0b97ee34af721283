import Classifier
import Foundation
import LinearAlgebra
import StanceTestSupport
import Testing

@Suite("Trainer")
struct TrainerTests {
  static let names3 = ["a", "b", "c"]

  static func train(
    _ features: SparseMatrix, _ labels: [Int], names: [String] = names3,
    _ configuration: TrainingConfiguration
  ) throws -> (model: LogisticModel, report: OptimizationReport) {
    try Trainer(configuration: configuration).train(
      features: features, labels: labels, labelNames: names)
  }

  /// The objective of a trained model, recomputed by the loss (intercept centring does not
  /// change it).
  static func objective(
    of model: LogisticModel, _ features: SparseMatrix, _ labels: [Int], c: Double
  ) -> Double {
    var loss = MultinomialLogisticLoss(
      features: features, labels: labels,
      sampleWeights: [Double](repeating: 1, count: labels.count), c: c,
      classCount: model.classCount, threads: 1)
    let point = model.weights.storage + model.intercepts
    var gradient = point
    return loss.valueAndGradient(at: point, gradient: &gradient)
  }

  @Test("L-BFGS and Newton reach the same optimum")
  func solversAgree() throws {
    let (features, labels) = SyntheticData.problem(
      rows: 300, columns: 40, classes: 3, density: 0.2, seed: 1)
    let lbfgs = try Self.train(
      features, labels, TrainingConfiguration(tolerance: 1e-10, threads: 1))
    let newton = try Self.train(
      features, labels, TrainingConfiguration(solver: .newton, tolerance: 1e-10, threads: 1))
    #expect(lbfgs.report.stopReason == .converged)
    #expect(newton.report.stopReason == .converged)
    // f − f* ≈ ½‖g‖²/λ: at 1e-10 relative gradient both are within ~1e-16 of f*.
    #expect(isClose(lbfgs.report.finalObjective, newton.report.finalObjective, tolerance: 1e-8))
    // ‖Δw‖ ≤ ‖g‖/λ_min with λ_min ≥ 1 for W; intercepts are better conditioned here.
    #expect(
      maxAbsoluteDifference(lbfgs.model.weights.storage, newton.model.weights.storage) <= 1e-6)
    #expect(maxAbsoluteDifference(lbfgs.model.intercepts, newton.model.intercepts) <= 1e-6)
    // The report's objective is the model's.
    #expect(
      isClose(
        Self.objective(of: lbfgs.model, features, labels, c: 1), lbfgs.report.finalObjective,
        tolerance: 1e-12))
  }

  @Test("intercepts are centred", arguments: [Solver.lbfgs, .newton])
  func centred(solver: Solver) throws {
    let (features, labels) = SyntheticData.problem(
      rows: 120, columns: 10, classes: 4, density: 0.3, seed: 2)
    let (model, _) = try Self.train(
      features, labels, names: ["a", "b", "c", "d"],
      TrainingConfiguration(solver: solver, threads: 1))
    #expect(abs(model.intercepts.reduce(0, +)) <= 1e-12)
  }

  @Test(
    "every thread count gives the bit-identical model and report",
    arguments: [Solver.lbfgs, .newton])
  func threads(solver: Solver) throws {
    let (features, labels) = SyntheticData.problem(
      rows: 400, columns: 30, classes: 3, density: 0.25, seed: 3)
    let one = try Self.train(
      features, labels, TrainingConfiguration(solver: solver, tolerance: 1e-10, threads: 1))
    let two = try Self.train(
      features, labels, TrainingConfiguration(solver: solver, tolerance: 1e-10, threads: 2))
    let twoAgain = try Self.train(
      features, labels, TrainingConfiguration(solver: solver, tolerance: 1e-10, threads: 2))
    #expect(one.model == two.model)
    #expect(one.report == two.report)
    #expect(two.model == twoAgain.model)
    #expect(two.report == twoAgain.report)
  }

  @Test("the progress handler sees every iteration")
  func progress() throws {
    let (features, labels) = SyntheticData.problem(
      rows: 100, columns: 10, classes: 3, density: 0.3, seed: 4)
    var iterations: [Int] = []
    let (_, report) = try Trainer(configuration: TrainingConfiguration(threads: 1)).train(
      features: features, labels: labels, labelNames: Self.names3
    ) { iterations.append($0.iteration) }
    #expect(iterations == Array(1...report.iterations))
  }

  // MARK: - No NaN, no infinity

  @Test("separable data with C = 1e6 stays finite", arguments: [Solver.lbfgs, .newton])
  func separable(solver: Solver) throws {
    // Feature k is present exactly in the rows of class k: perfectly separable.
    var builder = SparseMatrix.Builder(columnCount: 4)
    var labels: [Int] = []
    for row in 0..<60 {
      let label = row % 3
      builder.appendRow(columns: [Int32(label), 3], values: [1, 0.5])
      labels.append(label)
    }
    let features = builder.build()
    let (model, report) = try Self.train(
      features, labels,
      TrainingConfiguration(
        c: 1e6, solver: solver, tolerance: 1e-12, maximumIterations: 300, threads: 1))
    // Any stop but a non-finite one (which would have thrown): here the optimum is at large
    // but finite weights, since the penalty still binds.
    #expect(report.stopReason != .nonFiniteValue)
    #expect(report.finalObjective.isFinite)
    #expect(report.finalGradientNorm.isFinite)
    #expect(model.weights.storage.allSatisfy { $0.isFinite })
    #expect(model.intercepts.allSatisfy { $0.isFinite })
    #expect(model.predictions(features) == labels)
    let probabilities = model.probabilities(features)
    #expect(probabilities.storage.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
  }

  @Test("empty rows train and predict the intercept-only probabilities")
  func emptyRows() throws {
    var generator = SplitMix64(seed: 5)
    let features = SyntheticData.sparseMatrix(
      rows: 90, columns: 12, density: 0.3, emptyRows: Array(stride(from: 0, to: 90, by: 9)),
      generator: &generator)
    let labels = (0..<90).map { $0 % 3 }
    let (model, report) = try Self.train(features, labels, TrainingConfiguration(threads: 1))
    #expect(report.stopReason == .converged)
    // A row of only unseen words reaches the model as an empty row or explicit zeros.
    var builder = SparseMatrix.Builder(columnCount: 12)
    builder.appendEmptyRow()
    builder.appendRow(columns: [4, 7], values: [0, 0])
    let probabilities = model.probabilities(builder.build())
    let b = model.intercepts
    let total = b.map { exp($0) }.reduce(0, +)
    let expected = b.map { exp($0) / total }
    #expect(maxAbsoluteDifference(probabilities.row(0), expected) <= 1e-15)
    #expect(probabilities.row(1) == probabilities.row(0))
  }

  @Test("a model narrower input (fewer columns) is accepted")
  func narrowerInput() throws {
    let (features, labels) = SyntheticData.problem(
      rows: 60, columns: 8, classes: 3, density: 0.3, seed: 6)
    let (model, _) = try Self.train(features, labels, TrainingConfiguration(threads: 1))
    var builder = SparseMatrix.Builder(columnCount: 5)
    builder.appendRow(columns: [1, 4], values: [1, 1])
    let expected = (0..<3).map {
      model.intercepts[$0] + model.weights[1, $0] + model.weights[4, $0]
    }
    #expect(maxAbsoluteDifference(model.decisionValues(builder.build()).row(0), expected) <= 1e-15)
  }

  @Test("a single feature", arguments: [Solver.lbfgs, .newton])
  func singleFeature(solver: Solver) throws {
    var builder = SparseMatrix.Builder(columnCount: 1)
    var labels: [Int] = []
    for row in 0..<50 {
      builder.appendRow(columns: [0], values: [Float(row) / 10])
      labels.append(row < 20 ? 0 : 1)
    }
    let (model, report) = try Self.train(
      builder.build(), labels, names: ["low", "high"],
      TrainingConfiguration(solver: solver, tolerance: 1e-8, threads: 1))
    #expect(report.stopReason == .converged)
    #expect(model.weights.rows == 1)
    // The symmetric two-class parametrisation: W[0,0] = −W[0,1] at the optimum.
    #expect(abs(model.weights[0, 0] + model.weights[0, 1]) <= 1e-6)
    #expect(model.weights[0, 1] > 0)
  }

  @Test("one very rare class (1 example in 200)", arguments: [Solver.lbfgs, .newton])
  func rareClass(solver: Solver) throws {
    var generator = SplitMix64(seed: 7)
    let features = SyntheticData.sparseMatrix(
      rows: 200, columns: 20, density: 0.2, generator: &generator)
    var labels = (0..<200).map { $0 % 2 }
    labels[17] = 2
    let (model, report) = try Self.train(
      features, labels, TrainingConfiguration(solver: solver, tolerance: 1e-8, threads: 1))
    #expect(report.stopReason == .converged)
    #expect(model.weights.storage.allSatisfy { $0.isFinite })
    let probabilities = model.probabilities(features)
    #expect(probabilities.storage.allSatisfy { $0.isFinite && $0 > 0 && $0 < 1 })
    // The rare class is the least likely a priori.
    #expect(model.intercepts[2] < model.intercepts[0] && model.intercepts[2] < model.intercepts[1])
  }

  @Test("a class with no examples is allowed and stays finite")
  func absentClass() throws {
    let (features, labels) = SyntheticData.problem(
      rows: 80, columns: 10, classes: 2, density: 0.3, seed: 8)
    let (model, report) = try Self.train(
      features, labels, names: ["a", "b", "never"], TrainingConfiguration(threads: 1))
    #expect(report.stopReason == .converged)
    #expect(model.intercepts.allSatisfy { $0.isFinite })
    // Stationarity gives W[j, 2] = −C·Σᵢ xᵢⱼ·pᵢ₂ → 0 as its intercept sinks; at the
    // default tolerance the weights are within 1e-3 of 0 (observed ≤ 7e-4).
    #expect((0..<10).allSatisfy { abs(model.weights[$0, 2]) <= 1e-3 })
    let probabilities = model.probabilities(features)
    #expect((0..<80).allSatisfy { probabilities[$0, 2] < 0.01 })
  }

  // MARK: - Input validation

  @Test("invalid inputs are typed errors")
  func validation() {
    let (features, labels) = SyntheticData.problem(
      rows: 10, columns: 4, classes: 3, density: 0.5, seed: 9)
    let trainer = Trainer(configuration: TrainingConfiguration(threads: 1))
    #expect(throws: TrainingError.noRows) {
      try trainer.train(
        features: SparseMatrix.Builder(columnCount: 4).build(), labels: [], labelNames: Self.names3)
    }
    #expect(throws: TrainingError.labelCountMismatch(labels: 9, rows: 10)) {
      try trainer.train(
        features: features, labels: Array(labels.dropLast()), labelNames: Self.names3)
    }
    #expect(throws: TrainingError.tooFewLabelNames(1)) {
      try trainer.train(features: features, labels: labels, labelNames: ["a"])
    }
    #expect(throws: TrainingError.duplicateLabelName("a")) {
      try trainer.train(features: features, labels: labels, labelNames: ["a", "b", "a"])
    }
    var outOfRange = labels
    outOfRange[4] = 3
    #expect(throws: TrainingError.labelOutOfRange(row: 4, label: 3, classCount: 3)) {
      try trainer.train(features: features, labels: outOfRange, labelNames: Self.names3)
    }
    #expect(throws: TrainingError.fewerThanTwoClassesPresent(present: ["b"])) {
      try trainer.train(
        features: features, labels: [Int](repeating: 1, count: 10), labelNames: Self.names3)
    }
    #expect(throws: TrainingError.sampleWeightCountMismatch(weights: 2, rows: 10)) {
      try trainer.train(
        features: features, labels: labels, labelNames: Self.names3, sampleWeights: [1, 1])
    }
    var weights = [Double](repeating: 1, count: 10)
    weights[6] = .nan
    #expect(throws: TrainingError.self) {
      try trainer.train(
        features: features, labels: labels, labelNames: Self.names3, sampleWeights: weights)
    }
    // Zero weights remove rows: only class 0 left with positive weight.
    let onlyClassZero = labels.map { $0 == 0 ? 1.0 : 0.0 }
    #expect(throws: TrainingError.fewerThanTwoClassesPresent(present: ["a"])) {
      try trainer.train(
        features: features, labels: labels, labelNames: Self.names3, sampleWeights: onlyClassZero)
    }
    var badConfiguration = trainer
    badConfiguration.configuration.c = -1
    #expect(throws: TrainingError.invalidConfiguration(.invalidC(-1))) {
      try badConfiguration.train(features: features, labels: labels, labelNames: Self.names3)
    }
  }

  @Test("a non-finite feature value names its row and column")
  func nonFiniteFeature() {
    var builder = SparseMatrix.Builder(columnCount: 5)
    builder.appendRow(columns: [0], values: [1])
    builder.appendEmptyRow()
    builder.appendRow(columns: [1, 3], values: [1, .infinity])
    let trainer = Trainer(configuration: TrainingConfiguration(threads: 1))
    #expect(throws: TrainingError.nonFiniteFeatureValue(row: 2, column: 3)) {
      try trainer.train(features: builder.build(), labels: [0, 1, 0], labelNames: ["x", "y"])
    }
  }

  @Test("error messages are actionable")
  func messages() {
    #expect(
      TrainingError.unknownClassWeightLabel("z", known: ["a", "b"]).description.contains("a, b"))
    #expect(TrainingError.nonFiniteObjective(iteration: 3).description.contains("--c"))
  }
}

/// Problems too large for the 32-bit BLAS interface are refused before any allocation.
@Suite struct TrainerCapacityTests {
  @Test func tooManyParametersIsATypedError() {
    // (2³⁰ + 1) × 3 parameters do not fit in Int32; the matrix itself is tiny.
    var builder = SparseMatrix.Builder(columnCount: 1 << 30)
    builder.appendRow(columns: [0], values: [1])
    builder.appendRow(columns: [5], values: [1])
    builder.appendRow(columns: [9], values: [1])
    #expect(throws: TrainingError.tooManyParameters(features: 1 << 30, classes: 3)) {
      try Trainer().train(
        features: builder.build(), labels: [0, 1, 2], labelNames: ["a", "b", "c"])
    }
  }
}
