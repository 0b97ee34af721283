// The modules whose types a user of StanceKit names (VectorizerConfiguration,
// TrainingConfiguration, SparseMatrix, ClassificationReport, Quote, …): re-exported, so
// `import StanceKit` alone is enough. One line per module.
@_exported import Classifier
@_exported import Evaluation
@_exported import LinearAlgebra
@_exported import NewsQuotes
@_exported import TextFeatures
