public import Classifier
public import Dispatch
import Foundation
import StanceSupport
public import TextFeatures

/// Out-of-core training: the training matrix is vectorised once into a cache folder and
/// memory-mapped, and the same full-batch solver runs over it (`stance train --cache DIR`).
///
/// A cache folder holds three files (the format is documented in docs/out-of-core.md):
/// - `design.bin` (``TrainingCacheLayout``): the prepared matrix exactly as the solver
///   reads it (singleton features folded, transposed along the row partition) and the
///   class index of every row; mapped, never copied into the process;
/// - `features.stance`: the fitted vectorizer and labels, in the model file format with
///   zero weights;
/// - `cache.json`, written last: the fingerprint of the data files and settings the cache
///   was built from, the labels and the data summary.
///
/// A run whose data files (path, size, modification time) and reading and feature
/// settings give the cache's fingerprint reuses it without reading the data; any other
/// run rebuilds it in place. A folder that is not empty and holds no `cache.json` is never
/// written into.
///
/// Memory: while the solver runs, the process holds `O(n·K)` doubles (probabilities,
/// residuals, labels, row weights) and the solver's `O(d·K)` vectors; the `O(nnz)` matrix
/// is a read-only file mapping, whose pages the kernel reads on demand and may drop under
/// memory pressure (they count towards the resident size while they are cached). Building
/// the cache from streamed examples fits the vectorizer chunk by chunk (bucket frequencies,
/// or term counts spilled to files and merged) and writes the prepared matrix chunk by
/// chunk (``ChunkedDesignWriter``), never holding the texts or the matrix; given only the
/// texts in memory, it fits as ``Pipeline/fit(texts:labels:vectorizer:training:sampleWeights:featuresReady:progress:)``
/// does, then writes the same way.
///
/// The model equals the in-memory model bit for bit: the same features, the same folded
/// matrix and partition, the same loss and optimizer.
public enum TrainingCache {
  /// The manifest's file name.
  public static let manifestName = "cache.json"
  /// The matrix file's name.
  public static let designName = "design.bin"
  /// The vectorizer file's name.
  public static let featuresName = "features.stance"

  /// What identifies the data a cache is built from.
  public struct Key: Sendable {
    /// The data files, in reading order.
    public var files: [String]
    /// How the files are read (columns, format, filters), as text.
    public var reading: String
    /// The feature settings.
    public var vectorizer: VectorizerConfiguration

    /// Creates a key.
    ///
    /// - Parameters:
    ///   - files: The data files, in reading order.
    ///   - reading: Every reading option that changes which texts and labels are read.
    ///   - vectorizer: The feature settings.
    public init(files: [String], reading: String, vectorizer: VectorizerConfiguration) {
      self.files = files
      self.reading = reading
      self.vectorizer = vectorizer
    }

    /// The fingerprint: FNV-1a 64 of a text listing each file's path, size and
    /// modification time (nanoseconds), the reading options and the feature settings.
    ///
    /// - Returns: The fingerprint, or `nil` when a file cannot be examined.
    func fingerprint() -> UInt64? {
      var text = "stancekit-training-cache \(TrainingCacheLayout.version)\n"
      for file in files {
        var status = stat()
        guard stat(file, &status) == 0 else { return nil }
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        text += "file \(file) \(status.st_size) \(modified)\n"
      }
      text += "reading \(reading)\n"
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let settings = (try? encoder.encode(vectorizer)).map { String(decoding: $0, as: UTF8.self) }
      text += "features \(settings ?? "?")\n"
      return FNV1a64.hash(Array(text.utf8))
    }
  }

  /// The manifest, `cache.json`.
  struct Manifest: Codable, Equatable {
    var format = "stancekit-training-cache"
    var version = TrainingCacheLayout.version
    /// The key's fingerprint, 16 hex digits.
    var fingerprint: String
    /// The class labels in model order.
    var labels: [String]
    /// The training data's summary.
    var data: TrainingDataSummary
  }

