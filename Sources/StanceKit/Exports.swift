// The modules whose types a user of StanceKit names (VectorizerConfiguration,
// TrainingConfiguration, SparseMatrix, ClassificationReport, Quote, …): re-exported, so
// `import StanceKit` alone is enough. One line per module.
@_exported import Classifier
// The data files: the CSV/TSV/JSONL/article readers, the dataset types and errors, and the
// one output writer (OutputFile, AtomicFileWriter, …), which moved out of StanceKit.
@_exported import DataFiles
@_exported import Evaluation
@_exported import LinearAlgebra
@_exported import NewsQuotes
@_exported import TextFeatures
