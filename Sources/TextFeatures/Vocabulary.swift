/// The learned term ↔ column map of a fitted ``Vectorizer``, with document frequencies.
///
/// Indices follow sorted term order (``Term``'s order: word n-grams by UTF-8 bytes, then
/// character n-grams by UTF-8 bytes), so the same corpus and settings always give the same
/// columns. Lookups hash the term's bytes with the frozen ``FeatureHasher`` hash into an
/// open-addressing table; no `String` is built per lookup on the transform path.
public struct Vocabulary: Sendable, Equatable, Codable {
  /// The terms in index order.
  private(set) var table: TermTable
  /// For each term, the number of training documents that contain it.
  public let documentFrequencies: [Int]
  /// The number of training documents.
  public let documentCount: Int

  /// Wraps a table whose ids are already in sorted term order.
  init(table: TermTable, documentFrequencies: [Int], documentCount: Int) {
    self.table = table
    self.documentFrequencies = documentFrequencies
    self.documentCount = documentCount
  }

  /// The number of terms (columns).
  public var count: Int { table.count }

  /// Frees the lookup slots (see ``TermTable/dropSlots()``).
  mutating func dropLookupSlots() {
    table.dropSlots()
  }

  /// Builds the lookup slots of a vocabulary that has none from its terms' known hashes
  /// (see ``TermTable/placeSlots(hashes:threads:)``).
  mutating func placeLookupSlots(hashes: [UInt64], threads: Int) {
    table.placeSlots(hashes: hashes, threads: threads)
  }

  /// Rebuilds dropped lookup slots (see ``TermTable/restoreSlots(threads:)``).
  mutating func restoreLookupSlots(threads: Int) {
    table.restoreSlots(threads: threads)
  }

  /// The term at column `index`.
  ///
  /// - Parameter index: A column in `0 ..< count`.
  /// - Returns: The term.
  public func term(at index: Int) -> Term {
    table.term(at: index)
  }

  /// Every term, in index order.
  public var terms: [Term] {
    (0..<count).map { table.term(at: $0) }
  }

  /// The column of `term`, or `nil` when it is not in the vocabulary.
  ///
  /// - Parameter term: A term.
  /// - Returns: Its index.
  public func index(of term: Term) -> Int? {
    precondition(table.hasSlots, "Vocabulary looked up while its lookup slots are dropped")
    let bytes = Array(term.text.utf8)
    let id = bytes.withUnsafeBufferPointer { buffer in
      let range = 0..<buffer.count
      return table.find(
        buffer, range, kind: term.kind,
        hash: FeatureHasher.hash(buffer, range, kind: term.kind))
    }
    return id < 0 ? nil : Int(id)
  }

  /// Prunes counted terms by document frequency and `maxFeatures`, and numbers the
  /// survivors in sorted term order.
  ///
  /// The candidates are already in sorted term order, so ranking ties (equal document
  /// frequency) are broken by merged index, which is the same as by term bytes, and the
  /// survivors keep their relative order.
  ///
  /// - Parameters:
  ///   - candidates: Every term seen, merged into sorted term order.
  ///   - documentCount: The number of training documents.
  ///   - configuration: The pruning settings.
  /// - Returns: The vocabulary, whose lookup slots are not built yet (see
  ///   ``placeLookupSlots(hashes:threads:)``), the hash of each of its terms by column and,
  ///   for each candidate (by merged index), its column or `-1`.
  /// - Throws: ``VectorizerError/noTerms(documentCount:)``,
  ///   ``VectorizerError/emptyVocabulary(documentCount:candidateTermCount:)`` (also when the
  ///   minimum exceeds the corpus size) or
  ///   ``VectorizerError/maxDocumentFrequencyBelowMinimum(minimum:maximum:documentCount:)``.
  /// - Complexity: O(T) for T candidates, plus O(T log T) when `maxFeatures` cuts.
  static func pruning(
    _ candidates: CandidateTerms, documentCount: Int, configuration: VectorizerConfiguration
  ) throws(VectorizerError) -> (vocabulary: Vocabulary, hashes: [UInt64], columns: [Int32]) {
    let rule = VocabularyPruning(configuration: configuration, documentCount: documentCount)
    try rule.checkLimits(candidateCount: candidates.count)
    let frequencies = candidates.documentFrequencies
    var kept = (0..<candidates.count).filter { rule.admits(frequencies[$0]) }
    if let maxFeatures = rule.maxFeatures, kept.count > maxFeatures {
      kept.sort { VocabularyPruning.ranksBefore((frequencies[$0], $0), (frequencies[$1], $1)) }
      kept.removeSubrange(maxFeatures...)
      kept.sort()
    }
    try rule.checkKept(kept.count, candidateCount: candidates.count)
    var columns = [Int32](repeating: -1, count: candidates.count)
    for (column, merged) in kept.enumerated() {
      columns[merged] = Int32(truncatingIfNeeded: column)
    }
    let (table, hashes) = candidates.table(selecting: kept)
    return (
      Vocabulary(
        table: table, documentFrequencies: kept.map { frequencies[$0] },
        documentCount: documentCount),
      hashes, columns
    )
  }

  private enum CodingKeys: String, CodingKey {
    case documentCount
    case wordNGrams
    case characterNGrams
    case documentFrequencies
  }

  /// Encodes the terms as two sorted string lists (word n-grams, then character n-grams)
  /// plus the document frequencies in index order.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    let all = terms
    try container.encode(documentCount, forKey: .documentCount)
    try container.encode(all.filter { $0.kind == .wordNGram }.map(\.text), forKey: .wordNGrams)
    try container.encode(
      all.filter { $0.kind == .characterNGram }.map(\.text), forKey: .characterNGrams)
    try container.encode(documentFrequencies, forKey: .documentFrequencies)
  }

  /// Decodes a vocabulary through the one restore path,
  /// ``init(flattenedBytes:starts:kinds:documentFrequencies:documentCount:threads:)``,
  /// which checks that the terms are sorted and unique, that there is one document frequency
  /// per term, each in `1 ... documentCount`, and that there is at least one term.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` when the data breaks an invariant.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let documentCount = try container.decode(Int.self, forKey: .documentCount)
    let words = try container.decode([String].self, forKey: .wordNGrams)
    let characters = try container.decode([String].self, forKey: .characterNGrams)
    let frequencies = try container.decode([Int].self, forKey: .documentFrequencies)
    var bytes: [UInt8] = []
    var starts = [0]
    for text in words + characters {
      bytes.append(contentsOf: text.utf8)
      starts.append(bytes.count)
    }
    let kinds =
      [FeatureKind](repeating: .wordNGram, count: words.count)
      + [FeatureKind](repeating: .characterNGram, count: characters.count)
    do {
      self = try Vocabulary(
        flattenedBytes: bytes, starts: starts, kinds: kinds, documentFrequencies: frequencies,
        documentCount: documentCount)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }
}
