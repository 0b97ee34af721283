import Foundation
import LinearAlgebra
import StanceTestSupport
import Testing

@testable import TextFeatures

/// scikit-learn parity against `data/fixtures/parity/reference.json`.
///
/// The fixture is written by `Benchmarks/peers/sklearn_parity.py` (format in
/// `Benchmarks/peers/README.md`). Identical tokens per document, identical vocabulary, idf
/// within 1e-12 and tf-idf values within 1e-6.
struct ParityTests {
  static let referencePath = "fixtures/parity/reference.json"

  struct Reference: Decodable {
    struct Matrix: Decodable {
      let rows: Int
      let columns: Int
      let indptr: [Int]
      let indices: [Int32]
      let data: [Double]
    }
    struct Split: Decodable {
      let tokens: [[String]]
      let tfidf: Matrix
    }
    let vocabulary: [String]
    let idf: [Double]
    let train: Split
    let test: Split
  }

  @Test
  func matchesScikitLearn() throws {
    let reference = try JSONDecoder().decode(
      Reference.self, from: Fixtures.contents(of: Self.referencePath))
    let train = try Self.texts(of: "fixtures/parity/train.csv")
    let test = try Self.texts(of: "fixtures/parity/test.csv")
    let tokenizer = Tokenizer()
    for (split, documents) in [(reference.train, train), (reference.test, test)] {
      try #require(documents.count == split.tokens.count)
      for (document, tokens) in zip(documents, split.tokens) {
        #expect(tokenizer.tokenTexts(document) == tokens, "document: \(document)")
      }
    }
    let configuration = VectorizerConfiguration(wordNGrams: .unigramsAndBigrams)
    let (vectorizer, trainMatrix) = try Vectorizer.fitTransform(train, configuration: configuration)
    #expect(vectorizer.vocabulary?.terms.map(\.text) == reference.vocabulary)
    let idf = try #require(vectorizer.inverseDocumentFrequencies)
    // Both sides compute ln((1 + n) / (1 + df)) + 1 in Double: 1e-12.
    #expect(maxAbsoluteDifference(idf, reference.idf) < 1e-12)
    for (matrix, expected) in [
      (trainMatrix, reference.train.tfidf), (vectorizer.transform(test), reference.test.tfidf),
    ] {
      #expect(matrix.rowCount == expected.rows && matrix.columnCount == expected.columns)
      #expect(matrix.rowStarts == expected.indptr)
      #expect(matrix.columnIndices == expected.indices)
      // Float32 storage of values in [0, 1]: 1e-6.
      #expect(maxAbsoluteDifference(matrix.values.map(Double.init), expected.data) < 1e-6)
    }
  }

  /// The `text` column of an RFC 4180 CSV file below `data/`.
  static func texts(of path: String) throws -> [String] {
    let records = parseCSV(String(decoding: try Fixtures.contents(of: path), as: UTF8.self))
    let header = try #require(records.first)
    let column = try #require(header.firstIndex(of: "text"))
    return records.dropFirst().filter { $0 != [""] }.map { $0[column] }
  }

  /// A small RFC 4180 reader (quoted fields, doubled quotes, CRLF, BOM) for fixtures.
  static func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      if quoted {
        if scalar == "\"" {
          if index < scalars.count && scalars[index] == "\"" {
            field.unicodeScalars.append("\"")
            index += 1
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"": quoted = true
      case ",":
        record.append(field)
        field = ""
      case "\r" where index < scalars.count && scalars[index] == "\n":
        break
      case "\n":
        record.append(field)
        records.append(record)
        record = []
        field = ""
      default: field.unicodeScalars.append(scalar)
      }
    }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }

  @Test func csvReaderHandlesQuotes() {
    #expect(
      Self.parseCSV("\u{FEFF}text,label\r\n\"a, \"\"b\"\"\nc\",x\nd,y")
        == [["text", "label"], ["a, \"b\"\nc", "x"], ["d", "y"]])
  }
}
