import Classifier
import Foundation
import LinearAlgebra
import StanceKit
import StanceSupport
import StanceTestSupport
import Testing
import TextFeatures

/// Round trips, determinism and the exact byte layout of `.stance` files.
@Suite struct ModelFileTests {
  enum Mode: String, CaseIterable {
    case vocabulary
    case hashing

    func settings() throws -> VectorizerConfiguration {
      self == .vocabulary
        ? try ModelFileFixtures.vocabularySettings() : try ModelFileFixtures.hashingSettings()
    }
  }

  @Test(arguments: Mode.allCases)
  func roundTripGivesTheSamePipelineAndProbabilities(mode: Mode) throws {
    let (pipeline, metadata) = try ModelFileFixtures.fitted(try mode.settings())
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("model.stance")
    try ModelFile.write(pipeline, metadata: metadata, to: path)
    let loaded = try ModelFile.read(path: path)

    #expect(loaded.pipeline == pipeline)
    #expect(loaded.metadata == metadata)
    #expect(loaded.pipeline.vectorizer.configuration.characterNGrams != nil)
    #expect(try folder.names() == ["model.stance"])
    let texts = ModelFileFixtures.heldOut
    // Equal pipelines compute the same floating-point operations: no tolerance.
    #expect(loaded.pipeline.probabilities(texts) == pipeline.probabilities(texts))
    #expect(loaded.pipeline.predict(texts) == pipeline.predict(texts))
    #expect(
      loaded.pipeline.explain(texts[0], forClass: 0, count: 5).map(\.feature)
        == pipeline.explain(texts[0], forClass: 0, count: 5).map(\.feature))
  }

  @Test func temperatureIsStoredAndApplied() throws {
    let (pipeline, metadata) = try ModelFileFixtures.fitted(try Mode.vocabulary.settings())
    let calibrated = try pipeline.withTemperature(1.7)
    let loaded = try ModelFile.decode(
      try ModelFile.encode(calibrated, metadata: metadata), path: "calibrated.stance")
    #expect(loaded.pipeline.temperature == 1.7)
    #expect(loaded.pipeline == calibrated)
    let texts = ModelFileFixtures.heldOut
    #expect(loaded.pipeline.probabilities(texts) == calibrated.probabilities(texts))
    #expect(loaded.pipeline.probabilities(texts) != pipeline.probabilities(texts))
    // An uncalibrated model has no temperature key, so its bytes are as before.
    let plain = String(decoding: try ModelFile.encode(pipeline, metadata: metadata), as: UTF8.self)
    #expect(!plain.contains("\"temperature\""))
  }

  @Test func vectorScalingIsStoredAndApplied() throws {
    let (pipeline, metadata) = try ModelFileFixtures.fitted(try Mode.vocabulary.settings())
    let map = VectorScaling.Map(
      scales: pipeline.labels.indices.map { 0.5 + Double($0) / 4 },
      biases: pipeline.labels.indices.map { Double($0) / 10 })
    let calibrated = try pipeline.withVectorScaling(map)
    let loaded = try ModelFile.decode(
      try ModelFile.encode(calibrated, metadata: metadata), path: "calibrated.stance")
    #expect(loaded.pipeline.vectorScaling == map)
    #expect(loaded.pipeline == calibrated)
    let texts = ModelFileFixtures.heldOut
    #expect(loaded.pipeline.probabilities(texts) == calibrated.probabilities(texts))
    #expect(loaded.pipeline.probabilities(texts) != pipeline.probabilities(texts))
    #expect(throws: PipelineError.self) {
      try pipeline.withVectorScaling(VectorScaling.Map(scales: [1], biases: [0]))
    }
    let plain = String(decoding: try ModelFile.encode(pipeline, metadata: metadata), as: UTF8.self)
    #expect(!plain.contains("\"vectorScaling\""))
  }

  @Test func vocabularyModeKeepsTermsOfBothKinds() throws {
    let (pipeline, metadata) = try ModelFileFixtures.fitted(try Mode.vocabulary.settings())
    let loaded = try ModelFile.decode(
      try ModelFile.encode(pipeline, metadata: metadata), path: "memory")
    let vocabulary = try #require(loaded.pipeline.vectorizer.vocabulary)
    #expect(vocabulary.terms == pipeline.vectorizer.vocabulary?.terms)
    #expect(vocabulary.terms.contains(Term("über", kind: .wordNGram)))
    #expect(vocabulary.terms.contains(Term("ür", kind: .characterNGram)))
    #expect(
      vocabulary.index(of: Term("peace talks"))
        == pipeline.vectorizer.vocabulary?
        .index(of: Term("peace talks")))
  }

  @Test(arguments: Mode.allCases)
  func writingTwiceGivesIdenticalBytes(mode: Mode) throws {
    let (pipeline, metadata) = try ModelFileFixtures.fitted(try mode.settings())
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try ModelFile.write(pipeline, metadata: metadata, to: folder.file("a.stance"))
    try ModelFile.write(pipeline, metadata: metadata, to: folder.file("b.stance"))
    let first = try Data(contentsOf: URL(fileURLWithPath: folder.file("a.stance")))
    let second = try Data(contentsOf: URL(fileURLWithPath: folder.file("b.stance")))
    #expect(first == second)
    // Training again on the same data with the same settings gives the same file too.
    let (again, _) = try ModelFileFixtures.fitted(try mode.settings())
    #expect(try ModelFile.encode(again, metadata: metadata) == Array(first))
  }

  @Test func layoutIsAsDocumented() throws {
    let (pipeline, metadata) = try ModelFileFixtures.fitted(try Mode.vocabulary.settings())
    let bytes = try ModelFile.encode(pipeline, metadata: metadata)
    #expect(Array(bytes[0..<8]) == [0x89, 0x53, 0x54, 0x41, 0x4E, 0x43, 0x45, 0x0A])
    #expect(Array(bytes[8..<12]) == [1, 0, 0, 0])
    let anatomy = try ModelFileFixtures.Anatomy(bytes)
    #expect(
      bytes[20] == UInt8(ascii: "{") && bytes[20 + anatomy.headerLength - 1] == UInt8(ascii: "}"))
    #expect(
      (anatomy.header.keys.sorted())
        == [
          "data", "featureCount", "labels", "optimization", "sections", "toolVersion",
          "training", "vectorizer",
        ])
    let d = pipeline.vectorizer.featureCount
    let k = pipeline.labels.count
    #expect(anatomy.header["featureCount"] as? Int == d)
    #expect(anatomy.header["labels"] as? [String] == ["conciliatory", "hawkish", "neutral"])
    let data = try #require(anatomy.header["data"] as? [String: Any])
    #expect(data["documentCount"] as? Int == 90)
    #expect(
      data["classCounts"] as? [String: Int] == ["conciliatory": 30, "hawkish": 30, "neutral": 30])
    #expect(
      data["fingerprint"] as? String
        == String(metadata.data.fingerprint, radix: 16).leftPadded(to: 16))

    // Sections in file order, 8-byte aligned, sizes from the counts, CRC at the end.
    let order = [
      "termBytes", "termOffsets", "termKinds", "documentFrequencies",
      "inverseDocumentFrequencies", "weights", "intercepts",
    ]
    let offsets = order.compactMap { anatomy.sections[$0]?.offset }
    #expect(offsets.count == order.count && offsets == offsets.sorted())
    #expect(offsets.allSatisfy { $0 % 8 == 0 })
    #expect(anatomy.sections["termOffsets"]?.length == 8 * (d + 1))
    #expect(anatomy.sections["termKinds"]?.length == d)
    #expect(anatomy.sections["documentFrequencies"]?.length == 8 * d)
    #expect(anatomy.sections["inverseDocumentFrequencies"]?.length == 8 * d)
    #expect(anatomy.sections["weights"]?.length == 8 * d * k)
    let intercepts = try #require(anatomy.sections["intercepts"])
    #expect(intercepts.offset + intercepts.length + 4 == bytes.count)

    // Weight (j, c) is at weights + 8·(j·K + c), little-endian; intercepts likewise.
    func double(at offset: Int) -> Double {
      var bits: UInt64 = 0
      for index in (offset..<(offset + 8)).reversed() { bits = bits << 8 | UInt64(bytes[index]) }
      return Double(bitPattern: bits)
    }
    let weights = try #require(anatomy.sections["weights"]).offset
    #expect(double(at: weights + 8 * (5 * k + 2)) == pipeline.model.weights[5, 2])
    #expect(double(at: intercepts.offset + 8) == pipeline.model.intercepts[1])
    let terms = try #require(anatomy.sections["termBytes"])
    let firstTerm = try #require(pipeline.vectorizer.vocabulary?.term(at: 0).text)
    #expect(
      Array(bytes[terms.offset..<(terms.offset + firstTerm.utf8.count)]) == Array(firstTerm.utf8))
    var stored: UInt32 = 0
    for index in (bytes.count - 4..<bytes.count).reversed() {
      stored = stored << 8 | UInt32(bytes[index])
    }
    #expect(stored == CRC32C.checksum(Array(bytes.dropLast(4))))
  }

  @Test func headerIsCanonicalJSON() throws {
    let (pipeline, metadata) = try ModelFileFixtures.fitted(try Mode.hashing.settings())
    let text = try ModelFileFixtures.headerText(of: ModelFile.encode(pipeline, metadata: metadata))
    #expect(!text.contains("\n") && !text.contains(": "))
    #expect(text.hasPrefix("{\"data\":{\"classCounts\":{\"conciliatory\":30,"))
    #expect(text.contains("\"hashing\":{\"bits\":12,\"bucketCount\":4096,"))
    #expect(text.contains("\"mode\":\"hashing\""))
    #expect(text.contains("\"toolVersion\":\"\(ModelMetadata.currentToolVersion)\""))
    #expect(!text.contains("\"vocabulary\""))
  }

  @Test func unknownHeaderKeysAreIgnored() throws {
    let (pipeline, metadata) = try ModelFileFixtures.fitted(try Mode.vocabulary.settings())
    let bytes = try ModelFile.encode(pipeline, metadata: metadata)
    let header = try ModelFileFixtures.headerText(of: bytes)
    let extended =
      "{\"annotations\":{\"reviewer\":\"x\"},\"provenance\":[1,2],"
      + header.dropFirst()
    let loaded = try ModelFile.decode(
      try ModelFileFixtures.replacingHeader(of: bytes, with: extended), path: "extended")
    #expect(loaded.pipeline == pipeline)
    #expect(loaded.metadata == metadata)
  }

  @Test func fingerprintFollowsItsDefinition() throws {
    // One example ("a", "b"): u64(1) u64(1) "a" u64(1) "b", FNV-1a 64, then fmix64.
    var bytes: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x61]
    bytes += [1, 0, 0, 0, 0, 0, 0, 0, 0x62]
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    hash ^= hash >> 33
    hash = hash &* 0xFF51_AFD7_ED55_8CCD
    hash ^= hash >> 33
    hash = hash &* 0xC4CE_B9FE_1A85_EC53
    hash ^= hash >> 33
    #expect(try TrainingDataSummary.fingerprint(texts: ["a"], labels: ["b"]) == hash)
    // The length prefixes keep the split between text and label.
    #expect(
      try TrainingDataSummary.fingerprint(texts: ["ab"], labels: ["c"])
        != TrainingDataSummary.fingerprint(texts: ["a"], labels: ["bc"]))
    #expect(
      try TrainingDataSummary.fingerprint(texts: ["x", "y"], labels: ["p", "q"])
        != TrainingDataSummary.fingerprint(texts: ["y", "x"], labels: ["q", "p"]))
    #expect(throws: PipelineError.self) {
      try TrainingDataSummary.fingerprint(texts: ["a"], labels: [])
    }
  }

  @Test(arguments: [(1 << 16, Mode.vocabulary), (1 << 16, .hashing)])
  func largeSyntheticModelRoundTrips(featureCount: Int, mode: Mode) throws {
    let (pipeline, metadata) = try Self.syntheticPipeline(featureCount: featureCount, mode: mode)
    let loaded = try ModelFile.decode(
      try ModelFile.encode(pipeline, metadata: metadata), path: "synthetic")
    #expect(loaded.pipeline == pipeline)
    #expect(loaded.pipeline.vectorizer.featureCount == featureCount)
  }

  @Test func refusesToStoreNonFiniteWeights() throws {
    let (pipeline, metadata) = try Self.syntheticPipeline(featureCount: 4, mode: .vocabulary)
    var weights = pipeline.model.weights
    weights[1, 1] = .nan
    let broken = try Pipeline(
      vectorizer: pipeline.vectorizer,
      model: LogisticModel(labels: pipeline.labels, weights: weights, intercepts: [0, 0, 0]),
      report: pipeline.report)
    #expect {
      try ModelFile.encode(broken, metadata: metadata)
    } throws: { error in
      guard case .unencodable(let detail) = error as? ModelFileError else { return false }
      return detail.contains("not a finite number")
    }
  }

  @Test func writeIntoMissingFolderIsCannotCreate() throws {
    let (pipeline, metadata) = try Self.syntheticPipeline(featureCount: 4, mode: .vocabulary)
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect {
      try ModelFile.write(pipeline, metadata: metadata, to: folder.file("missing/m.stance"))
    } throws: { error in
      guard case .cannotWrite(.cannotCreate(_, let reason)) = error as? ModelFileError else {
        return false
      }
      return reason.contains("does not exist")
    }
    #expect(try folder.names().isEmpty)
  }

  /// A pipeline with `featureCount` features built directly from parts: sorted synthetic
  /// terms `t0000000 …` (or `2^k` hash buckets), seeded weights, three classes.
  static func syntheticPipeline(featureCount: Int, mode: Mode) throws
    -> (pipeline: Pipeline, metadata: ModelMetadata)
  {
    var generator = SplitMix64(seed: 42)
    let documentCount = 1000
    let frequencies = (0..<featureCount).map { _ in 1 + Int(generator.next() % 999) }
    let vectorizer: Vectorizer
    switch mode {
    case .vocabulary:
      var bytes: [UInt8] = []
      var starts = [0]
      for index in 0..<featureCount {
        let digits = String(index)
        bytes += Array(("t" + String(repeating: "0", count: 7 - digits.count) + digits).utf8)
        starts.append(bytes.count)
      }
      let vocabulary = try Vocabulary(
        flattenedBytes: bytes, starts: starts,
        kinds: [FeatureKind](repeating: .wordNGram, count: featureCount),
        documentFrequencies: frequencies, documentCount: documentCount)
      vectorizer = try Vectorizer(configuration: VectorizerConfiguration(), vocabulary: vocabulary)
    case .hashing:
      let bits = featureCount.trailingZeroBitCount
      vectorizer = try Vectorizer(
        configuration: VectorizerConfiguration(hashBits: bits), documentCount: documentCount,
        columnDocumentFrequencies: frequencies.map { $0 % 3 == 0 ? 0 : $0 })
    }
    let storage = (0..<(3 * featureCount)).map { _ in
      Double(Int64(bitPattern: generator.next() >> 11)) / Double(1 << 50)
    }
    let model = LogisticModel(
      labels: ["negative", "neutral", "positive"],
      weights: DenseMatrix(rows: featureCount, columns: 3, storage: storage),
      intercepts: [-0.25, 0.125, 0.125])
    let report = OptimizationReport(
      iterations: 17, innerIterations: 0, functionEvaluations: 19, finalObjective: 123.456,
      finalGradientNorm: 1e-5, initialGradientNorm: 12.5, stopReason: .converged)
    let pipeline = try Pipeline(vectorizer: vectorizer, model: model, report: report)
    let metadata = ModelMetadata(
      training: TrainingConfiguration(threads: 1),
      data: TrainingDataSummary(
        documentCount: documentCount,
        classCounts: ["negative": 300, "neutral": 400, "positive": 300],
        fingerprint: 0x0123_4567_89AB_CDEF))
    return (pipeline, metadata)
  }
}

extension String {
  /// The string with `0`s in front up to `length` characters.
  fileprivate func leftPadded(to length: Int) -> String {
    String(repeating: "0", count: max(0, length - count)) + self
  }
}
