public import Evaluation
import Foundation
import LinearAlgebra
import NewsQuotes

extension ModelMetadata {
  /// The class shares the model was trained under, in `labels` order: each class's share
  /// of the training weight, `wₖ·nₖ / Σⱼ wⱼ·nⱼ` (`nₖ` its examples, `wₖ` its class weight).
  ///
  /// Without class weights these are the label shares of the training data; with
  /// balanced weights every class carries the same weight, so they are uniform. These are
  /// the priors the model's probabilities hold for, and so the `pₜ` of ``PriorShift``.
  ///
  /// - Parameter labels: The model's labels.
  /// - Returns: One share per label; a label with no training examples gets 0.
  public func trainingPriors(labels: [String]) -> [Double] {
    let counts = labels.map { Double(data.classCounts[$0] ?? 0) }
    let weights: [Double]
    switch training.classWeighting {
    case .none: weights = counts.map { _ in 1 }
    case .balanced: weights = counts.map { $0 > 0 ? 1 / $0 : 0 }
    case .explicit(let explicit): weights = labels.map { explicit[$0] ?? 1 }
    }
    let mass = zip(counts, weights).map { $0 * $1 }
    let total = mass.reduce(0, +)
    return total > 0 ? mass.map { $0 / total } : mass
  }
}

extension Pipeline {
  /// The class shares of the corpus `texts` come from, estimated by EM from this
  /// pipeline's probabilities (see ``PriorShift``).
  ///
  /// - Parameters:
  ///   - texts: Unlabelled texts of the new corpus.
  ///   - trainingPriors: The shares the model was trained under
  ///     (``ModelMetadata/trainingPriors(labels:)``).
  /// - Returns: The estimate.
  /// - Throws: ``PriorShiftError`` for no texts or a training prior of 0.
  /// - Complexity: One vectorisation of the texts, then O(n·K) per EM iteration.
  public func estimatePrior(texts: [String], trainingPriors: [Double])
    throws(PriorShiftError) -> PriorShift.Estimate
  {
    try PriorShift.estimate(
      probabilities: withPriorFactors(nil).probabilities(texts), trainingPriors: trainingPriors)
  }

  /// This pipeline adapted to the class shares of the corpus `texts` come from: the
  /// shares are estimated by EM and every probability (and so every predicted label) is
  /// adjusted to them.
  ///
  /// - Parameters:
  ///   - texts: Unlabelled texts of the new corpus (all of them: the estimate needs the
  ///     whole corpus).
  ///   - trainingPriors: The shares the model was trained under.
  /// - Returns: The adapted pipeline and the estimate.
  /// - Throws: ``PriorShiftError`` for no texts or a training prior of 0.
  public func adaptedToPrior(texts: [String], trainingPriors: [Double])
    throws(PriorShiftError) -> (pipeline: Pipeline, estimate: PriorShift.Estimate)
  {
    let estimate = try estimatePrior(texts: texts, trainingPriors: trainingPriors)
    return (withPriorFactors(estimate.factors), estimate)
  }
}

extension ArticleScorer {
  /// This scorer with each pipeline adapted to the class shares of the quotes of
  /// `articles` (all quotes of all articles together; see
  /// ``Pipeline/adaptedToPrior(texts:trainingPriors:)``).
  ///
  /// - Parameters:
  ///   - articles: Every article to be scored, plain text or simple HTML.
  ///   - stancePriors: The stance model's training shares.
  ///   - sentimentPriors: The sentiment model's training shares, when it has one.
  /// - Returns: The adapted scorer and each model's estimate (`nil` for a missing model or
  ///   when the articles hold no quote, in which case that model is left as it was).
  /// - Throws: ``PriorShiftError`` for a training prior of 0.
  /// - Complexity: One quote extraction per article, one vectorisation per quote and model.
  public func adaptingPriors(
    articles: [String], stancePriors: [Double], sentimentPriors: [Double]?
  ) throws(PriorShiftError) -> (
    scorer: ArticleScorer, stance: PriorShift.Estimate?, sentiment: PriorShift.Estimate?
  ) {
    let extractor = QuoteExtractor()
    let quotes = articles.flatMap { extractor.extract(text: $0).quotes.map(\.text) }
    guard !quotes.isEmpty else { return (self, nil, nil) }
    var stance = self.stance
    var sentiment = self.sentiment
    var stanceEstimate: PriorShift.Estimate?
    var sentimentEstimate: PriorShift.Estimate?
    if let pipeline = stance {
      let adapted = try pipeline.adaptedToPrior(texts: quotes, trainingPriors: stancePriors)
      (stance, stanceEstimate) = (adapted.pipeline, adapted.estimate)
    }
    if let pipeline = sentiment, let sentimentPriors {
      let adapted = try pipeline.adaptedToPrior(texts: quotes, trainingPriors: sentimentPriors)
      (sentiment, sentimentEstimate) = (adapted.pipeline, adapted.estimate)
    }
    return (ArticleScorer(stance: stance, sentiment: sentiment), stanceEstimate, sentimentEstimate)
  }
}

