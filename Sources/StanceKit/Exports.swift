// The types a user of `import StanceKit` must be able to name, from the modules below it.

// The data files: the CSV/TSV/JSONL/article readers, the dataset types and errors, and the
// one output writer (OutputFile, AtomicFileWriter, …), as they were before they moved out
// of StanceKit.
@_exported import DataFiles
