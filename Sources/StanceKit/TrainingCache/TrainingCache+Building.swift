import Classifier
import DataFiles
import Foundation
import LinearAlgebra
import StanceSupport
import TextFeatures

extension TrainingCache {
  /// Builds the cache in `folder`: reads and vectorises the data, prepares the matrix,
  /// writes `design.bin` and `features.stance`, then the manifest.
  ///
  /// The manifest is removed first and written last, so an interrupted build leaves a
  /// folder that the next run rebuilds.
  ///
  /// - Returns: The manifest written.
  static func build(
    folder: String, key: Key, fingerprint: UInt64,
    read: () throws -> (texts: [String], labels: [String]), files: [String], threads: Int,
    progress: (String) -> Void
  ) throws -> Manifest {
    try prepareFolder(folder)
    let (texts, labels) = try read()
    let documentCount = texts.count
    let labelCounts = LabelCounts(copy labels)
    if !labelCounts.hasEnoughClasses, let only = labels.first {
      throw PipelineError.oneClass(files: files, label: only)
    }
    let summary = try TrainingDataSummary(texts: texts, labels: labels)
    progress("read \(documentCount) documents; building the training cache in \(folder)")
    let names = Array(Set(labels)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var index: [String: Int] = [:]
    for (position, name) in names.enumerated() { index[name] = position }
    let classes = labels.map { index[$0] ?? 0 }
    var vectorizer = try writeDesign(
      texts: consume texts, classes: classes, classCount: names.count, key: key,
      fingerprint: fingerprint, threads: threads, to: folder + "/" + designName)
    vectorizer.restoreLookups()
    return try finish(
      folder: folder, fingerprint: fingerprint, vectorizer: vectorizer, labels: names,
      summary: summary)
  }

  /// Creates `folder` when missing and removes its manifest, so an interrupted build
  /// leaves a folder that the next run rebuilds.
  static func prepareFolder(_ folder: String) throws {
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw TrainingCacheError.cannotCreate(folder: folder, reason: "\(error.localizedDescription)")
    }
    _ = unlink(folder + "/" + manifestName)
  }

  /// Writes `features.stance` and then the manifest, once `design.bin` is written.
  ///
  /// - Returns: The manifest written.
  static func finish(
    folder: String, fingerprint: UInt64, vectorizer: Vectorizer, labels names: [String],
    summary: TrainingDataSummary
  ) throws -> Manifest {
    // The vectorizer travels in the model container, with zero weights.
    try FeatureFile.write(
      vectorizer: vectorizer, labels: names, data: summary, to: folder + "/" + featuresName)
    let manifest = Manifest(
      fingerprint: String(fingerprint, radix: 16), labels: names, data: summary)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    let bytes = (try? encoder.encode(manifest)).map { Array($0) } ?? []
    try AtomicFileWriter.write(bytes, to: folder + "/" + manifestName)
    FreeMemory.returnToSystem()
    return manifest
  }

  /// The rows vectorised at a time while the cache is built.
  static let chunkRows = 65_536

  /// Fits the vectorizer on `texts`, then writes their matrix, prepared for the solver,
  /// with the class indices to `path`, vectorising `chunkRows` texts at a time
  /// (``ChunkedDesignWriter``): the matrix is never held whole.
  ///
  /// - Returns: The fitted vectorizer.
  static func writeDesign(
    texts: consuming [String], classes: [Int], classCount: Int, key: Key, fingerprint: UInt64,
    threads: Int, chunkRows: Int = chunkRows, to path: String
  ) throws -> Vectorizer {
    let vectorizer: Vectorizer
    do {
      vectorizer = try Vectorizer.fit(texts, configuration: key.vectorizer)
    } catch {
      throw PipelineError.vectorizer(error)
    }
    let texts = consume texts
    // Each pass vectorises the texts again, one chunk at a time.
    let rows: ChunkedDesignWriter.Rows = { body in
      var start = 0
      while start < texts.count {
        let end = min(start + chunkRows, texts.count)
        try body(checkedRows(vectorizer.transform(Array(texts[start..<end])), startingAt: start))
        start = end
      }
    }
    try ChunkedDesignWriter.write(
      rows: rows, labels: classes, classes: classCount, blockCount: threads,
      fingerprint: fingerprint, to: path)
    return vectorizer
  }

  /// `chunk`, rows `start...` of the training matrix, once its values are checked finite.
  ///
  /// - Throws: `PipelineError.training(.nonFiniteFeatureValue)` naming the row in the whole
  ///   data, not in the chunk.
  static func checkedRows(_ chunk: SparseMatrix, startingAt start: Int) throws -> SparseMatrix {
    do throws(TrainingError) {
      try Trainer.checkFinite(chunk)
    } catch .nonFiniteFeatureValue(let row, let column) {
      throw PipelineError.training(.nonFiniteFeatureValue(row: start + row, column: column))
    } catch {
      throw PipelineError.training(error)
    }
    return chunk
  }
}