extension ArticleScorer {
  /// The texts of every quote found in `articles`, in order (what
  /// ``adaptingPriors(articles:stancePriors:sentimentPriors:)`` estimates from).
  ///
  /// - Parameter articles: The articles.
  /// - Returns: The quote texts.
  public static func quoteTexts(of articles: [ArticleInput]) -> [String] {
    let extractor = QuoteExtractor()
    return articles.flatMap { extractor.extract(text: $0.text).quotes.map(\.text) }
  }
}

extension ArticleStream {
  /// Every remaining article, in order (for commands that need the whole input first).
  ///
  /// - Returns: The articles.
  /// - Throws: `DataError` for the first unreadable input.
  public mutating func readAll() throws(DataError) -> [ArticleInput] {
    var inputs: [ArticleInput] = []
    while let input = try next() { inputs.append(input) }
    return inputs
  }
}

extension PredictionSource {
  /// Every remaining record of `sources`, in order (for `--adapt-prior`, which needs the
  /// whole input before the first prediction).
  ///
  /// - Parameter sources: The opened inputs; read to their ends.
  /// - Returns: The records.
  /// - Throws: `DataError` for the first unreadable record.
  public static func readAll(_ sources: inout [PredictionSource]) throws -> [DataRecord] {
    var records: [DataRecord] = []
    for index in sources.indices {
      while case let batch = try sources[index].nextBatch(size: 4096), !batch.isEmpty {
        records += batch
      }
    }
    return records
  }
}

extension PriorShift.Estimate {
  /// A text report: one line per label with its training share, the estimate and the
  /// plain mean of the probabilities, then the iterations and whether EM converged.
  ///
  /// - Parameter labels: The model's labels, in model order.
  /// - Returns: The report, ending with a line break.
  public func text(labels: [String]) -> String {
    let width = max(5, labels.map(\.count).max() ?? 0)
    func cell(_ value: Double) -> String {
      let digits = Int((value * 10_000).rounded())
      let text = "\(digits / 10_000).\(String(1_0000 + digits % 10_000).dropFirst())"
      return String(repeating: " ", count: max(0, 9 - text.count)) + text
    }
    var lines = [
      "label".padding(toLength: width, withPad: " ", startingAt: 0)
        + "   training   estimate  mean prob"
    ]
    for (index, label) in labels.enumerated() {
      lines.append(
        label.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
          + cell(trainingPriors[index]) + "  " + cell(priors[index]) + "  "
          + cell(meanProbabilities[index]))
    }
    lines.append("")
    lines.append(
      "\(sampleCount) texts, \(iterations) EM iterations, "
        + (converged ? "converged" : "not converged (iteration limit)"))
    return lines.joined(separator: "\n") + "\n"
  }
}

extension PriorShift.Estimate {
  /// The warnings of the estimate: EM stopped at its iteration limit.
  public var warnings: [RunWarning] {
    converged ? [] : [.priorNotConverged(iterations: iterations)]
  }

  /// The `stance prior --format json` document (docs/json.md,
  /// docs/schema/prior.schema.json): `labels`, `training_priors`, `estimated_priors` and
  /// `mean_probabilities` as `{label: share}` in model label order, `iterations`,
  /// `converged`, `texts` and `warnings`.
  ///
  /// - Parameter labels: The model's labels, in model order.
  /// - Returns: The JSON text, ending with a line break.
  public func json(labels: [String]) -> String {
    JSONValue.object([
      ("labels", .array(labels.map { .string($0) })),
      ("training_priors", .byLabel(labels, trainingPriors)),
      ("estimated_priors", .byLabel(labels, priors)),
      ("mean_probabilities", .byLabel(labels, meanProbabilities)),
      ("iterations", .int(iterations)),
      ("converged", .bool(converged)),
      ("texts", .int(sampleCount)),
      ("warnings", RunWarning.json(warnings)),
    ]).pretty
  }
}
