import StanceKit

/// Reads a model file and prints each text's predicted label and its probability.
///
/// - Parameters:
///   - model: A `.stance` file.
///   - texts: The texts to classify.
/// - Throws: `ModelFileError` when the model cannot be read.
func loadAndPredict(model: String, texts: [String]) throws {
  let (pipeline, _) = try ModelFile.read(path: model)
  let labels = pipeline.predict(texts)
  let probabilities = pipeline.probabilities(texts)
  for (row, text) in texts.enumerated() {
    let column = pipeline.labels.firstIndex(of: labels[row]) ?? 0
    print("\(labels[row])\t\(probabilities[row, column])\t\(text)")
  }
}
