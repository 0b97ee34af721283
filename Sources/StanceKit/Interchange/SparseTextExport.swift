import Classifier
import DataFiles
public import TextFeatures

/// The text formats `stance vectorize` writes features in.
public enum SparseTextFormat: String, CaseIterable, Sendable {
  /// `LABEL INDEX:VALUE …` with 1-based increasing indices and 0-based integer labels: the
  /// libsvm format read by LIBLINEAR, LIBSVM, Spark MLlib (`spark.read.format("libsvm")`)
  /// and scikit-learn's `load_svmlight_file`.
  case libsvm
  /// `LABEL |f INDEX:VALUE …` with labels `1 … K`: Vowpal Wabbit's input for `--oaa K`.
  case vw
}

/// Writes labelled texts as sparse feature rows in a text format other tools train on,
/// with what it takes to come back: the label map, the vocabulary, and the vectorizer.
///
/// For `--out F.svm` the files are:
/// - `F.svm`: one line per text (``SparseTextFormat``); values as the shortest decimal that
///   reads back as the same `Float`, so another tool sees exactly StanceKit's features;
/// - `F.svm.labels`: `INTEGER<TAB>LABEL` per class, the integers as written in `F.svm`;
/// - `F.svm.vocab`: `INDEX<TAB>FEATURE` per feature, the 1-based index as in `F.svm` (the
///   term, or `hash:N` in hashing mode);
/// - `F.svm.features.stance`: the fitted vectorizer and labels (``FeatureFile``), which
///   `stance import-weights` turns into a model with weights trained elsewhere.
///
/// Every file is written atomically.
public enum SparseTextExport {
  /// The companion files of `path`.
  ///
  /// - Parameter path: The feature file.
  /// - Returns: The label map, vocabulary and vectorizer file paths.
  public static func companions(of path: String) -> (
    labels: String, vocabulary: String, features: String
  ) {
    (path + ".labels", path + ".vocab", path + ".features.stance")
  }

  /// What was written.
  public struct Summary: Sendable {
    /// Rows (texts).
    public var rows: Int
    /// Features (columns).
    public var features: Int
    /// Stored entries.
    public var nonzeros: Int
    /// The labels in model order; label `i` is written as `i` (libsvm) or `i + 1` (vw).
    public var labels: [String]
  }

  /// Vectorises `texts` (fitting the vectorizer, or with the one in `existing`), writes
  /// their rows and the companion files.
  ///
  /// - Parameters:
  ///   - texts: The texts.
  ///   - labels: One label per text.
  ///   - vectorizer: The feature settings, for a new fit.
  ///   - existing: A feature file (or model) to vectorise with instead of fitting: new data
  ///     then gets the indices and label integers of the data it was fitted on.
  ///   - format: The row format.
  ///   - path: The feature file to write.
  /// - Returns: What was written.
  /// - Throws: `PipelineError` when the labels do not fit or the vectorizer fails,
  ///   ``InterchangeError/unknownLabel(label:known:)`` for a label `existing` lacks, an
  ///   `OutputError` or ``ModelFileError`` when a file cannot be written.
  /// - Complexity: One tokenisation pass, then O(nnz) to write.
  public static func write(
    texts: [String], labels: [String], vectorizer: VectorizerConfiguration,
    existing: Pipeline? = nil, format: SparseTextFormat, to path: String
  ) throws -> Summary {
    guard texts.count == labels.count else {
      throw PipelineError.labelCountMismatch(texts: texts.count, labels: labels.count)
    }
    let summary = try TrainingDataSummary(texts: texts, labels: labels)
    let names =
      existing?.labels
      ?? Array(Set(labels)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var index: [String: Int] = [:]
    for (position, name) in names.enumerated() { index[name] = position }
    if let unknown = labels.first(where: { index[$0] == nil }) {
      throw InterchangeError.unknownLabel(label: unknown, known: names)
    }
    let fitted: Vectorizer
    let matrix: SparseMatrix
    if let existing {
      fitted = existing.vectorizer
      matrix = fitted.transform(texts)
    } else {
      do {
        (fitted, matrix) = try Vectorizer.fitTransform(texts, configuration: vectorizer)
      } catch {
        throw PipelineError.vectorizer(error)
      }
    }
    let offset = format == .vw ? 1 : 0
    try writeRows(
      matrix, labels: labels.map { (index[$0] ?? 0) + offset }, format: format, to: path)
    let (labelPath, vocabularyPath, featuresPath) = companions(of: path)
    var labelText = ""
    for (position, name) in names.enumerated() { labelText += "\(position + offset)\t\(name)\n" }
    try AtomicFileWriter.write(labelText, to: labelPath)
    try writeVocabulary(fitted, to: vocabularyPath)
    try FeatureFile.write(vectorizer: fitted, labels: names, data: summary, to: featuresPath)
    return Summary(
      rows: matrix.rowCount, features: matrix.columnCount, nonzeros: matrix.nonzeroCount,
      labels: names)
  }

  /// Writes one line per row.
  private static func writeRows(
    _ matrix: SparseMatrix, labels: [Int], format: SparseTextFormat, to path: String
  ) throws(OutputError) {
    let writer = try AtomicFileWriter(path: path)
    do {
      var line: [UInt8] = []
      for row in 0..<matrix.rowCount {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: String(labels[row]).utf8)
        if format == .vw { line.append(contentsOf: " |f".utf8) }
        for entry in matrix.entryRange(ofRow: row) {
          line.append(UInt8(ascii: " "))
          line.append(contentsOf: String(Int(matrix.columnIndices[entry]) + 1).utf8)
          line.append(UInt8(ascii: ":"))
          line.append(contentsOf: matrix.values[entry].description.utf8)
        }
        line.append(UInt8(ascii: "\n"))
        try writer.write(line)
      }
      try writer.commit()
    } catch {
      writer.discard()
      throw error
    }
  }

  /// Writes `INDEX<TAB>FEATURE` per feature, 1-based.
  private static func writeVocabulary(_ vectorizer: Vectorizer, to path: String)
    throws(OutputError)
  {
    let writer = try AtomicFileWriter(path: path)
    do {
      for column in 0..<vectorizer.featureCount {
        let name = vectorizer.featureName(at: column)
        try writer.write("\(column + 1)\t\(name)\n")
      }
      try writer.commit()
    } catch {
      writer.discard()
      throw error
    }
  }
}
