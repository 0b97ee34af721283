import StanceKit

/// Trains a model on a labelled CSV file and writes it as a `.stance` file, with the
/// metadata `stance inspect` shows.
///
/// - Parameters:
///   - data: A CSV, TSV or JSONL file with `text` and `label` columns.
///   - model: The model file to write.
/// - Throws: `DataError`, `PipelineError` or `ModelFileError`.
func trainAndSave(data: String, model: String) throws {
  let dataset = try Dataset.read(path: data)
  let training = TrainingConfiguration(c: 1, solver: .newton)
  let pipeline = try Pipeline.fit(
    texts: dataset.texts, labels: dataset.labels,
    vectorizer: VectorizerConfiguration(
      wordNGrams: .unigramsAndBigrams, minDocumentFrequency: .count(1)),
    training: training)
  let metadata = ModelMetadata(
    training: training,
    data: try TrainingDataSummary(texts: dataset.texts, labels: dataset.labels))
  try ModelFile.write(pipeline, metadata: metadata, to: model)
  print(
    "wrote \(model): \(pipeline.labels.count) labels, \(pipeline.vectorizer.featureCount) features")
}
