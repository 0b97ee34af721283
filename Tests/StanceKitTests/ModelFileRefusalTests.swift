import Foundation
import StanceKit
import StanceTestSupport
import Testing

/// Every damaged, foreign or newer file is refused with its own error.
@Suite struct ModelFileRefusalTests {
  /// A vocabulary-mode model with character n-grams, encoded.
  private static func reference() throws -> [UInt8] {
    let (pipeline, metadata) = try ModelFileFixtures.fitted(
      try ModelFileFixtures.vocabularySettings())
    return try ModelFile.encode(pipeline, metadata: metadata)
  }

  /// The error `bytes` are refused with, or `nil` if they load.
  private static func refusal(_ bytes: [UInt8]) -> ModelFileError? {
    do {
      _ = try ModelFile.decode(bytes, path: "m.stance")
      return nil
    } catch {
      return error
    }
  }

  /// Places in a model file, found from its anatomy.
  enum Place: String, CaseIterable {
    case insideMagic
    case atVersion
    case insideHeaderLength
    case lowHeaderLengthByte
    case insideHeader
    case justAfterHeader
    case insideTermBytes
    case insideWeights
    case insideIntercepts
    case insideChecksum

    func offset(in bytes: [UInt8]) throws -> Int {
      let anatomy = try ModelFileFixtures.Anatomy(bytes)
      func section(_ name: String) throws -> (offset: Int, length: Int) {
        try #require(anatomy.sections[name])
      }
      switch self {
      case .insideMagic: return 3
      case .atVersion: return 8
      case .insideHeaderLength: return 15
      case .lowHeaderLengthByte: return 13
      case .insideHeader: return 20 + anatomy.headerLength / 2
      case .justAfterHeader: return 20 + anatomy.headerLength + 1
      case .insideTermBytes: return try section("termBytes").offset + 5
      case .insideWeights:
        let weights = try section("weights")
        return weights.offset + weights.length / 2 + 3
      case .insideIntercepts: return try section("intercepts").offset + 12
      case .insideChecksum: return bytes.count - 2
      }
    }
  }

