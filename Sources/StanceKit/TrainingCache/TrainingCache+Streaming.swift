import Classifier
import Foundation
import StanceSupport
import TextFeatures

extension TrainingCache {
  /// Delivers the training examples (text, label) in training order to `body`, reading
  /// the data again on each call; the same examples every time.
  public typealias ExampleSource =
    (_ body: (_ text: String, _ label: String) throws -> Void) throws -> Void

  /// The folder, inside the cache folder, of a vocabulary's spill files while it is fitted.
  static let spillFolderName = ".vocabulary-spill"

  /// Builds the cache in `folder` like ``build(folder:key:fingerprint:read:files:threads:progress:)``
  /// without holding the texts.
  ///
  /// Reads the data `1 + 3` times through `examples`: once for the labels, the count and
  /// the features' statistics, then once per ``ChunkedDesignWriter`` pass, vectorising
  /// `chunkRows` texts at a time; the first of those also takes the data fingerprint. The
  /// statistics are the bucket document frequencies with hashing
  /// (``HashedDocumentFrequencies``) and, with a vocabulary, each chunk's term counts
  /// spilled to sorted files in ``spillFolderName`` and merged (``SpilledVocabularyFit``).
  /// The files are byte-identical to the in-memory build's.
  ///
  /// Memory: O(n) for the labels and class indices, one chunk of texts and its counts or
  /// rows, and the features: O(2^bits) for the frequencies and the writer's columns, or the
  /// vocabulary (which grows with the distinct terms of the data unless `maxFeatures` caps
  /// it) and its writer's columns. The spill files take disk space, not memory.
  ///
  /// - Returns: The manifest written.
  /// - Throws: As the in-memory build, and ``TrainingCacheError/dataChanged(files:expected:found:)``
  ///   when a later pass gives another number of examples.
  static func buildStreaming(
    folder: String, key: Key, fingerprint: UInt64, examples: ExampleSource, files: [String],
    threads: Int, chunkRows: Int = chunkRows, progress: (String) -> Void
  ) throws -> Manifest {
    try prepareFolder(folder)
    var fit = try StreamedFeatureFit(
      configuration: key.vectorizer, spillFolder: folder + "/" + spillFolderName)
    var labels: [String] = []
    var texts: [String] = []
    try examples { text, label in
      labels.append(label)
      texts.append(text)
      if texts.count == chunkRows {
        try fit.add(texts)
        texts.removeAll(keepingCapacity: true)
      }
    }
    if !texts.isEmpty { try fit.add(texts) }
    texts = []
    let labelCounts = LabelCounts(copy labels)
    if !labelCounts.hasEnoughClasses, let only = labels.first {
      throw PipelineError.oneClass(files: files, label: only)
    }
    progress("read \(labels.count) documents; building the training cache in \(folder)")
    var vectorizer = try fit.vectorizer()
    let names = Array(Set(labels)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var index: [String: Int] = [:]
    for (position, name) in names.enumerated() { index[name] = position }
    let classes = labels.map { index[$0] ?? 0 }
    var fingerprinter = TrainingDataSummary.Fingerprinter(count: labels.count)
    var passes = 0
    func rows(_ body: (SparseMatrix) throws -> Void) throws {
      passes += 1
      var start = 0
      var chunk: [String] = []
      // `examples` calls back into `body`; neither keeps the other.
      try withoutActuallyEscaping(body) { body in
        func flush() throws {
          try body(checkedRows(vectorizer.transform(chunk), startingAt: start))
          start += chunk.count
          chunk.removeAll(keepingCapacity: true)
        }
        try examples { text, label in
          if passes == 1 { fingerprinter.add(text: text, label: label) }
          chunk.append(text)
          if chunk.count == chunkRows { try flush() }
        }
        if !chunk.isEmpty { try flush() }
      }
      guard start == labels.count else {
        throw TrainingCacheError.dataChanged(files: files, expected: labels.count, found: start)
      }
    }
    try ChunkedDesignWriter.write(
      rows: rows, labels: classes, classes: names.count, blockCount: threads,
      fingerprint: fingerprint, to: folder + "/" + designName)
    vectorizer.restoreLookups()
    let summary = TrainingDataSummary(
      documentCount: labels.count, classCounts: labelCounts.counts,
      fingerprint: fingerprinter.fingerprint)
    return try finish(
      folder: folder, fingerprint: fingerprint, vectorizer: vectorizer, labels: names,
      summary: summary)
  }
}
