// Fuzz target: the tokenizer and the vectorizer (fit + transform).
//
// The input's bytes are tokenized as they are (ill-formed UTF-8 included), then split at
// line feeds into documents and vectorised under three settings (word 1–2 grams tf-idf;
// word 1–3 plus character 1–5 grams without case folding, sublinear tf, no
// normalisation; feature hashing with 2^6 buckets, binary weights). Properties checked:
// token ranges lie inside the buffer, are non-empty and hold no ASCII space;
// `fitTransform` gives the same matrix as `fit` then `transform`; every matrix is
// well-formed CSR with finite values, sorted in-range columns and L2 rows of norm ≤ 1;
// two threads give the same matrix as one (word settings only, to keep the target fast).

import LinearAlgebra
import TextFeatures

private func checkTokens(_ text: TokenizedText) {
  let count = text.bytes.count
  require(text.bytes.first == 0x20 && text.bytes.last == 0x20, "buffer is space-framed")
  for token in text.tokens {
    require(token.range.lowerBound >= 1 && token.range.upperBound < count, "token in range")
    require(!token.range.isEmpty, "token not empty")
    require(!text.bytes[token.range].contains(0x20), "token holds no space")
    require(text.bytes[token.range.upperBound] == 0x20, "token followed by a space")
  }
}

private func checkMatrix(_ matrix: SparseMatrix, rows: Int, columns: Int, l2: Bool) {
  require(matrix.rowCount == rows, "one row per document")
  require(matrix.columnCount == columns, "one column per feature")
  require(matrix.rowStarts.count == rows + 1 && matrix.rowStarts.first == 0, "row starts")
  require(matrix.rowStarts.last == matrix.values.count, "row starts end at nnz")
  for row in 0..<rows {
    let range = matrix.entryRange(ofRow: row)
    var previous = -1
    var sum = 0.0
    for entry in range {
      let column = Int(matrix.columnIndices[entry])
      require(column > previous && column < columns, "columns sorted and in range")
      previous = column
      let value = matrix.values[entry]
      require(value.isFinite, "feature value \(value) at row \(row) is finite")
      sum += Double(value) * Double(value)
    }
    if l2 { require(sum <= 1 + 1e-4, "L2 row norm² \(sum) ≤ 1") }
  }
}

private func vectorise(_ documents: [String], _ configuration: VectorizerConfiguration) {
  let fitted: (vectorizer: Vectorizer, matrix: SparseMatrix)
  do {
    fitted = try Vectorizer.fitTransform(documents, configuration: configuration)
  } catch {
    require(!error.description.isEmpty, "an error has a message")
    return
  }
  let l2 = configuration.weighting.normalization == .l2
  checkMatrix(
    fitted.matrix, rows: documents.count, columns: fitted.vectorizer.featureCount, l2: l2)
  let again = fitted.vectorizer.transform(documents)
  require(again == fitted.matrix, "fitTransform equals fit + transform")
  if let idf = fitted.vectorizer.inverseDocumentFrequencies {
    require(idf.allSatisfy { $0.isFinite && $0 >= 1 }, "idf finite and ≥ 1")
  }
  if documents.count > 1 && configuration.characterNGrams == nil {
    var threaded = configuration
    threaded.threads = 2
    if let other = try? Vectorizer.fitTransform(documents, configuration: threaded) {
      require(other.matrix == fitted.matrix, "two threads give the same matrix as one")
    } else {
      require(false, "two threads fail where one succeeds")
    }
  }
}

private let settings: [VectorizerConfiguration] = {
  var words = VectorizerConfiguration()
  words.threads = 1
  var characters = VectorizerConfiguration(
    foldsCase: false, wordNGrams: try? NGramRange(1...3), characterNGrams: try? NGramRange(1...5),
    weighting: TermWeighting(
      scheme: .termFrequency, sublinearTermFrequency: true, normalization: .disabled))
  characters.threads = 1
  let hashing = VectorizerConfiguration(
    characterNGrams: try? NGramRange(2...3), hashBits: 6,
    weighting: TermWeighting(scheme: .binary))
  return [words, characters, hashing]
}()

/// libFuzzer's entry point: runs one input through the tokenizer and vectorizer.
///
/// - Parameters:
///   - data: The input bytes.
///   - size: Their count.
/// - Returns: 0 (a finding stops the process).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = inputBytes(data, size)
  let tokenizer = Tokenizer()
  checkTokens(tokenizer.tokenize(utf8: bytes))
  checkTokens(Tokenizer(foldsCase: false).tokenize(utf8: bytes))
  let documents = String(decoding: bytes, as: UTF8.self)
    .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  for configuration in settings { vectorise(documents, configuration) }
  return 0
}
