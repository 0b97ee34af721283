import DataFiles
import Foundation
import TextFeatures

/// Fits a vocabulary on documents delivered in chunks, without holding the corpus.
///
/// Each chunk's term counts (``ChunkTermCounts``) are spilled to a sorted file under a
/// folder of the cache, and the files are merged (``TermSpill/merge(_:into:)``) into the
/// global document frequencies, which ``VocabularySelection`` prunes exactly as the
/// in-memory fit does. The vectorizer equals ``Vectorizer/fit(_:configuration:)``'s on all
/// the documents.
///
/// ```
/// chunk ─ChunkTermCounts─▶ spill-N.bin (sorted terms, chunk df)
///   every `fanIn` files: merged into one (df summed)
/// end: k-way merge ─▶ (term, df) in term order ─VocabularySelection─▶ Vectorizer
/// ```
///
/// Memory: one chunk's texts and counts while counting; during a merge one record and one
/// 1 MiB buffer per file; then the kept vocabulary (and, with `maxFeatures`, at most that
/// many terms). What still grows with the data: the spill files on disk (at most about the
/// distinct terms of the corpus plus the chunks' own, a few times over while merged) and
/// the vocabulary, when `maxFeatures` does not cap it (every term with `df >= min-df`).
struct SpilledVocabularyFit {
  /// The settings; vocabulary mode.
  let configuration: VectorizerConfiguration
  /// The folder of the spill files, created on the first chunk and removed at the end.
  let folder: String
  /// The number of spill files merged into one as soon as there are that many.
  let fanIn: Int
  /// The spill files not merged yet.
  private var files: [String] = []
  /// The number of spill files written so far, for names.
  private var written = 0
  /// The documents counted so far.
  private(set) var documentCount = 0

  /// Starts a fit whose spill files go in `folder`; anything already there is removed.
  ///
  /// - Throws: ``VectorizerError`` for an invalid configuration.
  init(configuration: VectorizerConfiguration, folder: String, fanIn: Int = 64)
    throws(VectorizerError)
  {
    try configuration.validate()
    self.configuration = configuration
    self.folder = folder
    self.fanIn = max(2, fanIn)
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Counts the next `documents` and spills their term counts.
  ///
  /// - Throws: `OutputError` when a spill file cannot be written,
  ///   ``TrainingCacheError/corrupt(file:problem:)`` when one cannot be read back.
  mutating func add(_ documents: [String]) throws {
    let counts: ChunkTermCounts
    do {
      counts = try ChunkTermCounts(counting: documents, configuration: configuration)
    } catch {
      throw PipelineError.vectorizer(error)
    }
    documentCount += counts.documentCount
    guard counts.count > 0 else { return }
    let writer = try newSpill()
    try counts.forEachTerm { bytes, frequency in try writer.append(bytes, frequency) }
    try writer.finish()
    files.append(writer.path)
    if files.count >= fanIn {
      let merged = try newSpill()
      try TermSpill.merge(files) { bytes, frequency in try merged.append(bytes, frequency) }
      try merged.finish()
      removeFiles()
      files = [merged.path]
    }
  }

  /// Merges every spill file into the fitted vectorizer and removes the folder.
  ///
  /// - Throws: `PipelineError.vectorizer` with the in-memory fit's error for the same
  ///   corpus (no documents, no terms, an empty vocabulary), or a reading error.
  func vectorizer() throws -> Vectorizer {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
      var selection = try VocabularySelection(
        configuration: configuration, documentCount: documentCount)
      try TermSpill.merge(files) { bytes, frequency in
        selection.add(storedBytes: bytes, documentFrequency: frequency)
      }
      return try selection.vectorizer()
    } catch let error as VectorizerError {
      throw PipelineError.vectorizer(error)
    }
  }

  /// A writer for the next spill file, creating the folder first.
  private mutating func newSpill() throws -> TermSpill.Writer {
    if written == 0 {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw TrainingCacheError.cannotCreate(
          folder: folder, reason: "\(error.localizedDescription)")
      }
    }
    written += 1
    return try TermSpill.Writer(path: folder + "/spill-\(written).bin")
  }

  /// Removes the spill files not merged yet.
  private func removeFiles() {
    for file in files { _ = unlink(file) }
  }
}

/// The feature fit of a streamed cache build: bucket frequencies with hashing, spilled
/// term counts with a vocabulary.
struct StreamedFeatureFit {
  /// Hashing mode's fit (optionals, so that each chunk updates the fit in place).
  private var hashing: HashedDocumentFrequencies?
  /// Vocabulary mode's fit.
  private var vocabulary: SpilledVocabularyFit?

  /// Starts the fit `configuration` asks for; a vocabulary's spill files go in `folder`.
  ///
  /// - Throws: `PipelineError.vectorizer` for an invalid configuration.
  init(configuration: VectorizerConfiguration, spillFolder folder: String) throws {
    do {
      if configuration.hashBits != nil {
        hashing = try HashedDocumentFrequencies(configuration: configuration)
      } else {
        vocabulary = try SpilledVocabularyFit(configuration: configuration, folder: folder)
      }
    } catch {
      throw PipelineError.vectorizer(error)
    }
  }

  /// Counts the next `documents`.
  ///
  /// - Throws: As ``SpilledVocabularyFit/add(_:)``.
  mutating func add(_ documents: [String]) throws {
    hashing?.add(documents)
    try vocabulary?.add(documents)
  }

  /// The fitted vectorizer.
  ///
  /// - Throws: `PipelineError.vectorizer` with the in-memory fit's error, or a reading
  ///   error of the spill files.
  func vectorizer() throws -> Vectorizer {
    if let vocabulary { return try vocabulary.vectorizer() }
    do throws(VectorizerError) {
      guard let hashing else { throw VectorizerError.noDocuments }
      return try hashing.vectorizer()
    } catch {
      throw PipelineError.vectorizer(error)
    }
  }
}
