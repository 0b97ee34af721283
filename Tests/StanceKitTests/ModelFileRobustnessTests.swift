import Classifier
import Foundation
import LinearAlgebra
import StanceKit
import StanceTestSupport
import Testing
import TextFeatures

/// Model files that pass the checksum but were crafted (or found by `make fuzz`) to break
/// the loader, and the numbers rule: no NaN or infinity is ever written into a model or
/// read out of one.
@Suite struct ModelFileRobustnessTests {
  /// The bytes of a small fitted model in vocabulary or hashing mode.
  private static func reference(hashing: Bool) throws -> [UInt8] {
    let settings =
      hashing ? try ModelFileFixtures.hashingSettings() : try ModelFileFixtures.vocabularySettings()
    let fitted = try ModelFileFixtures.fitted(settings, count: 30)
    return try ModelFile.encode(fitted.pipeline, metadata: fitted.metadata)
  }

  /// Decodes `bytes` and returns the refusal, or `nil` when the file was accepted.
  private static func refusal(_ bytes: [UInt8]) -> ModelFileError? {
    do {
      _ = try ModelFile.decode(bytes, path: "m.stance")
      return nil
    } catch {
      return error
    }
  }

  /// `header` with the vectorizer's `"documentCount":N` (the one just before
  /// `"featureHash"` in the sorted header) set to `value`.
  private static func settingVectorizerDocumentCount(in header: String, to value: String)
    throws -> String
  {
    let pattern = try #require(
      header.range(of: #""documentCount":[0-9]+,"featureHash""#, options: .regularExpression))
    return header.replacingCharacters(
      in: pattern, with: "\"documentCount\":\(value),\"featureHash\"")
  }

  // Found reading the loader for the fuzz target and confirmed by replaying the crafted
  // file through it (now Tests/Fuzz/corpus/modelfile/document-count-int-max.stance): a
  // document count of Int.max (checksum intact) made the idf formula
  // ln((1 + n) / (1 + df)) + 1 overflow `1 + n` and trap, crashing `stance predict`
  // instead of refusing the file.
  @Test(arguments: [false, true])
  func documentCountOfIntMaxIsRefusedWithoutOverflow(hashing: Bool) throws {
    let bytes = try Self.reference(hashing: hashing)
    let header = try ModelFileFixtures.headerText(of: bytes)
    let changed = try Self.settingVectorizerDocumentCount(in: header, to: "\(Int.max)")
    #expect(changed != header)
    let crafted = try ModelFileFixtures.replacingHeader(of: bytes, with: changed)
    // The stored idf no longer matches the recomputed one, so the file is refused; the
    // point is that it is refused with a typed error rather than a trap.
    guard case .inconsistent(let path, let detail) = Self.refusal(crafted) else {
      Issue.record("expected an inconsistent file")
      return
    }
    #expect(path == "m.stance")
    #expect(detail.contains("idf"), "\(detail)")
  }

  // MARK: - Non-finite and overflowing numbers

  /// `bytes` with the first weight (or intercept) replaced by `value`, resealed.
  private static func replacingFirst(
    _ section: String, of bytes: [UInt8], with values: [Double]
  ) throws -> [UInt8] {
    let anatomy = try ModelFileFixtures.Anatomy(bytes)
    let offset = try #require(anatomy.sections[section]).offset
    var file = bytes
    for (index, value) in values.enumerated() {
      for byte in 0..<8 {
        file[offset + 8 * index + byte] = UInt8(truncatingIfNeeded: value.bitPattern >> (8 * byte))
      }
    }
    return ModelFileFixtures.resealed(file)
  }

  @Test(arguments: [
    ("weights", Double.nan), ("weights", Double.infinity), ("intercepts", -Double.infinity),
    ("intercepts", Double.nan),
  ])
  func nonFiniteStoredNumberIsRefusedNamingIt(section: String, value: Double) throws {
    let bytes = try Self.replacingFirst(
      section, of: try Self.reference(hashing: false), with: [value])
    guard case .inconsistent(_, let detail) = Self.refusal(bytes) else {
      Issue.record("expected an inconsistent file")
      return
    }
    #expect(detail.contains("weight or intercept"), "\(detail)")
    #expect(detail.contains("finite"), "\(detail)")
  }

  // Finite weights near Double.greatestFiniteMagnitude passed the loader, then two of them
  // in one row added up to infinity and the softmax turned it into NaN probabilities (the
  // modelfile fuzz target's "probabilities are finite" property fails on
  // Tests/Fuzz/corpus/modelfile/huge-weights.stance without the fix).
  @Test(arguments: ["weights", "intercepts"])
  func hugeFiniteStoredNumberIsRefused(section: String) throws {
    let huge = Double.greatestFiniteMagnitude / 2
    let bytes = try Self.replacingFirst(
      section, of: try Self.reference(hashing: false), with: [huge, huge, huge])
    guard case .inconsistent(_, let detail) = Self.refusal(bytes) else {
      Issue.record("expected an inconsistent file")
      return
    }
    #expect(detail.contains("weight or intercept"), "\(detail)")
    #expect(detail.contains("1e+100") || detail.contains("1e100"), "\(detail)")
  }

  @Test func largestAllowedWeightStillGivesFiniteProbabilities() throws {
    // Every weight of every feature at the limit: the scores stay finite, so the softmax
    // gives probabilities that sum to 1.
    let fitted = try ModelFileFixtures.fitted(try ModelFileFixtures.vocabularySettings(), count: 30)
    let model = fitted.pipeline.model
    let limit = ModelFile.largestWeightMagnitude
    var storage = model.weights.storage
    for index in storage.indices { storage[index] = index % 2 == 0 ? limit : -limit }
    let pipeline = try Pipeline(
      vectorizer: fitted.pipeline.vectorizer,
      model: LogisticModel(
        labels: model.labels,
        weights: DenseMatrix(
          rows: model.weights.rows, columns: model.weights.columns, storage: storage),
        intercepts: model.intercepts.map { _ in limit }),
      report: fitted.pipeline.report)
    let bytes = try ModelFile.encode(pipeline, metadata: fitted.metadata)
    let loaded = try ModelFile.decode(bytes, path: "m.stance").pipeline
    let probabilities = loaded.probabilities(ModelFileFixtures.heldOut)
    for row in 0..<probabilities.rows {
      var sum = 0.0
      for column in 0..<probabilities.columns {
        #expect(probabilities[row, column].isFinite)
        sum += probabilities[row, column]
      }
      // Tolerance: rounding of K = 3 divisions.
      #expect(abs(sum - 1) <= 1e-12)
    }
  }

  @Test(arguments: [Double.nan, Double.infinity, Double.greatestFiniteMagnitude])
  func encodeRefusesWeightsItWouldRefuseToRead(value: Double) throws {
    let fitted = try ModelFileFixtures.fitted(try ModelFileFixtures.vocabularySettings(), count: 30)
    let model = fitted.pipeline.model
    var storage = model.weights.storage
    storage[storage.count / 2] = value
    let pipeline = try Pipeline(
      vectorizer: fitted.pipeline.vectorizer,
      model: LogisticModel(
        labels: model.labels,
        weights: DenseMatrix(
          rows: model.weights.rows, columns: model.weights.columns, storage: storage),
        intercepts: model.intercepts),
      report: fitted.pipeline.report)
    #expect {
      try ModelFile.encode(pipeline, metadata: fitted.metadata)
    } throws: { error in
      guard case .unencodable(let detail) = error as? ModelFileError else { return false }
      return detail.contains("weight")
    }
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect(throws: ModelFileError.self) {
      try ModelFile.write(pipeline, metadata: fitted.metadata, to: folder.file("m.stance"))
    }
    // Nothing is written under the model's name.
    #expect(try folder.names().isEmpty)
  }
}
