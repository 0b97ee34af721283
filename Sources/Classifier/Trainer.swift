import LinearAlgebra

/// Trains a ``LogisticModel``: validates the inputs, builds the
/// ``MultinomialLogisticLoss`` with the resolved ``ClassWeights``, runs the configured
/// optimizer from zero (or from a warm start) and centres the intercepts.
///
/// ```swift
/// let trainer = Trainer(configuration: TrainingConfiguration(c: 1, solver: .lbfgs))
/// let (model, report) = try trainer.train(
///   features: matrix, labels: classIndices, labelNames: ["negative", "positive"])
/// ```
///
/// Training starts from `W = 0, b = 0` (unless a warm start is given) and involves no
/// randomness, and the loss sums in an
/// order that does not depend on the thread count, so the same inputs give the
/// bit-identical model whatever `threads` is (with Newton under any BLAS; L-BFGS's vector
/// steps use BLAS, so with it only for one BLAS). The returned intercepts are centred, `Σₖ bₖ = 0`
/// (softmax is shift invariant and `b` is unpenalised, so only differences are determined;
/// centring makes them comparable with scikit-learn's centred intercepts).
///
/// Features that occur in a single row are folded into one feature per row before the
/// optimizer runs and unfolded afterwards (`SingletonColumnFolding`): the same optimum
/// and the same stopping rule in a problem several times smaller on n-gram data. The
/// report's objective is the folded problem's, which equals the returned model's up to
/// the single-precision rounding of the folded values (relative 6·10⁻⁸ of their penalty).
///
/// A class listed in `labelNames` with no examples is allowed: its weights stay at 0 and
/// its intercept is pushed down until the gradient tolerance is met, so it gets a small,
/// tolerance-dependent probability rather than exactly 0.
public struct Trainer: Sendable {
  /// The training settings.
  public var configuration: TrainingConfiguration

  /// Creates a trainer.
  ///
  /// - Parameter configuration: The settings; validated by
  ///   ``train(features:labels:labelNames:sampleWeights:warmStart:progress:)``.
  public init(configuration: TrainingConfiguration = TrainingConfiguration()) {
    self.configuration = configuration
  }

  /// Fits a model.
  ///
  /// - Parameters:
  ///   - features: `X`, `n × d`, finite values. The loss keeps only its transpose, so a
  ///     caller that hands `X` over (its last use) frees that copy before the optimizer's
  ///     vectors are allocated.
  ///   - labels: The class index of every row, in `0 ..< labelNames.count`.
  ///   - labelNames: The distinct class names (at least 2); position = class index.
  ///   - sampleWeights: Optional per-row weights, finite and at least 0; multiplied by the
  ///     class weights.
  ///   - warmStart: An optional starting point: a model with the same features and labels
  ///     (for example the solution for a neighbouring `C` on the same features). The
  ///     optimizer starts from its weights and intercepts instead of zero, which usually
  ///     saves iterations; the result equals a cold start's to the solver tolerance, not
  ///     bit for bit. A model of another shape or with other labels is ignored (training
  ///     starts from zero).
  ///   - progress: Called once per optimizer iteration, on the calling thread.
  /// - Returns: The model and the optimizer's report (which may say the iteration limit
  ///   was reached: the model is then the last iterate, usable but not converged).
  /// - Throws: ``TrainingError`` for invalid settings or inputs, or a non-finite objective.
  /// - Complexity: Per iteration O(K·nnz + n·K + threads·d·K) per evaluation.
  public func train(
    features: consuming SparseMatrix, labels: [Int], labelNames: [String],
    sampleWeights: [Double]? = nil,
    warmStart: LogisticModel? = nil, progress: ProgressHandler? = nil
  ) throws(TrainingError) -> (model: LogisticModel, report: OptimizationReport) {
    // Found now, reported in its turn among the other checks.
    var nonFinite: TrainingError?
    do { try Self.checkFinite(features) } catch { nonFinite = error }
    let weights = try checkedSampleWeights(
      rows: features.rowCount, labels: labels, labelNames: labelNames,
      sampleWeights: sampleWeights,
      checkFeatures: { () throws(TrainingError) in if let nonFinite { throw nonFinite } })
    try Self.checkParameterCount(features: features.columnCount, classes: labelNames.count)
    // Features that occur in one row only are folded into one feature per row: the same
    // optimum in a smaller problem (see SingletonColumnFolding).
    let design = TrainingDesign(features: consume features, threads: configuration.threads)
    return try solve(
      design, labels: labels, labelNames: labelNames, weights: weights, warmStart: warmStart,
      progress: progress)
  }

