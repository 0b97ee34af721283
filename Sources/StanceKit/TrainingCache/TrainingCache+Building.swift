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
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw TrainingCacheError.cannotCreate(folder: folder, reason: "\(error.localizedDescription)")
    }
    _ = unlink(folder + "/" + manifestName)
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

  /// Vectorises `texts`, prepares the matrix and writes it with the class indices to
  /// `path`; the matrix is freed on return.
  ///
  /// - Returns: The fitted vectorizer, without its lookup table.
  private static func writeDesign(
    texts: consuming [String], classes: [Int], classCount: Int, key: Key, fingerprint: UInt64,
    threads: Int, to path: String
  ) throws -> Vectorizer {
    let vectorizer: Vectorizer
    let matrix: SparseMatrix
    do {
      (vectorizer, matrix) = try Vectorizer.fitTransform(
        texts, configuration: key.vectorizer, buildsLookups: false)
    } catch {
      throw PipelineError.vectorizer(error)
    }
    _ = consume texts
    do {
      try Trainer.checkFinite(matrix)
    } catch {
      throw PipelineError.training(error)
    }
    let design = TrainingDesign(features: consume matrix, threads: threads)
    try TrainingCacheLayout.write(
      design, labels: classes, classes: classCount, fingerprint: fingerprint, to: path)
    return vectorizer
  }
}
