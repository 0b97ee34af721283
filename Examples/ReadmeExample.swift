import StanceKit

/// The library example of the README, "Using the library": the lines between the markers
/// are the README's code block (ExamplesTests checks they are the same text).
func readmeExample() throws {
  // README begin
  let pipeline = try Pipeline.fit(
    texts: ["We will not back down.", "We welcome the talks.", "The meeting is on Monday."],
    labels: ["hawkish", "conciliatory", "neutral"],
    vectorizer: VectorizerConfiguration(wordNGrams: .unigramsAndBigrams),
    training: TrainingConfiguration(c: 1))
  let probabilities = pipeline.probabilities(["Talks resume next week."])
  // README end
  for (column, label) in pipeline.labels.enumerated() {
    print("\(label)\t\(probabilities[0, column])")
  }
}