  @Test(arguments: Place.allCases)
  func truncatedFileIsRefusedWithTheLengthItNeeds(at place: Place) throws {
    let bytes = try Self.reference()
    let anatomy = try ModelFileFixtures.Anatomy(bytes)
    let cut = try place.offset(in: bytes)
    let expected: Int
    switch cut {
    case ..<24: expected = 24
    case ..<(20 + anatomy.headerLength + 4): expected = 20 + anatomy.headerLength + 4
    default: expected = bytes.count
    }
    #expect(
      Self.refusal(Array(bytes[0..<cut]))
        == .truncated(path: "m.stance", expected: expected, found: cut))
  }

  @Test func emptyFileIsRefusedAsEmpty() throws {
    #expect(Self.refusal([]) == .empty(path: "m.stance"))
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.file("empty.stance")
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    #expect(throws: ModelFileError.empty(path: path)) { try ModelFile.read(path: path) }
  }

  @Test(arguments: [
    "text,label\nWe will not back down.,hawkish\n", "{\"labels\": [\"a\", \"b\"]}",
    "\u{89}STANCE\r\n\u{1}",
    "x",
  ])
  func otherFilesAreNotModels(text: String) throws {
    #expect(Self.refusal(Array(text.utf8)) == .notAModel(path: "m.stance"))
  }

  static let flips: [(place: Place, mask: UInt8)] = [
    (.insideHeader, 0x10), (.justAfterHeader, 0x01), (.insideTermBytes, 0x04),
    (.insideWeights, 0x80), (.insideIntercepts, 0x01), (.insideChecksum, 0x20),
    (.lowHeaderLengthByte, 0x01),
  ]

  @Test(arguments: flips)
  func flippedBitFailsTheChecksum(at place: Place, mask: UInt8) throws {
    var bytes = try Self.reference()
    bytes[try place.offset(in: bytes)] ^= mask
    guard case .checksumMismatch(let path, let stored, let computed) = Self.refusal(bytes) else {
      Issue.record("expected a checksum mismatch, got \(String(describing: Self.refusal(bytes)))")
      return
    }
    #expect(path == "m.stance" && stored != computed)
  }

  @Test func flippedBitInTheHighHeaderLengthFailsTheChecksum() throws {
    var bytes = try Self.reference()
    bytes[19] ^= 0x80
    guard case .checksumMismatch = Self.refusal(bytes) else {
      Issue.record("expected a checksum mismatch, got \(String(describing: Self.refusal(bytes)))")
      return
    }
  }

  @Test(arguments: [0, 7])
  func flippedBitInTheMagicIsNotAModel(byte: Int) throws {
    var bytes = try Self.reference()
    bytes[byte] ^= 0x01
    #expect(Self.refusal(bytes) == .notAModel(path: "m.stance"))
  }

  @Test(arguments: [(2 as UInt32, true), (2, false), (0x8000_0001, true), (3, false)])
  func newerVersionIsRefusedAsNewer(version: UInt32, resealed: Bool) throws {
    var bytes = try Self.reference()
    for index in 0..<4 { bytes[8 + index] = UInt8((version >> (8 * index)) & 0xFF) }
    if resealed { bytes = ModelFileFixtures.resealed(bytes) }
    let error = Self.refusal(bytes)
    #expect(error == .newerVersion(path: "m.stance", found: version, supported: 1))
    #expect(error?.description.contains("upgrade StanceKit") == true)
  }

  @Test func versionZeroIsInconsistent() throws {
    var bytes = try Self.reference()
    bytes[8] = 0
    Self.expectInconsistent(ModelFileFixtures.resealed(bytes), mentioning: "version 0")
  }

  @Test func missingFileAndFolderAreUnreadable() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect {
      try ModelFile.read(path: folder.file("nothing.stance"))
    } throws: { error in
      guard case .unreadable(_, let reason) = error as? ModelFileError else { return false }
      return reason.contains("does not exist")
    }
    #expect {
      try ModelFile.read(path: folder.path)
    } throws: { error in
      guard case .unreadable(_, let reason) = error as? ModelFileError else { return false }
      return reason.contains("folder")
    }
  }

  // MARK: - Consistent checksum, inconsistent content

  @Test(arguments: [
    ("featureCount", "vocabulary summary"), ("termByteCount", "section table"),
    ("wordNGramCount", "term counts"),
  ])
  func headerCountsThatContradictTheSectionsAreInconsistent(key: String, fragment: String)
    throws
  {
    let bytes = try Self.reference()
    let header = try ModelFileFixtures.headerText(of: bytes)
    // Add one to the first occurrence of "key":N.
    let marker = "\"\(key)\":"
    let start = try #require(header.range(of: marker)).upperBound
    let digits = header[start...].prefix { $0.isNumber }
    let value = try #require(Int(digits))
    let changed =
      header[..<start] + String(value + 1) + header[header.index(start, offsetBy: digits.count)...]
    let error = Self.refusal(
      try ModelFileFixtures.replacingHeader(of: bytes, with: String(changed)))
    guard case .inconsistent(_, let detail) = error else {
      Issue.record("expected an inconsistent file, got \(String(describing: error))")
      return
    }
    #expect(detail.contains(fragment), "\(detail)")
  }

  @Test func headerThatIsNotJSONIsInconsistent() throws {
    let bytes = try Self.reference()
    Self.expectInconsistent(
      try ModelFileFixtures.replacingHeader(of: bytes, with: "not json"), mentioning: "header")
  }

  @Test func duplicateLabelsAreInconsistent() throws {
    let bytes = try Self.reference()
    let header = try ModelFileFixtures.headerText(of: bytes)
    let changed = header.replacingOccurrences(
      of: "\"labels\":[\"conciliatory\",\"hawkish\",\"neutral\"]",
      with: "\"labels\":[\"hawkish\",\"hawkish\",\"neutral\"]")
    #expect(changed != header)
    Self.expectInconsistent(
      try ModelFileFixtures.replacingHeader(of: bytes, with: changed), mentioning: "labels")
  }

  @Test func newerTokenizerIsUnsupported() throws {
    let bytes = try Self.reference()
    let header = try ModelFileFixtures.headerText(of: bytes)
    let changed = header.replacingOccurrences(
      of: "\"tokenizerSpec\":1", with: "\"tokenizerSpec\":2")
    #expect(changed != header)
    let error = Self.refusal(try ModelFileFixtures.replacingHeader(of: bytes, with: changed))
    guard case .unsupportedFeatures(_, let detail) = error else {
      Issue.record("expected unsupported features, got \(String(describing: error))")
      return
    }
    #expect(detail.contains("tokenizer spec 2"))
  }

  @Test func unsortedTermsAreInconsistent() throws {
    var bytes = try Self.reference()
    let anatomy = try ModelFileFixtures.Anatomy(bytes)
    let terms = try #require(anatomy.sections["termBytes"])
    bytes[terms.offset] = UInt8(ascii: "z")
    Self.expectInconsistent(ModelFileFixtures.resealed(bytes), mentioning: "sorted")
  }

  @Test func unknownTermKindIsInconsistent() throws {
    var bytes = try Self.reference()
    let anatomy = try ModelFileFixtures.Anatomy(bytes)
    bytes[try #require(anatomy.sections["termKinds"]).offset] = 7
    Self.expectInconsistent(ModelFileFixtures.resealed(bytes), mentioning: "term kind")
  }

  @Test func alteredIDFIsInconsistent() throws {
    var bytes = try Self.reference()
    let anatomy = try ModelFileFixtures.Anatomy(bytes)
    bytes[try #require(anatomy.sections["inverseDocumentFrequencies"]).offset + 6] ^= 0x01
    Self.expectInconsistent(ModelFileFixtures.resealed(bytes), mentioning: "idf")
  }

  @Test func nonFiniteWeightIsInconsistent() throws {
    var bytes = try Self.reference()
    let anatomy = try ModelFileFixtures.Anatomy(bytes)
    let weights = try #require(anatomy.sections["weights"]).offset
    for index in 0..<8 { bytes[weights + index] = index < 6 ? 0 : (index == 6 ? 0xF8 : 0x7F) }
    Self.expectInconsistent(ModelFileFixtures.resealed(bytes), mentioning: "finite")
  }

  @Test func nonZeroPaddingIsInconsistent() throws {
    var bytes = try Self.reference()
    let anatomy = try ModelFileFixtures.Anatomy(bytes)
    let kinds = try #require(anatomy.sections["termKinds"])
    let end = kinds.offset + kinds.length
    try #require(end % 8 != 0, "the fixture's term count must leave padding after the kinds")
    bytes[end] = 1
    Self.expectInconsistent(ModelFileFixtures.resealed(bytes), mentioning: "padding")
  }

  @Test func trailingBytesAreInconsistent() throws {
    let bytes = try Self.reference()
    let longer = Array(bytes.dropLast(4)) + [UInt8](repeating: 0, count: 8) + [0, 0, 0, 0]
    Self.expectInconsistent(ModelFileFixtures.resealed(longer), mentioning: "but the file has")
  }

  @Test func messagesNameTheFileAndWhatToDo() {
    let cases: [(ModelFileError, [String])] = [
      (.empty(path: "a.stance"), ["'a.stance'", "empty", "stance train"]),
      (.notAModel(path: "a.stance"), ["'a.stance'", "not a StanceKit model", "--model"]),
      (
        .newerVersion(path: "a.stance", found: 2, supported: 1),
        ["version 2", "up to 1", "upgrade"]
      ),
      (
        .truncated(path: "a.stance", expected: 100, found: 40),
        ["at least 100", "has 40", "copy it again"]
      ),
      (
        .checksumMismatch(path: "a.stance", stored: 0xAB, computed: 0xE306_9283),
        ["corrupted", "0x000000AB", "0xE3069283", "retrain", "download it again"]
      ),
      (.inconsistent(path: "a.stance", detail: "x"), ["'a.stance'", "x", "retrain"]),
    ]
    for (error, fragments) in cases {
      for fragment in fragments {
        #expect(error.description.contains(fragment), "\(error.description) lacks '\(fragment)'")
      }
    }
  }

  /// Expects `bytes` to be refused as inconsistent with a detail containing `fragment`.
  private static func expectInconsistent(
    _ bytes: [UInt8], mentioning fragment: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let error = refusal(bytes)
    guard case .inconsistent(let path, let detail) = error else {
      Issue.record(
        "expected an inconsistent file, got \(String(describing: error))",
        sourceLocation: sourceLocation)
      return
    }
    #expect(path == "m.stance", sourceLocation: sourceLocation)
    #expect(detail.contains(fragment), "\(detail)", sourceLocation: sourceLocation)
  }
}