  /// Trains from the cache in `folder`, building it first when it is missing or was built
  /// from other data or settings, and writes the model to `path`.
  ///
  /// - Parameters:
  ///   - folder: The cache folder; created when missing.
  ///   - key: What identifies the data.
  ///   - read: Reads the texts and labels (only called when the cache is built).
  ///   - examples: Streams the examples again on each call; when given, the cache is built
  ///     from it without holding the texts
  ///     (``buildStreaming(folder:key:fingerprint:examples:files:threads:chunkRows:progress:)``),
  ///     and `read` is not called.
  ///   - files: The data files, for messages.
  ///   - training: The training settings (`C` given; no calibration).
  ///   - path: The model file to write.
  ///   - started: When the run started, for the stage timings.
  ///   - progress: Receives one line per progress update.
  ///   - fitted: Called once fitting is done, before the model is written.
  /// - Returns: The fitted pipeline and what the summary reports.
  /// - Throws: ``TrainingCacheError``, the reader's errors, `PipelineError` when fitting
  ///   fails, `ModelFileError` when a file cannot be written.
  public static func train(
    folder: String, key: Key, read: () throws -> (texts: [String], labels: [String]),
    examples: ExampleSource? = nil, files: [String], training: TrainingConfiguration,
    writingTo path: String,
    started: DispatchTime, progress: @escaping (String) -> Void, fitted: () -> Void
  ) throws -> TrainingOutcome {
    let fingerprint = key.fingerprint() ?? 0
    let hex = String(fingerprint, radix: 16)
    var manifest = try existingManifest(folder: folder)
    if let current = manifest, current.fingerprint == hex {
      progress("reusing the training cache in \(folder)")
    } else {
      if manifest != nil {
        progress("the data or feature settings changed: rebuilding the cache in \(folder)")
      }
      if let examples {
        manifest = try buildStreaming(
          folder: folder, key: key, fingerprint: fingerprint, examples: examples, files: files,
          threads: training.threads, progress: progress)
      } else {
        manifest = try build(
          folder: folder, key: key, fingerprint: fingerprint, read: read, files: files,
          threads: training.threads, progress: progress)
      }
    }
    guard let manifest else {
      throw TrainingCacheError.corrupt(file: folder, problem: "no manifest")
    }
    var times = TrainingOutcome.StageTimes(read: TrainingRun.seconds(since: started))
    let opened = try TrainingCacheLayout.open(
      path: folder + "/" + designName, threads: training.threads)
    guard opened.fingerprint == fingerprint, opened.classes == manifest.labels.count else {
      throw TrainingCacheError.corrupt(
        file: folder + "/" + designName, problem: "does not match \(manifestName)")
    }
    let vectorizer = try ModelFile.read(path: folder + "/" + featuresName).pipeline.vectorizer
    times.features = TrainingRun.seconds(since: started)
    let trained: (model: LogisticModel, report: OptimizationReport)
    do {
      trained = try Trainer(configuration: training).train(
        design: opened.design, labels: opened.labels, labelNames: manifest.labels,
        progress: { step in
          progress(
            "iteration \(step.iteration)  objective \(fixed(step.objective, 6))  "
              + "gradient norm \(fixed(step.gradientNorm, 6))  "
              + "\(fixed(TrainingRun.seconds(since: started), 1)) s")
        })
    } catch {
      throw PipelineError.training(error)
    }
    let nonzeros = opened.design.design.withTransposed { $0.nonzeroCount }
    let pipeline = try Pipeline(
      vectorizer: vectorizer, model: trained.model, report: trained.report)
    fitted()
    let metadata = ModelMetadata(training: training, data: manifest.data)
    times.solved = TrainingRun.seconds(since: started)
    try ModelFile.write(pipeline, metadata: metadata, to: path)
    times.total = TrainingRun.seconds(since: started)
    return TrainingOutcome(
      pipeline: pipeline, metadata: metadata,
      labelCounts: LabelCounts(counts: manifest.data.classCounts),
      documentCount: manifest.data.documentCount, nonzeroCount: nonzeros, path: path,
      times: times)
  }

  /// The manifest in `folder`, `nil` when the folder is missing or empty.
  ///
  /// - Throws: ``TrainingCacheError/notACache(folder:)`` for a folder with other content,
  ///   ``TrainingCacheError/newerVersion(file:version:)`` for a newer cache.
  static func existingManifest(folder: String) throws(TrainingCacheError) -> Manifest? {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: folder, isDirectory: &isFolder) else { return nil }
    guard isFolder.boolValue else { throw .notACache(folder: folder) }
    let manifestPath = folder + "/" + manifestName
    guard let data = manager.contents(atPath: manifestPath) else {
      let entries = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
      // Only our own files (an interrupted build) may be there without a manifest.
      let ours = Set([designName, featuresName])
      guard entries.allSatisfy({ ours.contains($0) || $0.hasPrefix(".") }) else {
        throw .notACache(folder: folder)
      }
      return nil
    }
    guard let manifest = try? JSONDecoder().decode(Manifest.self, from: data),
      manifest.format == "stancekit-training-cache"
    else {
      throw .corrupt(file: manifestPath, problem: "not a cache manifest")
    }
    guard manifest.version <= TrainingCacheLayout.version else {
      throw .newerVersion(file: manifestPath, version: manifest.version)
    }
    return manifest
  }
}