  /// Fits a model on a matrix already prepared for the solver, wherever it lives (for
  /// example mapped from an out-of-core training cache): the same model, bit for bit, as
  /// ``train(features:labels:labelNames:sampleWeights:warmStart:progress:)`` on the matrix
  /// the design was prepared from, with the same settings.
  ///
  /// - Parameters:
  ///   - design: The prepared matrix (``TrainingDesign/init(features:threads:)``, whose
  ///     caller has checked that every value is finite).
  ///   - labels: The class index of every row, in `0 ..< labelNames.count`.
  ///   - labelNames: The distinct class names (at least 2); position = class index.
  ///   - sampleWeights: Optional per-row weights, finite and at least 0.
  ///   - progress: Called once per optimizer iteration, on the calling thread.
  /// - Returns: The model and the optimizer's report.
  /// - Throws: ``TrainingError`` for invalid settings or inputs, or a non-finite objective.
  /// - Complexity: Per iteration O(K·nnz + n·K + threads·d·K) per evaluation.
  public func train(
    design: TrainingDesign, labels: [Int], labelNames: [String],
    sampleWeights: [Double]? = nil, progress: ProgressHandler? = nil
  ) throws(TrainingError) -> (model: LogisticModel, report: OptimizationReport) {
    let weights = try checkedSampleWeights(
      rows: design.rowCount, labels: labels, labelNames: labelNames,
      sampleWeights: sampleWeights, checkFeatures: {})
    try Self.checkParameterCount(features: design.featureCount, classes: labelNames.count)
    return try solve(
      design, labels: labels, labelNames: labelNames, weights: weights, warmStart: nil,
      progress: progress)
  }

  /// Throws when `(features + 1) · classes` parameters do not fit the solvers' indices.
  private static func checkParameterCount(features: Int, classes: Int) throws(TrainingError) {
    let (parameters, overflow) = (features + 1).multipliedReportingOverflow(by: classes)
    guard !overflow, parameters <= Int(Int32.max) else {
      throw .tooManyParameters(features: features, classes: classes)
    }
  }

