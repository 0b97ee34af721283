// Fuzz target: the model-file loader (ModelFile.decode).
//
// Each input is decoded twice: as it is, and with its last four bytes replaced by the
// CRC-32C of the rest, so that mutations get past the checksum and reach the header and
// section checks. A refused file must give a ModelFileError with a message. An accepted
// file must give a pipeline that predicts finite probabilities summing to 1 for a few
// texts, explains a prediction, and re-encodes to bytes that decode and re-encode to the
// same bytes.

import Foundation
import LinearAlgebra
import StanceKit
import StanceSupport

private let texts = [
  "We will not hesitate to respond with force.", "Both sides agreed to talk.", "",
  "über naïve Zürich — paix", "@user #tag https://example.org/x 3.14",
]

private func exercise(_ bytes: [UInt8]) {
  let loaded: (pipeline: Pipeline, metadata: ModelMetadata)
  do {
    loaded = try ModelFile.decode(bytes, path: "fuzz.stance")
  } catch {
    require(!error.description.isEmpty, "an error has a message")
    return
  }
  let pipeline = loaded.pipeline
  let probabilities = pipeline.probabilities(texts)
  require(probabilities.rows == texts.count, "one row per text")
  require(probabilities.columns == pipeline.labels.count, "one column per label")
  for row in 0..<probabilities.rows {
    var sum = 0.0
    for column in 0..<probabilities.columns {
      let value = probabilities[row, column]
      require(value.isFinite && value >= 0 && value <= 1, "probability \(value) in [0, 1]")
      sum += value
    }
    require(abs(sum - 1) <= 1e-9, "probabilities sum to 1, not \(sum)")
  }
  require(pipeline.predict(texts).count == texts.count, "one label per text")
  _ = pipeline.explain(texts[0], forClass: 0, count: 3)
  do {
    let encoded = try ModelFile.encode(pipeline, metadata: loaded.metadata)
    let decoded = try ModelFile.decode(encoded, path: "fuzz.stance")
    let again = try ModelFile.encode(decoded.pipeline, metadata: decoded.metadata)
    require(encoded == again, "encode ∘ decode ∘ encode is stable")
  } catch {
    require(false, "an accepted model fails to re-encode or decode: \(error)")
  }
}

/// libFuzzer's entry point: runs one input through the model-file loader.
///
/// - Parameters:
///   - data: The input bytes.
///   - size: Their count.
/// - Returns: 0 (a finding stops the process).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var bytes = inputBytes(data, size)
  exercise(bytes)
  if bytes.count >= 24 {
    let checked = bytes.count - 4
    let checksum = bytes.withUnsafeBytes {
      CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<checked]))
    }
    for index in 0..<4 {
      bytes[checked + index] = UInt8(truncatingIfNeeded: checksum >> (8 * index))
    }
    exercise(bytes)
  }
  return 0
}