  /// Runs the optimizer over a prepared design with checked row weights, then unfolds and
  /// centres the solution.
  private func solve(
    _ prepared: TrainingDesign, labels: [Int], labelNames: [String], weights: [Double],
    warmStart: LogisticModel?, progress: ProgressHandler?
  ) throws(TrainingError) -> (model: LogisticModel, report: OptimizationReport) {
    let classCount = labelNames.count
    let featureCount = prepared.featureCount
    let folding = prepared.folding
    var loss = MultinomialLogisticLoss(
      design: prepared.design, labels: labels, sampleWeights: weights, c: configuration.c,
      classCount: classCount, threads: configuration.threads)
    var start = [Double](repeating: 0, count: loss.dimension)
    var optimizerSettings = configuration
    if let warmStart, warmStart.labels == labelNames,
      warmStart.featureCount == featureCount,
      warmStart.weights.storage.count == featureCount * classCount
    {
      // The optimizers stop at ‖g‖ ≤ tolerance · ‖g(start)‖; rescale the tolerance so the
      // warm start stops where a cold start would, at ‖g‖ ≤ tolerance · ‖g(0)‖.
      var gradient = start
      _ = loss.valueAndGradient(at: start, gradient: &gradient)
      let chunks = VectorChunks(count: gradient.count, threads: configuration.threads)
      let zeroNorm = chunks.norm(gradient)
      start =
        folding.fold(weights: warmStart.weights.storage, classes: classCount)
        + warmStart.intercepts
      _ = loss.valueAndGradient(at: start, gradient: &gradient)
      let warmNorm = chunks.norm(gradient)
      if warmNorm > 0 { optimizerSettings.tolerance *= zeroNorm / warmNorm }
    }
    // Handed over, so the start's memory serves as the optimizer's iterate.
    let (solution, report) = optimizerSettings.makeOptimizer().minimize(
      &loss, from: consume start, progress: progress)
    guard report.stopReason != .nonFiniteValue else {
      throw .nonFiniteObjective(iteration: report.iterations)
    }

    let weightCount = folding.columnCount * classCount
    var intercepts = Array(solution[weightCount...])
    let mean = intercepts.reduce(0, +) / Double(classCount)
    for k in intercepts.indices { intercepts[k] -= mean }
    let model = LogisticModel(
      labels: labelNames,
      weights: DenseMatrix(
        rows: featureCount, columns: classCount,
        storage: folding.unfold(
          weights: solution[0..<weightCount], classes: classCount,
          threads: configuration.threads)),
      intercepts: intercepts)
    return (model, report)
  }

  /// Checks the settings and the inputs of a training run and returns each row's weight
  /// (its class weight times its sample weight).
  ///
  /// - Throws: ``TrainingError`` for invalid settings, no rows, mismatched or duplicate
  ///   labels, invalid sample weights, a non-finite feature value, or fewer than two classes
  ///   with positive weight.
  private func checkedSampleWeights(
    rows: Int, labels: [Int], labelNames: [String], sampleWeights: [Double]?,
    checkFeatures: () throws(TrainingError) -> Void
  ) throws(TrainingError) -> [Double] {
    do {
      try configuration.validate()
    } catch {
      throw .invalidConfiguration(error)
    }
    guard rows > 0 else { throw .noRows }
    guard labels.count == rows else { throw .labelCountMismatch(labels: labels.count, rows: rows) }
    guard labelNames.count >= LabelCounts.minimumClassCount else {
      throw .tooFewLabelNames(labelNames.count)
    }
    let sortedNames = labelNames.sorted()
    for index in 1..<sortedNames.count where sortedNames[index] == sortedNames[index - 1] {
      throw .duplicateLabelName(sortedNames[index])
    }
    let classWeights = try ClassWeights(
      configuration.classWeighting, labels: labels, labelNames: labelNames,
      sampleWeights: sampleWeights)
    try checkFeatures()
    let weights = classWeights.sampleWeights(labels: labels, sampleWeights: sampleWeights)
    var presentClasses = [Bool](repeating: false, count: labelNames.count)
    for (row, label) in labels.enumerated() where weights[row] > 0 { presentClasses[label] = true }
    guard presentClasses.filter({ $0 }).count >= LabelCounts.minimumClassCount else {
      throw .fewerThanTwoClassesPresent(
        present: labelNames.indices.filter { presentClasses[$0] }.map { labelNames[$0] })
    }
    return weights
  }

  /// Throws for the first stored value that is NaN or infinite.
  ///
  /// - Parameter features: The matrix to check.
  /// - Throws: ``TrainingError/nonFiniteFeatureValue(row:column:)`` naming the first one.
  public static func checkFinite(_ features: SparseMatrix) throws(TrainingError) {
    let bad = features.values.withUnsafeBufferPointer { values in
      values.firstIndex { !$0.isFinite }
    }
    guard let entry = bad else { return }
    let row = features.rowStarts.lastIndex { $0 <= entry } ?? 0
    throw .nonFiniteFeatureValue(row: row, column: Int(features.columnIndices[entry]))
  }
}
